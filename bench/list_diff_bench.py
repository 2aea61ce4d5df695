"""Check a new version of a 100,000-person recipient list against the current one (goal: under 3 s).

    uv run python bench/list_diff_bench.py [--recipients 100000] [--runs 5] [--profile]

What the coordinator waits for between choosing the file and seeing its check: reading the current list from
the station's database (`reference_repo.recipients_by_number`), the difference of the new list against it
(`list_versions.list_difference`) and the likely duplicates of the new list, within it and against the
current one (`duplicates.likely_duplicates`). The new list is the current one with 1% of its people changed
(names respelt, places, notes), a few removed and a few added, some of whom are current people typed again
under a new number. The floor, measured in the same run, is a bare sqlite3 `SELECT * FROM recipients` of
the same rows. Prints the median of each step, the floor and the ratio; exits 1 when the whole path's median
is over the goal. Setting up (the demo's people written in one bulk insert) is not timed.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import app.workspace  # noqa: E402, F401 - registers the features' projections, as the app does
from models.campaigns import reference  # noqa: E402
from models.campaigns.duplicates import likely_duplicates  # noqa: E402
from models.campaigns.list_versions import ListSource, list_difference  # noqa: E402
from models.campaigns.reference import SaveResult, create_campaign  # noqa: E402
from models.campaigns.sql import reference_repo  # noqa: E402
from models.core.types import Recipient, RecipientData  # noqa: E402
from models.demo.campaign import make_recipients  # noqa: E402
from models.storage.database import sqlite3  # noqa: E402  (the driver the app uses)
from models.storage.db import write_transaction  # noqa: E402
from models.storage.opening import open_database  # noqa: E402

GOAL_S = 3.0
RESPELT = str.maketrans({"е": "ё", "и": "і", "Е": "Ё", "'": "ʼ", "ʼ": "'"})


def new_version(current: list[RecipientData], rng: random.Random) -> tuple[list[RecipientData], int, int, int]:
    """The next list: 1% changed, 0.05% removed, 0.05% added (half of them current people typed again)."""
    people = list(current)
    changed = rng.sample(range(len(people)), len(people) // 100)
    for index in changed:
        person = people[index]
        match index % 3:
            case 0:
                people[index] = dataclasses.replace(person, surname=person.surname.translate(RESPELT) + "а")
            case 1:
                people[index] = dataclasses.replace(person, place=person.place + ", отряд 2")
            case _:
                people[index] = dataclasses.replace(person, notes="письмо от семьи")
    few = max(1, len(people) // 2000)
    removed = set(rng.sample([i for i in range(len(people)) if i not in set(changed)], few))
    people = [person for index, person in enumerate(people) if index not in removed]
    last = len(current)
    for n in range(few):
        number = str(last + 1 + n)
        if n % 2:
            again = rng.choice(current)
            people.append(dataclasses.replace(again, list_number=number,
                                              given_name=again.given_name.translate(RESPELT)))
        else:
            people.append(RecipientData(number, "Новенький", "Пётр", "Ильич", date(1990, 1, n % 28 + 1), "ИК-3"))
    return people, len(changed), len(removed), few


def timed(action: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _run in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


class _RolledBack(Exception):
    def __init__(self, result: SaveResult) -> None:
        super().__init__()
        self.result = result


def run(folder: Path, count: int, runs: int, profile: bool) -> int:
    path = folder / "bench.db"
    db = open_database(path)
    rng = random.Random(14)
    started = time.perf_counter()
    current = make_recipients(rng, count)
    campaign = create_campaign(db, "Bench")
    reference.save_recipients(db, campaign, current)  # each person with a planned package, as an import makes
    new, changed, removed, added = new_version(current, rng)
    print(f"set up {count} recipients in the database in {time.perf_counter() - started:.1f} s; the new list "
          f"has {len(new)} people ({changed} changed, {removed} removed, {added} added)")

    def read() -> dict[str, Recipient]:
        return reference_repo.recipients_by_number(db, campaign.id)

    on_list = read()
    existing = list(on_list.values())

    def dry_run() -> int:
        """What `import recipients --dry-run` does after parsing: the whole write (the difference, what it does
        to each package), rolled back."""
        try:
            with write_transaction(db):
                result = reference.save_recipients(db, campaign, new, transaction=False, user="bench",
                                                   source=ListSource("next.csv", "0" * 64))
                raise _RolledBack(result)
        except _RolledBack as done:
            assert done.result.difference is not None
            return len(done.result.difference.changed)

    def whole() -> tuple[int, int]:
        changed = dry_run()
        found = likely_duplicates(new, list(read().values()))
        return changed, len(found)

    bare = sqlite3.connect(str(path))
    floor, rows = timed(lambda: bare.execute("SELECT * FROM recipients WHERE campaign_id = ?",
                                             [campaign.id]).fetchall(), runs)
    assert isinstance(rows, list) and len(rows) == count
    steps = [
        ("read the current list (recipients_by_number)", timed(read, runs)[0]),
        ("list_difference of the new list", timed(lambda: list_difference(on_list, new), runs)[0]),
        ("likely_duplicates(new, current)", timed(lambda: likely_duplicates(new, existing), runs)[0]),
        ("the list's whole write, rolled back (dry run)", timed(dry_run, runs)[0]),
    ]
    total, outcome = timed(whole, runs)
    assert isinstance(outcome, tuple)
    print(f"found {outcome[0]} changed people and {outcome[1]} likely duplicates")
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(whole)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
    print(f"{'step':48} {'median':>10} {'x floor':>8}  (n={runs})")
    for label, value in (*steps, ("whole path: dry-run write + duplicates", total),
                         ("floor: bare SELECT * FROM recipients", floor)):
        print(f"{label:48} {value * 1000:8.1f}ms {value / floor:7.1f}x")
    verdict = "within" if total <= GOAL_S else "OVER"
    print(f"whole path {total:.2f} s: {verdict} the goal of {GOAL_S:.0f} s")
    bare.close()
    db.close()
    return 0 if total <= GOAL_S else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile one whole path after the timed runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        return run(Path(folder), args.recipients, args.runs, args.profile)


if __name__ == "__main__":
    sys.exit(main())
