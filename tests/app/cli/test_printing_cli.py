"""Printing headless, for real: `printers` and `--printer` through a private CUPS (tests/support/cups.py).

What the printer's device received is read back: the page size CUPS printed at, and every barcode decoded
from the page rendered 1-bit at the printer's resolution.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import main
from tests.support.cups import PrivateCups, pdf_inside
from tests.support.handover_fixtures import SUPERVISOR_PIN, Demo, packed_demo
from tests.support.pdfcheck import decode_page, page_count, page_size_mm
from tests.support.zplcheck import decoded, printed


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Demo:
    monkeypatch.setenv("PACKLINE_PIN", SUPERVISOR_PIN)
    found = packed_demo(tmp_path)
    found.workspace.close()  # the commands open the file themselves
    return found


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code = main.main([*argv, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else {}, err


def test_printers_lists_the_queues_with_what_they_take_and_their_resolution(cups: PrivateCups, capsys):
    code, listed, _err = run(capsys, "printers")
    assert code == 0
    assert listed["printers"] == [{"name": "Office", "default": True, "raw": False, "dpi": 600},
                                  {"name": "Zebra", "default": False, "raw": True, "dpi": None}]


def test_labels_and_a_manifest_printed_on_the_office_printer_arrive_at_their_size_and_scan(
        cups: PrivateCups, demo: Demo, capsys):
    db = str(demo.workspace.path)
    code, done, err = run(capsys, "labels", "--db", db, "--campaign", demo.campaign.name, "--packages", "sealed",
                          "--layout", "a4-8", "--printer", "Office")
    assert code == 0, err
    assert "files" not in done and len(done["jobs"]) == 1 and done["labels"] == len(demo.sealed)
    pdf = pdf_inside(cups.received("Office", done["jobs"][0]))
    assert page_count(pdf) == 3 and [round(side) for side in page_size_mm(pdf)] == [210, 297]  # A4, not Letter
    decoded = {d.value for page in range(3) for d in decode_page(pdf, page, 600)}
    assert set(demo.sealed) <= decoded

    code, batch, err = run(capsys, "batch", "create", "--db", db, "--user", "Supervisor")
    batch_code = batch["outcomes"][0]["batch"]
    assert run(capsys, "batch", "add", "--db", db, "--user", "Supervisor", "--batch", batch_code,
               *demo.sealed[:5])[0] == 0
    assert run(capsys, "batch", "close", "--db", db, "--user", "Supervisor", "--batch", batch_code)[0] == 0
    code, done, err = run(capsys, "manifest", "--db", db, "--batch", batch_code, "--printer", "Office")
    assert code == 0, err
    manifest = pdf_inside(cups.received("Office", done["jobs"][0]))
    assert [round(side) for side in page_size_mm(manifest)] == [210, 297]
    (qr,) = [d.text for d in decode_page(manifest, 0, 600) if d.format == "QR Code"]
    code, verified, _err = run(capsys, "verify-manifest", "--db", db, qr)
    assert code == 0 and verified["result"] == "matches" and verified["stored_count"] == 5


def test_documents_of_every_command_reach_the_printer(cups: PrivateCups, demo: Demo, capsys):
    db = str(demo.workspace.path)
    code, carton, _err = run(capsys, "batch", "carton", "--db", db, "--user", "Supervisor")
    carton_code = carton["outcomes"][0]["carton"]
    commands = {
        "commands": ["commands", "--printer", "Office"],
        "slips": ["slips", "--db", db, "--campaign", demo.campaign.name, "--printer", "Office"],
        "batch labels": ["batch", "labels", "--db", db, "--carton", carton_code,
                         "--layout", "a6", "--printer", "Office"],
    }
    for name, argv in commands.items():
        code, done, err = run(capsys, *argv)
        assert code == 0, (name, err)
        assert len(done["jobs"]) == 1, name
        assert pdf_inside(cups.received("Office", done["jobs"][0])).startswith(b"%PDF"), name
    labels = pdf_inside(cups.received("Office", done["jobs"][0]))
    assert [round(side) for side in page_size_mm(labels)] == [105, 148]  # A6, as laid out
    assert [d.value for d in decode_page(labels, 0, 600)] == [carton_code]


def test_a_printer_that_is_not_there_or_cannot_take_pdf_is_refused_by_name(cups: PrivateCups, demo: Demo,
                                                                           capsys):
    code, _done, err = run(capsys, "commands", "--printer", "Nowhere")
    assert code == 2 and "no printer Nowhere" in err and "Office, Zebra" in err
    code, _done, err = run(capsys, "commands", "--printer", "Zebra")
    assert code == 2 and "raw queue" in err and "--format zpl" in err
    with pytest.raises(SystemExit) as both:  # one destination or the other, never both
        main.main(["commands", "--printer", "Office", "--out", "x.pdf"])
    assert both.value.code == 2


def test_without_a_print_system_printing_says_so_and_writing_files_still_works(
        private_cups: PrivateCups, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("CUPS_SERVER", "127.0.0.1:1")  # nothing listens there
    code, _done, err = run(capsys, "commands", "--printer", "Office")
    assert code == 2 and "not running" in err and "as a file instead" in err
    code, _done, err = run(capsys, "printers")
    assert code == 2 and "not running" in err
    code, done, err = run(capsys, "commands", "--out", str(tmp_path / "commands.pdf"))
    assert code == 0 and done["files"] == [str(tmp_path / "commands.pdf")]


def test_labels_in_zpl_go_raw_to_the_label_printer_and_scan_as_printed(cups: PrivateCups, demo: Demo, tmp_path: Path,
                                                                       capsys):
    db = str(demo.workspace.path)
    chosen = ("labels", "--db", db, "--campaign", demo.campaign.name, "--packages", *demo.sealed[:3],
              "--format", "zpl", "--dpi", "300")
    code, done, err = run(capsys, *chosen, "--printer", "Zebra")
    assert code == 0, err
    arrived = cups.received("Zebra", done["jobs"][0])
    assert [decoded(label) for label in printed(arrived)] == [[(f"(00){code}", "]C1")] for code in demo.sealed[:3]]
    assert b"^PW1181" in arrived  # 100 mm at the 300 dpi asked for
    code, done, err = run(capsys, *chosen, "--out", str(tmp_path / "labels.zpl"))
    assert code == 0 and (tmp_path / "labels.zpl").read_bytes() == arrived  # the file is what the printer takes

    code, carton, _err = run(capsys, "batch", "carton", "--db", db, "--user", "Supervisor")
    carton_code = carton["outcomes"][0]["carton"]
    code, done, err = run(capsys, "batch", "labels", "--db", db, "--carton", carton_code, "--format", "zpl",
                          "--printer", "Zebra")
    assert code == 0, err
    assert [decoded(label) for label in printed(cups.received("Zebra", done["jobs"][0]))] == [
        [(f"(00){carton_code}", "]C1")]]

    code, _done, err = run(capsys, *chosen, "--layout", "a4-21", "--printer", "Zebra")
    assert code == 2 and "sheet for an office printer" in err
    code, _done, err = run(capsys, *chosen[:-4], "--printer", "Zebra")  # PDF on the raw queue
    assert code == 2 and "raw queue" in err


def test_letter_labels_print_on_a_sheet_or_in_zpl(cups: PrivateCups, demo: Demo, tmp_path: Path, capsys):
    db = str(demo.workspace.path)
    with closing(sqlite3.connect(db)) as reading:
        numbers = [row[0] for row in reading.execute("SELECT list_number FROM recipients ORDER BY id LIMIT 3")]
    code, registered, err = run(capsys, "letters", "register", "--db", db, *numbers)
    assert code == 0, err
    letters = [letter["code"] for letter in registered["letters"]]
    code, done, err = run(capsys, "letters", "labels", "--db", db, "--printer", "Office")
    assert code == 0 and done["labels"] == 3, err
    sheet = pdf_inside(cups.received("Office", done["jobs"][0]))
    assert [round(side) for side in page_size_mm(sheet)] == [210, 297]  # A4 sheets of 21, the default
    assert sorted(found.value for found in decode_page(sheet, 0, 600)) == sorted(letters)
    code, done, err = run(capsys, "letters", "labels", "--db", db, letters[1], "--format", "zpl",
                          "--layout", "100x150", "--printer", "Zebra")
    assert code == 0 and done["labels"] == 1, err
    assert [decoded(label) for label in printed(cups.received("Zebra", done["jobs"][0]))] == [
        [(f"(00){letters[1]}", "]C1")]]
    code, _done, err = run(capsys, "letters", "labels", "--db", db, "100000000000000014", "--out",
                           str(tmp_path / "x.pdf"))
    assert code == 2 and "has the code 100000000000000014" in err and not (tmp_path / "x.pdf").exists()


def test_zpl_written_to_a_printer_device_goes_to_it_as_it_is(demo: Demo, capsys):
    """`--out /dev/usb/lp0` for a printer CUPS does not know: written to the device, not replaced by a file.
    /dev/null stands in for the printer (a character device, as /dev/usb/lp0 is); /dev/full for one that fails."""
    db = str(demo.workspace.path)
    chosen = ("labels", "--db", db, "--campaign", demo.campaign.name, "--packages", demo.sealed[0], "--format", "zpl")
    code, done, err = run(capsys, *chosen, "--out", "/dev/null")
    assert code == 0 and done["files"] == ["/dev/null"], err
    assert Path("/dev/null").is_char_device()
    code, _done, err = run(capsys, *chosen, "--out", "/dev/full")
    assert code == 2 and "could not be written to" in err
