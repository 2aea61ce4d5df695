"""`import recipients|catalog|template`: exit codes, output, and every problem on its own line of stderr."""

from __future__ import annotations

import argparse
import json

import pytest

from app.cli import imports as cli
from models.campaigns.reference import create_campaign, list_items
from models.storage.opening import open_database
from tests.support.import_files import RU_HEADER, dump, write_csv


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="main.py")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def station(db_path):
    db = open_database(db_path)
    create_campaign(db, "Зима")
    db.close()
    return db_path


def test_recipients_import_prints_counts(station, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "01.01.1980", "ИК-1"],
                                             ["2", "Петров", "Пётр", "", "", "ИК-1"]], encoding="cp1251")
    assert run(["import", "recipients", str(path), "--db", str(station), "--campaign", "Зима"]) == 0
    out = capsys.readouterr().out
    assert "list.csv: rows 2, new 2, updated 0, unchanged 0." in out and "Windows-1251" in out
    assert run(["import", "recipients", str(path), "--db", str(station), "--campaign", "Зима", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] and (payload["created"], payload["unchanged"]) == (0, 2)
    assert payload["source"]["delimiter"] == ";"


def test_refused_import_exits_2_with_one_problem_per_line(station, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "", "Иван", "", "31.02.1980", ""],
                                             ["1", "Петров", "Пётр", "", "", ""]])
    db = open_database(station)
    before = dump(db)
    db.close()
    assert run(["import", "recipients", str(path), "--db", str(station), "--campaign", "Зима"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "Nothing was imported from list.csv."
    assert [line.strip() for line in err[1:]] == [
        'list.csv, row 2, column "Фамилия": The surname is missing.',
        'list.csv, row 2, column "Дата рождения": 31.02.1980 is not a real date.',
        'list.csv, row 3, column "№": Number 1 also appears in row 2.',
    ]
    db = open_database(station)
    assert dump(db) == before
    db.close()


def test_map_option_by_header_and_number(station, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", [["Код", "Фамилия", "Имя", "Учреждение исполнения"],
                                             ["A1", "Иванов", "Иван", "ИК-3"]])
    argv = ["import", "recipients", str(path), "--db", str(station), "--campaign", "Зима",
            "--map", "list_number=1", "--map", "place=Учреждение исполнения"]
    assert run(argv) == 0
    db = open_database(station)
    assert db.execute("SELECT list_number, place FROM recipients").fetchall() == [("A1", "ИК-3")]
    db.close()


def test_bad_map_option_is_a_usage_error():
    with pytest.raises(SystemExit) as exited:
        run(["import", "recipients", "f.csv", "--db", "x.db", "--campaign", "Зима", "--map", "surname"])
    assert exited.value.code == 2


def test_unknown_campaign_is_refused(station, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "", ""]])
    assert run(["import", "recipients", str(path), "--db", str(station), "--campaign", "Лето"]) == 2
    assert "Лето" in capsys.readouterr().err


def test_catalog_and_template_commands(station, tmp_path, capsys):
    catalog = write_csv(tmp_path / "items.csv", [["Название", "Вес (г)", "Штрихкод"],
                                                 ["Чай", "100", "4820000000017"], ["Мыло", "90", "96385074"]])
    assert run(["import", "catalog", str(catalog), "--db", str(station)]) == 0
    template = write_csv(tmp_path / "template.csv", [["Товар", "Количество", "Замены"], ["Чай", "2", "Мыло"]])
    argv = ["import", "template", str(template), "--db", str(station), "--campaign", "Зима", "--name", "Базовый"]
    assert run(argv) == 0
    out = capsys.readouterr().out
    assert "new 2" in out and "Template: Базовый." in out
    db = open_database(station)
    assert [item.name for item in list_items(db)] == ["Чай", "Мыло"]
    assert db.execute("SELECT name, version FROM templates").fetchall() == [("Базовый", 1)]
    db.close()


def test_numbers_beyond_any_weight_or_count_exit_2_naming_the_row(station, tmp_path, capsys):
    catalog = write_csv(tmp_path / "items.csv", [["Название", "Вес (г)", "Штрихкод"],
                                                 ["Чай", "100", "4820000000017"],
                                                 ["Мыло", "99999999999999999999", "96385074"]])
    assert run(["import", "catalog", str(catalog), "--db", str(station)]) == 2
    err = capsys.readouterr().err
    assert "row 3" in err and "99999999999999999999 is far too large" in err and "Traceback" not in err
    assert run(["import", "catalog", str(write_csv(tmp_path / "ok.csv", [["Название", "Вес (г)", "Штрихкод"],
                                                                          ["Чай", "100", "4820000000017"]])),
                "--db", str(station)]) == 0
    template = write_csv(tmp_path / "template.csv", [["Товар", "Количество", "Замены"],
                                                     ["Чай", str(2**63), ""]])
    argv = ["import", "template", str(template), "--db", str(station), "--campaign", "Зима", "--name", "Базовый"]
    assert run(argv) == 2 and "far too large" in capsys.readouterr().err


