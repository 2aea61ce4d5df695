"""The GUI's start as a user meets it: from launching `main.py --db FILE` to the main window painted, against
a bare PySide6 window launched and painted the same way, interleaved, in one run.

    uv run python bench/startup_bench.py [--recipients 2000] [--sealed 500] [--runs 7] [--db FILE]
    xvfb-run -a uv run python bench/startup_bench.py --platform xcb        # a real X server

Each start is its own process (`bench/startup_probe.py`): it notes the first paint of the first top-level
window, prints the time since the process was launched and quits. The parent takes the median of each and
prints the ratio (goal of issue 19: 2 x a bare window at 100,000 packages). `--db` times a database made
elsewhere (for example `station_bench.py --keep-db` at 100,000 recipients); otherwise a demo is built with
part of its packages sealed through the scan service (not timed). Every start opens the same copy of it, as a
station opens its database day after day: the copy takes a station identity at a first, untimed start (a copied
file is taken for a restored one, `models.sync.identity`), and later starts keep it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.commands_bench import build, compiled_environment  # noqa: E402

GOAL = 2.0
PROBE = ROOT / "bench" / "startup_probe.py"


def start(kind: str, database: Path | None, platform: str) -> float:
    """Launch one probe process; seconds from the launch to its first window painted."""
    environment = compiled_environment() | {"QT_QPA_PLATFORM": platform, "PACKLINE_LANGUAGE": "en"}
    command = [sys.executable, str(PROBE), kind, *([str(database)] if database else [])]
    launched = time.perf_counter()
    with subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        painted = time.perf_counter() - launched
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        if not line.startswith("painted"):
            raise SystemExit(f"{kind}: no window painted\n{process.stderr.read() if process.stderr else ''}")
    return painted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--sealed", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None, help="time a copy of this database")
    parser.add_argument("--platform", default="offscreen", help="Qt platform: offscreen, or xcb under Xvfb")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="packline-startup-") as folder:
        source = Path(folder) / "bench.db"
        if args.db:
            shutil.copyfile(args.db, source)
            print(f"Timing {args.db}", flush=True)
        else:
            print(f"Building a demo of {args.recipients} recipients, {args.sealed} sealed ...", flush=True)
            build(source, args.recipients, args.sealed)
        packages = _count(source)
        app_times, bare_times = [], []
        station = Path(folder) / "station" / "packline.db"
        station.parent.mkdir()
        shutil.copyfile(source, station)
        # Not timed: compiles what the bytecode cache lacks, and the copied file takes its station identity once,
        # as a restored database does (`models.sync.identity`); every start after it is a station's usual one.
        start("app", station, args.platform)
        start("bare", None, args.platform)
        for _run in range(args.runs):  # interleaved: the machine's noise falls on both alike
            app_times.append(start("app", station, args.platform))
            bare_times.append(start("bare", None, args.platform))
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"{packages:,} packages, {args.runs} starts each, platform {args.platform}")
    print(f"{'start':<24}{'median s':>10}")
    print(f"{'main.py to the window':<24}{app:>10.3f}")
    print(f"{'bare PySide6 window':<24}{bare:>10.3f}")
    print(f"ratio {app / bare:.1f} (goal {GOAL:.0f})")
    return 0


def _count(path: Path) -> int:
    from models.storage.database import sqlite3

    connection = sqlite3.connect(str(path))
    try:
        return int(connection.execute("SELECT count(*) FROM packages").fetchone()[0])
    finally:
        connection.close()


if __name__ == "__main__":
    raise SystemExit(main())
