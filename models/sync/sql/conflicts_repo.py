"""SQL of conflicts: flags on packages, and the letter checks the hub runs on merged work.

A conflict is open while `resolution_event` is NULL; an open conflict blocks its package from batches and
manifests. The checks of packages' contents are `models.packing.sql.rule_checks`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from models.storage.common import now_iso
from models.storage.database import Database

TWO_STATIONS, RULE, HANDOVER = "two_stations", "rule", "handover"
CODE_CLASH = "code_clash"
"""The problem of a handover conflict whose station brought a carton or batch code the hub has for another."""


@dataclass(frozen=True)
class ConflictRow:
    id: int
    package_id: int
    package_code: str
    recipient_id: int
    kind: str
    stations: tuple[str, ...]
    problems: tuple[dict[str, Any], ...]
    detected_at: str
    updated_at: str
    resolution: str | None = None
    resolution_event: str | None = None
    resolved_by: str | None = None
    resolved_at: str | None = None


_SELECT = ("SELECT c.id, c.package_id, p.code, p.recipient_id, c.kind, c.stations, c.problems, c.detected_at, "
           "c.updated_at, c.resolution, c.resolution_event, c.resolved_by, c.resolved_at FROM sync_conflicts c "
           "JOIN packages p ON p.id = c.package_id ")


def _row(row: Sequence[Any]) -> ConflictRow:
    values = list(row)
    values[5] = tuple(json.loads(values[5]))
    values[6] = tuple(json.loads(values[6]))
    return ConflictRow(*values)


def conflicts(db: Database, *, open_only: bool = True, campaign_id: int | None = None) -> list[ConflictRow]:
    sql, params = _SELECT + "WHERE 1", []
    if open_only:
        sql += " AND c.resolution_event IS NULL"
    if campaign_id is not None:
        sql += " AND p.campaign_id = ?"
        params.append(campaign_id)
    return [_row(row) for row in db.execute(sql + " ORDER BY c.id", params)]


def conflict(db: Database, conflict_id: int) -> ConflictRow | None:
    row = db.execute(_SELECT + "WHERE c.id = ?", [conflict_id]).fetchone()
    return _row(row) if row else None


def open_conflict(db: Database, package_id: int, kind: str) -> ConflictRow | None:
    row = db.execute(_SELECT + "WHERE c.package_id = ? AND c.kind = ? AND c.resolution_event IS NULL",
                     [package_id, kind]).fetchone()
    return _row(row) if row else None


def is_flagged(db: Database, package_id: int) -> bool:
    return db.execute("SELECT 1 FROM sync_conflicts WHERE package_id = ? AND resolution_event IS NULL LIMIT 1",
                      [package_id]).fetchone() is not None


def flagged_ids(db: Database, campaign_id: int | None = None) -> set[int]:
    sql = "SELECT DISTINCT c.package_id FROM sync_conflicts c"
    params: list[Any] = []
    if campaign_id is not None:
        sql += " JOIN packages p ON p.id = c.package_id WHERE p.campaign_id = ? AND"
        params.append(campaign_id)
    else:
        sql += " WHERE"
    return {row[0] for row in db.execute(sql + " c.resolution_event IS NULL", params)}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def flag_two_stations(db: Database, package_id: int, stations: Iterable[str]) -> bool:
    """Flag (or widen the flag of) a package worked at several stations; True when newly flagged."""
    wanted = list(dict.fromkeys(stations))
    found = open_conflict(db, package_id, TWO_STATIONS)
    if found is not None:
        merged = list(dict.fromkeys([*found.stations, *wanted]))
        if merged != list(found.stations):
            db.execute("UPDATE sync_conflicts SET stations = ?, updated_at = ? WHERE id = ?",
                       [_dumps(merged), now_iso(), found.id])
        return False
    at = now_iso()
    db.execute("INSERT INTO sync_conflicts (package_id, kind, stations, problems, detected_at, updated_at) "
               "VALUES (?, ?, ?, '[]', ?, ?)", [package_id, TWO_STATIONS, _dumps(wanted), at, at])
    return True


def flag_handover(db: Database, package_id: int, station_id: str, batch: str) -> bool:
    """Flag a package on a closed or signed manifest whose handover a station's events would change; True when
    newly flagged (one open flag per package, widened to each station)."""
    found = open_conflict(db, package_id, HANDOVER)
    if found is not None:
        if station_id not in found.stations:
            db.execute("UPDATE sync_conflicts SET stations = ?, updated_at = ? WHERE id = ?",
                       [_dumps([*found.stations, station_id]), now_iso(), found.id])
        return False
    at = now_iso()
    db.execute("INSERT INTO sync_conflicts (package_id, kind, stations, problems, detected_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?)", [package_id, HANDOVER, _dumps([station_id]),
                                             _dumps([{"code": "handed_over", "batch": batch}]), at, at])
    return True


def flag_code_clash(db: Database, package_id: int, station_id: str, code: str) -> bool:
    """Flag a package a station put into a carton or batch whose code the hub has for another one (the
    station's events about it are held); True when newly flagged. One open handover flag per package, widened
    to each station and code."""
    problem = {"code": CODE_CLASH, "thing": code}
    found = open_conflict(db, package_id, HANDOVER)
    if found is not None:
        stations = list(dict.fromkeys([*found.stations, station_id]))
        problems = list(found.problems) + ([problem] if problem not in found.problems else [])
        if stations != list(found.stations) or problems != list(found.problems):
            db.execute("UPDATE sync_conflicts SET stations = ?, problems = ?, updated_at = ? WHERE id = ?",
                       [_dumps(stations), _dumps(problems), now_iso(), found.id])
        return False
    at = now_iso()
    db.execute("INSERT INTO sync_conflicts (package_id, kind, stations, problems, detected_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?)", [package_id, HANDOVER, _dumps([station_id]), _dumps([problem]), at, at])
    return True


def taken_codes(db: Database, codes: Iterable[str]) -> set[str]:
    """Of these carton and batch codes, those the hub already has (for a carton or a batch of its own or of
    another station)."""
    wanted = json.dumps(sorted(set(codes)))
    return {row[0] for row in db.execute(
        "SELECT code FROM cartons WHERE code IN (SELECT value FROM json_each(?)) UNION "
        "SELECT code FROM batches WHERE code IN (SELECT value FROM json_each(?))", [wanted, wanted])}


def flag_rule(db: Database, package_id: int, station_id: str, problems: list[dict[str, Any]]) -> bool:
    """Flag a package whose merged work breaks a rule; True when newly flagged.

    Problems a supervisor already accepted for this package are not flagged again.
    """
    ordered = sorted(problems, key=_dumps)
    found = open_conflict(db, package_id, RULE)
    if found is not None:
        if list(found.problems) != ordered:
            db.execute("UPDATE sync_conflicts SET problems = ?, updated_at = ? WHERE id = ?",
                       [_dumps(ordered), now_iso(), found.id])
        return False
    last = db.execute("SELECT problems FROM sync_conflicts WHERE package_id = ? AND kind = ? AND "
                      "resolution_event IS NOT NULL ORDER BY id DESC LIMIT 1", [package_id, RULE]).fetchone()
    if last is not None and json.loads(last[0]) == ordered:
        return False
    at = now_iso()
    db.execute("INSERT INTO sync_conflicts (package_id, kind, stations, problems, detected_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?)", [package_id, RULE, _dumps([station_id]), _dumps(ordered), at, at])
    return True


def mark_resolved(db: Database, conflict_id: int, resolution: str, event_id: str, by: str) -> None:
    db.execute("UPDATE sync_conflicts SET resolution = ?, resolution_event = ?, resolved_by = ?, resolved_at = ? "
               "WHERE id = ? AND resolution_event IS NULL", [resolution, event_id, by, now_iso(), conflict_id])


# -- letter checks -----------------------------------------------------------------------------------------

def letter_problem(db: Database, package_id: int, letter_id: int) -> dict[str, Any] | None:
    """A letter enclosed in a package of another recipient, or already inside another package."""
    row = db.execute(
        "SELECT l.code, l.recipient_id, p.recipient_id, e.package_id, other.code FROM letters l "
        "JOIN packages p ON p.id = ? LEFT JOIN letter_enclosures e ON e.letter_id = l.id "
        "LEFT JOIN packages other ON other.id = e.package_id WHERE l.id = ?", [package_id, letter_id]).fetchone()
    if row is None:
        return {"code": "unknown_letter", "letter": f"#{letter_id}"}
    code, letter_recipient, package_recipient, enclosed_in, other_code = row
    if letter_recipient != package_recipient:
        return {"code": "letter_other_recipient", "letter": code}
    if enclosed_in is not None and enclosed_in != package_id:
        return {"code": "letter_elsewhere", "letter": code, "package": other_code}
    return None
