"""The packing projections: tables derived from the journal, kept current one event at a time.

`apply(db, event)` runs in the transaction that records the event, so the derived state can never lag
behind or run ahead of the journal. The same state is computed independently, from the events alone, by
`models.packing.sql.rebuild.PackingFold`; a property test holds the two to each other. Both are registered
with the journal (`models.journal.registry`) by `models/packing/sql/journal_projection.py`.

Derived here:
- package_state: open / sealed / voided per touched package (no row = planned), who, where, weights, copies;
- package_lines: contents per checklist line and item;
- package_scans: the undo stack of an open package (accepted scans not undone yet; cleared at sealing);
- station_current: each station's open package and the package it sealed last;
- stock_consumed: items inside sealed, not voided, packages;
- letter_enclosures: which letter is inside which package;
- package_withdrawals: planned packages of people a later list version left out;
- packer_items: items each user counted into a campaign's packages (the campaign of the package's row in
  `packages`), less the item scans they undid; work set aside or voided keeps its count (it was packed);
- package_state.relabel: the label names a person the list has since corrected (reprint it).
Event types this module does not know (written by later parts or newer versions) are ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from models.core.events import Event, EventType
from models.storage.database import Database

TABLES: tuple[str, ...] = (
    "package_state", "package_lines", "package_scans", "station_current", "stock_consumed", "letter_enclosures",
    "package_withdrawals", "packer_items")


def apply(db: Database, event: Event) -> None:
    handler = _HANDLERS.get(event.type)
    if handler is not None and event.package_id is not None:
        handler(db, event, event.package_id, event.payload)


def _opened(db: Database, e: Event, package_id: int, p: Any) -> None:
    # The first opening claims the package; a later one (resumption, or a conflict merged from another
    # station) leaves the claim as it is.
    db.execute(
        "INSERT INTO package_state (package_id, campaign_id, state, station_id, template_id, opened_by, "
        "opened_at, label_copies, last_pos) VALUES (?, ?, 'open', ?, ?, ?, ?, 0, ?) "
        "ON CONFLICT(package_id) DO UPDATE SET last_pos = excluded.last_pos",
        [package_id, p["campaign_id"], e.station_id, p["template_id"], e.user, e.at, e.pos],
    )
    db.execute(
        "INSERT INTO station_current (station_id, package_id) VALUES (?, ?) "
        "ON CONFLICT(station_id) DO UPDATE SET package_id = excluded.package_id",
        [e.station_id, package_id],
    )


def _item_scanned(db: Database, e: Event, package_id: int, p: Any) -> None:
    db.execute(
        "INSERT INTO package_lines (package_id, line_no, item_id, quantity) VALUES (?, ?, ?, 1) "
        "ON CONFLICT DO UPDATE SET quantity = quantity + 1",
        [package_id, p["line_no"], p["item_id"]],
    )
    db.execute(
        "INSERT INTO package_scans (event_id, package_id, pos, kind, line_no, item_id) VALUES (?, ?, ?, 'item', ?, ?)",
        [e.id, package_id, e.pos, p["line_no"], p["item_id"]],
    )
    _count_items(db, e.user, package_id, 1)
    _contents_changed(db, e, package_id)


def _count_items(db: Database, user: str, package_id: int, items: int) -> None:
    db.execute("INSERT INTO packer_items (campaign_id, user_name, items) SELECT campaign_id, ?, ? FROM packages "
               "WHERE id = ? ON CONFLICT DO UPDATE SET items = items + excluded.items", [user, items, package_id])


def _letter_enclosed(db: Database, e: Event, package_id: int, p: Any) -> None:
    db.execute("INSERT INTO letter_enclosures (letter_id, package_id, event_id) VALUES (?, ?, ?) "
               "ON CONFLICT DO NOTHING", [p["letter_id"], package_id, e.id])
    db.execute("INSERT INTO package_scans (event_id, package_id, pos, kind, letter_id) VALUES (?, ?, ?, 'letter', ?)",
               [e.id, package_id, e.pos, p["letter_id"]])
    _contents_changed(db, e, package_id)


def _contents_changed(db: Database, e: Event, package_id: int) -> None:
    """A weight entered before the contents changed no longer describes the package."""
    db.execute("UPDATE package_state SET weight_g = NULL, last_pos = ? WHERE package_id = ?", [e.pos, package_id])


def _scan_undone(db: Database, e: Event, package_id: int, p: Any) -> None:
    if p.get("kind") == "item":  # counted for whoever undid it, as the scan was for whoever scanned
        _count_items(db, e.user, package_id, -1)
    row = db.execute("SELECT kind, line_no, item_id, letter_id FROM package_scans WHERE event_id = ?",
                     [p["undone"]]).fetchone()
    if row is not None:
        kind, line_no, item_id, letter_id = row
        db.execute("DELETE FROM package_scans WHERE event_id = ?", [p["undone"]])
        if kind == "item":
            key = [package_id, line_no, item_id]
            db.execute("DELETE FROM package_lines WHERE package_id = ? AND line_no = ? AND item_id = ? "
                       "AND quantity = 1", key)
            db.execute("UPDATE package_lines SET quantity = quantity - 1 "
                       "WHERE package_id = ? AND line_no = ? AND item_id = ?", key)
        else:
            db.execute("DELETE FROM letter_enclosures WHERE letter_id = ? AND event_id = ?", [letter_id, p["undone"]])
    _contents_changed(db, e, package_id)


def _weight_entered(db: Database, e: Event, package_id: int, p: Any) -> None:
    db.execute("UPDATE package_state SET weight_g = ?, last_pos = ? WHERE package_id = ?",
               [p["weight_g"], e.pos, package_id])


def _sealed(db: Database, e: Event, package_id: int, p: Any) -> None:
    cursor = db.execute(
        "UPDATE package_state SET state = 'sealed', weight_g = ?, expected_weight_g = ?, sealed_by = ?, "
        "sealed_at = ?, last_pos = ? WHERE package_id = ? AND state = 'open'",
        [p.get("weight_g"), p.get("expected_weight_g"), e.user, e.at, e.pos, package_id],
    )
    if cursor.rowcount == 1:
        db.execute(
            "INSERT INTO stock_consumed (campaign_id, item_id, quantity) "
            "SELECT s.campaign_id, l.item_id, sum(l.quantity) FROM package_lines l "
            "JOIN package_state s ON s.package_id = l.package_id WHERE l.package_id = ? GROUP BY l.item_id "
            "ON CONFLICT(campaign_id, item_id) DO UPDATE SET quantity = quantity + excluded.quantity",
            [package_id],
        )
        db.execute("DELETE FROM package_scans WHERE package_id = ?", [package_id])
    db.execute("UPDATE station_current SET package_id = NULL WHERE package_id = ?", [package_id])
    db.execute(
        "INSERT INTO station_current (station_id, last_sealed_id) VALUES (?, ?) "
        "ON CONFLICT(station_id) DO UPDATE SET last_sealed_id = excluded.last_sealed_id",
        [e.station_id, package_id],
    )


def _voided(db: Database, e: Event, package_id: int, p: Any) -> None:
    cursor = db.execute(
        "UPDATE package_state SET state = 'voided', voided_by = ?, voided_at = ?, void_reason = ?, last_pos = ? "
        "WHERE package_id = ? AND state = 'sealed'",
        [e.user, e.at, p.get("reason", ""), e.pos, package_id],
    )
    if cursor.rowcount == 1:
        _back_to_stock(db, package_id)


def _work_set_aside(db: Database, e: Event, package_id: int, p: Any) -> None:
    if db.execute("SELECT 1 FROM package_state WHERE package_id = ? AND state = 'sealed'",
                  [package_id]).fetchone():
        _back_to_stock(db, package_id)
    for table in ("package_lines", "package_scans", "letter_enclosures", "package_state"):
        db.execute(f"DELETE FROM {table} WHERE package_id = ?", [package_id])
    db.execute("UPDATE station_current SET package_id = NULL WHERE package_id = ?", [package_id])
    db.execute("UPDATE station_current SET last_sealed_id = NULL WHERE last_sealed_id = ?", [package_id])


def _back_to_stock(db: Database, package_id: int) -> None:
    """A sealed package's items return to stock (voided, or its work set aside)."""
    campaign_id = db.execute("SELECT campaign_id FROM package_state WHERE package_id = ?", [package_id]).fetchone()[0]
    totals = db.execute("SELECT item_id, sum(quantity) FROM package_lines WHERE package_id = ? GROUP BY item_id",
                        [package_id]).fetchall()
    for item_id, quantity in totals:  # the items go back to stock
        key = [campaign_id, item_id]
        db.execute("DELETE FROM stock_consumed WHERE campaign_id = ? AND item_id = ? AND quantity <= ?",
                   [*key, quantity])
        db.execute("UPDATE stock_consumed SET quantity = quantity - ? WHERE campaign_id = ? AND item_id = ?",
                   [quantity, *key])


