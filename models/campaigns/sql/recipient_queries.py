"""SQL behind the recipient table: ordered id lists (all, or what a search finds), rows by id, one recipient's
detail with their package's events.

The table holds only ids (DESIGN.md section 4): ordering happens here, in SQL, on the collation columns
written at import time (`name_key` so Є, І, Ї and Ґ sort in their places, `number_key` so "2" comes before
"10"), and rows are fetched only for the ids a screen shows. Searching uses the FTS5 index `recipient_search`
(migration 0003), which folds Cyrillic case but keeps й/и and ї/і apart; a search typed in Latin letters also
looks in `recipient_latin` (migration 0010), which holds both passports' spellings of every name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from models.campaigns.queries import RawRecipientRow, SearchTerms
from models.core.collation import name_key
from models.core.errors import DatabaseCorrupt
from models.journal.sql.stations import station_name
from models.storage.database import Database, sqlite3

_SORT_KEY_FUNCTION = "packline_sort_key"
_THEN_BY_NUMBER = "r.number_key NULLS LAST, r.list_number, r.id"
_STATE_RANK = "CASE s.state WHEN 'open' THEN 1 WHEN 'sealed' THEN 2 WHEN 'voided' THEN 3 ELSE 0 END"
# Letter rank of a recipient: what is still to do wins (received 3, expected 2), then enclosed 1; none 0.
_LETTER_RANK = (
    "(SELECT max(CASE WHEN e.letter_id IS NOT NULL THEN 1 WHEN l.received_at IS NULL THEN 2 ELSE 3 END) "
    "FROM letters l LEFT JOIN letter_enclosures e ON e.letter_id = l.id WHERE l.recipient_id = r.id)"
)
_LETTER_STATUS = {None: "none", 0: "none", 1: "enclosed", 2: "expected", 3: "received"}
# Missing values go last in both directions; ties fall back to the list number. Each order was timed at
# 100,000 recipients (bench/ui_bench.py): name and number read only their covering index.
_ORDERS = {
    "number": "r.number_key{d} NULLS LAST, r.list_number{d}, r.id{d}",
    "name": "r.name_key{d}, r.id{d}",  # namesakes in import order: keeps to the index, 30 ms instead of 200
    "birth_date": "r.birth_date{d} NULLS LAST, " + _THEN_BY_NUMBER,
    "place": f"{_SORT_KEY_FUNCTION}(r.place){{d}}, " + _THEN_BY_NUMBER,
    "package_code": "p.code{d} NULLS LAST, " + _THEN_BY_NUMBER,
    "state": f"{_STATE_RANK}{{d}}, " + _THEN_BY_NUMBER,
    "letters": f"coalesce({_LETTER_RANK}, 0){{d}}, " + _THEN_BY_NUMBER,
}
_JOINS = {
    "package_code": "LEFT JOIN packages p ON p.recipient_id = r.id AND p.live = 1 ",
    "state": "LEFT JOIN packages p ON p.recipient_id = r.id AND p.live = 1 "
             "LEFT JOIN package_state s ON s.package_id = p.id ",
}
# Orders that read every row sort faster from a plain table scan than through an index in another order.
_SCAN = {"birth_date", "place", "state", "letters"}
ORDERS: tuple[str, ...] = tuple(_ORDERS)
_CHUNK = 500
_ROW_SELECT = (
    "SELECT r.id, r.list_number, r.surname, r.given_name, r.patronymic, r.birth_date, r.place, p.code, "
    "coalesce(s.state, (SELECT 'withdrawn' FROM package_withdrawals w WHERE w.package_id = p.id)), "
    f"{_LETTER_RANK} FROM recipients r LEFT JOIN packages p ON p.recipient_id = r.id AND p.live = 1 "
    "LEFT JOIN package_state s ON s.package_id = p.id "
)


@lru_cache(maxsize=8192)
def _text_sort_key(text: str | None) -> str:
    """Places repeat across thousands of rows, so the cache makes the per-row call cheap."""
    return name_key(text or "")


class SqlRecipientStore:
    """Reads of the recipients table for one connection (the caller's thread owns it)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.conn.create_function(_SORT_KEY_FUNCTION, 1, _text_sort_key, deterministic=True)

    def recipient_ids(self, campaign_id: int, order: str, descending: bool,
                      search: SearchTerms | None = None) -> list[int]:
        """Ids of the campaign's recipients (those `search` finds, if given) in the given order (`ORDERS`)."""
        if order not in _ORDERS:
            raise ValueError(f"Unknown recipient order {order!r}; choose one of {', '.join(ORDERS)}")
        order_by = _ORDERS[order].format(d=" DESC" if descending else "")
        join = _JOINS.get(order, "")
        params: list[Any] = []
        if search is None:
            scan = "NOT INDEXED " if order in _SCAN else ""
            where = "r.campaign_id = ?"
        else:  # few rows: start from what was found, then sort those
            scan, where = "", f"r.id IN ({self._found(search, campaign_id, params)}) AND r.campaign_id = ?"
        params.append(campaign_id)
        sql = f"SELECT r.id FROM recipients r {scan}{join}WHERE {where} ORDER BY {order_by}"
        return [row[0] for row in self.db.execute(sql, params)]

    @staticmethod
    def _found(search: SearchTerms, campaign_id: int, params: list[Any]) -> str:
        parts = ["SELECT id FROM recipients WHERE campaign_id = ? AND list_number = ?"]
        params += [campaign_id, search.number]
        if search.fts:
            parts.append("SELECT rowid FROM recipient_search WHERE recipient_search MATCH ?")
            params.append(search.fts)
            if search.fts.isascii():  # typed in Latin: the names' passport spellings (migration 0010)
                parts.append("SELECT rowid FROM recipient_latin WHERE recipient_latin MATCH ?")
                params.append(search.fts)
        if search.code:
            parts += ["SELECT recipient_id FROM packages WHERE code = ?",
                      "SELECT recipient_id FROM letters WHERE code = ?"]
            params += [search.code, search.code]
        return " UNION ".join(parts)

    def recipient_rows(self, ids: Sequence[int]) -> list[RawRecipientRow]:
        """Rows for `ids`, in no particular order; ids that no longer exist are left out."""
        found: list[RawRecipientRow] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(_ROW_SELECT + f"WHERE r.id IN ({marks})", chunk):
                found.append((*row[:9], _LETTER_STATUS.get(row[9], "none")))
        return found

    def recipient_count(self, campaign_id: int) -> int:
        row = self.db.execute("SELECT count(*) FROM recipients WHERE campaign_id = ?", [campaign_id]).fetchone()
        return int(row[0])

    def journal_position(self) -> int:
        try:
            return int(self.db.execute("SELECT coalesce(max(pos), 0) FROM events").fetchone()[0])
        except sqlite3.DatabaseError as error:  # a damaged page: the start's background check reports it
            raise DatabaseCorrupt(str(error)) from error

    def recipient_detail(self, recipient_id: int, event_limit: int) -> dict[str, Any] | None:
        rows = self.recipient_rows([recipient_id])
        if not rows:
            return None
        service, notes, package_id = self.db.execute(
            "SELECT r.service_number, r.notes, p.id FROM recipients r "
            "LEFT JOIN packages p ON p.recipient_id = r.id AND p.live = 1 "
            "WHERE r.id = ?", [recipient_id]).fetchone()
        detail: dict[str, Any] = {"row": rows[0], "service_number": service, "notes": notes,
                                  "package_id": package_id, "events": [], "letters": self._letters(recipient_id)}
        state = self.db.execute(
            "SELECT station_id, opened_by, opened_at, sealed_by, sealed_at, weight_g, voided_by, void_reason, "
            "label_copies FROM package_state WHERE package_id = ?", [package_id]).fetchone()
        if state is None:
            return detail
        station, *rest = state
        keys = ("opened_by", "opened_at", "sealed_by", "sealed_at", "weight_g", "voided_by", "void_reason",
                "label_copies")
        detail |= {key: "" if value is None and key != "weight_g" else value
                   for key, value in zip(keys, rest, strict=True)}
        detail["station"] = station_name(self.db, station)
        detail["events"] = self._events(package_id, event_limit)
        return detail

    def _letters(self, recipient_id: int) -> list[tuple[str, str]]:
        return [(code, _LETTER_STATUS[rank]) for code, rank in self.db.execute(
            "SELECT l.code, CASE WHEN e.letter_id IS NOT NULL THEN 1 WHEN l.received_at IS NULL THEN 2 ELSE 3 END "
            "FROM letters l LEFT JOIN letter_enclosures e ON e.letter_id = l.id WHERE l.recipient_id = ? "
            "ORDER BY l.id", [recipient_id])]

    def _events(self, package_id: int, limit: int) -> list[dict[str, Any]]:
        stations: dict[str, str] = {}
        events = []
        for at, station, user, type_, payload, item in self.db.execute(
                "SELECT e.at, e.station_id, e.user_name, e.type, e.payload, i.name FROM events e "
                "LEFT JOIN items i ON i.id = json_extract(e.payload, '$.item_id') WHERE e.package_id = ? "
                "ORDER BY e.pos DESC LIMIT ?", [package_id, limit]):
            if station not in stations:
                stations[station] = station_name(self.db, station)
            events.append({"at": at, "station": stations[station], "user": user, "type": type_,
                           "payload": json.loads(payload), "item_name": item or ""})
        return events
