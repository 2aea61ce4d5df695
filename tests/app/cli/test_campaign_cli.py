"""A real campaign from an empty database, only through the command line (issue 13).

Create it with its rules, import the catalog, a template (after two that break the rules are refused with the
figures) and a Windows-1251 list, add users, print labels, pack and seal at the weight limits, change a rule
(a new rules version the next seal names), close the campaign (every write refused, printing still works).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from models.storage.opening import open_database
from tests.support.import_files import RU_HEADER, dump, write_csv
from tests.support.packing_fixtures import ACK, SEAL, ean13
from tests.support.pdfcheck import decode_page, normalise, page_texts

TEA, SOAP, VODKA, SUGAR = ean13(1001), ean13(1002), ean13(1003), ean13(1004)
CAMPAIGN = "Зима 2026"


def cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: object, pin: str | None = None) -> tuple[int, str, str]:
    """`main.py` as typed, in this process; the output it printed."""
    code = main.main([*map(str, argv), "--db", str(db), *(["--pin", pin] if pin else [])])
    out, err = capsys.readouterr()
    return code, out, err


def write_catalog(folder: Path) -> Path:
    return write_csv(folder / "каталог.csv", [
        ["Наименование", "Категория", "Вес единицы, г", "Штрихкоды"],
        ["Чай", "food", "100", TEA], ["Мыло", "hygiene", "90", SOAP],
        ["Водка", "alcohol", "500", VODKA], ["Сахар", "food", "1000", SUGAR],
    ], encoding="cp1251")


def write_template(folder: Path, rows: list[list[str]]) -> Path:
    return write_csv(folder / "шаблон.csv", [["№", "Товар", "Кол-во", "Обязательно", "Замены"], *rows],
                     encoding="cp1251")


def dumped(db: Path) -> object:
    opened = open_database(db)
    try:
        return dump(opened)
    finally:
        opened.close()


def package_code(capsys: pytest.CaptureFixture[str], db: Path, number: str) -> str:
    code, out, _err = cli(capsys, db, "recipients", "show", number, "--json")
    assert code == 0
    return str(json.loads(out)["recipient"]["package_code"])


def test_a_real_campaign_from_an_empty_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "station.db"
    code, out, _ = cli(capsys, db, "campaign", "create", CAMPAIGN, "--target", "3", "--max-weight", "1000",
                       "--tare", "200", "--tolerance", "50", "--forbid", "alcohol", "--letters", "allowed",
                       "--language", "uk", "--sending", "Фонд «Надія»", "--json")
    created = json.loads(out)
    assert code == 0 and created["rules"] == {"max_package_weight_g": 1000, "box_tare_g": 200,
                                              "weight_tolerance_g": 50, "forbidden_categories": ["alcohol"],
                                              "letters": "allowed"}
    assert (created["rules_version"], created["status"], created["label_language"]) == (1, "open", "uk")
    assert cli(capsys, db, "import", "catalog", write_catalog(tmp_path))[0] == 0

    # Two templates that break the rules: refused with the figures, and nothing written.
    before = dumped(db)
    code, _, err = cli(capsys, db, "import", "template", write_template(tmp_path, [["1", "Чай", "2", "да", "Водка"]]),
                       "--campaign", CAMPAIGN)
    assert code == 2 and "Line 1: Водка is in the category alcohol, which the campaign forbids." in err
    code, _, err = cli(capsys, db, "import", "template", write_template(tmp_path, [["1", "Сахар", "1", "да", ""]]),
                       "--campaign", CAMPAIGN)
    assert code == 2 and "1000 g and the box 200 g: 1200 g, over the campaign's maximum of 1000 g" in err
    assert dumped(db) == before

    # Chai x2 + soap + box: 490 g expected.
    template = write_template(tmp_path, [["1", "Чай", "2", "да", ""], ["2", "Мыло", "1", "да", ""]])
    assert cli(capsys, db, "import", "template", template, "--campaign", CAMPAIGN)[0] == 0
    people = write_csv(tmp_path / "список.csv", [RU_HEADER, ["1", "Іваненко", "Петро", "Миколайович", "01.02.1980",
                                                             "СІЗО №1"],
                                                 ["2", "Ковальчук", "Олена", "", "", "СІЗО №1"],
                                                 ["3", "Шевченко", "Тарас", "", "", "СІЗО №2"]], encoding="cp1251")
    assert cli(capsys, db, "import", "recipients", people, "--campaign", CAMPAIGN)[0] == 0
    code, _, err = cli(capsys, db, "users", "add", "Олена", "--role", "supervisor", pin="4321")
    assert code == 2 and "The first user must be an administrator" in err
    assert cli(capsys, db, "users", "add", "Олена", "--role", "admin", pin="4321")[0] == 0
    code, _, err = cli(capsys, db, "users", "add", "Петро", "--role", "admin", "--new-pin", "1111")
    assert code == 2 and "Adding a user needs an administrator: give --by NAME and their PIN." in err
    assert cli(capsys, db, "users", "add", "Петро", "--role", "packer", "--new-pin", "1111", "--by", "Олена",
               pin="4321")[0] == 0
    code, out, _ = cli(capsys, db, "campaign", "show", CAMPAIGN, "--json")
    done = {step["key"]: step["done"] for step in json.loads(out)["setup"]}
    assert code == 0 and done | {"labels": None} == {
        "rules": True, "catalog": True, "template": True, "recipients": True, "users": True, "stations": True,
        "stock": False, "labels": None, "command_sheet": None, "badges": None}  # no stock received yet
    code, out, _ = cli(capsys, db, "labels", "--campaign", CAMPAIGN, "--out", tmp_path / "labels.pdf", "--json")
    assert code == 0 and json.loads(out)["labels"] == 3
    pdf = (tmp_path / "labels.pdf").read_bytes()
    texts = [normalise(text) for text in page_texts(pdf)]  # in the campaign's label language, Ukrainian
    assert [text.split("№ ")[1].split()[0] for text in texts] == ["1", "2", "3"]  # the mediator's list numbers
    assert "Іваненко" in texts[0] and "Дата народження" in texts[0]
    assert [found.value for page in range(3) for found in decode_page(pdf, page, 203)] == [
        package_code(capsys, db, number) for number in "123"]

    first, second, third = (package_code(capsys, db, number) for number in "123")
    station = ["scan", "--station", "Склад 1", "--user", "Петро", "--pin", "1111", "--json"]
    contents = [TEA, TEA, SOAP]
    code, out, _ = cli(capsys, db, *station, first, *contents, "weight=541", ACK, "weight=540", SEAL)
    reasons = [outcome["reason"] for outcome in json.loads(out)["outcomes"]]
    # a wrong weight is refused as it is entered, not only at sealing
    assert reasons[-4:] == ["weight_out_of_tolerance", "acknowledged", "weight_entered", "package_sealed"]
    code, out, _ = cli(capsys, db, *station, second, *contents, "weight=440", SEAL)
    assert code == 0 and json.loads(out)["outcomes"][-1]["reason"] == "package_sealed"  # 490 - 50: just in
    code, out, _ = cli(capsys, db, *station, third, *contents, "weight=439", SEAL)
    assert code == 2 and [outcome["reason"] for outcome in json.loads(out)["outcomes"]][-2:] == [
        "weight_out_of_tolerance", "awaiting_acknowledgement"]  # the refused weight blocks until acknowledged

    # A rule change that breaks the template is refused; one that does not is rules version 2.
    code, _, err = cli(capsys, db, "campaign", "edit", CAMPAIGN, "--max-weight", "400", "--user", "Олена", pin="4321")
    assert code == 2 and "490 g, over the campaign's maximum of 400 g" in err
    code, _, err = cli(capsys, db, "campaign", "edit", CAMPAIGN, "--tolerance", "60", "--user", "Петро", pin="1111")
    assert code == 2 and "Петро is not one" in err
    code, out, _ = cli(capsys, db, "campaign", "edit", CAMPAIGN, "--tolerance", "60", "--user", "Олена", "--json",
                       pin="4321")
    assert code == 0 and json.loads(out)["rules_version"] == 2
    code, out, _ = cli(capsys, db, *station, ACK, "weight=439", SEAL)
    assert code == 0 and json.loads(out)["outcomes"][-1]["reason"] == "package_sealed"
    opened = open_database(db)
    versions = [row[0] for row in opened.execute(
        "SELECT json_extract(payload, '$.rules_version') FROM events WHERE type = 'package_sealed' ORDER BY pos")]
    opened.close()
    assert versions == [1, 1, 2]  # each sealed package names the rules it was checked against

    # Closed: every write refused with the reason, printing and checking still work.
    assert cli(capsys, db, "campaign", "close", CAMPAIGN, "--user", "Олена", pin="4321")[0] == 0
    closed = f"Campaign {CAMPAIGN} is closed"
    for attempt in (["import", "recipients", people, "--campaign", CAMPAIGN],
                    ["import", "template", template, "--campaign", CAMPAIGN],
                    ["stock", "intake", "--campaign", CAMPAIGN, "--item", "Чай", "--quantity", "5"],
                    ["letters", "register", "--campaign", CAMPAIGN, "1"],
                    ["campaign", "edit", CAMPAIGN, "--target", "4", "--user", "Олена", "--pin", "4321"]):
        code, _, err = cli(capsys, db, *attempt)
        assert code == 2 and closed in err, attempt
    code, out, _ = cli(capsys, db, *station, first)
    assert code == 2 and json.loads(out)["outcomes"][0]["reason"] == "campaign_closed"
    code, out, _ = cli(capsys, db, "void", "--station", "Склад 1", "--user", "Олена", "--reason", "тест", first,
                       "--json", pin="4321")
    assert code == 2 and json.loads(out)["reason"] == "campaign_closed"
    code, _, _ = cli(capsys, db, "labels", "--campaign", CAMPAIGN, "--out", tmp_path / "again.pdf")
    assert code == 0 and (tmp_path / "again.pdf").stat().st_size > 0
    code, out, _ = cli(capsys, db, "slips", "--campaign", CAMPAIGN, "--numbers", "2-3", "--out", tmp_path / "s.pdf",
                       "--json")
    assert code == 0 and json.loads(out)["slips"] == 2
    slips = [normalise(text) for text in page_texts((tmp_path / "s.pdf").read_bytes())]
    assert "Ковальчук Олена" in slips[0] and "Номер у списку 2 · Посилка" in slips[0]
    assert "Чай 2" in slips[0] and "Мыло 1" in slips[0]
    assert cli(capsys, db, "check")[0] == 0
    code, out, _ = cli(capsys, db, "campaign", "list", "--json")
    assert [(c["name"], c["status"]) for c in json.loads(out)["campaigns"]] == [(CAMPAIGN, "closed")]


def test_campaign_options_are_checked_before_anything_is_written(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "station.db"
    code, _, err = cli(capsys, db, "campaign", "create", "  ", "--target", "-1", "--max-weight", "0",
                       "--tare", "-5")
    assert code == 2 and err.splitlines()[0] == "The campaign was not created."
    assert {"A campaign needs a name.", "The target count cannot be negative.",
            "The maximum package weight must be more than 0 g (or no maximum).",
            "The box tare cannot be negative."} <= {line.strip() for line in err.splitlines()[1:]}
    code, _, err = cli(capsys, db, "campaign", "create", "Весна", "--target", "5", "--max-weight", "five")
    assert code == 2 and "--max-weight takes grams as a whole number, or none; not five." in err
    code, out, _ = cli(capsys, db, "campaign", "list", "--json")
    assert json.loads(out) == {"campaigns": []}
    code, _, err = cli(capsys, db, "campaign", "show", "Лето")
    assert code == 2 and "No campaign named Лето" in err