def _label_printed(db: Database, e: Event, package_id: int, p: Any) -> None:
    db.execute("UPDATE package_state SET label_copies = max(label_copies, ?), relabel = 0, last_pos = ? "
               "WHERE package_id = ?", [int(p["copy"]), e.pos, package_id])


def _withdrawn(db: Database, e: Event, package_id: int, p: Any) -> None:
    db.execute("INSERT INTO package_withdrawals VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
               [package_id, p["campaign_id"], p["list_version"], e.user, e.at, e.pos])


def _reinstated(db: Database, e: Event, package_id: int, p: Any) -> None:
    db.execute("DELETE FROM package_withdrawals WHERE package_id = ?", [package_id])


def _list_decision(db: Database, e: Event, package_id: int, p: Any) -> None:
    if p.get("kind") == "changed" and p.get("outcome") == "accepted":
        db.execute("UPDATE package_state SET relabel = 1, last_pos = ? WHERE package_id = ? AND state = 'sealed'",
                   [e.pos, package_id])


_HANDLERS: dict[str, Callable[[Database, Event, int, Any], None]] = {
    EventType.PACKAGE_OPENED.value: _opened,
    EventType.ITEM_SCANNED.value: _item_scanned,
    EventType.LETTER_ENCLOSED.value: _letter_enclosed,
    EventType.SCAN_UNDONE.value: _scan_undone,
    EventType.WEIGHT_ENTERED.value: _weight_entered,
    EventType.PACKAGE_SEALED.value: _sealed,
    EventType.PACKAGE_VOIDED.value: _voided,
    EventType.LABEL_PRINTED.value: _label_printed,
    EventType.WORK_SET_ASIDE.value: _work_set_aside,
    EventType.PACKAGE_WITHDRAWN.value: _withdrawn,
    EventType.PACKAGE_REINSTATED.value: _reinstated,
    EventType.LIST_DECISION.value: _list_decision,
}


HANDLED_TYPES = frozenset(_HANDLERS)
"""The packing event types this module projects."""
