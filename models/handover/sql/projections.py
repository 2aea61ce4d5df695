"""Projections of the handover events: cartons, batches, where each package is, manifest versions, receipts.

Called by `models.journal.sql.projections.apply` in the transaction that records the event, like the packing
projections; `models.handover.sql.rebuild` computes the same rows from the events alone, and a test holds
the two to each other. The rules (who may do what, when) are checked by `models.handover.batches` and
`models.handover.receiving` before an event is recorded; these handlers only apply what was recorded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from models.core.events import Event, EventType
from models.storage.database import Database

TABLES: tuple[str, ...] = ("cartons", "batches", "package_handover", "manifest_versions", "manifest_lines",
                           "receipts")


def canonical_json(value: Any) -> str:
    """The one JSON spelling of stored details, so the live and the rebuilt rows compare equal."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def apply(db: Database, event: Event) -> None:
    handler = _HANDLERS.get(event.type)
    if handler is not None:
        handler(db, event, event.payload)


def _carton_created(db: Database, e: Event, p: Any) -> None:
    db.execute("INSERT OR IGNORE INTO cartons (code, campaign_id, number, batch_code, created_by, created_at, "
               "last_pos) VALUES (?, ?, ?, NULL, ?, ?, ?)",
               [p["carton"], p["campaign_id"], p["number"], e.user, e.at, e.pos])


def _batch_created(db: Database, e: Event, p: Any) -> None:
    db.execute("INSERT OR IGNORE INTO batches (code, campaign_id, state, version, details, created_by, created_at, "
               "last_pos) VALUES (?, ?, 'open', 1, ?, ?, ?, ?)",
               [p["batch"], p["campaign_id"], canonical_json(p.get("details", {})), e.user, e.at, e.pos])


def _put_in_carton(db: Database, e: Event, p: Any) -> None:
    db.execute(
        "INSERT INTO package_handover (package_id, carton_code, batch_code, last_pos) "
        "VALUES (?, ?, (SELECT batch_code FROM cartons WHERE code = ?), ?) ON CONFLICT(package_id) DO UPDATE SET "
        "carton_code = excluded.carton_code, batch_code = excluded.batch_code, last_pos = excluded.last_pos",
        [e.package_id, p["carton"], p["carton"], e.pos])


def _removed_from_carton(db: Database, e: Event, p: Any) -> None:
    db.execute("DELETE FROM package_handover WHERE package_id = ? AND carton_code = ?", [e.package_id, p["carton"]])


def _batched(db: Database, e: Event, p: Any) -> None:
    if e.package_id is not None:
        db.execute(
            "INSERT INTO package_handover (package_id, carton_code, batch_code, last_pos) VALUES (?, NULL, ?, ?) "
            "ON CONFLICT(package_id) DO UPDATE SET carton_code = NULL, batch_code = excluded.batch_code, "
            "last_pos = excluded.last_pos", [e.package_id, p["batch"], e.pos])
        return
    db.execute("UPDATE cartons SET batch_code = ?, last_pos = ? WHERE code = ?", [p["batch"], e.pos, p["carton"]])
    db.execute("UPDATE package_handover SET batch_code = ?, last_pos = ? WHERE carton_code = ?",
               [p["batch"], e.pos, p["carton"]])


def _removed_from_batch(db: Database, e: Event, p: Any) -> None:
    if e.package_id is not None:
        db.execute("DELETE FROM package_handover WHERE package_id = ? AND batch_code = ?", [e.package_id, p["batch"]])
        return
    db.execute("UPDATE cartons SET batch_code = NULL, last_pos = ? WHERE code = ? AND batch_code = ?",
               [e.pos, p["carton"], p["batch"]])
    db.execute("UPDATE package_handover SET batch_code = NULL, last_pos = ? WHERE carton_code = ? AND batch_code = ?",
               [e.pos, p["carton"], p["batch"]])


def _details_set(db: Database, e: Event, p: Any) -> None:
    details = canonical_json(p["details"])
    db.execute("UPDATE batches SET details = ?, last_pos = ? WHERE code = ?", [details, e.pos, p["batch"]])
    db.execute("UPDATE manifest_versions SET details = ?, last_pos = ? WHERE batch_code = ? AND signed_at IS NULL",
               [details, e.pos, p["batch"]])


