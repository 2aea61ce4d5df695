"""The Handover screen driven as a supervisor does: sign in, scan cartons and a batch together with a real
scanner burst, close, print, sign, export, receive and reconcile; every outcome shown as the service gave it."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.workspace import Workspace
from models.core.i18n import set_language, translator
from models.handover.manifests import seal_payload
from models.storage.opening import open_database
from tests.support.cups import PrivateCups, pdf_inside
from tests.support.handover_fixtures import Demo
from tests.support.handover_screens import Answers, build, sign_in
from tests.support.pdfcheck import decode_page, normalise, page_count, page_size_mm, page_texts
from ui.handover.screen import HandoverScreen
from ui.handover.tables import BatchTableModel, MembersModel
from ui.handover.view import BatchRow, MemberLine


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tone(screen: HandoverScreen) -> str:
    return screen.message.property("tone") or ""


def test_nothing_is_recorded_before_a_supervisor_signs_in(qtbot, screen, demo: Demo):
    view, keyboard = screen
    assert not view.new_batch_button.isEnabled()
    keyboard.scan(demo.sealed[0])
    assert tone(view) == "refused" and "Sign in first" in view.message.text()
    sign_in(qtbot, view, pin="0000")
    assert tone(view) == "refused" and view.user is None
    sign_in(qtbot, view, "Packer", "1357")
    click(qtbot, view.new_batch_button)
    assert tone(view) == "refused" and "Packer is not one" in view.message.text()
    assert view.batches.rowCount() == 0


def test_build_a_batch_by_scanning_cartons_and_packages(qtbot, screen, demo: Demo):
    view, keyboard = screen
    sign_in(qtbot, view)
    assert view.signed_in.isVisible() and not view.user_pin.isVisible()
    click(qtbot, view.new_batch_button)
    assert view.batches.rowCount() == 1 and view.current is not None and view.current.state == "open"
    click(qtbot, view.new_carton_button)
    assert view.mode() == "carton" and view.carton_choice.isVisible()
    for code in demo.sealed[:5]:
        keyboard.scan(code)
        assert tone(view) == "ok", view.message.text()
    assert view.message.text() == f"Package {demo.sealed[4]} put into carton 1."
    assert view.carton_choice.currentText() == "Carton 1 (5 packages)"
    keyboard.scan(demo.sealed[0])
    assert tone(view) == "refused" and "already in this carton" in view.message.text()

    click(qtbot, view.mode_buttons["batch"])
    keyboard.scan(view.carton_choice.currentData())
    assert view.message.text() == f"Carton 1 added to batch {view.current.code}."
    for code in demo.sealed[5:8]:
        keyboard.scan(code)
    keyboard.scan(demo.planned[0])
    assert tone(view) == "refused" and "is not sealed (it is planned)" in view.message.text()
    assert view.members.rowCount() == 8 and view.batch_summary.text() == "8 packages · 1 carton"
    assert [view.members.index(0, c).data() for c in (1, 4)] == [
        f"{demo.sealed[0][0]} {demo.sealed[0][1:8]} {demo.sealed[0][8:17]} {demo.sealed[0][17]}", "1"]

    view.manual.setText(demo.sealed[7])  # typed by hand: the same path
    qtbot.keyClick(view.manual, Qt.Key.Key_Return)
    assert "already in this batch" in view.message.text()
    click(qtbot, view.mode_buttons["remove"])
    keyboard.scan(demo.sealed[7])
    assert tone(view) == "ok" and view.members.rowCount() == 7
    assert view.manual.text() == ""


def test_close_print_sign_export_receive_and_reconcile(qtbot, screen, demo: Demo, answers: Answers, tmp_path: Path):
    view, keyboard = screen
    sign_in(qtbot, view)
    click(qtbot, view.new_batch_button)
    for code in demo.sealed[:8]:
        keyboard.scan(code)
    answers.save.append(tmp_path / "manifest.pdf")  # closing offers the manifest PDF at once
    click(qtbot, view.action_buttons["closeBatch"])
    assert tone(view) == "ok" and view.current.state == "closed"
    assert view.message.text().endswith("Saved: manifest.pdf")
    pdf = (tmp_path / "manifest.pdf").read_bytes()
    assert stat.S_IMODE((tmp_path / "manifest.pdf").stat().st_mode) == 0o600
    (qr,) = [d.text for d in decode_page(pdf, 0, 300) if d.format == "QR Code"]
    click(qtbot, view.action_buttons["signBatch"])  # asked first; No (the default) signs nothing
    assert view.current.state == "closed"
    assert f"version 1 of batch {view.current.code} (8 packages)" in answers.questions[-1]
    answers.confirm.append(True)
    click(qtbot, view.action_buttons["signBatch"])
    assert view.current.state == "signed"
    click(qtbot, view.mode_buttons["receive"])
    click(qtbot, view.mode_buttons["batch"])
    keyboard.scan(demo.sealed[10])
    assert tone(view) == "refused" and "is signed and cannot be changed" in view.message.text()

    keyboard.scan(qr)  # the printed sheet's QR code, checked against the database
    assert tone(view) == "ok" and view.message.text().startswith("The sheet matches")

    answers.folder.append(tmp_path / "export")
    click(qtbot, view.action_buttons["exportBatch"])
    assert sorted(p.suffix for p in (tmp_path / "export").iterdir()) == [".csv", ".html", ".json", ".pdf"]

    click(qtbot, view.mode_buttons["receive"])
    assert view.damaged.isVisible()
    for code in demo.sealed[1:7]:
        keyboard.scan(code)
    view.damaged.setChecked(True)
    keyboard.scan(demo.sealed[7])
    assert tone(view) == "warning" and "damaged" in view.message.text()
    view.damaged.setChecked(False)
    keyboard.scan(demo.sealed[12])
    assert tone(view) == "warning" and "recorded as extra" in view.message.text()
    statuses = [view.members.index(row, 5).data() for row in range(view.members.rowCount())]
    assert statuses == ["", *["received"] * 6, "damaged", "extra"]
    assert "received 6, damaged 1, not arrived 1, extra 1" in view.batch_summary.text()

    answers.save.append(tmp_path / "reconciliation.pdf")
    click(qtbot, view.action_buttons["reconcileReport"])
    assert tone(view) == "warning" and "missing 1, extra 1" in view.message.text()
    report = normalise(" ".join(page_texts((tmp_path / "reconciliation.pdf").read_bytes())))
    assert "3 packages need attention" in report
    assert (tmp_path / "reconciliation.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    answers.text.append("one package more")
    click(qtbot, view.action_buttons["correctBatch"])
    assert view.current.state == "open" and view.current.version == 2


def test_carton_labels_and_the_signed_sheet(qtbot, screen, demo: Demo, answers: Answers, tmp_path: Path):
    view, keyboard = screen
    sign_in(qtbot, view)
    click(qtbot, view.new_batch_button)
    click(qtbot, view.new_carton_button)
    carton = view.carton_choice.currentData()
    keyboard.scan(demo.sealed[0])
    click(qtbot, view.mode_buttons["batch"])
    keyboard.scan(carton)
    answers.save.append(tmp_path / "labels.pdf")
    click(qtbot, view.action_buttons["labelsPdf"])
    labels = (tmp_path / "labels.pdf").read_bytes()  # the station's label layout (100x150) at its printer's 203 dpi
    assert [d.value for d in decode_page(labels, 0, 203)] == [carton]
    assert page_count(labels) == 1 and abs(page_size_mm(labels)[0] - 100) < 1
    answers.save.append(tmp_path / "manifest.pdf")
    click(qtbot, view.action_buttons["closeBatch"])
    answers.confirm.append(True)
    click(qtbot, view.action_buttons["signBatch"])
    sheet = tmp_path / "signed.png"
    sheet.write_bytes(b"\x89PNG a scan")
    answers.open.append(sheet)
    click(qtbot, view.action_buttons["attachSheet"])
    assert tone(view) == "ok" and "attached" in view.message.text()


def test_a_receiving_install_imports_the_batch_file_and_scans_in(qtbot, demo: Demo, tmp_path: Path):
    service = demo.workspace.batch_service()
    batch = service.create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    for code in demo.sealed[:4]:
        service.add(demo.station, demo.supervisor, batch, code)
    service.close(demo.station, demo.supervisor, batch)
    lines = demo.workspace.manifest_service().content(batch).lines  # what the sender's sheet lists
    files = demo.workspace.receiving_service().export(batch, tmp_path / "out").files
    batch_file = next(path for path in files if path.suffix == ".json")
    path = tmp_path / "receiving" / "station.db"
    receiving = Workspace(open_database(path), path)
    receiving.user_service().add("Petrov", "supervisor", "1111")
    answers = Answers(open=[batch_file])
    view, keyboard = build(qtbot, receiving, answers)
    try:
        click(qtbot, view.import_file_button)
        assert view.current is not None and view.current.state == "imported" and view.mode() == "receive"
        assert view.batches.index(0, 1).data() == "received from the sender"
        sign_in(qtbot, view, "Petrov", "1111")
        for code in demo.sealed[:3]:
            keyboard.scan(code)
        assert view.message.text() == f"Package {demo.sealed[2]} received (3 of 4)."
        assert not view.mode_buttons["batch"].isEnabled()
        assert json.loads(batch_file.read_text(encoding="utf-8"))["batch"] == view.current.code
        keyboard.scan(seal_payload(batch, 1, lines))
        assert view.message.text().startswith("The sheet matches")
        keyboard.scan(seal_payload(batch, 1, lines[:3]))
        assert tone(view) == "refused" and "does NOT match" in view.message.text()
    finally:
        view.scanner.uninstall()
        receiving.close()


def test_the_models_pass_the_model_tester(qtmodeltester):
    batches = BatchTableModel()
    batches.set_rows([BatchRow("400000000000000015", "closed", 1, 20, 2), BatchRow("400000000000000022", "imported",
                                                                                   2, 5)])
    qtmodeltester.check(batches)
    members = MembersModel()
    members.set_rows([MemberLine("100000000000000014", "Шевченко Тарас", "Київ", "1", "received"),
                      MemberLine("100000000000000021", "", "", "", "extra")])
    qtmodeltester.check(members)
    assert members.index(1, 5).data() == "extra" and members.index(0, 0).data() == "1"


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_the_screen_speaks_russian_and_ukrainian(qtbot, screen, language: str):
    view, _keyboard = screen
    set_language(language)
    view.retranslate()
    assert view.title.text() == translator(language).gettext("Handover") != "Handover"
    texts = [button.text() for button in view.action_buttons.values()]
    assert all(texts)
    assert view.batches.headerData(0, Qt.Orientation.Horizontal) == translator(language).gettext("Batch")


def closed_batch_of_three(qtbot, screen, demo: Demo):
    """The screen with a batch of three packages closed (its save dialog cancelled)."""
    view, keyboard = screen
    sign_in(qtbot, view)
    click(qtbot, view.new_batch_button)
    for code in demo.sealed[:3]:
        keyboard.scan(code)
    click(qtbot, view.action_buttons["closeBatch"])
    return view


def test_the_manifest_goes_to_a_printer(qtbot, screen, demo: Demo, tmp_path: Path):
    from PySide6.QtPrintSupport import QPrinter

    view = closed_batch_of_three(qtbot, screen, demo)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    view.choose_printer = lambda *args: printer
    click(qtbot, view.action_buttons["manifestPrint"])
    assert view.message.text() == f"Written to {tmp_path / 'printed.pdf'}."
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert "Handover manifest" in " ".join(page_texts(printed))  # the PDF itself, its text as text: no bitmap


def test_the_manifest_goes_to_a_cups_printer_as_the_pdf_itself(qtbot, screen, demo: Demo, cups: PrivateCups):
    from PySide6.QtPrintSupport import QPrinter

    view = closed_batch_of_three(qtbot, screen, demo)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName("Office")
    printer.setCopyCount(2)
    view.choose_printer = lambda *args: printer
    click(qtbot, view.action_buttons["manifestPrint"])
    assert view.message.text().startswith("Sent to Office (job Office-")
    job = view.message.text().split("job ")[1].rstrip(").")
    received = cups.received("Office", job)
    pdf = pdf_inside(received)
    assert "Handover manifest" in " ".join(page_texts(pdf))
    assert [round(side) for side in page_size_mm(pdf)] == [210, 297]
    content = demo.workspace.manifest_service().content(view.current.code)
    assert page_count(pdf) == 2 * page_count(view.documents.manifest(content, "en"))  # the two copies asked for


def test_the_receiving_sides_receipt_is_exported_there_and_imported_here(qtbot, screen, demo: Demo,
                                                                          answers: Answers, tmp_path: Path):
    """The receiving install's screen exports its receipt; the sending side's screen imports it and the
    reconciliation is the receiving side's."""
    view, keyboard = screen
    sign_in(qtbot, view)
    click(qtbot, view.new_batch_button)
    for code in demo.sealed[:6]:
        keyboard.scan(code)
    click(qtbot, view.action_buttons["closeBatch"])
    batch = view.current.code
    answers.folder.append(tmp_path / "export")
    click(qtbot, view.action_buttons["exportBatch"])
    batch_file = next((tmp_path / "export").glob("*.json"))

    other_path = tmp_path / "receiving.db"
    other = Workspace(open_database(other_path), other_path)
    receiving = other.receiving_service()
    receiving.import_batch_file(batch_file)
    station = other.station_service().ensure("Receiving")
    for code in demo.sealed[:5]:
        receiving.scan(station, "Petrov", batch, code)
    there_answers = Answers()
    there, _keys = build(qtbot, other, there_answers)
    there.refresh(keep=batch)
    there_answers.folder.append(tmp_path / "receipt")
    click(qtbot, there.action_buttons["exportReceipt"])
    assert tone(there) == "ok" and "Take it to the sending side" in there.message.text()
    there.scanner.uninstall()
    other.close()

    answers.open.append(next((tmp_path / "receipt").glob("receipt-*.json")))
    click(qtbot, view.action_buttons["importReceipt"])
    assert tone(view) == "ok" and "received 5, damaged 0, missing 1, extra 0" in view.message.text()
    rec = demo.workspace.receiving_service().reconcile(batch)
    assert {status.value: count for status, count in rec.counts.items()} == {
        "received": 5, "damaged": 0, "missing": 1, "extra": 0}
    answers.open.append(batch_file)  # the wrong file: refused with the reason, nothing recorded
    click(qtbot, view.action_buttons["importReceipt"])
    assert tone(view) == "refused" and "is a batch file" in view.message.text()
