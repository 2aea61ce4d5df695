"""SQL behind `models.stock.service.StockService` and `models.stock.planning.PlanService`."""

from __future__ import annotations

from collections.abc import Sequence

from models.campaigns.sql import reference_repo as repo
from models.core.codes import normalise
from models.core.types import Campaign, StockReceipt, Template
from models.storage.store import SqlStore

_CHUNK = 500

_NOT_WITHDRAWN = "NOT EXISTS (SELECT 1 FROM package_withdrawals w WHERE w.package_id = p.id)"
_PLANNED = ("FROM recipients r JOIN packages p ON p.recipient_id = r.id AND p.live = 1 "
            "LEFT JOIN package_state s ON s.package_id = p.id WHERE r.campaign_id = ? AND s.package_id IS NULL "
            f"AND {_NOT_WITHDRAWN}")
"""The campaign's packages not yet opened (those of the people of its list as it stands)."""


class SqlStockStore(SqlStore):

    # -- stock ------------------------------------------------------------------------------------------

    def item_names(self) -> dict[int, str]:
        return dict(self.db.execute("SELECT id, name FROM items ORDER BY id").fetchall())

    def find_item(self, name_or_barcode: str) -> int | None:
        row = self.db.execute("SELECT id FROM items WHERE name = ?", [name_or_barcode]).fetchone()
        if row is None:
            row = self.db.execute("SELECT item_id FROM item_barcodes WHERE barcode = ?",
                                  [normalise(name_or_barcode)]).fetchone()
        return row[0] if row else None

    def campaign(self, campaign_id: int) -> Campaign | None:
        return repo.campaign_by_id(self.db, campaign_id)

    def insert_receipts(self, campaign_id: int, receipts: Sequence[StockReceipt]) -> None:
        repo.insert_stock_receipts(self.db, campaign_id, receipts)

    def received(self, campaign_id: int) -> dict[int, int]:
        return repo.stock_received(self.db, campaign_id)

    def consumed(self, campaign_id: int) -> dict[int, int]:
        return dict(self.db.execute("SELECT item_id, quantity FROM stock_consumed WHERE campaign_id = ?",
                                    [campaign_id]).fetchall())

    def in_open(self, campaign_id: int) -> dict[int, int]:
        return dict(self.db.execute(
            "SELECT l.item_id, sum(l.quantity) FROM package_state s "
            "JOIN package_lines l ON l.package_id = s.package_id "
            "WHERE s.campaign_id = ? AND s.state = 'open' GROUP BY l.item_id", [campaign_id]).fetchall())

    # -- plan -------------------------------------------------------------------------------------------

    def current_template_id(self, campaign_id: int) -> int | None:
        row = self.db.execute("SELECT id FROM templates WHERE campaign_id = ? ORDER BY version DESC, id DESC LIMIT 1",
                              [campaign_id]).fetchone()
        return row[0] if row else None

    def template(self, template_id: int) -> Template:
        found = repo.template_by_id(self.db, template_id)
        if found is None:
            raise LookupError(f"template {template_id} does not exist")
        return found

    def open_packages(self, campaign_id: int) -> list[tuple[int, int, dict[int, dict[int, int]]]]:
        packages = self.db.execute("SELECT package_id, template_id FROM package_state WHERE campaign_id = ? "
                                   "AND state = 'open' ORDER BY last_pos", [campaign_id]).fetchall()
        contents: dict[int, dict[int, dict[int, int]]] = {package_id: {} for package_id, _tid in packages}
        for package_id, line_no, item_id, quantity in self.db.execute(
                "SELECT l.package_id, l.line_no, l.item_id, l.quantity FROM package_lines l JOIN package_state s "
                "ON s.package_id = l.package_id WHERE s.campaign_id = ? AND s.state = 'open'", [campaign_id]):
            contents[package_id].setdefault(line_no, {})[item_id] = quantity
        return [(package_id, template_id, contents[package_id]) for package_id, template_id in packages]

    def planned_count(self, campaign_id: int) -> int:
        """Live packages less those with a state, less the withdrawn ones without: three counts over indexes,
        not a probe per package (a third of the time at 100,000 packages)."""
        live, touched, withdrawn = self.db.execute(
            "SELECT (SELECT count(*) FROM packages WHERE campaign_id = ?1 AND live = 1), "
            "(SELECT count(*) FROM package_state s JOIN packages p ON p.id = s.package_id "
            " WHERE s.campaign_id = ?1 AND p.live = 1), "
            "(SELECT count(*) FROM package_withdrawals w JOIN packages p ON p.id = w.package_id "
            " WHERE w.campaign_id = ?1 AND p.live = 1 AND NOT EXISTS "
            " (SELECT 1 FROM package_state s WHERE s.package_id = w.package_id))", [campaign_id]).fetchone()
        return int(live) - int(touched) - int(withdrawn)

    def planned_packages(self, campaign_id: int, offset: int = 0, limit: int | None = None) -> list[int]:
        return [row[0] for row in self.db.execute(
            f"SELECT p.id {_PLANNED} ORDER BY r.number_key IS NULL, r.number_key, r.list_number, r.id "
            "LIMIT ? OFFSET ?", [campaign_id, -1 if limit is None else limit, offset])]

    def package_labels(self, package_ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        found: dict[int, tuple[str, str, str]] = {}
        ids = list(package_ids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            for pid, code, number, surname, given, patronymic in self.db.execute(
                    "SELECT p.id, p.code, r.list_number, r.surname, r.given_name, r.patronymic FROM packages p "
                    f"JOIN recipients r ON r.id = p.recipient_id WHERE p.id IN ({','.join('?' * len(chunk))})", chunk):
                found[pid] = (code, number, " ".join(part for part in (surname, given, patronymic) if part))
        return found
