"""Stock intake (all or nothing) and levels derived from sealed and open packages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from models.core.errors import NotFound, RefusedInput
from models.core.types import StockReceipt
from models.stock.service import StockService
from models.stock.sql.stock_repo import SqlStockStore
from tests.support.packing_fixtures import SEAL, Packing, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)


def stock(packing: Packing) -> StockService:
    return StockService(SqlStockStore(packing.db))


def test_intake_records_item_quantity_donor_lot_and_expiry(packing: Packing):
    service = stock(packing)
    tea = service.find_item("tea")
    assert service.find_item(packing.item("soap")) == packing.item_ids["soap"]  # by barcode, too
    service.intake(packing.campaign_id, [StockReceipt(tea, 40, " Червоний Хрест ", "L-7", date(2027, 3, 1)),
                                         StockReceipt(tea, 10)])
    row = packing.db.execute("SELECT quantity, donor, lot, expiry FROM stock_receipts ORDER BY id").fetchone()
    assert row == (40, "Червоний Хрест", "L-7", "2027-03-01")
    assert service.available(packing.campaign_id) == {tea: 50}


def test_intake_is_all_or_nothing(packing: Packing):
    service = stock(packing)
    with pytest.raises(RefusedInput) as refused:
        service.intake(packing.campaign_id, [StockReceipt(packing.item_ids["tea"], 5), StockReceipt(999, 1),
                                             StockReceipt(packing.item_ids["soap"], 0)])
    assert len(refused.value.problems) == 2
    assert packing.db.execute("SELECT count(*) FROM stock_receipts").fetchone()[0] == 0
    with pytest.raises(NotFound):
        service.find_item("caviar")


def test_levels_count_sealed_and_open_packages_and_void_gives_back(packing: Packing):
    service = stock(packing)
    service.intake(packing.campaign_id, [StockReceipt(packing.item_ids[name], 10) for name in ("tea", "soap", "socks")])
    packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    packing.scan(packing.packages[1], packing.item("tea"))
    levels = {level.name: level for level in service.levels(packing.campaign_id)}
    assert (levels["tea"].received, levels["tea"].consumed, levels["tea"].in_open, levels["tea"].available) == (
        10, 2, 1, 7)
    assert levels["socks"].available == 7
    packing.service.void(packing.station, packing.supervisor, packing.packages[0], "crushed")
    levels = {level.name: level for level in service.levels(packing.campaign_id)}
    assert (levels["tea"].consumed, levels["tea"].available) == (0, 9)
