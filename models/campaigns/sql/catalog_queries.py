"""SQL behind `models.campaigns.catalog_service`: which packages were packed under a template version."""

from __future__ import annotations

from models.storage.database import Database


class SqlTemplateUse:
    def __init__(self, db: Database) -> None:
        self.db = db

    def packages_using(self, template_id: int) -> dict[str, int]:
        return dict(self.db.execute(
            "SELECT state, count(*) FROM package_state WHERE template_id = ? GROUP BY state", [template_id]).fetchall())

    def versions(self, campaign_id: int) -> list[tuple[int, str, int, str]]:
        return [tuple(row) for row in self.db.execute(
            "SELECT id, name, version, created_at FROM templates WHERE campaign_id = ? ORDER BY version DESC, id DESC",
            [campaign_id])]
