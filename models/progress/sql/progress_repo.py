"""SQL behind `models.progress.service.ProgressService`."""

from __future__ import annotations

from models.journal.sql.stations import station_name
from models.storage.database import Database


class SqlProgressStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def package_count(self, campaign_id: int) -> int:
        """The people of the current list, each counted once: by their live package, unless it is withdrawn."""
        return int(self.db.execute(
            "SELECT count(*) FROM packages p WHERE p.campaign_id = ? AND p.live = 1 AND NOT EXISTS "
            "(SELECT 1 FROM package_withdrawals w WHERE w.package_id = p.id)", [campaign_id]).fetchone()[0])

    def state_counts(self, campaign_id: int) -> dict[str, int]:
        """Live packages by state (a replaced package counts no more: its replacement does)."""
        return dict(self.db.execute(
            "SELECT s.state, count(*) FROM package_state s JOIN packages p ON p.id = s.package_id "
            "WHERE s.campaign_id = ? AND p.live = 1 GROUP BY s.state", [campaign_id]).fetchall())

    def station_counts(self, campaign_id: int) -> list[tuple[str, str, int, int, int]]:
        rows = self.db.execute(
            "SELECT station_id, sum(state = 'open'), sum(state = 'sealed'), sum(state = 'voided') FROM package_state "
            "WHERE campaign_id = ? GROUP BY station_id ORDER BY station_id", [campaign_id]).fetchall()
        return [(sid, station_name(self.db, sid), int(o), int(s), int(v)) for sid, o, s, v in rows]

    def packer_counts(self, campaign_id: int) -> list[tuple[str, int, int, int]]:
        # Items from their projection (a row per packer), not from the journal, which grows with every scan.
        items: dict[str, int] = dict(self.db.execute(
            "SELECT user_name, items FROM packer_items WHERE campaign_id = ?", [campaign_id]).fetchall())
        # As by station: a package counts for whoever sealed it, as sealed while it stands, as voided once voided.
        sealed: dict[str, int] = {}
        voided: dict[str, int] = {}
        for user, state, count in self.db.execute(
                "SELECT sealed_by, state, count(*) FROM package_state WHERE campaign_id = ? AND sealed_by IS NOT NULL "
                "AND state IN ('sealed', 'voided') GROUP BY sealed_by, state", [campaign_id]):
            (sealed if state == "sealed" else voided)[user] = int(count)
        users = sorted(set(items) | set(sealed) | set(voided))
        return [(user, items.get(user, 0), sealed.get(user, 0), voided.get(user, 0)) for user in users]
