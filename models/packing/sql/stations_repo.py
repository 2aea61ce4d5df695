"""SQL behind `models.packing.station.StationService`: the station's identity in the settings table."""

from __future__ import annotations

from models.storage import common
from models.storage.store import SqlStore


class SqlStationStore(SqlStore):

    def get_setting(self, key: str) -> str | None:
        return common.get_setting(self.db, key)

    def set_setting(self, key: str, value: str) -> None:
        common.set_setting(self.db, key, value)

    def campaign_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM campaigns ORDER BY id")]
