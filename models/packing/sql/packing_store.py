"""SQL behind the packing rules (`models.packing.records.PackingStore`) for one connection.

Each method is one small indexed query: an item scan runs about a dozen of them plus the commit.
Templates are cached by id: a template version is never changed once saved (a change is a new version).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from models.campaigns.sql import reference_repo as repo
from models.core.events import Event, NewEvent
from models.core.types import Recipient, Template
from models.journal.sql import events_repo
from models.journal.sql.stations import station_name
from models.packing.records import (
    Block,
    CampaignPacking,
    ItemRecord,
    LetterRecord,
    LiveScan,
    PackageRecord,
)
from models.packing.sql import lots_queries
from models.packing.states import PackageState
from models.storage.common import now_iso
from models.storage.database import Database
from models.storage.migrations import schema_version
from models.storage.store import SqlStore

_PACKAGE = ("SELECT p.id, p.campaign_id, p.recipient_id, p.code, s.state, s.station_id, s.template_id, s.weight_g, "
            "coalesce(s.label_copies, 0), EXISTS (SELECT 1 FROM package_withdrawals w WHERE w.package_id = p.id), "
            "coalesce(s.relabel, 0), (SELECT n.code FROM packages n WHERE n.replaces = p.id) "
            "FROM packages p LEFT JOIN package_state s ON s.package_id = p.id ")
_LETTER = ("SELECT l.id, l.campaign_id, l.recipient_id, l.code, l.received_at IS NOT NULL, e.package_id "
           "FROM letters l LEFT JOIN letter_enclosures e ON e.letter_id = l.id ")


_NEXT_PLANNED = (
    "SELECT r.number_key, r.list_number, r.id, p.id FROM recipients r JOIN packages p ON p.recipient_id = r.id "
    "WHERE r.campaign_id = ? AND {where} AND p.live = 1 "
    "AND NOT EXISTS (SELECT 1 FROM package_state s WHERE s.package_id = p.id) "
    "AND NOT EXISTS (SELECT 1 FROM package_withdrawals w WHERE w.package_id = p.id) ORDER BY {order} LIMIT 1")
_PACKAGES_SEEN = "(SELECT coalesce(max(id), 0) FROM packages)"
"""The largest package id: a package added since a bookmark was written is told by it
(`models.storage.queue_schema`)."""
_QUEUE_PASSES = (  # (which recipients, from the bookmark on, their order): numbered first, then the rest
    ("r.number_key IS NOT NULL", " AND (r.number_key, r.list_number, r.id) >= (?, ?, ?)",
     "r.number_key, r.list_number, r.id"),
    ("r.number_key IS NULL", " AND (r.list_number, r.id) >= (?, ?)", "r.list_number, r.id"),
)


def _package(row: Sequence[Any]) -> PackageRecord:
    pid, campaign_id, recipient_id, code, state, station_id, template_id, weight, copies, withdrawn, relabel, \
        replaced_by = row
    return PackageRecord(pid, campaign_id, recipient_id, code, PackageState(state or "planned"), station_id,
                         template_id, weight, copies, bool(withdrawn), bool(relabel), replaced_by)


def _letter(row: Sequence[Any]) -> LetterRecord:
    lid, campaign_id, recipient_id, code, received, enclosed_in = row
    return LetterRecord(lid, campaign_id, recipient_id, code, bool(received), enclosed_in)


def handover_place(db: Database, package_id: int) -> str | None:
    """The batch or carton a package is in, if any (`package_handover` is kept by the handover projections)."""
    row = db.execute("SELECT coalesce(batch_code, carton_code) FROM package_handover WHERE package_id = ?",
                     [package_id]).fetchone()
    return row[0] if row else None


class SqlPackingStore(SqlStore):
    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._schema_version = schema_version(db)
        self._templates: dict[int, Template] = {}

    # -- lots (handed out by the hub, models.sync.lots) --------------------------------------------------

    def lot_holder(self, package_id: int) -> tuple[bool, str | None]:
        return lots_queries.lot_owner(self.db, package_id)

    def handover_place(self, package_id: int) -> str | None:
        return handover_place(self.db, package_id)

    def lots_in_force(self) -> bool:
        return lots_queries.in_force(self.db)

    def next_in_lot(self, campaign_id: int, station_name: str) -> int | None:
        return lots_queries.next_in_lot(self.db, campaign_id, station_name)

    # -- station state ----------------------------------------------------------------------------------

    def block(self, station_id: str) -> Block | None:
        row = self.db.execute("SELECT reason, params, code, package_id, user_name, at FROM station_blocks "
                              "WHERE station_id = ?", [station_id]).fetchone()
        if row is None:
            return None
        reason, params, code, package_id, user, at = row
        return Block(reason, json.loads(params), code, package_id, user, at)

    def set_block(self, station_id: str, block: Block) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO station_blocks (station_id, reason, params, code, package_id, user_name, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [station_id, block.reason, events_repo.payload_json(dict(block.params)), block.code, block.package_id,
             block.user, block.at or now_iso()])

    def clear_block(self, station_id: str) -> None:
        self.db.execute("DELETE FROM station_blocks WHERE station_id = ?", [station_id])

    def current_package_id(self, station_id: str) -> int | None:
        row = self.db.execute("SELECT package_id FROM station_current WHERE station_id = ?", [station_id]).fetchone()
        return row[0] if row else None

    def open_package_ids(self, station_id: str) -> list[int]:
        return [row[0] for row in self.db.execute(
            "SELECT package_id FROM package_state WHERE station_id = ? AND state = 'open' ORDER BY last_pos",
            [station_id])]

    def last_sealed_id(self, station_id: str) -> int | None:
        row = self.db.execute("SELECT last_sealed_id FROM station_current WHERE station_id = ?",
                              [station_id]).fetchone()
        return row[0] if row else None

    def station_name(self, station_id: str) -> str:
        return station_name(self.db, station_id)

    # -- packages and reference data ---------------------------------------------------------------------

    def package(self, *, package_id: int | None = None, code: str | None = None) -> PackageRecord | None:
        if package_id is not None:
            row = self.db.execute(_PACKAGE + "WHERE p.id = ?", [package_id]).fetchone()
        else:
            row = self.db.execute(_PACKAGE + "WHERE p.code = ?", [code]).fetchone()
        return _package(row) if row else None

    def next_planned(self, campaign_id: int) -> PackageRecord | None:
        """The first planned package in the order of the recipient list (numbers numerically, then the rest).

        The search starts at the campaign's bookmark when it still holds (`models.storage.queue_schema`), and a
        search inside a write transaction leaves its bookmark at the package it found."""
        hint = self.db.execute(
            "SELECT numbered, number_key, list_number, recipient_id FROM next_planned_hint "
            f"WHERE campaign_id = ? AND packages_seen = {_PACKAGES_SEEN}",
            [campaign_id]).fetchone()
        first_pass = 0 if hint is None or hint[0] else 1
        bookmark = [] if hint is None else list(hint[1:] if hint[0] else hint[2:])  # the pass's order key
        for index in range(first_pass, len(_QUEUE_PASSES)):
            where, from_hint, order = _QUEUE_PASSES[index]
            after = bookmark if index == first_pass else []
            row = self.db.execute(_NEXT_PLANNED.format(where=where + (from_hint if after else ""), order=order),
                                  [campaign_id, *after]).fetchone()
            if row:
                number_key, list_number, recipient_id, package_id = row
                if self.db.conn.in_transaction:
                    self.db.execute(f"INSERT OR REPLACE INTO next_planned_hint VALUES (?, ?, ?, ?, ?, "
                                    f"{_PACKAGES_SEEN})",
                                    [campaign_id, int(index == 0), number_key, list_number, recipient_id])
                return self.package(package_id=package_id)
        return None

    def recipient(self, recipient_id: int) -> Recipient | None:
        return repo.recipients_by_ids(self.db, [recipient_id]).get(recipient_id)

    def campaign(self, campaign_id: int) -> CampaignPacking | None:
        campaign = repo.campaign_by_id(self.db, campaign_id)
        return CampaignPacking(campaign, campaign.rules.letters_must_be_enclosed) if campaign is not None else None

    def current_template_id(self, campaign_id: int) -> int | None:
        row = self.db.execute("SELECT id FROM templates WHERE campaign_id = ? ORDER BY version DESC, id DESC LIMIT 1",
                              [campaign_id]).fetchone()
        return row[0] if row else None

    def template(self, template_id: int) -> Template:
        found = self._templates.get(template_id)
        if found is None:
            found = repo.template_by_id(self.db, template_id)
            if found is None:
                raise LookupError(f"template {template_id} does not exist")
            self._templates[template_id] = found
        return found

    def item_by_barcode(self, barcode: str) -> ItemRecord | None:
        row = self.db.execute("SELECT i.id, i.name, i.category, i.unit_weight_g FROM item_barcodes b "
                              "JOIN items i ON i.id = b.item_id WHERE b.barcode = ?", [barcode]).fetchone()
        return ItemRecord(*row) if row else None

    def items(self, ids: Sequence[int]) -> dict[int, ItemRecord]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT id, name, category, unit_weight_g FROM items WHERE id IN ({marks})", list(ids))
        return {row[0]: ItemRecord(*row) for row in rows}

    # -- contents and letters ----------------------------------------------------------------------------

    def contents(self, package_id: int) -> dict[int, dict[int, int]]:
        found: dict[int, dict[int, int]] = {}
        for line_no, item_id, quantity in self.db.execute(
                "SELECT line_no, item_id, quantity FROM package_lines WHERE package_id = ?", [package_id]):
            found.setdefault(line_no, {})[item_id] = quantity
        return found

    def last_live_scan(self, package_id: int) -> LiveScan | None:
        row = self.db.execute("SELECT event_id, kind, line_no, item_id, letter_id FROM package_scans "
                              "WHERE package_id = ? ORDER BY pos DESC LIMIT 1", [package_id]).fetchone()
        return LiveScan(*row) if row else None

    def letter_by_code(self, code: str) -> LetterRecord | None:
        row = self.db.execute(_LETTER + "WHERE l.code = ?", [code]).fetchone()
        return _letter(row) if row else None

    def letters_of_recipient(self, recipient_id: int) -> list[LetterRecord]:
        return [_letter(row) for row in self.db.execute(_LETTER + "WHERE l.recipient_id = ? ORDER BY l.id",
                                                        [recipient_id])]

    # -- the journal ---------------------------------------------------------------------------------------

    def append(self, station_id: str, event: NewEvent) -> Event:
        return events_repo.append(self.db, station_id, event, self._schema_version)

    def package_events(self, package_id: int, limit: int) -> list[Event]:
        return list(events_repo.read(self.db, package_id=package_id, newest_first=True, limit=limit))
