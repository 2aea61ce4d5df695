"""Short commands as a user meets them: whole `main.py` processes against their floor, in one run.

    uv run python bench/commands_bench.py [--recipients 2000] [--sealed 500] [--runs 7] [--db FILE]

Each command (`--help`, `status`, `plan`, `check`) runs as its own process on a demo database with part of
its packages sealed through the scan service, as stations seal them. Its floor, measured in the same run
and interleaved with it, is a bare `python -c pass` plus the same SQL's work done with the driver the app
uses (for `status` the package counts by state, station and packer and the packers' items; for `plan` the
remaining packages' lines; for `check` SQLite's `integrity_check`). Prints the median of each, the floor
and the ratio (goal of issue 19: 3 x or less). A last line times, as context, an interpreter that only imports
the standard modules every command needs (`STDLIB`) against the same floor. Setting up is not timed. `--db`
times a copy of a database made elsewhere (for example `station_bench.py --keep-db` at 100,000 recipients),
to see that `status` and `plan` stay flat.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.workspace import Workspace  # noqa: E402
from models.campaigns import reference  # noqa: E402
from models.core.codes import Command, command_code  # noqa: E402
from models.demo.campaign import create_demo  # noqa: E402
from models.packing.users import Role  # noqa: E402
from models.storage.database import sqlite3  # noqa: E402  (the driver the app uses)

GOAL = 3.0
SQL = {
    "status": ("SELECT state, count(*) FROM package_state GROUP BY state",
               "SELECT station_id, state, count(*) FROM package_state GROUP BY station_id, state",
               "SELECT sealed_by, state, count(*) FROM package_state GROUP BY sealed_by, state",
               "SELECT user_name, items FROM packer_items"),  # the packers' items: their projection
    "plan": ("SELECT l.item_id, sum(l.quantity) FROM packages p LEFT JOIN package_state s ON s.package_id = p.id "
             "JOIN template_lines l ON 1 WHERE s.state IS NULL OR s.state = 'open' GROUP BY l.item_id",),
    "check": ("PRAGMA integrity_check",),
}


def build(path: Path, recipients: int, sealed: int) -> None:
    workspace = Workspace.open(path)
    workspace.db.execute("PRAGMA synchronous = OFF")  # setting up only: the commands run with the app's pragmas
    summary = create_demo(workspace.db, "Demo", recipients=recipients)
    packer = workspace.user_service().add("Packer", Role.PACKER, "1357")
    station = workspace.station_service().ensure("Bench")
    station = workspace.station_service().set_campaign(summary.campaign.id)
    template = reference.current_template(workspace.db, summary.campaign)
    assert template is not None
    barcodes = {item.id: item.barcodes[0] for item in reference.list_items(workspace.db)}
    scans = [barcodes[line.item_id] for line in template.lines if line.required for _ in range(line.quantity)]
    service = workspace.scan_service()
    codes = [row[0] for row in workspace.db.execute("SELECT code FROM packages ORDER BY id LIMIT ?", [sealed])]
    for code in codes:
        for raw in (code, *scans, command_code(Command.SEAL)):
            service.handle(station, packer, raw)
    workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.close()


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def compiled_environment() -> dict[str, str]:
    """This environment, but with Python's bytecode cache on: an installed Packline compiles its modules once,
    not at every command (some shells set PYTHONDONTWRITEBYTECODE, which would time the compiler instead)."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def command(*args: str) -> Callable[[], object]:
    def run() -> None:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True,
                              env=compiled_environment())
        if done.returncode not in (0, 2):
            raise SystemExit(f"{args}: exit {done.returncode}\n{done.stderr.decode()}")
    return run


def bare_sql(path: Path, statements: tuple[str, ...]) -> Callable[[], object]:
    def run() -> None:
        connection = sqlite3.connect(str(path))
        try:
            for statement in statements:
                connection.execute(statement).fetchall()
        finally:
            connection.close()
    return run


def python_pass() -> None:
    """The floor's process: an interpreter that starts and does nothing."""
    subprocess.run([sys.executable, "-c", "pass"], check=True)


STDLIB = "import argparse, dataclasses, enum, gettext, pathlib, typing; from models.storage.database import sqlite3"
"""What any of these commands imports before doing anything of its own: the standard library's modules a
command-line program of typed records is built on, and the SQLite driver. Timed as context, not as a goal."""


def stdlib_imports() -> None:
    subprocess.run([sys.executable, "-c", STDLIB], check=True, cwd=ROOT, env=compiled_environment())


def interleaved(jobs: dict[str, tuple[Callable[[], object], Callable[[], object]]], runs: int,
                width: int = 10, context: frozenset[str] = frozenset()) -> float:
    """Time each job (a command, its floor) `runs` times, the jobs and their floors interleaved so the machine's
    noise falls on both alike, after one untimed run of each command (it compiles what the bytecode cache
    lacks). Prints the medians and the ratios; returns the worst ratio of the jobs not in `context`."""
    for run, _floor in jobs.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in jobs}
    floors: dict[str, list[float]] = {name: [] for name in jobs}
    for _run in range(runs):
        for name, (run, floor) in jobs.items():
            times[name].append(timed(run))
            floors[name].append(timed(floor))
    worst = 0.0
    print(f"{'command':<{width}}{'median s':>10}{'floor s':>10}{'ratio':>8}")
    for name in jobs:
        median, floor = statistics.median(times[name]), statistics.median(floors[name])
        if name not in context:
            worst = max(worst, median / floor)
        note = "  (context: no command does less)" if name in context else ""
        print(f"{name:<{width}}{median:>10.3f}{floor:>10.3f}{median / floor:>8.1f}{note}")
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--sealed", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None, help="time a copy of this database instead of a demo")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="packline-bench-") as folder:
        path = Path(folder) / "bench.db"
        if args.db:
            print(f"Timing a copy of {args.db}", flush=True)
            shutil.copyfile(args.db, path)
        else:
            print(f"Building a demo of {args.recipients} recipients, {args.sealed} sealed ...", flush=True)
            build(path, args.recipients, args.sealed)

        def floor(statements: tuple[str, ...]) -> Callable[[], object]:
            return lambda: (python_pass(), bare_sql(path, statements)())

        worst = interleaved({"--help": (command("--help"), floor(())),
                             "status": (command("status", "--db", str(path)), floor(SQL["status"])),
                             "plan": (command("plan", "--db", str(path)), floor(SQL["plan"])),
                             "check": (command("check", "--db", str(path)), floor(SQL["check"])),
                             "stdlib": (stdlib_imports, floor(()))}, args.runs, context=frozenset({"stdlib"}))
    print(f"worst ratio {worst:.1f} (goal {GOAL:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
