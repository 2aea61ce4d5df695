"""SQL of a recipient list's effect on packages: where each person's live package stands, the withdrawals and
the decisions an import leaves to a supervisor (`models.campaigns.list_import`, `models.campaigns.decisions`).

`package_state`, `package_withdrawals` and `package_handover` are projections kept by packing and handover;
they are only read here. Events are recorded through the journal, so the projections follow.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from models.core.events import SETTING_INSTANCE_ID, NewEvent, new_event_id
from models.journal.sql import events_repo
from models.storage.common import get_setting, now_iso, set_setting
from models.storage.database import Database
from models.storage.migrations import schema_version


@dataclass(frozen=True)
class LivePackage:
    """A person's live package and where it stands."""

    recipient_id: int
    package_id: int
    code: str
    state: str
    """planned, open, sealed or voided."""
    withdrawn: bool
    place: str | None
    """The carton or batch it is in."""
    handed_over: bool
    """In a batch whose manifest was closed or signed: its person is printed on a manifest."""


_LIVE = ("SELECT p.recipient_id, p.id, p.code, coalesce(s.state, 'planned'), w.package_id IS NOT NULL, "
         "coalesce(h.batch_code, h.carton_code), b.state IN ('closed', 'signed') "
         "FROM packages p LEFT JOIN package_state s ON s.package_id = p.id "
         "LEFT JOIN package_withdrawals w ON w.package_id = p.id "
         "LEFT JOIN package_handover h ON h.package_id = p.id LEFT JOIN batches b ON b.code = h.batch_code ")


def _live(row: Sequence[Any]) -> LivePackage:
    rid, pid, code, state, withdrawn, place, handed = row
    return LivePackage(rid, pid, code, state, bool(withdrawn), place, bool(handed))


def live_packages(db: Database, recipient_ids: Sequence[int]) -> dict[int, LivePackage]:
    """{recipient id: their live package} of these people."""
    rows = db.execute(_LIVE + "WHERE p.recipient_id IN (SELECT value FROM json_each(?)) AND p.live = 1",
                      [json.dumps(list(recipient_ids))])
    return {row[0]: _live(row) for row in rows}


def withdrawn_recipients(db: Database, campaign_id: int) -> set[int]:
    """The people of the campaign whose live package is withdrawn: a later list left them out."""
    return {row[0] for row in db.execute(
        "SELECT p.recipient_id FROM package_withdrawals w JOIN packages p ON p.id = w.package_id "
        "WHERE w.campaign_id = ? AND p.live = 1", [campaign_id])}


def live_package(db: Database, package_id: int) -> LivePackage | None:
    row = db.execute(_LIVE + "WHERE p.id = ?", [package_id]).fetchone()
    return _live(row) if row else None


def journal_station(db: Database) -> str:
    """The identity this database records events under, created (without a name) if it has none yet: a
    coordinator can import a corrected list before anyone named the station."""
    found = get_setting(db, SETTING_INSTANCE_ID)
    if found is None:
        found = new_event_id()
        set_setting(db, SETTING_INSTANCE_ID, found)
    return found


def record(db: Database, new: NewEvent) -> str:
    """Record one event of this database inside the caller's transaction; returns its id."""
    return events_repo.append(db, journal_station(db), new, schema_version(db)).id


def next_list_version(db: Database, campaign_id: int) -> int:
    row = db.execute("SELECT coalesce(max(version), 0) + 1 FROM recipient_list_versions WHERE campaign_id = ?",
                     [campaign_id]).fetchone()
    return int(row[0])


# -- decisions ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionRow:
    id: int
    campaign_id: int
    list_version: int
    list_number: str
    package_id: int
    kind: str
    """changed: the list changes the person of a labelled package; removed: a person in work left the list."""
    proposed: dict[str, Any]
    """For a change: the person as the new list gives them (RecipientData fields, dates ISO)."""
    status: str
    decided_by: str | None
    decided_at: str | None
    note: str


