"""Package codes, commands and unreadable codes at a packing station."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.campaigns import reference
from models.core.codes import CodeKind, make_code
from models.core.types import RecipientData, TemplateLineData
from models.packing.scan_reasons import Reason
from models.packing.states import PackageState
from models.packing.station import Station
from tests.support.packing_fixtures import ACK, CALL, NEXT, SEAL, Packing, bad_check_digit, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)


def test_a_package_code_opens_the_package_at_this_station(packing: Packing):
    [outcome] = packing.scan(packing.packages[0])
    assert outcome.accepted and outcome.reason is Reason.PACKAGE_OPENED
    assert outcome.package_code == packing.packages[0] and outcome.package_state is PackageState.OPEN
    assert "Шевченко Олена Петрівна" in outcome.message
    assert packing.service.current_package_id(packing.station) == outcome.package_id
    assert packing.store.package(code=packing.packages[0]).station_id == packing.station.instance_id


def test_scanner_prefixes_are_accepted(packing: Packing):
    [outcome] = packing.scan("]C100" + packing.packages[0] + "\r\n")
    assert outcome.reason is Reason.PACKAGE_OPENED


def test_unknown_package_is_refused(packing: Packing):
    code = make_code(CodeKind.PACKAGE, 999_999)
    [outcome] = packing.scan(code)
    assert outcome.refused and outcome.reason is Reason.UNKNOWN_PACKAGE and code in outcome.message


def test_package_of_another_campaign_is_refused(packing: Packing):
    other = reference.create_campaign(packing.db, "Весна", 1)
    reference.save_template(packing.db, other, "Spring", [TemplateLineData(1, packing.item_ids["tea"], 1)])
    reference.save_recipients(packing.db, other, [RecipientData("1", "Бондар", "Марія")])
    code = packing.db.execute("SELECT code FROM packages WHERE campaign_id = ?", [other.id]).fetchone()[0]
    [outcome] = packing.scan(code)
    assert outcome.reason is Reason.OTHER_CAMPAIGN and "Весна" in outcome.message
    assert packing.store.package(code=code).state is PackageState.PLANNED


def test_sealed_package_cannot_be_opened_again(packing: Packing):
    packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    [outcome] = packing.scan(packing.packages[0])
    assert outcome.reason is Reason.PACKAGE_IS_SEALED


def test_voided_package_cannot_be_opened_again(packing: Packing):
    packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    assert packing.service.void(packing.station, packing.supervisor, packing.packages[0], "box torn").accepted
    [outcome] = packing.scan(packing.packages[0])
    assert outcome.reason is Reason.PACKAGE_IS_VOIDED


def test_package_open_at_another_station_is_refused(packing: Packing):
    packing.scan(packing.packages[0], station=packing.other)
    [outcome] = packing.scan(packing.packages[0])
    assert outcome.reason is Reason.OPEN_AT_OTHER_STATION and "Station 2" in outcome.message


def test_switching_packages_keeps_both_open_and_resumes(packing: Packing):
    first, _tea, asked, second = packing.scan(packing.packages[0], packing.item("tea"), packing.packages[1],
                                              packing.packages[1])
    assert asked.reason is Reason.SWITCH_NEEDS_CONFIRMATION  # the first scan of the other label only asks
    assert second.reason is Reason.PACKAGE_OPENED and not second.blocked
    [resumed] = packing.scan(packing.packages[0])  # the one just opened has nothing in it: no question
    assert resumed.accepted and resumed.reason is Reason.PACKAGE_RESUMED and resumed.event_id is not None
    assert packing.service.current_package_id(packing.station) == first.package_id
    assert packing.store.contents(first.package_id) == {1: {packing.item_ids["tea"]: 1}}
    [again] = packing.scan(packing.packages[0])  # already the current one: nothing to record
    assert again.reason is Reason.PACKAGE_RESUMED and again.event_id is None


def test_leaving_a_package_with_items_in_it_needs_the_other_label_twice(packing: Packing):
    """A stray scan of another label never parks a half-packed box: the station asks, and stays until the same
    label comes again (switch) or Acknowledge (stay)."""
    before_open = packing.scan(packing.packages[0], packing.item("tea"), packing.item("tea"))
    assert all(outcome.accepted for outcome in before_open)
    [asked] = packing.scan(packing.packages[1])
    assert not asked.accepted and asked.blocked and asked.reason is Reason.SWITCH_NEEDS_CONFIRMATION
    assert asked.message == (f"Package {packing.packages[0]} is open with 2 scanned into it. Scan "
                             f"{packing.packages[1]} again to switch to it (the open one waits), or Acknowledge "
                             "to stay.")
    first_id = before_open[0].package_id
    assert packing.service.current_package_id(packing.station) == first_id  # nothing changed
    [other] = packing.scan(packing.packages[2])  # another code than the one asked about: still waiting
    assert other.reason is Reason.AWAITING_ACKNOWLEDGEMENT
    [stay, tea] = packing.scan(ACK, packing.item("tea"))
    assert stay.reason is Reason.ACKNOWLEDGED and tea.reason is Reason.LINE_FULL  # still the first package
    packing.scan(ACK)
    switched = packing.scan(packing.packages[1], packing.packages[1])
    assert [o.reason for o in switched] == [Reason.SWITCH_NEEDS_CONFIRMATION, Reason.PACKAGE_OPENED]
    assert packing.service.current_package_id(packing.station) == switched[1].package_id
    assert packing.store.package(package_id=first_id).state.value == "open"  # the first one waits, open
    assert packing.service.pending_refusal(packing.station) is None


def test_next_package_takes_the_recipient_list_order(packing: Packing):
    opened = []
    for _ in packing.packages:
        [outcome] = packing.scan(NEXT)
        assert outcome.reason is Reason.PACKAGE_OPENED
        opened.append(outcome.package_code)
    assert opened == packing.packages  # 1, 2, 3, 4, 10: numbers compare as numbers
    [empty] = packing.scan(NEXT)
    assert empty.reason is Reason.QUEUE_EMPTY


def test_next_package_skips_packages_already_claimed(packing: Packing):
    packing.scan(packing.packages[0], station=packing.other)
    [outcome] = packing.scan(NEXT)
    assert outcome.package_code == packing.packages[1]


def test_a_campaign_without_template_refuses_to_open(packing: Packing):
    other = reference.create_campaign(packing.db, "Без шаблона", 1)
    reference.save_recipients(packing.db, other, [RecipientData("1", "Бондар", "Марія")])
    code = packing.db.execute("SELECT code FROM packages WHERE campaign_id = ?", [other.id]).fetchone()[0]
    station = Station(packing.station.instance_id, packing.station.name, other.id)
    [outcome] = packing.scan(code, station=station)
    assert outcome.reason is Reason.NO_TEMPLATE


def test_station_without_campaign_is_refused(packing: Packing):
    station = Station(packing.station.instance_id, packing.station.name, None)
    [outcome] = packing.scan(packing.packages[0], station=station)
    assert outcome.reason is Reason.NO_CAMPAIGN


def test_bad_check_digit_of_our_own_code_is_refused_before_lookup(packing: Packing):
    [outcome] = packing.scan(bad_check_digit(packing.packages[0]))
    assert outcome.reason is Reason.BAD_CHECK_DIGIT
    assert packing.store.package(code=packing.packages[0]).state is PackageState.PLANNED


def test_unreadable_codes_are_refused(packing: Packing):
    for raw in ("hello", "12345", ""):
        outcome = packing.service.handle(packing.station, packing.packer, raw)
        assert outcome.reason is Reason.UNREADABLE, raw
        packing.service.acknowledge(packing.station, packing.packer)


def test_carton_and_batch_codes_are_not_for_packing(packing: Packing):
    for kind in (CodeKind.CARTON, CodeKind.BATCH):
        [outcome, ack] = packing.scan(make_code(kind, 5), ACK)
        assert outcome.reason is Reason.NOT_A_PACKING_CODE and ack.accepted


def test_unknown_command_is_refused(packing: Packing):
    [outcome] = packing.scan(make_code(CodeKind.COMMAND, 77))
    assert outcome.reason is Reason.UNKNOWN_COMMAND and outcome.refused


def test_call_supervisor_is_an_outcome_that_changes_nothing(packing: Packing):
    before = packing.db.execute("SELECT count(*) FROM events").fetchone()[0]
    [outcome] = packing.scan(CALL)
    assert outcome.accepted and outcome.reason is Reason.SUPERVISOR_CALLED
    assert packing.db.execute("SELECT count(*) FROM events").fetchone()[0] == before


def test_command_codes_work_with_a_scanner_prefix(packing: Packing):
    [outcome] = packing.scan("00" + NEXT)
    assert outcome.reason is Reason.PACKAGE_OPENED
