"""What the packing rules ask of lots: does a station's lot hold this package, and which package is next in it.

The lots themselves are handed out by the hub (`models.sync.lots`) and kept in `sync_lots`; packing only reads
them, through `SqlPackingStore`, so the rule "claiming outside the lot is refused" stands in `models.packing.rules`.
"""

from __future__ import annotations

from models.storage.database import Database


def lot_owner(db: Database, package_id: int) -> tuple[bool, str | None]:
    """(are lots in force here, the station whose lot holds the package)."""
    row = db.execute("SELECT EXISTS (SELECT 1 FROM sync_lots), "
                     "(SELECT station_name FROM sync_lots WHERE package_id = ?)", [package_id]).fetchone()
    return bool(row[0]), row[1]


def in_force(db: Database) -> bool:
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM sync_lots)").fetchone()[0] == 1)


def next_in_lot(db: Database, campaign_id: int, station_name: str) -> int | None:
    """The first planned package of the station's lot, in the order of the recipient list."""
    for where, order in (("r.number_key IS NOT NULL", "r.number_key, r.list_number, r.id"),
                         ("r.number_key IS NULL", "r.list_number, r.id")):
        row = db.execute(
            "SELECT p.id FROM sync_lots l JOIN packages p ON p.id = l.package_id JOIN recipients r ON "
            f"r.id = p.recipient_id WHERE l.station_name = ? AND r.campaign_id = ? AND {where} AND NOT EXISTS "
            f"(SELECT 1 FROM package_state s WHERE s.package_id = p.id) AND p.live = 1 AND NOT EXISTS "
            f"(SELECT 1 FROM package_withdrawals w WHERE w.package_id = p.id) ORDER BY {order} LIMIT 1",
            [station_name, campaign_id]).fetchone()
        if row:
            return int(row[0])
    return None
