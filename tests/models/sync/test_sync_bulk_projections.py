"""`bulk_projections.apply_many` (the hub's import) has exactly the effect of `projections.apply` event by event.

Random journals of packing events (hypothesis) over a few packages, stations, lines, items and letters, with
undos of any earlier scan (of any package, or of none), seals and voids in any state, resumptions, and
values SQLite would convert or refuse (which must go the way `apply` goes, error for error), applied on top
of rows already there. The rebuild (`rebuild_projections`) is a separate check, in the import tests.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.core.events import Event
from models.journal.sql import projections
from models.packing.sql import projections as packing_projections
from models.storage.database import Database, sqlite3
from models.storage.db import connect
from models.storage.opening import open_database
from models.sync.sql import bulk_projections

_template: Path | None = None


def template() -> Path:
    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="packline-bulk-projections-"))
        atexit.register(shutil.rmtree, folder, True)
        db = open_database(folder / "template.db")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        _template = folder / "template.db"
    return _template


ODD = st.sampled_from([None, "1", 2.0, 2.5, 2**70, True, "x"])
SMALL = st.integers(1, 3)


def payload(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    ids = st.one_of(SMALL, SMALL, SMALL, ODD)
    weights = st.one_of(st.none(), st.integers(0, 30_000), ODD)
    if kind == "package_opened":
        return st.fixed_dictionaries({"campaign_id": st.one_of(SMALL, SMALL, SMALL, SMALL, ODD),
                                      "template_id": st.one_of(SMALL, SMALL, SMALL, SMALL, ODD),
                                      "resumed": st.booleans()})
    if kind == "item_scanned":
        return st.fixed_dictionaries({"line_no": ids, "item_id": ids, "barcode": st.just("x")})
    if kind == "letter_enclosed":
        return st.fixed_dictionaries({"letter_id": ids})
    if kind == "weight_entered":
        return st.fixed_dictionaries({"weight_g": weights})
    if kind == "package_sealed":
        return st.fixed_dictionaries({}, optional={"weight_g": weights, "expected_weight_g": weights})
    if kind == "package_voided":
        return st.fixed_dictionaries({}, optional={"reason": st.one_of(st.text(max_size=3), ODD)})
    if kind == "work_set_aside":
        return st.fixed_dictionaries({"station": st.just("station-a"), "reason": st.text(max_size=3)})
    if kind == "label_printed":
        return st.fixed_dictionaries({"copy": st.one_of(SMALL, ODD.filter(lambda v: v not in (None, 2.5, "x")))})
    return st.fixed_dictionaries({"undone": st.just("")})  # scan_undone: the target is drawn below


KINDS = ["package_opened"] * 3 + ["item_scanned"] * 5 + ["letter_enclosed", "scan_undone", "scan_undone",
                                                          "weight_entered", "package_sealed", "package_sealed",
                                                          "package_voided", "label_printed", "put_in_carton",
                                                          "work_set_aside", "not_a_known_type"]


@st.composite
def journals(draw: st.DrawFn) -> list[Event]:
    count = draw(st.integers(0, 60))
    events: list[Event] = []
    for n in range(count):
        kind = draw(st.sampled_from(KINDS))
        p = dict(draw(payload(kind))) if kind in packing_projections.HANDLED_TYPES else {}
        if kind == "scan_undone":
            earlier = [e.id for e in events if e.type in ("item_scanned", "letter_enclosed")]
            p["undone"] = draw(st.one_of(st.sampled_from(earlier), st.just("no-such-event"), ODD)
                               if earlier else st.just("no-such-event"))
        if kind == "put_in_carton":
            p = {"carton": "C1"}
        package = draw(st.one_of(SMALL, SMALL, SMALL, SMALL, SMALL, st.none()))
        station = draw(st.sampled_from(["station-a", "station-b"]))
        events.append(Event(f"event-{n:04d}", station, n + 1, f"2026-01-01T00:00:{n:02d}", "Olena", package, kind,
                            p, 1, n + 1))
    return events


def _copy(folder: Path, name: str) -> Database:
    shutil.copyfile(template(), folder / name)
    return connect(folder / name, check=False)


def _outcome(db: Database, run: Any) -> tuple[str, Any]:
    db.execute("BEGIN IMMEDIATE")
    try:
        run()
    except (sqlite3.Error, OverflowError, KeyError, TypeError, ValueError) as error:
        db.execute("ROLLBACK")
        return "error", (type(error), str(error))
    db.execute("COMMIT")
    return "ok", projections.dump(db)


def journaled(events: list[Event]) -> list[projections.Journaled]:
    return [(e.pos, (e.id, e.station_id, e.seq, e.at, e.user, e.package_id, e.type, json.dumps(e.payload),
                      e.schema_version), e.payload) for e in events]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals(), st.integers(0, 60))
def test_apply_many_has_the_effect_of_apply_event_by_event(events: list[Event], split: int):
    earlier, batch = events[:split], events[split:]
    folder = Path(tempfile.mkdtemp(prefix="packline-bulk-example-"))
    one, many = _copy(folder, "one.db"), _copy(folder, "many.db")
    try:
        for db in (one, many):  # rows already there, as an earlier import or local work left them
            assert _outcome(db, lambda db=db: [projections.apply(db, e) for e in earlier])[0] in ("ok", "error")

        def each() -> None:
            for event in batch:
                projections.apply(one, event)

        expected = _outcome(one, each)
        found = _outcome(many, lambda: bulk_projections.apply_many(many, journaled(batch)))
        assert found == expected
    finally:
        one.close()
        many.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_apply_many_takes_the_common_work_in_memory_and_writes_what_apply_writes(tmp_path: Path):
    """A realistic file: packages opened, filled, one undone, sealed, one voided, labels printed."""
    events: list[Event] = []

    def add(package: int, kind: str, p: dict[str, Any], station: str = "station-a") -> str:
        n = len(events) + 1
        events.append(Event(f"event-{n:04d}", station, n, "2026-01-01", "Olena", package, kind, p, 1, n))
        return events[-1].id

    for package in range(1, 40):
        add(package, "package_opened", {"campaign_id": 1, "template_id": 1})
        scanned = [add(package, "item_scanned", {"line_no": line, "item_id": 10 + line}) for line in (1, 2, 2, 3)]
        add(package, "scan_undone", {"undone": scanned[package % 4]})
        add(package, "letter_enclosed", {"letter_id": package % 7})
        add(package, "weight_entered", {"weight_g": 900 + package})
        add(package, "package_sealed", {"weight_g": 900 + package, "expected_weight_g": 1000})
        add(package, "label_printed", {"copy": 1 + package % 2})
        if package % 5 == 0:
            add(package, "package_voided", {"reason": "damaged"})
    one, many = _copy(tmp_path, "one.db"), _copy(tmp_path, "many.db")
    expected = _outcome(one, lambda: [projections.apply(one, e) for e in events])
    statements: list[str] = []
    many.conn.set_trace_callback(statements.append)
    found = _outcome(many, lambda: bulk_projections.apply_many(many, journaled(events)))
    many.conn.set_trace_callback(None)
    assert found == expected and found[0] == "ok"
    assert found[1]["package_state"] and found[1]["stock_consumed"] and found[1]["letter_enclosures"]
    # In bulk: a few reads and one row written per changed row (executemany), none of the per-event upserts
    # of `apply` (which takes about three statements an event).
    assert len(statements) < len(events) and not any("ON CONFLICT" in sql for sql in statements)
