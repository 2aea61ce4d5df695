"""Sealing: required lines, the letter rule, weight tolerance and the campaign maximum.

The fixture campaign: tare 300 g, tolerance 100 g, maximum 2,000 g. A full package with main items weighs
2x100 (tea) + 150 (soap) + 3x80 (socks) + 300 = 890 g.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from models.campaigns import lifecycle, reference
from models.campaigns.sql import reference_repo as repo
from models.core.types import CampaignRules
from models.packing.scan_reasons import Reason
from models.packing.states import PackageState
from models.storage.db import write_transaction
from tests.support.packing_fixtures import ACK, SEAL, Packing, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)

FULL_WEIGHT = 890


def _set_rules(packing: Packing, rules: CampaignRules) -> None:
    campaign = reference.get_campaign(packing.db, "Зима")
    with write_transaction(packing.db):
        repo.update_campaign(packing.db, replace(campaign, rules=rules))


def test_seal_with_every_required_line_met(packing: Packing):
    *_, sealed = packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    assert sealed.accepted and sealed.reason is Reason.PACKAGE_SEALED
    assert sealed.package_state is PackageState.SEALED
    assert packing.service.current_package_id(packing.station) is None
    row = packing.db.execute("SELECT payload FROM events WHERE type = 'package_sealed'").fetchone()[0]
    assert f'"expected_weight_g":{FULL_WEIGHT}' in row and '"weight_g":null' in row


def test_seal_is_refused_while_a_required_line_is_short(packing: Packing):
    codes = packing.full_package()
    codes.remove(packing.item("soap"))
    codes.remove(packing.item("socks"))
    *_, refused = packing.scan(packing.packages[0], *codes, SEAL)
    assert refused.reason is Reason.REQUIRED_LINES_MISSING
    assert refused.message == "Cannot seal: lines 2, 3 are not complete."
    assert packing.store.package(code=packing.packages[0]).state is PackageState.OPEN


def test_the_optional_line_is_not_needed_but_may_be_filled(packing: Packing):
    *_, sealed = packing.scan(packing.packages[0], *packing.full_package(), packing.item("chocolate"), SEAL)
    assert sealed.reason is Reason.PACKAGE_SEALED


def test_seal_without_an_open_package_is_refused(packing: Packing):
    assert packing.scan(SEAL)[0].reason is Reason.NO_PACKAGE_OPEN


def test_weight_within_tolerance_seals_and_is_recorded(packing: Packing):
    packing.scan(packing.packages[0], *packing.full_package())
    weighed = packing.service.enter_weight(packing.station, packing.packer, FULL_WEIGHT + 100)
    assert weighed.reason is Reason.WEIGHT_ENTERED and "890" in weighed.message
    [sealed] = packing.scan(SEAL)
    assert sealed.accepted
    assert packing.store.package(code=packing.packages[0]).weight_g == FULL_WEIGHT + 100


def test_weight_outside_tolerance_is_refused(packing: Packing):
    packing.scan(packing.packages[0], *packing.full_package())
    for weight in (FULL_WEIGHT + 101, FULL_WEIGHT - 101):
        refused = packing.service.seal(packing.station, packing.packer, weight)
        assert refused.reason is Reason.WEIGHT_OUT_OF_TOLERANCE, weight
        assert f"{weight} g" in refused.message and f"{FULL_WEIGHT} g" in refused.message
        packing.scan(ACK)
    assert packing.store.package(code=packing.packages[0]).state is PackageState.OPEN


def test_weight_over_the_campaign_maximum_is_refused(packing: Packing):
    _set_rules(packing, CampaignRules(max_package_weight_g=950, forbidden_categories=("alcohol",), box_tare_g=300))
    packing.scan(packing.packages[0], *packing.full_package())
    refused = packing.service.seal(packing.station, packing.packer, 980)  # within tolerance, over maximum
    assert refused.reason is Reason.WEIGHT_OVER_MAXIMUM and "950 g" in refused.message


def test_without_weighing_the_expected_weight_is_held_against_the_maximum(packing: Packing):
    _set_rules(packing, CampaignRules(max_package_weight_g=800, forbidden_categories=("alcohol",), box_tare_g=300))
    *_, refused = packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    assert refused.reason is Reason.WEIGHT_OVER_MAXIMUM and "890 g" in refused.message


def test_a_wrong_weight_is_refused_when_entered_and_nothing_is_recorded(packing: Packing):
    """Refused at the scale, not only at sealing: red while the box is still open (issue 16)."""
    _set_rules(packing, CampaignRules(max_package_weight_g=950, forbidden_categories=("alcohol",), box_tare_g=300,
                                      weight_tolerance_g=100))
    packing.scan(packing.packages[0], *packing.full_package())
    for weight, reason in ((2500, Reason.WEIGHT_OVER_MAXIMUM), (FULL_WEIGHT - 101, Reason.WEIGHT_OUT_OF_TOLERANCE)):
        refused = packing.service.enter_weight(packing.station, packing.packer, weight)
        assert not refused.accepted and refused.reason is reason and f"{weight} g" in refused.message, weight
        packing.scan(ACK)
    assert packing.store.package(code=packing.packages[0]).weight_g is None
    assert packing.db.execute("SELECT count(*) FROM events WHERE type = 'weight_entered'").fetchone()[0] == 0


def test_a_change_of_contents_clears_the_entered_weight(packing: Packing):
    packing.scan(packing.packages[0], *packing.full_package())
    assert packing.service.enter_weight(packing.station, packing.packer, FULL_WEIGHT).accepted
    packing.scan(packing.item("chocolate"))  # the box was weighed without it: weigh again
    assert packing.store.package(code=packing.packages[0]).weight_g is None
    assert packing.scan(SEAL)[0].accepted


def test_an_invalid_weight_is_refused(packing: Packing):
    packing.scan(packing.packages[0])
    for weight in (0, -5):
        assert packing.service.enter_weight(packing.station, packing.packer, weight).reason is Reason.INVALID_WEIGHT
        packing.scan(ACK)


def test_weight_token_without_open_package(packing: Packing):
    assert packing.service.enter_weight(packing.station, packing.packer, 500).reason is Reason.NO_PACKAGE_OPEN


# -- the letter rule ---------------------------------------------------------------------------------------


def _letter(packing: Packing, number: str, *, received: bool) -> str:
    [letter] = packing.letters().register(packing.campaign_id, [number], received=received)
    return letter.code


def test_a_received_letter_must_be_enclosed_before_sealing(packing: Packing):
    code = _letter(packing, "1", received=True)
    *_, refused = packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    assert refused.reason is Reason.LETTER_NOT_ENCLOSED and code in refused.message
    enclosed, sealed = packing.scan(ACK, code, SEAL)[1:]
    assert enclosed.reason is Reason.LETTER_ENCLOSED and sealed.reason is Reason.PACKAGE_SEALED


def test_an_expected_letter_does_not_block_sealing(packing: Packing):
    _letter(packing, "1", received=False)
    *_, sealed = packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    assert sealed.accepted


def test_the_campaign_rule_can_allow_sealing_without_the_letter(packing: Packing):
    _letter(packing, "1", received=True)
    campaign = lifecycle.get_by_id(packing.db, packing.campaign_id)
    lifecycle.change_rules(packing.db, campaign, replace(campaign.rules, letters_must_be_enclosed=False))
    *_, sealed = packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    assert sealed.accepted


def test_the_copy_mark_of_a_label_follows_its_journal_copy():
    """Copy 1 of the journal is the label printed at sealing (no mark); the first reprint shows COPY 1."""
    from models.packing.labels_printed import copy_mark

    assert [copy_mark(n) for n in (1, 2, 3, 7)] == [0, 1, 2, 6]