def test_unreadable_file_exits_2(station, tmp_path, capsys):
    path = tmp_path / "items.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le"))
    assert run(["import", "catalog", str(path), "--db", str(station)]) == 2
    assert "password" in capsys.readouterr().err


def test_internal_error_exits_1_through_main(station, tmp_path, capsys, monkeypatch):
    main = pytest.importorskip("main")
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "", ""]])

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli.imports, "import_recipients", broken)
    code = main.main(["import", "recipients", str(path), "--db", str(station), "--campaign", "Зима"])
    assert code == 1 and "disk on fire" in capsys.readouterr().err


def test_a_list_on_another_sheet_is_pointed_out(station, tmp_path, capsys):
    """The mediator's workbook opens on a cover sheet; the list is on sheet "Список". The refusal says so and how
    to choose it; with --sheet the import goes in."""
    from tests.support.import_files import write_xlsx

    path = write_xlsx(tmp_path / "list.xlsx", [["Список передачі"], ["Кампанія: Зима"]], sheet="Обкладинка",
                      extra_sheets={"Список": [RU_HEADER, ["1", "Иванов", "Иван", "", "01.01.1980", "ИК-1"]]})
    assert run(["import", "recipients", str(path), "--db", str(station), "--campaign", "Зима"]) == 2
    err = capsys.readouterr().err
    assert "seems to be on sheet “Список”" in err and '--sheet "Список"' in err and "Обкладинка" in err
    assert run(["import", "recipients", str(path), "--db", str(station), "--campaign", "Зима",
                "--sheet", "Список"]) == 0


def test_a_dry_run_shows_the_difference_and_writes_nothing(station, tmp_path, capsys):
    first = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "01.01.1980", "ИК-1"],
                                              ["2", "Петров", "Пётр", "", "", "ИК-1"]], encoding="cp1251")
    assert run(["import", "recipients", str(first), "--db", str(station), "--campaign", "Зима"]) == 0
    capsys.readouterr()
    second = write_csv(tmp_path / "corrected.csv", [RU_HEADER, ["1", "Иванов", "Иван", "Петрович", "01.01.1981",
                                                                "ИК-1"], ["3", "Сидоров", "Олег", "", "", "ИК-2"]],
                       encoding="cp1251")
    db = open_database(station)
    before = dump(db)
    db.close()
    assert run(["import", "recipients", str(second), "--db", str(station), "--campaign", "Зима", "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Against the current list: 1 added, 1 removed, 1 changed, 0 unchanged." in out
    assert "    Patronymic: — -> Петрович" in out and "    Date of birth: 01.01.1980 -> 01.01.1981" in out
    assert "    2: Петров Пётр" in out and out[-1] == "Nothing was written (--dry-run)."
    db = open_database(station)
    assert dump(db) == before
    db.close()
    assert run(["import", "recipients", str(second), "--db", str(station), "--campaign", "Зима", "--dry-run",
                "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert not payload["written"] and payload["difference"]["removed"] == [["2", "Петров Пётр"]]
    assert payload["difference"]["changed"][0]["changes"][0] == {"field": "patronymic", "old": "", "new": "Петрович"}

    assert run(["import", "recipients", str(second), "--db", str(station), "--campaign", "Зима"]) == 0
    db = open_database(station)
    versions = db.execute("SELECT version, file, added, removed, changed FROM recipient_list_versions "
                          "ORDER BY version").fetchall()
    db.close()
    assert versions == [(1, "list.csv", 2, 0, 0), (2, "corrected.csv", 1, 1, 1)]


@pytest.mark.parametrize("mapped", [False, True])
def test_a_file_mixing_two_encodings_is_refused_naming_the_line(station, tmp_path, capsys, mapped):
    """A UTF-8 list with one row pasted from a Windows-1251 file: refused naming that row, never read as
    Windows-1251 whole (which garbles every other name) and never half imported."""
    rows = [RU_HEADER, ["1", "Іваненко", "Іван", "", "01.01.1980", "СІЗО-1"],
            ["2", "Петренко", "Пётр", "", "", "ИК-1"], ["3", "Шевченко", "Тарас", "", "", "ИК-1"]]
    path = write_csv(tmp_path / "list.csv", rows, encoding="utf-8")
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].decode("utf-8").encode("cp1251")
    path.write_bytes(b"\n".join(lines))
    before = dump(open_database(station))
    extra = ["--map", "surname=Фамилия"] if mapped else []
    code = run(["import", "recipients", str(path), "--db", str(station), "--campaign", "Зима", *extra])
    err = capsys.readouterr().err
    assert code == 2 and "Line 3 of the file is not UTF-8, but line 1 is" in err and "list.csv" in err
    assert dump(open_database(station)) == before
