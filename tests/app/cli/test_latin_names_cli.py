"""Latin names for the mediator, headless: the campaign's Latin line from a database that started empty, the
search by either passport's spelling, and the line on labels, the manifest, the check-off sheet and the kit,
read back from the rendered PDFs; once a manifest is signed, the line can no longer change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from models.core.latin import latin_name
from tests.support.handover_fixtures import SUPERVISOR_PIN, Demo, packed_demo
from tests.support.import_files import UK_HEADER, write_csv
from tests.support.pdfcheck import decode_page, normalise, page_texts


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main.main(list(argv))
    except SystemExit as stopped:  # argparse refusing an option
        code = int(stopped.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, _err = run(capsys, *argv, "--json")
    return code, json.loads(out)


def test_a_new_campaign_with_a_latin_line_finds_people_by_latin_spellings(tmp_path: Path, capsys):
    db = str(tmp_path / "new.db")
    code, _out, _err = run(capsys, "campaign", "create", "--db", db, "Зима", "--target", "3", "--latin", "uk-national")
    assert code == 0
    people = write_csv(tmp_path / "list.csv", [UK_HEADER, ["1", "Вдовиченко", "Ігор", "Лукʼянович", "02.01.1980",
                                                             "СІЗО-1"],
                                                ["2", "Шевченко", "Тарас", "", "03.02.1975", "СІЗО-1"],
                                                ["3", "Вдовин", "Петро", "", "04.03.1970", "СІЗО-2"]])
    assert run(capsys, "import", "recipients", str(people), "--db", db, "--campaign", "Зима")[0] == 0
    for spelling in ("Vdovychenko", "Vdovichenko", "vdovych ihor", "VDOVICHENKO IGOR"):
        code, found = as_json(capsys, "recipients", "find", "--db", db, spelling)
        assert code == 0 and [person["number"] for person in found["recipients"]] == ["1"], spelling
    code, found = as_json(capsys, "recipients", "find", "--db", db, "vdov")
    assert sorted(person["number"] for person in found["recipients"]) == ["1", "3"]

    code, out, _err = run(capsys, "campaign", "show", "--db", db, "Зима")
    assert code == 0 and "Latin line: Ukrainian names, national table of 2010" in out
    code, shown = as_json(capsys, "campaign", "show", "--db", db, "Зима")
    assert shown["latin_names"] == "uk-national"
    code, _out, err = run(capsys, "campaign", "edit", "--db", db, "Зима", "--latin", "gost")
    assert code == 2 and "gost" in err  # refused by name, nothing changed
    assert run(capsys, "campaign", "edit", "--db", db, "Зима", "--latin", "ru-icao")[0] == 0

    corrected = write_csv(tmp_path / "corrected.csv", [UK_HEADER, ["1", "Вдовенко", "Ігор", "Лукʼянович",
                                                                    "02.01.1980", "СІЗО-1"],
                                                       ["2", "Шевченко", "Тарас", "", "03.02.1975", "СІЗО-1"],
                                                       ["3", "Вдовин", "Петро", "", "04.03.1970", "СІЗО-2"]])
    assert run(capsys, "import", "recipients", str(corrected), "--db", db, "--campaign", "Зима")[0] == 0
    code, found = as_json(capsys, "recipients", "find", "--db", db, "vdovychenko")
    assert found["recipients"] == []  # the old spelling finds nobody once the name is corrected
    code, found = as_json(capsys, "recipients", "find", "--db", db, "vdovenko")
    assert [person["number"] for person in found["recipients"]] == ["1"]


@pytest.fixture
def demo(tmp_path: Path, monkeypatch) -> Demo:
    monkeypatch.setenv("PACKLINE_PIN", SUPERVISOR_PIN)
    found = packed_demo(tmp_path, recipients=30, packages=8)
    found.workspace.close()  # the commands open the file themselves
    return found


def test_labels_manifest_sheet_and_kit_carry_the_latin_line_until_signed(demo: Demo, tmp_path: Path, capsys):
    db = str(demo.workspace.path)
    who = ("--db", db, "--user", "Supervisor")
    assert run(capsys, "campaign", "edit", *who, demo.campaign.name, "--latin", "uk-national")[0] == 0
    code, found = as_json(capsys, "recipients", "find", "--db", db, demo.sealed[0])
    person = found["recipients"][0]

    labels = tmp_path / "labels.pdf"
    assert run(capsys, "labels", "--db", db, "--campaign", demo.campaign.name, "--out", str(labels),
               "--packages", demo.sealed[0], "--dpi", "300")[0] == 0
    pdf = labels.read_bytes()
    text = normalise(page_texts(pdf)[0])
    assert normalise(person["full_name"].split()[0]) in text
    expected = latin_name(person["full_name"], "uk-national")
    assert expected and normalise(expected) in text  # the Latin line, under the Cyrillic one
    assert [d.text for d in decode_page(pdf, 0, 300)] == [f"(00){demo.sealed[0]}"]  # the barcode still scans at 300 dpi

    batch = as_json(capsys, "batch", "create", *who)[1]["outcomes"][0]["batch"]
    assert run(capsys, "batch", "add", *who, "--batch", batch, *demo.sealed[:5])[0] == 0
    assert run(capsys, "batch", "close", *who, "--batch", batch)[0] == 0
    manifest = tmp_path / "manifest.pdf"
    assert run(capsys, "manifest", "--db", db, "--batch", batch, "--out", str(manifest), "--lang", "uk")[0] == 0
    manifest_text = normalise(" ".join(page_texts(manifest.read_bytes())))
    assert normalise(expected) in manifest_text
    decoded = decode_page(manifest.read_bytes(), 0, 300)  # 1-bit at the printer's resolution: the longer rows
    assert f"(00){batch}" in [d.text for d in decoded] and "QR Code" in [d.format for d in decoded]
    code, exported = as_json(capsys, "export-batch", "--db", db, "--batch", batch, "--out", str(tmp_path / "out"))
    sheet = next(Path(f) for f in exported["files"] if f.endswith("-checkoff.pdf"))
    assert normalise(expected) in normalise(" ".join(page_texts(sheet.read_bytes())))
    assert f"(00){batch}" in [d.text for d in decode_page(sheet.read_bytes(), 0, 300)]
    kit = next(Path(f) for f in exported["files"] if f.endswith("-kit.html")).read_text(encoding="utf-8")
    assert f'"latin":"{expected}"' in kit
    batch_file = json.loads(next(Path(f) for f in exported["files"] if f.endswith(".json")).read_text("utf-8"))
    assert batch_file["latin_names"] == "uk-national"  # the receiving side prints the same line

    assert run(capsys, "batch", "sign", *who, "--batch", batch)[0] == 0
    code, _out, err = run(capsys, "campaign", "edit", *who, demo.campaign.name, "--latin", "ru-icao")
    assert code == 2 and "signed" in err
    code, shown = as_json(capsys, "campaign", "show", "--db", db, demo.campaign.name)
    assert shown["latin_names"] == "uk-national"
