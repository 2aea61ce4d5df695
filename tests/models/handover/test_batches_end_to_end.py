"""Issue 7, checked end to end: a demo campaign, 20 packages packed through ScanService, two cartons, one batch,
its manifest read back from pixels, the export, receiving with one package missing and one extra, and a
reconciliation that says exactly that (on a receiving install, and from the receiving side's ticked list)."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest

from app.workspace import Workspace
from models.core.codes import CodeKind, classify, grouped
from models.handover.manifests import parse_seal
from models.handover.receiving_records import Cause, ReceiptStatus
from models.handover.records import HandoverDetails, PartyDetails
from models.handover.seal import lines_hash, manifest_hash, sealed_lines
from models.storage.opening import open_database
from printing.handover_documents import HandoverDocuments
from printing.manifest import manifest_hash as printed_hash
from tests.support.handover_fixtures import Demo, packed_demo
from tests.support.pdfcheck import decode_page, normalise, page_count, page_texts

DETAILS = HandoverDetails(
    place="м. Київ, склад № 2", handover_at="2026-11-27T14:30",
    sending=PartyDetails("Благодійний фонд «Рідні»", "Ковальчук Ганна Іванівна", "Координаторка"),
    mediator=PartyDetails("International Committee", "Jean Dupont", "Delegate"),
    receiving=PartyDetails("Учреждение № 12", "Петров Алексей Викторович", "Представитель"),
    vehicle="Вантажівка", registration="AA 1234 BB", driver="Петренко О. М.", seal_numbers=("0045123", "0045124"))


@pytest.fixture
def demo(tmp_path: Path) -> Demo:
    found = packed_demo(tmp_path)
    yield found
    found.workspace.close()


def build_batch(demo: Demo) -> str:
    """Carton 1 with 8 packages, carton 2 with 7, the batch with both cartons and 5 packages on their own."""
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    cartons = [service.create_carton(station, user, demo.campaign.id).carton_code for _ in range(2)]
    batch = service.create_batch(station, user, demo.campaign.id, DETAILS).batch_code
    assert batch and all(cartons)
    for carton, codes in zip(cartons, (demo.sealed[:8], demo.sealed[8:15]), strict=True):
        for code in codes:
            assert service.put_in_carton(station, user, carton, code).accepted
    for code in [*cartons, *demo.sealed[15:]]:
        outcome = service.add(station, user, batch, code)
        assert outcome.accepted, outcome.message
    return batch


def test_twenty_packages_two_cartons_one_batch_from_manifest_to_reconciliation(demo: Demo, tmp_path: Path):
    batch = build_batch(demo)
    service = demo.workspace.batch_service()
    closed = service.close(demo.station, demo.supervisor, batch)
    assert closed.accepted and closed.version == 1, closed.message
    content = demo.workspace.manifest_service().content(batch)
    assert sorted(content.codes) == sorted(demo.sealed)
    assert {line.carton_number for line in content.lines} == {1, 2, None}

    # The manifest, read back from pixels and text.
    pdf = HandoverDocuments().manifest(content, "en")
    pages = page_count(pdf)
    texts = normalise(" ".join(page_texts(pdf)))
    qr = []
    for page in range(pages):
        found = decode_page(pdf, page, 300)
        linear = [d for d in found if d.format == "Code 128"]
        assert [d.value for d in linear] == [batch]
        assert classify(linear[0].text).kind is CodeKind.BATCH
        qr += [d for d in found if d.format == "QR Code"]
    assert len(qr) == 1
    seal = parse_seal(qr[0].text)
    assert seal is not None and (seal.batch_code, seal.version, seal.count) == (batch, 1, 20)
    rows_in_db = service.members(batch, 1)
    assert seal.sha256 == lines_hash(sealed_lines(rows_in_db))  # the QR seals each line's code, number and name
    assert manifest_hash(row.code for row in rows_in_db) == printed_hash(content.codes) == content.sha256
    for line in content.lines:
        assert line.full_name in texts
        assert grouped(line.code) in texts
    for text in (DETAILS.place, DETAILS.sending.organisation, DETAILS.receiving.representative, "0045123, 0045124",
                 "Вантажівка, AA 1234 BB, Петренко О. М.", "Events included: Hub up to event"):
        assert text in texts, text
    assert demo.workspace.manifest_service().verify(qr[0].text).current

    assert service.sign(demo.station, demo.supervisor, batch).accepted

    # Export for the receiving side.
    out = tmp_path / "export"
    result = demo.workspace.receiving_service().export(batch, out, checkoff=HandoverDocuments().checkoff)
    names = sorted(path.name for path in result.files)
    assert names == [f"batch-{batch}-v1-checkoff.pdf", f"batch-{batch}-v1.csv", f"batch-{batch}-v1.json"]
    for path in result.files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = (out / f"batch-{batch}-v1.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 21 and rows[0][1:3] == ["List number", "Package code"]
    assert sorted(row[2].replace(" ", "") for row in rows[1:]) == sorted(demo.sealed)
    numbers = dict(demo.workspace.db.execute(
        "SELECT p.code, r.list_number FROM packages p JOIN recipients r ON r.id = p.recipient_id").fetchall())
    assert all(row[1] == numbers[row[2].replace(" ", "")] for row in rows[1:])  # the receiving side matches by it
    document = json.loads((out / f"batch-{batch}-v1.json").read_text(encoding="utf-8"))
    assert document["sha256"] == content.sha256 and document["count"] == 20 and document["signed"]

    # A receiving install: imports the batch file, scans 19 packages in, and one that is not listed.
    missing, extra = demo.sealed[4], demo.planned[0]
    receiving_db = open_database(tmp_path / "receiving" / "station.db")
    receiving = Workspace(receiving_db, tmp_path / "receiving" / "station.db")
    try:
        their = receiving.receiving_service()
        their.import_batch_file(out / f"batch-{batch}-v1.json")
        station = receiving.station_service().ensure("Receiving desk")
        for code in [code for code in demo.sealed if code != missing] + [extra]:
            outcome = their.scan(station, "Petrov", batch, code)
            assert outcome.accepted, outcome.message
        rec = their.reconcile(batch)
        assert_missing_one_extra_one(rec, missing, extra, Cause.NOT_CHECKED_IN, Cause.NOT_ON_MANIFEST)
        report = normalise(" ".join(page_texts(HandoverDocuments().reconciliation(rec, "en"))))
        assert "1 package needs attention" not in report and "2 packages need attention" in report
        assert grouped(missing) in report and grouped(extra) in report
        missing_line = next(line for line in rec.lines if line.code == missing)
        assert missing_line.list_number == numbers[missing]
    finally:
        receiving.close()

    # The sending side imports the receiving side's ticked list instead: the same finding.
    ticked = tmp_path / "ticked.csv"
    body = [row[:9] + (["", "", ""] if row[2].replace(" ", "") == missing else ["x", "", ""]) for row in rows[1:]]
    body.append(["", "", grouped(extra), "", "", "", "", "", "", "x", "", "found in the truck"])
    ticked.write_text("\n".join(";".join(row) for row in [rows[0], *body]), encoding="cp1251", errors="replace")
    receiving_service = demo.workspace.receiving_service()
    report = receiving_service.import_checklist(demo.station, "Supervisor", batch, ticked)
    assert report.counts[ReceiptStatus.RECEIVED] == 19 and report.counts[ReceiptStatus.EXTRA] == 1
    rec = receiving_service.reconcile(batch)
    assert_missing_one_extra_one(rec, missing, extra, Cause.NOT_TICKED, Cause.NOT_ON_MANIFEST)
    assert rec.of(ReceiptStatus.EXTRA)[0].note == "found in the truck"
    text = receiving_service.reconciliation_csv(rec).decode("utf-8-sig")
    assert text.splitlines()[1].startswith("missing;") and "not ticked on the check-off sheet" in text


def assert_missing_one_extra_one(rec, missing: str, extra: str, missing_cause: Cause, extra_cause: Cause) -> None:
    counts = rec.counts
    assert (rec.expected, counts[ReceiptStatus.RECEIVED], counts[ReceiptStatus.MISSING], counts[ReceiptStatus.EXTRA],
            counts[ReceiptStatus.DAMAGED]) == (20, 19, 1, 1, 0)
    assert [(line.code, line.cause) for line in rec.of(ReceiptStatus.MISSING)] == [(missing, missing_cause)]
    assert [(line.code, line.cause) for line in rec.of(ReceiptStatus.EXTRA)] == [(extra, extra_cause)]
    assert [line.status for line in rec.lines[:2]] == [ReceiptStatus.MISSING, ReceiptStatus.EXTRA]
    assert not rec.complete
