"""Station screen latency: from the first key event of a scanner burst to the whole screen repainted with the
new count, on a database of 100,000 packages (goal: p99 under 50 ms), for item scans, Seal and Next package.

    uv run python bench/station_bench.py [--recipients 100000] [--scans 1000] [--packages 20] [--events 360000]
        [--keep-db PATH]

The demo campaign is created once (not timed; --keep-db reuses a database made earlier); with --events, the
journal first gets that many events of packages this station packed before, and the projections are rebuilt
from it (`add_history`), as a station well into a campaign has them. A packer signs in
and opens the first package of the queue; each timed scan is typed as key events into the window on the real
clock, then Enter. Scans alternate between an item and the Undo command, so the count goes up and down. The
time runs from the first key until the station screen has been repainted (checklist, banner and events list).
Then `--packages` packages are filled (not timed), sealed and the next one opened, each Seal and Next package
timed the same way (Seal renders the package's label: the printer is left out; the label modules are imported
before timing, as the application has them by the time a packer signs in: the screens it builds after its
first paint import them, and the station does not import them at start). Prints median, p90, p99 and the
slowest of each, and the floor measured in the same run: a bare durable SQLite commit (WAL, synchronous=FULL)
and a bare Qt window of a label repainted, with the ratio of the medians.
"""

from __future__ import annotations

import argparse
import importlib
import json
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
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from app.workspace import Workspace  # noqa: E402
from models.campaigns import reference  # noqa: E402
from models.core.codes import Command, command_code  # noqa: E402
from models.demo.campaign import catalog_items, create_demo  # noqa: E402
from models.packing.users import Role  # noqa: E402
from models.storage.database import sqlite3  # noqa: E402 - the driver the app uses
from ui.app import configure_application  # noqa: E402
from ui.station import StationScreen  # noqa: E402
from ui.station.feedback import SilentPlayer  # noqa: E402
from ui.station.label_output import Finished, LabelJob, LabelResult  # noqa: E402

PACKER, PIN = "Олена Коваль", "1234"
NEXT, UNDO, SEAL = (command_code(Command.NEXT_PACKAGE), command_code(Command.UNDO),
                    command_code(Command.SEAL))
BARCODES = {item.name: item.barcodes[0] for item in catalog_items()}
KEYS = {str(digit): getattr(Qt.Key, f"Key_{digit}") for digit in range(10)}


class NoPrinter:
    """Labels are drawn but not printed: a printer's label is drawn on the print worker, off the UI thread, so
    drawing it here (as the preview does) times Seal as a station without a printer meets it, the slower case."""

    def output(self, job: LabelJob, finished: Finished) -> LabelResult:
        job.pdf()
        return LabelResult(True, "")

    def package_shown(self, code: str | None) -> None:
        """No preview to close."""


