"""SQL behind the recipient table: ordered id lists and rows by id.

The table holds only ids (DESIGN.md section 4): ordering happens here, in SQL, on the collation columns
written at import time (`name_key` so Є, І, Ї and Ґ sort in their places, `number_key` so "2" comes before
"10"), and rows are fetched only for the ids a screen shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlite_utils import Database

from models.collation import name_key
from models.queries import RawRecipientRow

_SORT_KEY_FUNCTION = "packline_sort_key"
_THEN_BY_NUMBER = "r.number_key NULLS LAST, r.list_number, r.id"
# Missing values go last in both directions; ties fall back to the list number. Each order was timed at
# 100,000 recipients (see the module docstring): name and number read only their covering index.
_ORDERS = {
    "number": "r.number_key{d} NULLS LAST, r.list_number{d}, r.id{d}",
    "name": "r.name_key{d}, r.id{d}",  # namesakes in import order: keeps to the index, 30 ms instead of 200
    "birth_date": "r.birth_date{d} NULLS LAST, " + _THEN_BY_NUMBER,
    "place": f"{_SORT_KEY_FUNCTION}(r.place){{d}}, " + _THEN_BY_NUMBER,
    "package_code": "p.code{d} NULLS LAST, " + _THEN_BY_NUMBER,
}
# Orders that read every row sort faster from a plain table scan than through an index in another order.
_SCAN = {"birth_date", "place"}
ORDERS: tuple[str, ...] = tuple(_ORDERS)
_CHUNK = 500


@lru_cache(maxsize=8192)
def _text_sort_key(text: str | None) -> str:
    """Places repeat across thousands of rows, so the cache makes the per-row call cheap."""
    return name_key(text or "")


class SqlRecipientStore:
    """Reads of the recipients table for one connection (the caller's thread owns it)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        db.conn.create_function(_SORT_KEY_FUNCTION, 1, _text_sort_key, deterministic=True)

    def recipient_ids(self, campaign_id: int, order: str, descending: bool) -> list[int]:
        """Ids of the campaign's recipients in the given order (one of `ORDERS`)."""
        if order not in _ORDERS:
            raise ValueError(f"Unknown recipient order {order!r}; choose one of {', '.join(ORDERS)}")
        order_by = _ORDERS[order].format(d=" DESC" if descending else "")
        scan = "NOT INDEXED " if order in _SCAN else ""
        join = "LEFT JOIN packages p ON p.recipient_id = r.id " if order == "package_code" else ""
        sql = f"SELECT r.id FROM recipients r {scan}{join}WHERE r.campaign_id = ? ORDER BY {order_by}"
        return [row[0] for row in self.db.execute(sql, [campaign_id])]

    def recipient_rows(self, ids: Sequence[int]) -> list[RawRecipientRow]:
        """Rows for `ids`, in no particular order; ids that no longer exist are left out."""
        found: list[RawRecipientRow] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            found.extend(
                self.db.execute(
                    "SELECT r.id, r.list_number, r.surname, r.given_name, r.patronymic, r.birth_date, r.place, "
                    f"p.code FROM recipients r LEFT JOIN packages p ON p.recipient_id = r.id WHERE r.id IN ({marks})",
                    chunk,
                ).fetchall()
            )
        return found

    def recipient_count(self, campaign_id: int) -> int:
        row = self.db.execute("SELECT count(*) FROM recipients WHERE campaign_id = ?", [campaign_id]).fetchone()
        return int(row[0])
