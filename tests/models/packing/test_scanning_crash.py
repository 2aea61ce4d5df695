"""Kill -9 a station in the middle of scanning: every acknowledged scan must be in the database.

A child process packs packages in a loop through `ScanService` and prints the event id of each accepted
scan once `handle()` has returned (that is, after COMMIT). It is killed with SIGKILL at random moments, 20
times on the same database. Afterwards every printed id must be stored, `PRAGMA integrity_check` must say
ok and the projections must equal a replay of the journal.

The check must be able to fail: a child that acknowledges *before* committing (printing inside the
transaction, then pausing as a slow disk would) loses acknowledged scans, and the check says so.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.journal.sql import projections
from models.journal.sql.rebuild import replayed_dump
from models.storage.db import integrity_check
from models.storage.opening import open_database
from tests.support.packing_fixtures import add_recipients, build_campaign

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 20

CHILD = r"""
import sys, time
import models.handover.sql.journal_projection  # registers the handover projections, as app.workspace's loader does
import models.packing.sql.journal_projection
from models.packing.scan_reasons import Reason
from models.journal.sql import events_repo
from models.storage.opening import open_database
from tests.support.packing_fixtures import ACK, NEXT, SEAL, load

path, mode = sys.argv[1], sys.argv[2]
db = open_database(path)
p = load(db)
if mode == "ack-before-commit":  # the deliberate bug: acknowledge inside the transaction
    record = events_repo.append
    def acknowledge_early(*args, **kwargs):
        event = record(*args, **kwargs)
        print(event.id, flush=True)
        time.sleep(0.05)  # the commit is still to come
        return event
    events_repo.append = acknowledge_early
print("ready", flush=True)
while True:
    if p.service.pending_refusal(p.station) is not None:
        code = ACK
    else:
        view = p.service.current_view(p.station)
        short = [line for line in view.lines if not line.state.met] if view else []
        code = NEXT if view is None else p.barcodes[short[0].item_name] if short else SEAL
    outcome = p.service.handle(p.station, p.packer, code)
    if outcome.reason is Reason.QUEUE_EMPTY:
        break
    if mode == "correct" and outcome.event_id:
        print(outcome.event_id, flush=True)  # handle() returned: committed
"""


def scan_and_kill(path: Path, mode: str, rng: random.Random) -> list[str]:
    """Run the child until it has acknowledged a random number of scans, SIGKILL it, return what it printed."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), mode], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    acknowledged: list[str] = []
    wanted = rng.randint(1, 40)
    deadline = time.monotonic() + 30
    while len(acknowledged) < wanted and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acknowledged.append(line.strip())
    time.sleep(rng.uniform(0, 0.004))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    acknowledged += [line.strip() for line in child.stdout.read().splitlines() if line.strip()]
    child.stdout.close()
    return acknowledged


def problems_after_crash(path: Path, acknowledged: list[str]) -> list[str]:
    db = open_database(path)
    try:
        problems = [f"integrity: {message}" for message in integrity_check(db) if message != "ok"]
        stored = {row[0] for row in db.execute("SELECT id FROM events")}
        problems += [f"acknowledged but lost: {event_id}" for event_id in acknowledged if event_id not in stored]
        if replayed_dump(db) != projections.dump(db):
            problems.append("projections differ from a replay of the journal")
        return problems
    finally:
        db.close()


@pytest.fixture
def station_db(tmp_path: Path) -> Path:
    path = tmp_path / "station.db"
    db = open_database(path)
    build_campaign(db)
    add_recipients(db, 400)
    db.close()
    return path


@pytest.mark.slow
def test_every_acknowledged_scan_survives_sigkill(station_db: Path):
    rng = random.Random(20260601)
    total = 0
    for round_no in range(ROUNDS):
        acknowledged = scan_and_kill(station_db, "correct", rng)
        total += len(acknowledged)
        assert problems_after_crash(station_db, acknowledged) == [], f"round {round_no}"
    assert total >= ROUNDS  # the children really did scan


@pytest.mark.slow
def test_the_crash_check_catches_acknowledging_before_commit(station_db: Path):
    rng = random.Random(7)
    found: list[str] = []
    for _round in range(5):
        acknowledged = scan_and_kill(station_db, "ack-before-commit", rng)
        found += problems_after_crash(station_db, acknowledged)
    assert any(problem.startswith("acknowledged but lost") for problem in found)
