"""Undo (a compensating event), void (supervisor, reason, stock back), labels and reprints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.core.types import StockReceipt
from models.packing.scan_reasons import Reason
from models.packing.states import PackageState
from models.stock.service import StockService
from models.stock.sql.stock_repo import SqlStockStore
from tests.support.packing_fixtures import ACK, REPRINT, SEAL, UNDO, Packing, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)


def test_undo_reverses_the_last_accepted_scan_with_a_compensating_event(packing: Packing):
    _, tea, soap, undone = packing.scan(packing.packages[0], packing.item("tea"), packing.item("soap"), UNDO)
    assert undone.reason is Reason.SCAN_UNDONE and undone.line.line_no == 2 and undone.line.scanned == 0
    assert undone.message == "Undone: soap taken off line 2."
    assert packing.store.contents(tea.package_id) == {1: {packing.item_ids["tea"]: 1}}
    types = [row[0] for row in packing.db.execute("SELECT type FROM events ORDER BY pos")]
    assert types == ["package_opened", "item_scanned", "item_scanned", "scan_undone"]  # nothing deleted
    payload = packing.db.execute("SELECT payload FROM events WHERE type = 'scan_undone'").fetchone()[0]
    assert soap.event_id in payload


def test_repeated_undo_walks_back_and_then_refuses(packing: Packing):
    outcomes = packing.scan(packing.packages[0], packing.item("tea"), packing.item("coffee"), UNDO, UNDO, UNDO)
    assert [o.reason for o in outcomes[3:5]] == [Reason.SCAN_UNDONE, Reason.SCAN_UNDONE]
    assert outcomes[3].message.startswith("Undone: coffee")
    assert outcomes[5].reason is Reason.NOTHING_TO_UNDO
    assert packing.store.contents(outcomes[0].package_id) == {}


def test_undo_skips_refusals(packing: Packing):
    *_, undone = packing.scan(packing.packages[0], packing.item("tea"), packing.item("batteries"), ACK, UNDO)
    assert undone.reason is Reason.SCAN_UNDONE and "tea" in undone.message


def test_undo_of_a_letter_takes_it_out_again(packing: Packing):
    [letter] = packing.letters().register(packing.campaign_id, ["1"], received=True)
    _, _enclosed, undone = packing.scan(packing.packages[0], letter.code, UNDO)
    assert undone.reason is Reason.SCAN_UNDONE and letter.code in undone.message
    assert packing.letters().of_recipient(letter.recipient_id)[0].status.value == "received"


def test_undo_without_open_package_and_after_seal(packing: Packing):
    assert packing.scan(UNDO)[0].reason is Reason.NO_PACKAGE_OPEN
    *_, sealed, after = packing.scan(ACK, packing.packages[0], *packing.full_package(), SEAL, UNDO)
    assert sealed.accepted and after.reason is Reason.NO_PACKAGE_OPEN


def _stock(packing: Packing) -> StockService:
    return StockService(SqlStockStore(packing.db))


def test_void_needs_a_supervisor_and_a_reason_and_returns_items_to_stock(packing: Packing):
    stock = _stock(packing)
    stock.intake(packing.campaign_id, [StockReceipt(packing.item_ids["tea"], 10)])
    packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    assert stock.available(packing.campaign_id)[packing.item_ids["tea"]] == 8

    by_packer = packing.service.void(packing.station, packing.packer, packing.packages[0], "torn")
    assert by_packer.reason is Reason.NOT_SUPERVISOR and "Olena" in by_packer.message
    no_reason = packing.service.void(packing.station, packing.supervisor, packing.packages[0], "  ")
    assert no_reason.reason is Reason.VOID_REASON_REQUIRED
    assert packing.store.package(code=packing.packages[0]).state is PackageState.SEALED

    voided = packing.service.void(packing.station, packing.supervisor, packing.packages[0], "box torn")
    assert voided.reason is Reason.PACKAGE_VOIDED and voided.package_state is PackageState.VOIDED
    assert stock.available(packing.campaign_id)[packing.item_ids["tea"]] == 10
    row = packing.db.execute("SELECT user_name, payload FROM events WHERE type = 'package_voided'").fetchone()
    assert row[0] == "Ivan" and "box torn" in row[1]
    again = packing.service.void(packing.station, packing.supervisor, packing.packages[0], "again")
    assert again.reason is Reason.PACKAGE_IS_VOIDED


def test_void_refuses_packages_that_are_not_sealed(packing: Packing):
    packing.scan(packing.packages[0])
    for code in packing.packages[:2]:  # open, planned
        outcome = packing.service.void(packing.station, packing.supervisor, code, "why")
        assert outcome.reason is Reason.PACKAGE_NOT_SEALED


def test_void_neither_waits_for_nor_sets_the_block(packing: Packing):
    packing.scan(packing.packages[0], *packing.full_package(), SEAL, "garbage")
    assert packing.service.void(packing.station, packing.supervisor, packing.packages[0], "x").accepted
    assert packing.service.void(packing.station, packing.packer, packing.packages[1], "x").refused
    assert packing.service.pending_refusal(packing.station).reason is Reason.UNREADABLE


def test_label_printed_and_reprints_count_copies(packing: Packing):
    *_, sealed = packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    printed = packing.service.record_label_printed(packing.station, packing.packer, sealed.package_id)
    assert printed.reason is Reason.LABEL_PRINTED and printed.copy == 1
    [first, second] = packing.scan(REPRINT, REPRINT)
    assert (first.reason, first.copy, second.copy) == (Reason.LABEL_REPRINTED, 2, 3)
    assert first.package_code == packing.packages[0]
    copies = [row[0] for row in packing.db.execute(
        "SELECT json_extract(payload, '$.copy') FROM events WHERE type = 'label_printed' ORDER BY pos")]
    assert copies == [1, 2, 3]


def test_reprint_without_recorded_original_is_copy_two(packing: Packing):
    *_, reprint = packing.scan(packing.packages[0], *packing.full_package(), SEAL, REPRINT)
    assert reprint.copy == 2


def test_reprint_needs_a_sealed_package(packing: Packing):
    assert packing.scan(REPRINT)[0].reason is Reason.NOTHING_TO_REPRINT
    packing.scan(ACK, packing.packages[0], *packing.full_package(), SEAL)
    packing.service.void(packing.station, packing.supervisor, packing.packages[0], "x")
    assert packing.scan(REPRINT)[0].reason is Reason.PACKAGE_IS_VOIDED


def test_record_label_of_an_unsealed_package_is_refused(packing: Packing):
    [opened] = packing.scan(packing.packages[0])
    outcome = packing.service.record_label_printed(packing.station, packing.packer, opened.package_id)
    assert outcome.reason is Reason.PACKAGE_NOT_SEALED


def test_every_event_records_its_user_and_station(packing: Packing):
    packing.scan(packing.packages[0], packing.item("tea"))
    packing.scan(packing.packages[1], station=packing.other, user=packing.supervisor)
    rows = packing.db.execute("SELECT user_name, station_id FROM events ORDER BY pos").fetchall()
    assert rows == [("Olena", packing.station.instance_id)] * 2 + [("Ivan", packing.other.instance_id)]
