"""The station's print job for one package label: rendering the label's PDF onto a Qt printer at Qt's
high-resolution default (1,200 dpi) against the printer's own resolution (203 dpi, as Settings say), with
the floor, ReportLab writing the label's PDF, measured in the same run.

    uv run python bench/label_job_bench.py [--repeats 7]

The printer is Qt's PDF output (no CUPS needed); what is timed is what the station waits for between the seal
and the next scan: `ui.pdf_printing.print_pdf` of one 100x150 label.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from printing import demo  # noqa: E402
from printing.labels import render_labels  # noqa: E402
from ui.pdf_printing import print_pdf  # noqa: E402


def timed(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _run in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    _app = QApplication(sys.argv[:1])
    labels = demo.labels(1)
    floor = timed(lambda: render_labels(labels, "100x150", dpi=203), args.repeats)
    pdf = render_labels(labels, "100x150", dpi=203)
    folder = tempfile.mkdtemp()

    def job(dpi: int | None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(f"{folder}/job.pdf")
        if dpi is not None:
            printer.setResolution(dpi)
        print_pdf(pdf, printer)

    default = timed(lambda: job(None), args.repeats)
    own = timed(lambda: job(203), args.repeats)
    print(f"{'case':44} {'median':>9} {'x floor':>8}")
    for name, value in (("floor: ReportLab writes the label PDF", floor),
                        ("print job at Qt's default (1,200 dpi)", default),
                        ("print job at the printer's 203 dpi", own)):
        print(f"{name:44} {value * 1000:7.1f}ms {value / floor:7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