_DECISION = ("SELECT id, campaign_id, list_version, list_number, package_id, kind, proposed, status, decided_by, "
             "decided_at, note FROM list_decisions ")


def _decision(row: Sequence[Any]) -> DecisionRow:
    did, cid, version, number, pid, kind, proposed, status, by, at, note = row
    return DecisionRow(did, cid, version, number, pid, kind, json.loads(proposed), status, by, at, note)


def insert_decision(db: Database, campaign_id: int, list_version: int, list_number: str, package_id: int,
                    kind: str, proposed: dict[str, Any]) -> None:
    """A decision waiting for a supervisor; a waiting one of the same kind for the package is superseded (the
    newer list is what is decided on)."""
    db.execute("UPDATE list_decisions SET status = 'superseded' WHERE package_id = ? AND kind = ? "
               "AND status = 'waiting'", [package_id, kind])
    db.execute("INSERT INTO list_decisions (campaign_id, list_version, list_number, package_id, kind, proposed) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               [campaign_id, list_version, list_number, package_id, kind, json.dumps(proposed, ensure_ascii=False)])


def waiting_decisions(db: Database, campaign_id: int) -> dict[str, dict[str, int]]:
    """{list number: {kind of decision waiting: its package id}}."""
    found: dict[str, dict[str, int]] = {}
    for number, kind, package_id in db.execute("SELECT list_number, kind, package_id FROM list_decisions "
                                               "WHERE campaign_id = ? AND status = 'waiting'", [campaign_id]):
        found.setdefault(number, {})[kind] = package_id
    return found


def kept_removals(db: Database, campaign_id: int) -> set[int]:
    """Packages whose person left the list and a supervisor kept them: a later list leaving them out again asks
    nothing new."""
    return {row[0] for row in db.execute("SELECT package_id FROM list_decisions WHERE campaign_id = ? "
                                         "AND kind = 'removed' AND status = 'kept'", [campaign_id])}


def decisions(db: Database, campaign_id: int, *, waiting_only: bool = True) -> list[DecisionRow]:
    where = "WHERE campaign_id = ?" + (" AND status = 'waiting'" if waiting_only else "")
    return [_decision(row) for row in db.execute(_DECISION + where + " ORDER BY id", [campaign_id])]


def decision(db: Database, decision_id: int) -> DecisionRow | None:
    row = db.execute(_DECISION + "WHERE id = ?", [decision_id]).fetchone()
    return _decision(row) if row else None


def settle_decision(db: Database, decision_id: int, status: str, user: str, note: str) -> None:
    db.execute("UPDATE list_decisions SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ?",
               [status, user, now_iso(), note, decision_id])


def settle_superseded_by_list(db: Database, package_ids: Sequence[int], kind: str) -> None:
    """Waiting decisions a newer list made moot (the person is back, or the change was undone)."""
    db.execute("UPDATE list_decisions SET status = 'superseded' WHERE status = 'waiting' AND kind = ? "
               "AND package_id IN (SELECT value FROM json_each(?))", [kind, json.dumps(list(package_ids))])


# -- replacements -----------------------------------------------------------------------------------------------


def insert_replacement(db: Database, old_package_id: int, code: str) -> int:
    """The old package stops being its person's live package; a new one, with `code`, replaces it."""
    campaign_id, recipient_id = db.execute("SELECT campaign_id, recipient_id FROM packages WHERE id = ?",
                                           [old_package_id]).fetchone()
    db.execute("UPDATE packages SET live = 0 WHERE id = ?", [old_package_id])
    cursor = db.execute("INSERT INTO packages (campaign_id, recipient_id, code, live, replaces) VALUES (?, ?, ?, 1, ?)",
                        [campaign_id, recipient_id, code, old_package_id])
    return int(cursor.lastrowid or 0)


def replacement_of(db: Database, package_id: int) -> tuple[int, str] | None:
    row = db.execute("SELECT id, code FROM packages WHERE replaces = ?", [package_id]).fetchone()
    return (int(row[0]), str(row[1])) if row else None
