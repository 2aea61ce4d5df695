"""The check-off kit in a real browser: Debian's Chromium, headless, offline, opened from `file://`.

A receiving side with only a browser and a USB scanner checks a signed batch off with the kit, and the receipt
it writes gives the hub the same reconciliation the receiving side's own Packline would have given.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from app.workspace import Workspace
from models.core.codes import check_digit
from models.core.latin import RUSSIAN_ICAO, UKRAINIAN_NATIONAL, latin_name
from models.handover.manifests import seal_payload
from models.handover.receiving_records import ReceiptStatus
from models.storage.opening import open_database
from printing.handover_documents import HandoverDocuments
from tests.support.browser import FRENCH, RUSSIAN, Browser, chromium, scan_in_page
from tests.support.handover_fixtures import Demo, format_one, packed_demo, signed_batch

LISTED = 200


@pytest.fixture
def demo(tmp_path: Path) -> Demo:
    return packed_demo(tmp_path, recipients=LISTED + 5, packages=LISTED + 1)


def export_kit(demo: Demo, folder: Path, language: str = "ru") -> tuple[str, Path, Path]:
    """A signed batch of the first 200 sealed packages: its code, its kit and its batch file."""
    batch = signed_batch(demo, demo.sealed[:LISTED])
    files = demo.workspace.receiving_service().export(batch, folder, language=language,
                                                      kit=HandoverDocuments().kit).files
    return batch, next(f for f in files if f.name.endswith("-kit.html")), next(f for f in files if f.suffix == ".json")


def counts(browser: Browser) -> dict[str, int]:
    return {name: int(browser.text(f"count-{name}")) for name in ("received", "damaged", "open", "extra")}


def wait_hash(browser: Browser) -> str:
    browser.wait_for(lambda: "state warn" not in (browser.element("hash-state").get_attribute("class") or ""))
    return browser.element("hash-state").get_attribute("class") or ""


def row_of(browser: Browser, code: str) -> str:
    return browser.driver.find_element("css selector", f'#rows tr[data-code="{code}"]').get_attribute("class") or ""


def test_a_batch_is_checked_off_offline_and_the_hub_reconciles_it_as_packline_would(demo: Demo, tmp_path: Path):
    batch, kit, batch_file = export_kit(demo, tmp_path / "usb")
    listed, extra = demo.sealed[:LISTED], demo.sealed[LISTED]
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with chromium(downloads) as browser:
        browser.open(kit)
        assert "state ok" in wait_hash(browser)
        assert browser.resources_loaded() == []  # nothing but the file itself
        assert "Проверка партии" in browser.text("title")  # exported in Russian
        browser.type_into("receiver", "Петренко Олена")
        browser.leave_fields()
        browser.scan(listed[0], FRENCH)  # trusted key events: the physical key's code, the layout's character
        assert "получена" in browser.text("message").lower() or "принята" in browser.text("message").lower()
        browser.scan(listed[1], RUSSIAN)
        scan_in_page(browser, [(code, FRENCH) for code in listed[2:100]] +
                     [(code, RUSSIAN) for code in listed[100:197]])
        assert counts(browser) == {"received": 197, "damaged": 0, "open": 3, "extra": 0}

        browser.reload()  # a closed tab or a crash loses nothing
        assert counts(browser) == {"received": 197, "damaged": 0, "open": 3, "extra": 0}
        assert browser.element("receiver").get_attribute("value") == "Петренко Олена"

        browser.type_into("search", listed[197])
        browser.click(f'#rows tr[data-code="{listed[197]}"] button.damaged')
        browser.driver.find_element("css selector", "#rows input.note").send_keys("мокрая коробка")
        browser.click(f'#rows tr[data-code="{listed[197]}"] input.note + button')  # Save
        assert "damaged" in row_of(browser, listed[197])
        browser.type_into("search", "")
        browser.leave_fields()
        browser.scan(extra, RUSSIAN)
        assert counts(browser) == {"received": 197, "damaged": 1, "open": 2, "extra": 1}
        browser.click(f'#rows tr[data-code="{listed[198]}"] button.received')  # ticked by hand
        browser.click("#finish-button")
        assert "1" in browser.text("finish-state")  # one not checked: asked to confirm
        assert not list(downloads.iterdir())
        browser.click("#finish-button")
        receipt = downloads / f"receipt-{batch}-v1.json"
        browser.wait_for(receipt.exists)
        summary = browser.text("summary-counts")
        assert all(str(number) in summary for number in (200, 198, 1))

    hub = demo.workspace.receiving_service()
    hub.import_receipt(demo.station, "Olena", receipt)
    at_hub = hub.reconcile(batch)
    assert {status.value: at_hub.counts[status] for status in ReceiptStatus} == {
        "received": 198, "damaged": 1, "missing": 1, "extra": 1}
    damaged = next(line for line in at_hub.lines if line.status is ReceiptStatus.DAMAGED)
    assert (damaged.code, damaged.note) == (listed[197], "мокрая коробка")

    other = open_database(tmp_path / "receiving.db")  # the receiving side's own Packline, scanning the same
    receiving = Workspace(other, tmp_path / "receiving.db")
    station = receiving.station_service().ensure("Receiving")
    service = receiving.receiving_service()
    service.import_batch_file(batch_file)
    for code in [*listed[:197], listed[198], extra]:
        service.scan(station, "Петренко Олена", batch, code)
    service.scan(station, "Петренко Олена", batch, listed[197], damaged=True, note="мокрая коробка")
    there = service.reconcile(batch)
    assert [(line.code, line.status) for line in at_hub.lines] == [(line.code, line.status) for line in there.lines]
    other.close()


def test_a_kit_edited_by_hand_says_so_on_opening_and_writes_no_receipt(demo: Demo, tmp_path: Path):
    _batch, kit, _file = export_kit(demo, tmp_path / "usb", language="en")
    listed = demo.sealed[:LISTED]
    html = kit.read_text(encoding="utf-8")
    forged = listed[5][:-1] + check_digit(listed[5][:-1])  # the same code: the file must stay valid JSON
    assert forged == listed[5]
    swapped = "1" + listed[5][1:12] + "999" + listed[5][15:17]
    swapped += check_digit(swapped)
    edited = tmp_path / "edited.html"
    edited.write_text(html.replace(f'"code":"{listed[5]}"', f'"code":"{swapped}"', 1), encoding="utf-8")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with chromium(downloads) as browser:
        browser.open(edited)
        assert "state bad" in wait_hash(browser)
        assert "changed" in browser.text("hash-state")
        browser.type_into("receiver", "Olena")
        browser.click("#finish-button")
        browser.click("#finish-button")
        assert "cannot write a receipt" in browser.text("finish-state")
        assert not list(downloads.iterdir())

        browser.open(kit)  # the genuine kit, and the paper it came with
        assert "state ok" in wait_hash(browser)
        browser.leave_fields()
        lines = demo.workspace.manifest_service().content(_batch).lines
        sheets = [(seal_payload(_batch, 1, lines), "matches this kit"),
                  (seal_payload(_batch, 1, lines[:-1]), "does not match"),
                  (seal_payload(_batch, 1, lines), "matches this kit"),
                  (seal_payload(_batch, 1, [replace(lines[0], surname="Иванов"), *lines[1:]]), "does not match"),
                  (format_one(_batch, 1, listed), "matches this kit")]  # a sheet printed before lines were hashed
        for sheet, verdict in sheets:
            scan_in_page(browser, [(sheet, RUSSIAN)])
            browser.wait_for(lambda verdict=verdict: verdict in browser.text("qr-state"))


def test_the_scanner_in_the_kit_pauses_double_reads_fields_and_misreads(demo: Demo, tmp_path: Path):
    _batch, kit, _file = export_kit(demo, tmp_path / "usb", language="en")
    listed = demo.sealed[:LISTED]
    with chromium(tmp_path) as browser:
        browser.open(kit)
        wait_hash(browser)
        browser.leave_fields()
        for number, pause in enumerate((65, 150)):  # a Bluetooth scanner's pause inside the code is joined
            scan_in_page(browser, [(listed[number], FRENCH)], gap_ms=3, pause_after=9, pause_ms=pause)
            assert "received" in browser.text("message") and listed[number][-1] in browser.text("message")
        scan_in_page(browser, [(listed[2], FRENCH), (listed[2], FRENCH)], between_ms=0)  # the scanner reads twice
        assert "read twice and counted once" in browser.text("message")
        assert counts(browser)["received"] == 3

        browser.click("#search")  # a scan while the search box has focus is a scan, not text in the box
        scan_in_page(browser, [(listed[3], FRENCH)], gap_ms=3)
        assert browser.element("search").get_attribute("value") == ""
        assert counts(browser)["received"] == 4
        browser.type_into("search", "123")  # typing there stays typing
        assert browser.element("search").get_attribute("value") == "123"
        browser.type_into("search", "")

        browser.leave_fields()
        misread = listed[4][:-1] + str((int(listed[4][-1]) + 1) % 10)
        scan_in_page(browser, [(misread, RUSSIAN)])
        assert "check digit is wrong" in browser.text("message")
        assert "bad" in (browser.element("scan").get_attribute("class") or "")
        scan_in_page(browser, [("4006381333931", RUSSIAN)])  # a product's EAN-13
        assert "not a Packline code" in browser.text("message")
        assert counts(browser) == {"received": 4, "damaged": 0, "open": LISTED - 4, "extra": 0}

        browser.click('button.lang[data-lang="uk"]')  # the language switch re-translates what is on screen
        assert re.search("Перевірка партії", browser.text("title"))
        assert "штрихкод товару" in browser.text("message")  # the message on screen, in Ukrainian now
        browser.click('button.lang[data-lang="en"]')
        assert "product barcode" in browser.text("message")

        # The mediator finds a person by either passport's spelling, though this campaign prints no Latin line.
        data = json.loads(kit.read_text(encoding="utf-8").split('id="kit-data">')[1].split("</script>")[0])
        person = data["lines"][5]
        assert person["latin"] == "" and person["code"] == listed[5]
        for scheme in (RUSSIAN_ICAO, UKRAINIAN_NATIONAL):
            browser.type_into("search", latin_name(person["name"], scheme))
            shown = [row.get_attribute("data-code") for row in browser.driver.find_elements("css selector", "#rows tr")]
            assert listed[5] in shown and len(shown) < LISTED


def test_the_kit_is_one_file_that_asks_for_nothing_outside_itself(demo: Demo, tmp_path: Path):
    _batch, kit, _file = export_kit(demo, tmp_path / "usb")
    html = kit.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)\s*=\s*[\"'](?!#)", html)  # no script, style, image or link to load
    assert "default-src 'none'" in html and "'unsafe-inline'" not in html.split("script-src")[1].split(";")[0]
    data = json.loads(html.split('id="kit-data">')[1].split("</script>")[0])
    assert [line["code"] for line in data["lines"]] == demo.sealed[:LISTED]
    assert set(data["texts"]) == {"en", "ru", "uk"} and data["texts"]["uk"]["finish"] != data["texts"]["en"]["finish"]
