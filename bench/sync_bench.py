"""Time the event exchange: stations export their events, the hub imports the files (issue 8).

    uv run python bench/sync_bench.py [--packages 5000] [--stations 5] [--repeat 3] [--encrypt]
    uv run python bench/sync_bench.py --packages 100000 --stations 10 --repeat 1   # the issue's 1,000,000 events
    uv run python bench/sync_bench.py --packages 100000 --stations 10 --fixture /tmp/sync-fixture  # prepare once,
        # keep the hub and the stations in that folder and reuse them on later runs (same --packages/--stations)

A hub with a campaign of N packages; S station databases (copies of the hub turned into stations) each hold
the journal of N/S packages packed there (open, 8 item scans, seal: 10 events a package), written straight
into their journals. Each round exports every station's file and imports them all into a fresh copy of the
hub, each import one transaction through the projections, with rule checks and conflict detection. Prints
the medians over the rounds: export per file, import per file, the whole import, and events per second.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.hub_journals import EVENTS_PER_PACKAGE, enrol, make_station, prepare_hub  # noqa: E402
from models.storage.db import log_bytes
from models.storage.opening import open_database
from models.sync import exchange


def whole_command(hub: Path, files: list[Path], folder: Path, total: int, passphrase: str | None) -> None:
    """`main.py sync import` as a user runs it (a process: parsing, opening, the import, the campaign pack and
    the backup it writes), against its floor: `python -c pass` plus one executemany of `total` rows of an
    event's width into a fresh WAL database, durably committed."""
    import subprocess

    from bench.commands_bench import compiled_environment

    environment = compiled_environment() | ({"PACKLINE_PASSPHRASE": passphrase} if passphrase else {})
    commands, floors = [], []
    for round_no in range(3):
        copy = folder / f"hub-command-{round_no}.db"
        shutil.copyfile(hub, copy)
        tick = time.perf_counter()
        done = subprocess.run([sys.executable, str(Path(__file__).resolve().parent.parent / "main.py"), "sync",
                               "import", "--db", str(copy), "--answer", str(folder / f"answer-{round_no}"),
                               *map(str, files)], capture_output=True, text=True, env=environment)
        commands.append(time.perf_counter() - tick)
        assert done.returncode == 0, done.stderr
        tick = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        floors.append(time.perf_counter() - tick + bare_insert(folder / f"floor-{round_no}.db", total))
    command, floor = statistics.median(commands), statistics.median(floors)
    print(f"whole command, main.py sync import of {len(files)} files: median {command:.2f} s, floor {floor:.2f} s "
          f"(python -c pass + one executemany of {total:,} rows), {command / floor:.1f} x")


def bare_insert(path: Path, rows: int) -> float:
    """Seconds to insert `rows` event-sized rows in one transaction of a fresh WAL database."""
    from models.storage.database import sqlite3

    connection = sqlite3.connect(str(path))
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE events (id TEXT PRIMARY KEY, station_id TEXT, seq INTEGER, at TEXT, "
                       "user_name TEXT, package_id INTEGER, type TEXT, payload TEXT)")
    payload = json.dumps({"code": "100000000000000014", "item_id": 3, "line_no": 2, "quantity": 1})
    tick = time.perf_counter()
    with connection:
        connection.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               ((f"{index:026d}", "station", index, "2026-12-04T10:00:00", "Packer", index // 10,
                                 "item_scanned", payload) for index in range(rows)))
    elapsed = time.perf_counter() - tick
    connection.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--packages", type=int, default=5000)
    parser.add_argument("--stations", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--encrypt", action="store_true", help="encrypt the files with a passphrase")
    parser.add_argument("--command", action="store_true", help="also time the whole `main.py sync import` of "
                        "the files, against python -c pass plus one executemany of as many rows")
    parser.add_argument("--fixture", type=Path, help="folder to keep the prepared hub and stations in and to "
                        "reuse them from on later runs (made for the same --packages and --stations)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="packline-sync-bench-"))
    passphrase = "bench passphrase" if args.encrypt else None
    try:
        started = time.perf_counter()
        fixture = args.fixture or folder
        marker = fixture / f"prepared-{args.packages}-{args.stations}"
        stations = [fixture / f"station-{index + 1}.db" for index in range(args.stations)]
        if not marker.exists():
            fixture.mkdir(parents=True, exist_ok=True)
            for old in fixture.glob("prepared-*"):
                old.unlink()
            prepare_hub(fixture / "hub.db", args.packages)
            hub = open_database(fixture / "hub.db")
            ids = [row[0] for row in hub.execute("SELECT id FROM packages ORDER BY id")]
            hub.close()
            made = []
            for index, path in enumerate(stations):
                path.unlink(missing_ok=True)
                made.append(make_station(fixture / "hub.db", path, index, ids[index::args.stations]))
            enrol(fixture / "hub.db", made)
            marker.touch()
            print(f"prepared a hub of {len(ids):,} packages and {args.stations} stations in "
                  f"{time.perf_counter() - started:.1f} s")
        else:
            print(f"reusing the hub and the stations prepared in {fixture}")
        hub = open_database(fixture / "hub.db")
        ids = [row[0] for row in hub.execute("SELECT id FROM packages ORDER BY id")]
        hub.close()
        total = len(ids) * EVENTS_PER_PACKAGE
        print(f"{len(ids):,} packages, {args.stations} stations, {total:,} events")
        exports, imports, wholes, logs = [], [], [], []
        for round_no in range(args.repeat):
            out = folder / f"round-{round_no}"
            files = []
            for path in stations:
                db = open_database(path)
                tick = time.perf_counter()
                (written,) = exchange.export_events(db, out, passphrase=passphrase)
                exports.append(time.perf_counter() - tick)
                files.append(written.path)
                db.close()
            shutil.copyfile(fixture / "hub.db", folder / "hub-round.db")
            db = open_database(folder / "hub-round.db")
            app_connection = open_database(folder / "hub-round.db")  # the app's own, open all along
            app_connection.execute("SELECT count(*) FROM events").fetchone()
            whole = time.perf_counter()
            tick = time.perf_counter()
            # Each file in its own transaction, while a second process reads the next ones.
            for path, result in exchange.import_all(db, files, passphrase=passphrase):
                imports.append(time.perf_counter() - tick)
                tick = time.perf_counter()
                assert not isinstance(result, Exception) and result.merged == result.count, (path, result)
            wholes.append(time.perf_counter() - whole)
            app_connection.execute("SELECT count(*) FROM events").fetchone()
            logs.append(log_bytes(folder / "hub-round.db"))
            db.close()
            app_connection.close()
            size = sum(path.stat().st_size for path in files)
            print(f"round {round_no + 1}: export {sum(exports[-len(files):]):.2f} s, import {wholes[-1]:.2f} s, "
                  f"{size / 1e6:.1f} MB in {len(files)} files")
        if args.command:
            whole_command(fixture / "hub.db", files, folder, total, passphrase)
        per_file = total // args.stations
        print(f"median export of one file ({per_file:,} events): {statistics.median(exports) * 1000:.0f} ms")
        print(f"median import of one file ({per_file:,} events): {statistics.median(imports) * 1000:.0f} ms")
        print(f"median import of all {total:,} events: {statistics.median(wholes):.2f} s "
              f"({total / statistics.median(wholes):,.0f} events/s)")
        print(f"write-ahead log after the import, both connections still open: largest {max(logs) / 1e6:.2f} MB "
              f"(the database: {(folder / 'hub-round.db').stat().st_size / 1e6:.0f} MB)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
