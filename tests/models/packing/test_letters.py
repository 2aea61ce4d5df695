"""Letters: registration with letter codes, statuses, and the scan rules for letters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from models.campaigns import lifecycle, reference
from models.campaigns.sql import reference_repo as repo
from models.core.codes import CodeKind, classify, make_code
from models.core.errors import RefusedInput
from models.core.types import Campaign
from models.packing.letters import Letter, LetterStatus, recipient_status
from models.packing.scan_reasons import Reason
from models.storage.db import write_transaction
from tests.support.packing_fixtures import ACK, SEAL, Packing, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)


def test_registered_letters_get_unique_letter_codes(packing: Packing):
    letters = packing.letters().register(packing.campaign_id, ["1", "2", "1"])
    assert [letter.list_number for letter in letters] == ["1", "2", "1"]
    codes = [letter.code for letter in letters]
    assert len(set(codes)) == 3
    assert all(classify(code).kind is CodeKind.LETTER and classify(code).ok for code in codes)
    assert all(letter.status is LetterStatus.EXPECTED for letter in letters)
    assert letters[0].recipient_name == "Шевченко Олена Петрівна"


def test_registration_is_all_or_nothing(packing: Packing):
    with pytest.raises(RefusedInput) as refused:
        packing.letters().register(packing.campaign_id, ["1", "77", "88"])
    assert any("77" in problem for problem in refused.value.problems)
    assert any("88" in problem for problem in refused.value.problems)
    assert packing.letters().letters(packing.campaign_id) == []


def test_status_expected_received_enclosed(packing: Packing):
    service = packing.letters()
    [letter] = service.register(packing.campaign_id, ["1"])
    assert service.status_of(letter.recipient_id) is LetterStatus.EXPECTED
    service.mark_received([letter.code])
    assert service.status_of(letter.recipient_id) is LetterStatus.RECEIVED
    packing.scan(packing.packages[0], letter.code)
    assert service.status_of(letter.recipient_id) is LetterStatus.ENCLOSED
    assert service.of_recipient(letter.recipient_id)[0].package_id == packing.package_ids[packing.packages[0]]
    other = repo.package_by_code(packing.db, packing.packages[1]).recipient_id
    assert service.status_of(other) is LetterStatus.NONE


def test_mark_received_refuses_unknown_codes(packing: Packing):
    with pytest.raises(RefusedInput):
        packing.letters().mark_received([make_code(CodeKind.LETTER, 4242)])


def test_recipient_status_prefers_what_is_still_to_do():
    def letter(status: LetterStatus) -> Letter:
        return Letter(1, 1, 1, "c", status)

    assert recipient_status([]) is LetterStatus.NONE
    assert recipient_status([letter(LetterStatus.ENCLOSED), letter(LetterStatus.RECEIVED)]) is LetterStatus.RECEIVED
    assert recipient_status([letter(LetterStatus.ENCLOSED), letter(LetterStatus.EXPECTED)]) is LetterStatus.EXPECTED
    assert recipient_status([letter(LetterStatus.ENCLOSED)]) is LetterStatus.ENCLOSED


def test_a_letter_must_belong_to_the_open_packages_recipient(packing: Packing):
    [letter] = packing.letters().register(packing.campaign_id, ["2"], received=True)
    _, refused = packing.scan(packing.packages[0], letter.code)
    assert refused.reason is Reason.LETTER_OTHER_RECIPIENT
    assert "Іваненко Ґанна" in refused.message and "Шевченко" in refused.message
    assert packing.letters().of_recipient(letter.recipient_id)[0].status is LetterStatus.RECEIVED


def test_a_letter_goes_in_once(packing: Packing):
    [letter] = packing.letters().register(packing.campaign_id, ["1"], received=True)
    _, first, second = packing.scan(packing.packages[0], letter.code, letter.code)
    assert first.reason is Reason.LETTER_ENCLOSED and second.reason is Reason.LETTER_ALREADY_ENCLOSED


def test_an_unregistered_letter_is_refused(packing: Packing):
    _, refused = packing.scan(packing.packages[0], make_code(CodeKind.LETTER, 4242))
    assert refused.reason is Reason.UNKNOWN_LETTER


def test_a_letter_without_open_package_is_refused(packing: Packing):
    [letter] = packing.letters().register(packing.campaign_id, ["1"])
    assert packing.scan(letter.code)[0].reason is Reason.NO_PACKAGE_OPEN


def test_letters_refused_when_the_campaign_allows_none(packing: Packing):

    [letter] = packing.letters().register(packing.campaign_id, ["1"], received=True)
    campaign = reference.get_campaign(packing.db, "Зима")
    with write_transaction(packing.db):
        repo.update_campaign(packing.db, replace(campaign, rules=replace(campaign.rules, letters_allowed=False)))
    _, refused, _ack, *_rest, sealed = packing.scan(packing.packages[0], letter.code, ACK, *packing.full_package(),
                                                   SEAL)
    assert refused.reason is Reason.LETTERS_NOT_ALLOWED
    assert sealed.reason is Reason.PACKAGE_SEALED  # no letter rule where letters are not allowed


def test_the_rule_defaults_to_enclosing(packing: Packing):
    service = packing.letters()
    assert service.must_enclose(packing.campaign_id) is True
    _change_must_enclose(packing, False)
    assert service.must_enclose(packing.campaign_id) is False
    assert [v.rules.letters_must_be_enclosed for v in lifecycle.rule_versions(packing.db, _campaign(packing))] == [
        True, False]  # the change is the campaign's rules version 2


def _campaign(packing: Packing) -> Campaign:
    return lifecycle.get_by_id(packing.db, packing.campaign_id)


def _change_must_enclose(packing: Packing, value: bool) -> None:
    campaign = _campaign(packing)
    lifecycle.change_rules(packing.db, campaign, replace(campaign.rules, letters_must_be_enclosed=value), "Олена")
