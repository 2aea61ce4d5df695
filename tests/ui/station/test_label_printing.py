"""The station prints for real, in the background: through a private CUPS (tests/support/cups.py) to a raw
label queue (ZPL) and an office queue (PDF), while the packer goes on scanning."""

from __future__ import annotations

import threading
import time

from models.core.settings import PRINTER_DPI, PRINTER_LANGUAGE, PRINTER_NAME, SLIP_ON_SEAL
from printing import queues
from tests.support.cups import PrivateCups, pdf_inside
from tests.support.pdfcheck import decode_page, normalise, page_texts
from tests.support.station_screens import NEXT, PACKER, SEAL, template_scans
from tests.support.zplcheck import decoded, printed
from ui.station.feedback import Sound, Tone
from ui.station.label_output import PrinterLabelSink


def printing_station(make_station, printer: str, language: str = "pdf", dpi: str = "203"):
    station = make_station()
    settings = station.workspace.settings()
    for setting, value in ((PRINTER_NAME, printer), (PRINTER_LANGUAGE, language), (PRINTER_DPI, dpi)):
        settings.set(setting, value)
    station.screen.labels = PrinterLabelSink(settings, station.screen)
    return station


def labels_printed(station, package_id: int) -> int:
    return station.workspace.db.execute("SELECT count(*) FROM events WHERE type = 'label_printed' AND package_id = ?",
                                        [package_id]).fetchone()[0]


def test_a_sealed_packages_label_prints_in_zpl_at_the_resolution_settings_give_a_raw_queue(
        qtbot, cups: PrivateCups, make_station):
    station = printing_station(make_station, "Zebra", "zpl", "300")
    station.scan(NEXT, *template_scans(), SEAL)
    sealed = station.view()
    assert "Printing the label on Zebra" in station.screen.message.text()
    qtbot.waitUntil(lambda: len(cups.delivered("Zebra")) == 1, timeout=20_000)
    (zpl,) = cups.delivered("Zebra")
    assert b"^PW1181" in zpl  # 100 mm at 300 dpi: the raw queue states none, Settings say 300
    assert [decoded(label) for label in printed(zpl)] == [[(f"(00){sealed.code}", "]C1")]]
    qtbot.waitUntil(lambda: labels_printed(station, sealed.package_id) == 1)  # recorded once CUPS took it


def test_on_an_office_queue_the_label_goes_as_pdf_and_scans(qtbot, cups: PrivateCups, make_station):
    station = printing_station(make_station, "Office")
    station.scan(NEXT, *template_scans(), SEAL)
    sealed = station.view()
    qtbot.waitUntil(lambda: len(cups.delivered("Office")) == 1, timeout=20_000)
    received = cups.delivered("Office")[0]
    pdf = pdf_inside(received)
    # The office queue states 600 dpi, which no label printer has: the label keeps Settings' 203-dpi grid.
    assert [found.value for found in decode_page(pdf, 0, 203)] == [sealed.code]
    qtbot.waitUntil(lambda: labels_printed(station, sealed.package_id) == 1)


def test_the_packer_scans_on_while_a_slow_printer_prints(qtbot, cups: PrivateCups, make_station, monkeypatch):
    """Key to repaint stays under 50 ms for every scan made while the label is printing (drawn, and on its way
    to a printer that takes two seconds)."""
    send = queues.print_raw
    printing = threading.Event()

    def slow_printer(name: str, data: bytes, title: str) -> str:
        printing.set()
        time.sleep(2.0)  # a label printer busy with the previous roll
        return send(name, data, title)

    monkeypatch.setattr(queues, "print_raw", slow_printer)
    station = printing_station(make_station, "Zebra", "zpl")
    station.scan(NEXT, *template_scans(), SEAL)
    sealed = station.view()
    assert printing.wait(10)
    timings = []
    for code in [NEXT, *template_scans()]:
        started = time.perf_counter()
        station.scan(code)
        station.screen.repaint()
        timings.append((time.perf_counter() - started) * 1000)
    assert not cups.delivered("Zebra"), "the scans were made while the label was printing"
    assert station.view().code != sealed.code and station.view().lines[0].state.scanned > 0
    assert max(timings) < 50, sorted(timings)
    qtbot.waitUntil(lambda: len(cups.delivered("Zebra")) == 1, timeout=20_000)
    qtbot.waitUntil(lambda: labels_printed(station, sealed.package_id) == 1)


def test_a_print_that_fails_is_a_refusal_with_reprint_and_the_label_is_not_recorded(qtbot, cups: PrivateCups,
                                                                                    make_station):
    station = printing_station(make_station, "Unplugged")
    station.scan(NEXT, *template_scans(), SEAL)
    sealed = station.view()
    qtbot.waitUntil(lambda: station.screen.message.tone is Tone.REFUSED, timeout=20_000)
    text = station.screen.message.text()
    assert f"The label of package {sealed.code} did not print" in text and "no printer Unplugged" in text
    assert "F7" in text and station.player.played[-1] is Sound.REFUSED
    assert labels_printed(station, sealed.package_id) == 0

    station.workspace.settings().set(PRINTER_NAME, "Office")  # plugged in: Reprint (F7) prints it
    station.screen.commands.action("reprint").trigger()
    qtbot.waitUntil(lambda: len(cups.delivered("Office")) == 1, timeout=20_000)
    received = cups.delivered("Office")[0]
    pdf = pdf_inside(received)
    assert [found.value for found in decode_page(pdf, 0, 203)] == [sealed.code]
    assert "COPY 1" in normalise(" ".join(page_texts(pdf)))


def test_a_zpl_printer_refuses_the_content_slip_and_says_where_to_print_it(qtbot, cups: PrivateCups, make_station):
    station = printing_station(make_station, "Zebra", "zpl")
    station.workspace.settings().set(SLIP_ON_SEAL, "yes")
    station.scan(NEXT, *template_scans(), SEAL)
    qtbot.waitUntil(lambda: station.screen.message.tone is Tone.REFUSED, timeout=20_000)
    assert "content slip is a PDF" in station.screen.message.text()
    qtbot.waitUntil(lambda: len(cups.delivered("Zebra")) == 1, timeout=20_000)  # the label itself printed


def test_a_label_still_printing_when_the_packer_signs_out_is_recorded_as_theirs(qtbot, cups: PrivateCups,
                                                                                 make_station, monkeypatch):
    send = queues.print_raw

    def slow_printer(name: str, data: bytes, title: str) -> str:
        time.sleep(1.0)
        return send(name, data, title)

    monkeypatch.setattr(queues, "print_raw", slow_printer)
    station = printing_station(make_station, "Zebra", "zpl")
    station.scan(NEXT, *template_scans(), SEAL)
    sealed = station.view()
    station.screen.commands.action("sign_out").trigger()
    assert station.screen.session.user is None
    qtbot.waitUntil(lambda: labels_printed(station, sealed.package_id) == 1, timeout=20_000)
    user = station.workspace.db.execute("SELECT user_name FROM events WHERE type = 'label_printed' AND package_id = ?",
                                        [sealed.package_id]).fetchone()[0]
    assert user == PACKER
