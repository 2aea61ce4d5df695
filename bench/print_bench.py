"""Printing benchmark: median time and peak memory of the documents that are printed in bulk.

    uv run python bench/print_bench.py            # one label, 2,000 labels (PDF and ZPL), 2,000-line manifest
    uv run python bench/print_bench.py --full     # also 20,000 labels, in one file and in files of 1,000
    uv run python bench/print_bench.py --decode   # also the decode table: every layout, kind and printer

Each case runs in a fresh process, so its peak resident memory (ru_maxrss) is its own. The floor is plain
ReportLab drawing 2,000 pages of a label's worth of text and bars in our font, in the same run; each label
case prints its ratio to it. Goals on the 2-core workstation (issue 4): 2,000 labels (100x150) under 3 s and
150 MB, 20,000 under 600 MB, a 2,000-line manifest under 1.5 s.

The decode table prints each layout x label kind x printer resolution (203 and 300 dpi for rolls, 600 for
sheets) rendered 1-bit, exactly and with one dot of print gain and of loss, with the codes read back.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CASES = {
    "floor: plain ReportLab, 2,000 pages": ("floor", 2000, 3),
    "one label (100x150)": ("labels", 1, 25),
    "2,000 labels (100x150), one file": ("labels", 2000, 3),
    "2,000 labels (100x150) as ZPL, 203 dpi": ("zpl", 2000, 1),
    "2,000-line manifest": ("manifest", 2000, 3),
}
FULL_CASES = {
    "20,000 labels (100x150), one file": ("labels", 20000, 1),
    "20,000 labels (100x150), files of 1,000": ("label-files", 20000, 1),
}


def run_case(kind: str, count: int, repeats: int) -> dict[str, float]:
    """In this process: build the data, warm up (fonts, caches), then time `repeats` renders."""
    from printing import demo
    from printing.labels import render_label_files, render_labels
    from printing.manifest import render_manifest

    if kind == "manifest":
        data = demo.manifest(count)
        render_manifest(demo.manifest(5))
        work = lambda: len(render_manifest(data, "uk"))  # noqa: E731
    elif kind == "floor":
        work = lambda: plain_reportlab(count)  # noqa: E731
    elif kind == "zpl":
        from models.core.i18n import translator
        from printing.labels import PackageLabels
        from printing.layout import get_layout
        from printing.zpl import render_zpl

        labels = demo.labels(count, copy_every=7)
        drawer = PackageLabels(get_layout("100x150"), 203, translator("uk"))
        render_zpl(labels[:2], drawer)
        work = lambda: len(render_zpl(labels, drawer))  # noqa: E731
    else:
        labels = demo.labels(count, copy_every=7)
        render_labels(labels[:2])
        if kind == "labels":
            work = lambda: len(render_labels(labels, "100x150", language="uk"))  # noqa: E731
        else:
            work = lambda: sum(len(pdf) for pdf in render_label_files(labels, "100x150", language="uk"))  # noqa: E731
    times, size = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        size = work()
        times.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"median_s": statistics.median(times), "min_s": min(times), "peak_mb": peak_mb, "bytes": size}


def plain_reportlab(pages: int, lines: int = 5, bars: int = 30) -> int:
    """The floor: ReportLab alone, each page a title and `lines` lines of text in DejaVu Sans and `bars` bars (a
    label's worth by default; a manifest page is about 180 cells of text)."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    from printing import fonts

    fonts.register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(283.5, 425.2), invariant=1, pageCompression=1)
    for page in range(pages):
        canvas.setFont(fonts.BOLD, 24)
        canvas.drawString(10, 380, f"Шевченко {page}")
        canvas.setFont(fonts.REGULAR, 6)
        for line in range(lines):
            canvas.drawString(10, 360 - (300 / max(1, lines)) * line, f"Тарас Григорович · рядок {line}")
        for bar in range(bars):
            canvas.rect(20 + bar * 8, 20, 3, 40, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return len(buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="also the 20,000-label cases (about 20 s)")
    parser.add_argument("--decode", action="store_true", help="also print the decode table")
    parser.add_argument("--case", nargs=3, metavar=("KIND", "COUNT", "REPEATS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        kind, count, repeats = args.case[0], int(args.case[1]), int(args.case[2])
        print(json.dumps(run_case(kind, count, repeats)))
        return 0
    cases = {**CASES, **(FULL_CASES if args.full else {})}
    print(f"{'case':42} {'median':>9} {'min':>9} {'peak RSS':>9} {'size':>10} {'x floor':>8}")
    floor = 0.0
    for name, (kind, count, repeats) in cases.items():
        done = subprocess.run([sys.executable, __file__, "--case", kind, str(count), str(repeats)],
                              capture_output=True, text=True, check=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        result = json.loads(done.stdout)
        floor = result["median_s"] if kind == "floor" else floor
        ratio = f"{result['median_s'] / floor * 2000 / count:7.1f}x" if kind in ("labels", "zpl") and floor else ""
        print(f"{name:42} {result['median_s']:8.3f}s {result['min_s']:8.3f}s {result['peak_mb']:7.0f}MB "
              f"{result['bytes'] / 1024:8.0f}KB {ratio:>8}")
    if args.decode:
        from bench.decode_table import print_table

        print_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