def _closed(db: Database, e: Event, p: Any) -> None:
    batch, version = p["batch"], p["version"]
    db.execute("UPDATE batches SET state = 'closed', version = ?, last_pos = ? WHERE code = ?",
               [version, e.pos, batch])
    db.execute("DELETE FROM manifest_lines WHERE batch_code = ? AND version = ?", [batch, version])
    db.execute(
        "INSERT OR REPLACE INTO manifest_versions (batch_code, version, package_count, sha256, details, "
        "events_included, closed_by, closed_at, signed_by, signed_at, attachment, attachment_sha256, last_pos) "
        "SELECT ?, ?, ?, ?, details, ?, ?, ?, NULL, NULL, NULL, NULL, ? FROM batches WHERE code = ?",
        [batch, version, p["count"], p["sha256"], canonical_json(p.get("events_included", [])), e.user, e.at, e.pos,
         batch])
    db.execute("INSERT INTO manifest_lines (batch_code, version, package_id, carton_code) "
               "SELECT ?, ?, package_id, carton_code FROM package_handover WHERE batch_code = ?",
               [batch, version, batch])


def _reopened(db: Database, e: Event, p: Any) -> None:
    batch, version = p["batch"], p["version"]
    db.execute("UPDATE batches SET state = 'open', last_pos = ? WHERE code = ?", [e.pos, batch])
    db.execute("DELETE FROM manifest_versions WHERE batch_code = ? AND version = ? AND signed_at IS NULL",
               [batch, version])
    db.execute("DELETE FROM manifest_lines WHERE batch_code = ? AND version = ?", [batch, version])


def _signed(db: Database, e: Event, p: Any) -> None:
    db.execute("UPDATE batches SET state = 'signed', last_pos = ? WHERE code = ?", [e.pos, p["batch"]])
    db.execute("UPDATE manifest_versions SET signed_by = ?, signed_at = ?, last_pos = ? "
               "WHERE batch_code = ? AND version = ?", [e.user, e.at, e.pos, p["batch"], p["version"]])


def _correction(db: Database, e: Event, p: Any) -> None:
    db.execute("UPDATE batches SET state = 'open', version = ?, last_pos = ? WHERE code = ?",
               [p["version"], e.pos, p["batch"]])


def _attached(db: Database, e: Event, p: Any) -> None:
    db.execute("UPDATE manifest_versions SET attachment = ?, attachment_sha256 = ?, last_pos = ? "
               "WHERE batch_code = ? AND version = ?", [p["file"], p["sha256"], e.pos, p["batch"], p["version"]])


def _received(db: Database, e: Event, p: Any) -> None:
    db.execute(
        "INSERT OR REPLACE INTO receipts (batch_code, code, package_id, status, cause, note, source, user_name, at, "
        "last_pos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [p["batch"], p["code"], e.package_id, p["status"], p.get("cause", ""), p.get("note", ""),
         p.get("source", ""), e.user, e.at, e.pos])


_HANDLERS: dict[str, Callable[[Database, Event, Any], None]] = {
    EventType.CARTON_CREATED.value: _carton_created,
    EventType.BATCH_CREATED.value: _batch_created,
    EventType.PUT_IN_CARTON.value: _put_in_carton,
    EventType.REMOVED_FROM_CARTON.value: _removed_from_carton,
    EventType.BATCHED.value: _batched,
    EventType.REMOVED_FROM_BATCH.value: _removed_from_batch,
    EventType.BATCH_DETAILS_SET.value: _details_set,
    EventType.BATCH_CLOSED.value: _closed,
    EventType.BATCH_REOPENED.value: _reopened,
    EventType.HANDED_OVER.value: _signed,
    EventType.BATCH_CORRECTION.value: _correction,
    EventType.MANIFEST_ATTACHED.value: _attached,
    EventType.RECEIVED.value: _received,
}

HANDOVER_TYPES: frozenset[str] = frozenset(_HANDLERS)
