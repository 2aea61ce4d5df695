"""Receiving: the batch file and list for the other side, checking packages in, the ticked list read back, and
the reconciliation with a reason for every finding."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.workspace import Workspace
from models.core.errors import RefusedInput
from models.handover.receiving import ReceiveReason
from models.handover.receiving_records import Cause, ReceiptStatus
from models.storage.opening import open_database
from tests.support.handover_fixtures import Demo, packed_demo


@pytest.fixture
def demo(tmp_path: Path) -> Demo:
    found = packed_demo(tmp_path)
    yield found
    found.workspace.close()


@pytest.fixture
def signed(demo: Demo) -> str:
    service = demo.workspace.batch_service()
    batch = service.create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    for code in demo.sealed[:10]:
        service.add(demo.station, demo.supervisor, batch, code)
    service.close(demo.station, demo.supervisor, batch)
    service.sign(demo.station, demo.supervisor, batch)
    return batch


@pytest.fixture
def receiving(tmp_path: Path) -> Workspace:
    path = tmp_path / "receiving" / "station.db"
    workspace = Workspace(open_database(path), path)
    yield workspace
    workspace.close()


def export(demo: Demo, batch: str, folder: Path, language: str = "en") -> dict[str, Path]:
    result = demo.workspace.receiving_service().export(batch, folder, language=language)
    return {path.suffix: path for path in result.files}


def test_csv_is_for_spreadsheets_and_keeps_codes_as_text(demo: Demo, signed: str, tmp_path: Path):
    files = export(demo, signed, tmp_path / "out", "uk")
    raw = files[".csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows[0]) == 12 and len(rows) == 11
    assert rows[1][2] == " ".join((demo.sealed[0][0], demo.sealed[0][1:8], demo.sealed[0][8:17], demo.sealed[0][17]))
    [number] = demo.workspace.db.execute("SELECT r.list_number FROM packages p JOIN recipients r "
                                         "ON r.id = p.recipient_id WHERE p.code = ?", [demo.sealed[0]]).fetchone()
    assert rows[1][1] == number and rows[1][9:] == ["", "", ""]
    assert not any(path.name.startswith(".") for path in (tmp_path / "out").iterdir())  # no temporary left


def test_a_damaged_or_altered_batch_file_is_refused(demo: Demo, signed: str, tmp_path: Path, receiving: Workspace):
    files = export(demo, signed, tmp_path / "out")
    document = json.loads(files[".json"].read_text(encoding="utf-8"))
    service = receiving.receiving_service()
    cases = {
        "dropped": lambda d: d["packages"].pop(),
        "swapped": lambda d: d["packages"][0].update(code=demo.sealed[15]),
        "hash": lambda d: d.update(sha256="0" * 64),
        "format": lambda d: d.update(format_version=7),
    }
    for name, change in cases.items():
        altered = json.loads(json.dumps(document))
        change(altered)
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(altered), encoding="utf-8")
        with pytest.raises(RefusedInput):
            service.import_batch_file(path)
    (tmp_path / "not.json").write_text("hello", encoding="utf-8")
    with pytest.raises(RefusedInput, match="not a Packline batch file"):
        service.import_batch_file(tmp_path / "not.json")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(RefusedInput, match="not a Packline batch file"):  # nested past Python's limit
        service.import_batch_file(tmp_path / "deep.json")
    assert service.imported() == []
    batch = service.import_batch_file(files[".json"])
    assert batch.batch_code == signed and len(batch.lines) == 10 and batch.signed
    assert service.import_batch_file(files[".json"]) == batch  # again: nothing changes
    assert service.imported() == [(signed, 1, "Demo", 10)]


def test_scanning_in_on_a_receiving_install(demo: Demo, signed: str, tmp_path: Path, receiving: Workspace):
    files = export(demo, signed, tmp_path / "out")
    service = receiving.receiving_service()
    station = receiving.station_service().ensure("Receiving")
    assert service.scan(station, "Petrov", signed, demo.sealed[0]).reason is ReceiveReason.UNKNOWN_BATCH
    service.import_batch_file(files[".json"])
    first = service.scan(station, "Petrov", signed, demo.sealed[0])
    assert first.accepted and first.message == f"Package {demo.sealed[0]} received (1 of 10)."
    again = service.scan(station, "Petrov", signed, demo.sealed[0])
    assert again.reason is ReceiveReason.ALREADY_RECEIVED and "(received)" in again.message
    damaged = service.scan(station, "Petrov", signed, demo.sealed[0], damaged=True, note="wet corner")
    assert damaged.reason is ReceiveReason.DAMAGED
    assert service.scan(station, "Petrov", signed, "00" + demo.sealed[1]).reason is ReceiveReason.RECEIVED
    assert service.scan(station, "Petrov", signed, "123").reason is ReceiveReason.UNREADABLE
    assert service.scan(station, "Petrov", signed, signed).reason is ReceiveReason.NOT_A_PACKAGE
    extra = service.scan(station, "Petrov", signed, demo.sealed[15])
    assert extra.accepted and extra.status is ReceiptStatus.EXTRA
    service.mark(station, "Petrov", signed, demo.sealed[2], ReceiptStatus.MISSING, "not in the truck")
    rec = service.reconcile(signed)
    assert rec.counts == {ReceiptStatus.RECEIVED: 1, ReceiptStatus.DAMAGED: 1, ReceiptStatus.MISSING: 8,
                          ReceiptStatus.EXTRA: 1}
    by_code = {line.code: line for line in rec.lines}
    assert (by_code[demo.sealed[0]].cause, by_code[demo.sealed[0]].note) == (Cause.MARKED_DAMAGED, "wet corner")
    assert (by_code[demo.sealed[2]].cause, by_code[demo.sealed[2]].note) == (Cause.MARKED_MISSING, "not in the truck")
    assert by_code[demo.sealed[3]].cause is Cause.NOT_CHECKED_IN
    assert by_code[demo.sealed[15]].cause is Cause.NOT_ON_MANIFEST and not by_code[demo.sealed[15]].expected


def test_an_extra_package_of_another_batch_says_which(demo: Demo, signed: str):
    service = demo.workspace.batch_service()
    other = service.create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    service.add(demo.station, demo.supervisor, other, demo.sealed[12])
    receiving = demo.workspace.receiving_service()
    receiving.scan(demo.station, "Supervisor", signed, demo.sealed[12])
    (extra,) = receiving.reconcile(signed).of(ReceiptStatus.EXTRA)
    assert extra.cause is Cause.IN_OTHER_BATCH and dict(extra.cause_params) == {"other": other}
    package = demo.workspace.db.execute(
        "SELECT r.surname, r.place FROM packages p JOIN recipients r ON r.id = p.recipient_id WHERE p.code = ?",
        [demo.sealed[12]]).fetchone()
    assert extra.name.startswith(package[0]) and extra.place == package[1]  # the packing side knows whose it is
    text = receiving.reconciliation_csv(receiving.reconcile(signed)).decode("utf-8-sig")
    assert f"it belongs to batch {other}" in text


def test_the_ticked_list_comes_back_from_any_spreadsheet(demo: Demo, signed: str, tmp_path: Path):
    files = export(demo, signed, tmp_path / "out", "ru")
    rows = list(csv.reader(io.StringIO(files[".csv"].read_text(encoding="utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    received, damaged, note = (header.index(title) for title in ("Получено", "Повреждено", "Примечание"))
    body[0][received] = "да"
    body[1][damaged] = "✓"
    body[1][note] = "мокрая"
    for row in body[2:9]:
        row[received] = "x"
    body[9][note] = "не пришла"
    extra = [""] * len(header)
    extra[2], extra[received] = demo.sealed[14], "1"
    body.append(extra)
    # Saved again by Excel in a Russian locale: Windows-1251 and ";" ...
    cp1251 = tmp_path / "ticked.csv"
    cp1251.write_bytes("\r\n".join(";".join(row) for row in [header, *body]).encode("cp1251", errors="replace"))
    # ... or as XLSX, with the codes kept as text.
    workbook = Workbook()
    sheet = workbook.active
    for row in [header, *body]:
        sheet.append(row)
    xlsx = tmp_path / "ticked.xlsx"
    workbook.save(xlsx)
    service = demo.workspace.receiving_service()
    for path in (cp1251, xlsx):
        report = service.import_checklist(demo.station, "Supervisor", signed, path)
        assert report.counts == {ReceiptStatus.RECEIVED: 8, ReceiptStatus.DAMAGED: 1, ReceiptStatus.MISSING: 1,
                                 ReceiptStatus.EXTRA: 1}
        rec = service.reconcile(signed)
        (missing,) = rec.of(ReceiptStatus.MISSING)
        assert (missing.code, missing.cause, missing.note) == (demo.sealed[9], Cause.MARKED_MISSING, "не пришла")
        assert rec.of(ReceiptStatus.DAMAGED)[0].note == "мокрая"


def test_a_ticked_list_with_a_bad_row_records_nothing(demo: Demo, signed: str, tmp_path: Path):
    files = export(demo, signed, tmp_path / "out")
    lines = files[".csv"].read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].replace(lines[3].split(";")[2], "1.00000000000000E+17")
    lines.append(lines[1])
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    service = demo.workspace.receiving_service()
    with pytest.raises(RefusedInput) as refused:
        service.import_checklist(demo.station, "Supervisor", signed, broken)
    assert "Row 4, column C" in str(refused.value) and "listed again (first in row 2)" in str(refused.value)
    assert service.reconcile(signed).counts[ReceiptStatus.MISSING] == 10


def test_the_dashboard_counts_packages_batched_handed_over_and_received(demo: Demo, signed: str):
    service = demo.workspace.batch_service()
    other = service.create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    for code in demo.sealed[10:12]:
        assert service.add(demo.station, demo.supervisor, other, code).accepted
    receiving = demo.workspace.receiving_service()
    members = demo.sealed[:10]  # the signed batch
    for code in members[:3]:
        assert receiving.scan(demo.station, "Supervisor", signed, code).accepted
    assert receiving.scan(demo.station, "Supervisor", signed, members[3], damaged=True).accepted
    assert receiving.mark(demo.station, "Supervisor", signed, members[4], ReceiptStatus.MISSING).accepted
    handover = demo.workspace.dashboard_service().dashboard(demo.campaign.id).handover
    assert (handover.in_batches, handover.handed_over) == (2, 10)
    assert (handover.received, handover.damaged, handover.missing) == (3, 1, 1)
