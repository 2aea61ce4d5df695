"""SQL of a supervisor's resolution: compensating events, held events merged or set aside, the flag cleared.

Everything here runs inside the caller's write transaction. Compensating events are ordinary journal
events of the hub station (work set aside, a void), applied by the same projection code as any other; the
decision itself is a `conflict_resolved` event (the packing projections ignore its type) whose
`kept_station` makes that station the package's owner from then on (`sync_merge.owners`).
"""

from __future__ import annotations

from typing import Any

from models.core.events import Event, EventType, NewEvent
from models.journal.sql import events_repo, projections
from models.packing.sql import rule_checks
from models.storage.database import Database
from models.storage.migrations import schema_version
from models.sync.sql import conflicts_repo, sync_repo
from models.sync.sql.merge import RESOLVED_EVENT
from models.sync.sql.sync_repo import RawEvent


def owner(db: Database, package_id: int) -> str | None:
    """Which station's work on one package the hub's journal holds (as `owners`, for one package)."""
    row = db.execute("SELECT json_extract(e.payload, '$.kept_station') FROM sync_conflicts c JOIN events e "
                     "ON e.id = c.resolution_event WHERE c.package_id = ? AND c.kind = 'two_stations' "
                     "ORDER BY e.pos DESC LIMIT 1", [package_id]).fetchone()
    if row and row[0]:
        return str(row[0])
    row = db.execute("SELECT station_id FROM package_state WHERE package_id = ?", [package_id]).fetchone()
    return str(row[0]) if row else None


def package_state(db: Database, package_id: int) -> str | None:
    row = db.execute("SELECT state FROM package_state WHERE package_id = ?", [package_id]).fetchone()
    return row[0] if row else None


def set_aside(db: Database, hub_station: str, user: str, package_id: int, station: str, reason: str) -> str:
    """Set the package's merged work (of `station`) aside: the package as if never opened (a sealed one's items
    back to stock), so that another station's work can be merged."""
    event = events_repo.append(db, hub_station, NewEvent(EventType.WORK_SET_ASIDE, user, package_id, {
        "station": station, "reason": reason}), schema_version(db))
    return event.id


def release(db: Database, events: list[RawEvent]) -> list[str]:
    """Merge held events into the journal now, in their order, through the projections."""
    position = sync_repo.max_pos(db)
    placed = [(position + offset + 1, event) for offset, event in enumerate(events)]
    sync_repo.insert_at(db, placed)
    for pos, raw in placed:
        projections.apply(db, raw.event(pos))
    return [event.id for event in events]


def void(db: Database, hub_station: str, user: str, package_id: int, reason: str) -> str:
    event = events_repo.append(db, hub_station, NewEvent(EventType.PACKAGE_VOIDED, user, package_id,
                                                         {"reason": reason}), schema_version(db))
    return event.id


def record_resolution(db: Database, hub_station: str, user: str, conflict: conflicts_repo.ConflictRow,
                      choice: str, details: dict[str, Any], released: list[str], discarded: list[str]) -> Event:
    event = sync_repo.record(db, hub_station, RESOLVED_EVENT, user, conflict.package_id, {
        "conflict": conflict.id, "kind": conflict.kind, "choice": choice, "released": released,
        "discarded": discarded, **details})
    sync_repo.settle_held(db, released, "released", event.id)
    sync_repo.settle_held(db, discarded, "discarded", event.id)
    conflicts_repo.mark_resolved(db, conflict.id, choice, event.id, user)
    return event


def recheck_rules(db: Database, package_id: int, station_id: str) -> bool:
    problems = rule_checks.rule_problems(db, [package_id]).get(package_id)
    return bool(problems) and conflicts_repo.flag_rule(db, package_id, station_id, problems or [])
