"""Station screen latency: from the last key event of a scanner burst (its Enter) to the checklist showing
the new count, on a database of 100,000 packages (goal: p99 under 50 ms).

    uv run python bench/station_bench.py [--recipients 100000] [--scans 1000] [--keep-db PATH]

The demo campaign is created once (not timed; --keep-db reuses a database made earlier). A packer signs in
and opens the first package of the queue; each timed scan is typed as key events into the window (the
characters 3 ms apart on a fake clock, then Enter). Scans alternate between an item and the Undo command, so
the count goes up and down. The time runs from just before the Enter is sent until the table's viewport has
been repainted with the new count. Prints median, p90, p99 and the slowest scan.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.workspace import Workspace  # noqa: E402
from tests.support.station_screens import (
    BARCODES,
    NEXT,
    PACKER,
    PIN,
    UNDO,
    FakeClock,
    FakeSink,
    KeyboardScanner,
    RecordingPlayer,
    make_scanner,
    prepare_database,
)
from ui.app import configure_application  # noqa: E402
from ui.station import StationScreen  # noqa: E402

TEA = BARCODES["Чай чёрный листовой, 100 г"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed_scan(screen: StationScreen, keys: KeyboardScanner, code: str, app: QApplication) -> float:
    for char in code:
        keys.press(char, gap=3)
    window = screen.window().windowHandle()
    started = time.perf_counter()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))
    screen.package.table.viewport().repaint()
    elapsed = time.perf_counter() - started
    keys.clock.now += 500
    app.processEvents()  # whatever else was scheduled, outside the timing
    return elapsed * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--keep-db", type=Path, help="reuse (or create once) the database at this path")
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        configure_application(app)
        path = args.keep_db or Path(folder) / "bench.db"
        started = time.perf_counter()
        if path.exists():
            workspace = Workspace.open(path)
        else:
            workspace = prepare_database(path, recipients=args.recipients)
        print(f"database: {path} ({time.perf_counter() - started:.1f} s to prepare)")
        clock = FakeClock()
        screen = StationScreen(workspace, label_sink=FakeSink(), sound_player=RecordingPlayer(),
                               scanner=make_scanner(clock))
        screen.resize(1366, 768)
        screen.show()
        app.processEvents()
        screen.sign_in.choose(PACKER)
        screen.sign_in.pin.setText(PIN)
        screen.sign_in.button.click()
        keys = KeyboardScanner(screen, clock)
        keys.scan(NEXT)
        row = screen.package.model.row_of(3)
        assert row is not None
        times = []
        for index in range(args.scans):
            expected = 1 if index % 2 == 0 else 0
            times.append(timed_scan(screen, keys, TEA if expected else UNDO, app))
            shown = screen.package.model.index(row, 3).data()
            assert shown == str(expected), (index, shown, screen.message.text())
        screen.close()
        workspace.close()
    print(f"{args.scans} scans on {args.recipients:,} packages: median {statistics.median(times):.1f} ms, "
          f"p90 {percentile(times, 0.90):.1f} ms, p99 {percentile(times, 0.99):.1f} ms, "
          f"max {max(times):.1f} ms (goal: p99 under 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
