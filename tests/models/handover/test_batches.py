"""Cartons and batches: what goes in, what is refused and why (changing nothing), and the batch's life from
open to signed, with corrections as new versions."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from models.campaigns.sql.reference_repo import package_by_code
from models.core.codes import CodeKind, make_code
from models.core.events import EventType, NewEvent
from models.core.i18n import translator
from models.demo.campaign import create_demo
from models.handover.reasons import BatchReason as R
from models.handover.records import BatchState, HandoverDetails
from models.journal.sql import events_repo, projections
from models.journal.sql.rebuild import rebuild_projections, replayed_dump
from models.storage.db import write_transaction
from models.storage.migrations import schema_version
from tests.support.handover_fixtures import Demo, pack, packed_demo


@pytest.fixture
def demo(tmp_path: Path) -> Demo:
    found = packed_demo(tmp_path)
    yield found
    found.workspace.close()


def unchanged(demo: Demo):
    """Snapshot of journal and projections, to compare after a refusal."""
    return events_repo.count(demo.db), projections.dump(demo.db)


def new_carton(demo: Demo) -> str:
    code = demo.workspace.batch_service().create_carton(demo.station, demo.supervisor, demo.campaign.id).carton_code
    assert code is not None
    return code


def new_batch(demo: Demo) -> str:
    code = demo.workspace.batch_service().create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    assert code is not None
    return code


def test_codes_are_carton_and_batch_codes_and_cartons_are_numbered(demo: Demo):
    service = demo.workspace.batch_service()
    first, second = new_carton(demo), new_carton(demo)
    batch = new_batch(demo)
    assert first.startswith("3") and second.startswith("3") and batch.startswith("4")
    assert [c.number for c in service.cartons(demo.campaign.id)] == [1, 2]
    record = service.batch(batch)
    assert record is not None and record.state is BatchState.OPEN and record.version == 1


def test_refusals_name_the_reason_and_change_nothing(demo: Demo):
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    carton, other_carton, batch, other_batch = new_carton(demo), new_carton(demo), new_batch(demo), new_batch(demo)
    assert service.put_in_carton(station, user, carton, demo.sealed[0]).accepted
    assert service.add(station, user, other_batch, demo.sealed[1]).accepted
    voided = demo.sealed[2]
    assert demo.workspace.scan_service().void(station, user, voided, "torn box").accepted
    cases = [
        (service.put_in_carton, carton, demo.planned[0], R.NOT_SEALED, "is not sealed (it is planned)"),
        (service.put_in_carton, carton, voided, R.VOIDED, "was voided"),
        (service.put_in_carton, carton, demo.sealed[0], R.ALREADY_IN_CARTON, "already in this carton"),
        (service.put_in_carton, other_carton, demo.sealed[0], R.IN_OTHER_CARTON, "already in carton 1"),
        (service.put_in_carton, carton, demo.sealed[1], R.IN_OTHER_BATCH, f"already in batch {other_batch}"),
        (service.put_in_carton, carton, make_code(CodeKind.PACKAGE, 9999), R.UNKNOWN_PACKAGE, "not in this database"),
        (service.put_in_carton, carton, batch, R.NOT_A_PACKAGE, "only packages go into a carton"),
        (service.put_in_carton, carton, demo.sealed[3][:-1] + "0" if demo.sealed[3][-1] != "0"
         else demo.sealed[3][:-1] + "1", R.BAD_CHECK_DIGIT, "wrong check digit"),
        (service.add, batch, demo.sealed[0], R.IN_OTHER_CARTON, "already in carton 1"),
        (service.add, batch, demo.sealed[1], R.IN_OTHER_BATCH, f"already in batch {other_batch}"),
        (service.add, batch, voided, R.VOIDED, "cannot be handed over"),
        (service.add, batch, other_carton, R.CARTON_EMPTY, "Carton 2 is empty"),
        (service.add, batch, make_code(CodeKind.LETTER, 1), R.WRONG_KIND, "not a package or carton code"),
        (service.add, batch, "hello", R.UNREADABLE, "cannot be read"),
        (service.remove, batch, demo.sealed[5], R.NOT_IN_BATCH, f"is not in batch {batch}"),
        (service.remove_from_carton, carton, demo.sealed[5], R.NOT_IN_CARTON, "is not in carton 1"),
    ]
    for call, target, code, reason, words in cases:
        before = unchanged(demo)
        outcome = call(station, user, target, code)
        assert outcome.refused and outcome.reason is reason, (code, outcome)
        assert words in outcome.message, outcome.message
        assert unchanged(demo) == before
    assert service.create_carton(station, user, None).reason is R.NO_CAMPAIGN
    packer = service.add(station, demo.packer, batch, demo.sealed[6])
    assert packer.reason is R.NOT_SUPERVISOR and "Packer" in packer.message


def test_other_campaign_is_refused(demo: Demo):
    service, station = demo.workspace.batch_service(), demo.station
    other = create_demo(demo.db, "Second", recipients=3).campaign
    station = demo.workspace.station_service().set_campaign(other.id)
    code = demo.db.execute("SELECT code FROM packages WHERE campaign_id = ? LIMIT 1", [other.id]).fetchone()[0]
    pack(demo.workspace, station, demo.packer, other, [code])
    batch = service.create_batch(station, demo.supervisor, other.id).batch_code
    first_campaign_batch = service.create_batch(station, demo.supervisor, demo.campaign.id).batch_code
    outcome = service.add(station, demo.supervisor, first_campaign_batch, code)
    assert outcome.reason is R.OTHER_CAMPAIGN and "belongs to campaign Second, not to Demo" in outcome.message
    assert service.add(station, demo.supervisor, batch, code).accepted


def test_a_package_flagged_as_a_conflict_is_refused_until_resolved(demo: Demo):
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    package_id = demo.db.execute("SELECT id FROM packages WHERE code = ?", [demo.sealed[0]]).fetchone()[0]
    batch = new_batch(demo)
    assert service.add(station, user, batch, demo.sealed[0]).accepted
    # Issue 8's hub flags a package packed at two stations (here written as its merge would).
    demo.db.execute("INSERT INTO sync_conflicts (package_id, kind, stations, problems, detected_at, updated_at) "
                    "VALUES (?, 'two_stations', '[]', '[]', 'now', 'now')", [package_id])
    refused = service.close(station, user, batch)
    assert refused.reason is R.BATCH_HOLDS_UNFIT and "conflict between stations" in refused.message
    service.remove(station, user, batch, demo.sealed[0])
    outcome = service.add(station, user, batch, demo.sealed[0])
    assert outcome.reason is R.CONFLICT and "conflict between stations" in outcome.message
    demo.db.execute("UPDATE sync_conflicts SET resolution_event = 'x' WHERE package_id = ?", [package_id])
    assert service.add(station, user, batch, demo.sealed[0]).accepted


def test_removing_before_closing_is_an_event_and_a_package_leaves_its_carton(demo: Demo):
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    carton, batch = new_carton(demo), new_batch(demo)
    for code in demo.sealed[:3]:
        service.put_in_carton(station, user, carton, code)
    service.add(station, user, batch, carton)
    service.add(station, user, batch, demo.sealed[3])
    assert len(service.members(batch)) == 4
    before = events_repo.count(demo.db)
    removed = service.remove(station, user, batch, demo.sealed[0])
    assert removed.accepted and events_repo.count(demo.db) == before + 1
    event = next(events_repo.read(demo.db, newest_first=True, limit=1))
    assert event.type == "removed_from_batch" and event.id == removed.event_id
    assert service.carton(carton).package_count == 2
    assert service.remove(station, user, batch, carton).reason is R.CARTON_REMOVED
    assert [m.code for m in service.members(batch)] == [demo.sealed[3]]
    assert service.remove_from_carton(station, user, carton, demo.sealed[1]).accepted
    assert service.carton(carton).package_count == 1


def test_closing_checks_every_member_and_fixes_the_version(demo: Demo):
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    batch = new_batch(demo)
    assert service.close(station, user, batch).reason is R.BATCH_EMPTY
    for code in demo.sealed[:4]:
        service.add(station, user, batch, code)
    # A voided member: a package cannot be voided while it is in a batch here, but another station's void of it
    # can reach the hub in an events file (recorded here as its merge does).
    assert demo.workspace.scan_service().void(station, user, demo.sealed[1], "wet").refused
    with write_transaction(demo.db):
        package = package_by_code(demo.db, demo.sealed[1])
        assert package is not None
        events_repo.append(demo.db, "station-b", NewEvent(EventType.PACKAGE_VOIDED, "Petro", package.id,
                                                          {"reason": "wet"}), schema_version(demo.db))
    refused = service.close(station, user, batch)
    assert refused.reason is R.BATCH_HOLDS_UNFIT and demo.sealed[1] in refused.message
    service.remove(station, user, batch, demo.sealed[1])
    closed = service.close(station, user, batch)
    assert closed.accepted and closed.version == 1
    (version,) = service.versions(batch)
    assert version.package_count == 3 and not version.signed
    assert version.events_included and version.events_included[0][0] == "Hub"
    assert service.add(station, user, batch, demo.sealed[5]).reason is R.BATCH_IS_CLOSED
    assert service.reopen(station, user, batch).accepted
    assert service.versions(batch) == [] and service.add(station, user, batch, demo.sealed[5]).accepted
    assert service.close(station, user, batch).version == 1


def test_a_signed_batch_is_immutable_and_a_correction_is_version_two_with_its_changes(demo: Demo, tmp_path: Path):
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    batch = new_batch(demo)
    carton = new_carton(demo)
    for code in demo.sealed[:3]:
        service.put_in_carton(station, user, carton, code)
    for code in [carton, *demo.sealed[3:10]]:
        service.add(station, user, batch, code)
    service.close(station, user, batch)
    assert service.sign(station, user, batch).accepted
    before = unchanged(demo)
    refusals = [service.add(station, user, batch, demo.sealed[12]),
                service.remove(station, user, batch, demo.sealed[3]),
                service.remove(station, user, batch, carton), service.close(station, user, batch),
                service.reopen(station, user, batch), service.sign(station, user, batch),
                service.set_details(station, user, batch, HandoverDetails(place="elsewhere")),
                service.put_in_carton(station, user, carton, demo.sealed[12]),
                service.remove_from_carton(station, user, carton, demo.sealed[0])]
    assert {o.reason for o in refusals} == {R.BATCH_IS_SIGNED}
    assert "open a correction (version 2)" in refusals[0].message
    assert unchanged(demo) == before
    assert service.correct(station, user, batch, " ").reason is R.REASON_REQUIRED

    opened = service.correct(station, user, batch, "package 4 stays behind")
    assert opened.accepted and opened.version == 2
    assert service.remove(station, user, batch, demo.sealed[3]).accepted
    assert service.add(station, user, batch, demo.sealed[12]).accepted
    assert service.set_details(station, user, batch, HandoverDetails(place="Склад № 3")).accepted
    manifests = demo.workspace.manifest_service()
    live = manifests.changes(batch)
    assert [r.code for r in live.added] == [demo.sealed[12]] and [r.code for r in live.removed] == [demo.sealed[3]]
    assert service.close(station, user, batch).version == 2
    changes = manifests.changes(batch, 2)
    assert changes.previous == 1 and changes.reason == "package 4 stays behind"
    assert [r.code for r in changes.added] == [demo.sealed[12]]
    assert [r.code for r in changes.removed] == [demo.sealed[3]]
    assert ("Place of handover", "", "Склад № 3") in changes.details
    # Version 1 stays exactly as signed.
    assert [m.code for m in service.members(batch, 1)] == sorted(demo.sealed[:10], key=demo.sealed.index)
    assert manifests.content(batch, 1).signed and not manifests.content(batch, 1).current
    assert manifests.content(batch).version == 2 and manifests.content(batch).current
    assert service.sign(station, user, batch).accepted
    assert replayed_dump(demo.db) == projections.dump(demo.db)


def test_attaching_the_signed_sheet_keeps_a_private_copy_and_its_hash(demo: Demo, tmp_path: Path):
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    batch = new_batch(demo)
    service.add(station, user, batch, demo.sealed[0])
    service.close(station, user, batch)
    scan = tmp_path / "scan.PDF"
    scan.write_bytes(b"%PDF-1.4 the signed sheet")
    early = service.attach_sheet(station, user, batch, scan)
    assert early.reason is R.BATCH_NOT_SIGNED
    assert not list((tmp_path / "manifests").glob("*.pdf"))  # a refused copy is not kept
    service.sign(station, user, batch)
    attached = service.attach_sheet(station, user, batch, scan)
    assert attached.accepted, attached.message
    version = service.versions(batch)[0]
    kept = tmp_path / "manifests" / version.attachment
    assert kept.read_bytes() == scan.read_bytes() and kept.suffix == ".pdf"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    import hashlib

    assert version.attachment_sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert service.attach_sheet(station, user, batch, scan).reason is R.ALREADY_ATTACHED
    assert service.attach_sheet(station, user, batch, tmp_path / "nothing.pdf").reason is R.FILE_MISSING


def test_rebuild_from_the_journal_gives_the_same_handover_tables(demo: Demo):
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    carton, batch = new_carton(demo), new_batch(demo)
    for code in demo.sealed[:5]:
        service.put_in_carton(station, user, carton, code)
    service.remove_from_carton(station, user, carton, demo.sealed[4])
    service.add(station, user, batch, carton)
    service.add(station, user, batch, demo.sealed[6])
    service.put_in_carton(station, user, carton, demo.sealed[7])  # joins the batch with its carton
    service.set_details(station, user, batch, HandoverDetails(place="Київ"))
    service.close(station, user, batch)
    service.reopen(station, user, batch)
    service.remove(station, user, batch, demo.sealed[6])
    service.close(station, user, batch)
    service.sign(station, user, batch)
    service.correct(station, user, batch, "typo in the place")
    receiving = demo.workspace.receiving_service()
    receiving.scan(station, "Petrov", batch, demo.sealed[0])
    receiving.scan(station, "Petrov", batch, demo.sealed[10])
    assert {m.code for m in service.members(batch)} == {*demo.sealed[:4], demo.sealed[7]}
    live = projections.dump(demo.db)
    assert replayed_dump(demo.db) == live
    assert all(live[table] for table in ("cartons", "batches", "package_handover", "manifest_versions",
                                          "manifest_lines", "receipts"))
    rebuild_projections(demo.db)
    assert projections.dump(demo.db) == live


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_messages_come_in_the_users_language(demo: Demo, language: str):
    batch = new_batch(demo)
    outcome = demo.workspace.batch_service().add(demo.station, demo.supervisor, batch, demo.planned[0],
                                                 language=language)
    assert outcome.reason is R.NOT_SEALED
    expected = translator(language).gettext("Package {package} is not sealed (it is {state}).")
    if expected != "Package {package} is not sealed (it is {state}).":  # once the catalogs carry it
        assert outcome.message != outcome.message.encode("ascii", "ignore").decode()


def test_a_package_in_a_carton_or_a_batch_cannot_be_voided(demo: Demo):
    """Voiding would return its items to stock while the carton, the batch and its manifest still count it; a
    signed batch must first be corrected (version n+1) and the package taken out."""
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    scans = demo.workspace.scan_service()
    carton, batch = new_carton(demo), new_batch(demo)
    assert service.put_in_carton(station, user, carton, demo.sealed[0]).accepted
    for code in demo.sealed[1:4]:
        assert service.add(station, user, batch, code).accepted
    assert service.close(station, user, batch).accepted and service.sign(station, user, batch).accepted
    before = unchanged(demo)
    for code, place in ((demo.sealed[0], carton), (demo.sealed[2], batch)):
        refused = scans.void(station, user, code, "torn box")
        assert refused.refused and refused.reason.value == "package_in_handover", refused.message
        assert code in refused.message and place in refused.message
    assert unchanged(demo) == before
    assert service.correct(station, user, batch, "a torn box goes back").accepted
    assert service.remove(station, user, batch, demo.sealed[2]).accepted
    assert scans.void(station, user, demo.sealed[2], "torn box").accepted