def add_history(workspace: Workspace, events: int) -> int:
    """`events` events of packages this station packed before (opened, every required item scanned, sealed),
    written straight into its journal, then the projections rebuilt from the journal, as `journal rebuild`
    does: a station well into a campaign. Returns the packages sealed so."""
    from models.core.events import new_event_id
    from models.storage.db import write_transaction
    from models.storage.migrations import schema_version
    from models.sync.sql.sync_repo import RAW_COLUMNS, RawEvent

    campaign = reference.get_campaign(workspace.db, "Demo")
    template = reference.current_template(workspace.db, campaign)
    station = workspace.station_service().identity()
    assert template is not None and station is not None
    barcodes = {item.id: item.barcodes[0] for item in reference.list_items(workspace.db)}
    scans = [(line.line_no, line.item_id) for line in template.lines if line.required for _ in range(line.quantity)]
    per_package = len(scans) + 2
    packages = [row[0] for row in workspace.db.execute("SELECT id FROM packages ORDER BY id LIMIT ?",
                                                       [events // per_package])]
    version = schema_version(workspace.db)
    rows: list[tuple[object, ...]] = []

    def add(package: int, kind: str, payload: dict[str, object]) -> None:
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        rows.append(RawEvent(new_event_id(), station.instance_id, len(rows) + 1, "2026-11-01T09:00:00.000+00:00",
                             PACKER, package, kind, text, version).row())

    for package in packages:
        add(package, "package_opened", {"campaign_id": campaign.id, "template_id": template.id, "resumed": False,
                                        "station_name": station.name})
        for line_no, item_id in scans:
            add(package, "item_scanned", {"barcode": barcodes[item_id], "item_id": item_id, "line_no": line_no})
        add(package, "package_sealed", {"weight_g": None, "expected_weight_g": 3250})
    with write_transaction(workspace.db):
        workspace.db.conn.executemany(f"INSERT INTO events ({RAW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                      rows)
    workspace.rebuild_projections()
    workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return len(packages)


def prepare_database(path: Path, recipients: int) -> Workspace:
    """The demo campaign with a packer, as a coordinator would set it up (not timed)."""
    workspace = Workspace.open(path)
    create_demo(workspace.db, "Demo", recipients=recipients)
    workspace.user_service().add(PACKER, Role.PACKER, PIN)
    workspace.station_service().ensure("Station 1")
    return workspace


def press(window: object, key: int, text: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def scan(screen: StationScreen, code: str) -> None:
    """One scanner burst on the real clock: the keys follow each other within microseconds, then Enter."""
    window = screen.window().windowHandle()
    for char in code:
        press(window, KEYS[char], char)
    press(window, Qt.Key.Key_Return, "\r")


TEA = BARCODES["Чай чёрный листовой, 100 г"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed_scan(screen: StationScreen, code: str, app: QApplication) -> float:
    """From the first key of the burst until the whole screen (checklist, banner, events) is repainted."""
    started = time.perf_counter()
    scan(screen, code)
    screen.repaint()
    elapsed = time.perf_counter() - started
    time.sleep(0.06)  # the next scan comes later: past the burst gap, as from a person
    app.processEvents()  # whatever else was scheduled, outside the timing
    return elapsed * 1000


def required_scans(workspace: Workspace) -> list[str]:
    """The item codes that fill every required line of the demo campaign's template, one of each line's in turn
    (the same code twice in a row within a moment is a double read, counted once)."""
    template = reference.current_template(workspace.db, reference.get_campaign(workspace.db, "Demo"))
    assert template is not None
    barcodes = {item.id: item.barcodes[0] for item in reference.list_items(workspace.db)}
    required = [line for line in template.lines if line.required]
    return [barcodes[line.item_id] for round_ in range(max(line.quantity for line in required))
            for line in required if round_ < line.quantity]


def floor_ms(folder: Path, app: QApplication, runs: int) -> float:
    """The median of a bare durable commit plus a bare window's repaint: what any scan must at least cost."""
    connection = sqlite3.connect(str(folder / "floor.db"), isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT)")
    window = QLabel("0")
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    times = []
    for index in range(runs):
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO events (payload) VALUES (?)", [f'{{"n": {index}}}'])
        connection.execute("COMMIT")
        window.setText(str(index))
        window.repaint()
        times.append((time.perf_counter() - started) * 1000)
    window.close()
    connection.close()
    return statistics.median(times)


def summary(name: str, times: list[float], floor: float) -> str:
    return (f"{name}: median {statistics.median(times):.1f} ms, p90 {percentile(times, 0.90):.1f} ms, p99 "
            f"{percentile(times, 0.99):.1f} ms, max {max(times):.1f} ms, {statistics.median(times) / floor:.1f} x the "
            f"floor")


LABEL_MODULES = ("printing.labels", "printing.layout", "printing.zpl")
"""What a Seal renders the label with, loaded by the application after its first paint."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--packages", type=int, default=20, help="packages sealed, then the next one opened")
    parser.add_argument("--events", type=int, default=0, help="journal events of packages packed before (issue 19: "
                        "360000 at 100,000 packages)")
    parser.add_argument("--keep-db", type=Path, help="reuse (or create once) the database at this path")
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        configure_application(app)
        path = args.keep_db or Path(folder) / "bench.db"
        started = time.perf_counter()
        fresh = not path.exists()
        workspace = Workspace.open(path) if not fresh else prepare_database(path, recipients=args.recipients)
        if fresh and args.events:
            packed = add_history(workspace, args.events)
            print(f"history: {packed:,} packages packed before")
        journal = workspace.db.execute("SELECT count(*) FROM events").fetchone()[0]
        print(f"database: {path}, {journal:,} events ({time.perf_counter() - started:.1f} s to prepare)")
        for module in LABEL_MODULES:  # see the docstring
            importlib.import_module(module)
        screen = StationScreen(workspace, label_sink=NoPrinter(), sound_player=SilentPlayer())
        screen.resize(1366, 768)
        screen.show()
        app.processEvents()
        screen.sign_in.choose(PACKER)
        screen.sign_in.pin.setText(PIN)
        screen.sign_in.button.click()
        scan(screen, NEXT)
        time.sleep(0.06)
        app.processEvents()
        row = screen.package.model.row_of(3)
        assert row is not None
        times = []
        for index in range(args.scans):
            expected = 1 if index % 2 == 0 else 0
            times.append(timed_scan(screen, TEA if expected else UNDO, app))
            shown = screen.package.model.index(row, 3).data()
            assert shown == str(expected), (index, shown, screen.message.text())
        fill = required_scans(workspace)
        sealed_before = workspace.progress_service().progress(
            reference.get_campaign(workspace.db, "Demo").id).by_state["sealed"]
        seals, nexts = [], []
        for _package in range(args.packages):
            for code in fill:
                timed_scan(screen, code, app)
            seals.append(timed_scan(screen, SEAL, app))
            nexts.append(timed_scan(screen, NEXT, app))
        sealed = workspace.progress_service().progress(
            reference.get_campaign(workspace.db, "Demo").id).by_state["sealed"] - sealed_before
        assert sealed == args.packages, (sealed, screen.message.text())
        screen.close()
        workspace.close()
        floor = floor_ms(Path(folder), app, max(200, args.scans))
    print(f"{args.recipients:,} packages; floor (a durable commit and a bare window repainted): {floor:.2f} ms")
    print(summary(f"{args.scans} item scans", times, floor))
    print(summary(f"{args.packages} Seal", seals, floor))
    print(summary(f"{args.packages} Next package", nexts, floor))
    print("goal: p99 under 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
