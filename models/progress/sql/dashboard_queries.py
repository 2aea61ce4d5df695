"""SQL behind `models.progress.dashboard`: seals per hour, activity per station and packer, packages handed over."""

from __future__ import annotations

from models.journal.sql.stations import station_name
from models.progress.dashboard import Handover
from models.storage.database import Database

_ACTIVITY = (
    "SELECT e.{who}, count(DISTINCT substr(e.at, 1, 13)), sum(e.type = 'item_scanned') - "
    "sum(e.type = 'scan_undone' AND json_extract(e.payload, '$.kind') = 'item') FROM events e "
    "JOIN packages p ON p.id = e.package_id WHERE p.campaign_id = ? GROUP BY e.{who}"
)


class SqlDashboardStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def target(self, campaign_id: int) -> int:
        row = self.db.execute("SELECT target_count FROM campaigns WHERE id = ?", [campaign_id]).fetchone()
        return int(row[0]) if row else 0

    def sealed_by_hour(self, campaign_id: int) -> list[tuple[str, int]]:
        return [(hour, count) for hour, count in self.db.execute(
            "SELECT substr(sealed_at, 1, 13), count(*) FROM package_state WHERE campaign_id = ? "
            "AND sealed_at IS NOT NULL GROUP BY 1 ORDER BY 1", [campaign_id])]

    def _rates(self, campaign_id: int, who: str, sealed_column: str) -> list[tuple[str, int, int, int]]:
        sealed = dict(self.db.execute(
            f"SELECT {sealed_column}, count(*) FROM package_state WHERE campaign_id = ? AND sealed_at IS NOT NULL "
            f"GROUP BY 1", [campaign_id]).fetchall())
        activity = {key: (hours, items or 0) for key, hours, items in self.db.execute(
            _ACTIVITY.format(who=who), [campaign_id])}
        keys = sorted(set(sealed) | set(activity))
        return [(key, sealed.get(key, 0), activity.get(key, (0, 0))[1], activity.get(key, (0, 0))[0])
                for key in keys]

    def station_rates(self, campaign_id: int) -> list[tuple[str, int, int, int]]:
        return [(station_name(self.db, sid), sealed, items, hours)
                for sid, sealed, items, hours in self._rates(campaign_id, "station_id", "station_id")]

    def packer_rates(self, campaign_id: int) -> list[tuple[str, int, int, int]]:
        return self._rates(campaign_id, "user_name", "sealed_by")

    def handover_counts(self, campaign_id: int) -> Handover:
        batched = dict(self.db.execute(
            "SELECT b.state = 'signed', count(*) FROM package_handover h JOIN batches b ON b.code = h.batch_code "
            "WHERE b.campaign_id = ? GROUP BY 1", [campaign_id]).fetchall())
        found = dict(self.db.execute(
            "SELECT r.status, count(DISTINCT r.package_id) FROM receipts r JOIN packages p ON p.id = r.package_id "
            "WHERE p.campaign_id = ? GROUP BY r.status", [campaign_id]).fetchall())
        return Handover(batched.get(0, 0), batched.get(1, 0), found.get("received", 0), found.get("damaged", 0),
                        found.get("missing", 0))
