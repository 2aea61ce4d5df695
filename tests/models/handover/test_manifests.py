"""Manifests from the database: their content, the QR seal, and checking a printed sheet against the data."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from models.core.errors import NotFound, RefusedInput
from models.handover.manifests import VerifyResult, parse_seal, seal_payload
from models.handover.records import HandoverDetails, PartyDetails
from models.handover.seal import manifest_hash, parse_qr_payload
from printing.handover_documents import manifest_data
from printing.manifest import manifest_qr_payload
from tests.support.handover_fixtures import Demo, format_one, packed_demo


@pytest.fixture
def demo(tmp_path: Path) -> Demo:
    found = packed_demo(tmp_path)
    yield found
    found.workspace.close()


def closed_batch(demo: Demo, codes: list[str], details: HandoverDetails | None = None) -> str:
    service = demo.workspace.batch_service()
    batch = service.create_batch(demo.station, demo.supervisor, demo.campaign.id, details).batch_code
    for code in codes:
        assert service.add(demo.station, demo.supervisor, batch, code).accepted
    assert service.close(demo.station, demo.supervisor, batch).accepted
    return batch


def test_the_printed_seal_is_the_stored_versions(demo: Demo):
    """The QR the manifest prints (printing.manifest) holds the closed version as the database stored it."""
    codes = demo.sealed[:7]
    batch = closed_batch(demo, codes)
    content = demo.workspace.manifest_service().content(batch)
    payload = manifest_qr_payload(manifest_data(content))
    assert payload == seal_payload(batch, 1, content.lines)
    seal = parse_seal(payload)
    assert seal is not None and (seal.batch_code, seal.version, seal.count, seal.format) == (batch, 1, 7, "2")
    # Format 2 hashes each line as the sheet prints it, as anyone can redo by hand (models/handover/seal.py).
    by_hand = "\n".join(sorted(f"{line.code}\t{line.list_number}\t{line.surname} {line.given_name} {line.patronymic}"
                               for line in content.lines))
    assert seal.sha256 == hashlib.sha256(by_hand.encode()).hexdigest()
    assert manifest_hash(codes) == content.sha256  # the version's stored hash stays that of its codes
    assert parse_seal("2" + payload[1:-1]) is None and parse_seal("3" + payload[1:]) is None
    assert parse_seal("hello") is None
    assert parse_seal("١" * 106) is None  # Unicode digits are not a scanner's
    with pytest.raises(ValueError):
        parse_qr_payload("hello")


def test_content_lists_each_package_with_its_recipient_weight_and_details(demo: Demo):
    details = HandoverDetails(place="Київ", handover_at="2026-11-27T14:30", sending=PartyDetails("Фонд"),
                              vehicle="Truck", registration="AA 1234 BB", seal_numbers=("1", "2"))
    batch = closed_batch(demo, demo.sealed[:5], details)
    content = demo.workspace.manifest_service().content(batch)
    assert content.created == datetime(2026, 11, 27, 14, 30)
    assert [line.code for line in content.lines] == demo.sealed[:5]  # recipient-list order
    # Packed without weighing: the manifest says so, and knows the expected weight (never passed off as weighed).
    assert all(line.surname and line.weight_g is None and line.expected_weight_g == 3250 and line.birth_date
               for line in content.lines)
    data = manifest_data(content)
    assert data.transport == "Truck, AA 1234 BB" and data.seal_numbers == ("1", "2")
    assert data.events_included == content.events_included and content.events_included[0][0] == "Hub"


def test_a_batch_without_a_closed_version_has_no_manifest(demo: Demo):
    manifests = demo.workspace.manifest_service()
    batch = demo.workspace.batch_service().create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    with pytest.raises(RefusedInput, match="no manifest yet"):
        manifests.content(batch)
    with pytest.raises(NotFound):
        manifests.content("400000000000009999")


def test_verification_says_whether_the_sheet_matches(demo: Demo):
    batch = closed_batch(demo, demo.sealed[:6])
    manifests = demo.workspace.manifest_service()
    lines = manifests.content(batch).lines
    good = manifests.verify(seal_payload(batch, 1, lines))
    assert good.result is VerifyResult.MATCHES and good.matches and good.current
    assert good.message == f"The sheet matches: batch {batch}, version 1, 6 packages, as in the database."
    fewer = manifests.verify(seal_payload(batch, 1, lines[:-1]))
    assert fewer.result is VerifyResult.COUNT_DIFFERS and not fewer.matches and "lists 5 packages" in fewer.message
    swapped = manifests.verify(seal_payload(batch, 1, [*lines[:-1], replace(lines[-1], code=demo.sealed[10])]))
    assert swapped.result is VerifyResult.HASH_DIFFERS and not swapped.matches
    for changed in (replace(lines[0], given_name="Пётр"), replace(lines[0], list_number="999")):
        other = manifests.verify(seal_payload(batch, 1, [changed, *lines[1:]]))  # same codes, another line
        assert other.result is VerifyResult.HASH_DIFFERS and "names or list numbers" in other.message
    assert manifests.verify(seal_payload(batch, 2, lines)).result is VerifyResult.UNKNOWN_VERSION
    assert manifests.verify(seal_payload("400000000000009991", 1, lines)).result is VerifyResult.UNKNOWN_BATCH
    assert manifests.verify("12345").result is VerifyResult.NOT_A_MANIFEST

    service = demo.workspace.batch_service()
    service.sign(demo.station, demo.supervisor, batch)
    service.correct(demo.station, demo.supervisor, batch, "one more package")
    service.add(demo.station, demo.supervisor, batch, demo.sealed[10])
    service.close(demo.station, demo.supervisor, batch)
    old = manifests.verify(seal_payload(batch, 1, lines))
    assert old.result is VerifyResult.SUPERSEDED and old.matches and not old.current and old.signed
    assert "version 2 replaces it" in old.message


def test_verification_in_russian_and_ukrainian_has_no_broken_placeholders(demo: Demo):
    batch = closed_batch(demo, demo.sealed[:2])
    lines = demo.workspace.manifest_service().content(batch).lines
    for language in ("ru", "uk"):
        found = demo.workspace.manifest_service().verify(seal_payload(batch, 1, lines), language=language)
        assert batch in found.message and "{" not in found.message


def test_sheets_printed_before_lines_were_hashed_still_verify(demo: Demo):
    batch = closed_batch(demo, demo.sealed[:4])
    manifests = demo.workspace.manifest_service()
    codes = manifests.content(batch).codes
    old = manifests.verify("]Q1" + format_one(batch, 1, codes))
    assert old.result is VerifyResult.MATCHES and old.stored_sha256 == manifest_hash(codes)
    assert manifests.verify(format_one(batch, 1, codes[:-1])).result is VerifyResult.COUNT_DIFFERS
    other = manifests.verify(format_one(batch, 1, [*codes[:-1], demo.sealed[9]]))
    assert other.result is VerifyResult.HASH_DIFFERS
