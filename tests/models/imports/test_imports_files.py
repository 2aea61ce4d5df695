"""Files that are not what they claim, or cannot be read, are refused with a specific message."""

from __future__ import annotations

import random
import time
import zipfile
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import imports
from models.campaigns.reference import create_campaign
from models.imports import ImportKind, ImportRefused, readers, sniffing, workbook
from tests.support.import_files import RU_HEADER, dump, patch_xlsx, recipients_in, write_csv, write_xlsx

TODAY = date(2026, 3, 1)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.fixture
def campaign(db):
    return create_campaign(db, "Winter")


def refused_reasons(db, campaign, path, **kwargs) -> list[str]:
    before = dump(db)
    with pytest.raises(ImportRefused) as refused:
        imports.import_recipients(db, campaign, path, today=TODAY, **kwargs)
    assert dump(db) == before
    assert all(problem.file == path.name for problem in refused.value.report.problems)
    return [problem.reason for problem in refused.value.report.problems]


def test_empty_file(db, campaign, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(b"")
    assert refused_reasons(db, campaign, path) == ["The file is empty."]


def test_file_of_blank_lines_has_no_rows(db, campaign, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(b"\r\n;;;\r\n  \r\n")
    assert refused_reasons(db, campaign, path) == ["The file has no rows."]


@pytest.mark.parametrize("make", [
    lambda p: write_csv(p / "list.csv", [RU_HEADER], encoding="cp1251"),
    lambda p: write_xlsx(p / "list.xlsx", [RU_HEADER, [], [None, "  "]]),
])
def test_header_only_file(db, campaign, tmp_path, make):
    assert refused_reasons(db, campaign, make(tmp_path)) == ["The file has a header row but no rows of data."]


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("list.csv", PNG, "PNG picture"),
    ("list.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    ("list.csv", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "Windows program"),
    ("list.csv", b"\x01\x02\x03\x00\xff\xfe\x10\x00\x00\x00abc\x00\x00", "not text"),
    ("list.xlsx", b"PK\x03\x04\x14\x00\x00\x00garbage that is not a zip", "damaged"),
])
def test_renamed_binary_files(db, campaign, tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    [reason] = refused_reasons(db, campaign, path)
    assert expected in reason


def test_password_protected_xlsx(db, campaign, tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(OLE2 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 10
                     + "EncryptedPackage".encode("utf-16-le"))
    [reason] = refused_reasons(db, campaign, path)
    assert "protected with a password" in reason


def test_old_xls_workbook(db, campaign, tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(OLE2 + "Workbook".encode("utf-16-le"))
    [reason] = refused_reasons(db, campaign, path)
    assert "Excel 97-2003" in reason


def test_other_zip_documents(db, campaign, tmp_path):
    ods = tmp_path / "list.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    docx = tmp_path / "list.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "OpenDocument" in refused_reasons(db, campaign, ods)[0]
    assert "Word document" in refused_reasons(db, campaign, docx)[0]


def test_workbook_with_broken_parts(db, campaign, tmp_path):
    path = tmp_path / "list.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
    [reason] = refused_reasons(db, campaign, path)
    assert "damaged" in reason


def test_xml_entity_expansion_is_refused_not_expanded(db, campaign, tmp_path):
    """defusedxml makes openpyxl refuse XML entities (the "billion laughs" attack)."""
    path = write_xlsx(tmp_path / "list.xlsx", [RU_HEADER, [1, "Иванов", "Иван", "", "", ""]])
    with zipfile.ZipFile(path) as source:
        xml = source.read("xl/worksheets/sheet1.xml").decode()
    doctype = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    xml = xml.replace("<worksheet", doctype + "<worksheet", 1).replace("<t>Иванов</t>", "<t>&lol2;</t>")
    patch_xlsx(path, {}, replace_part=xml)
    [reason] = refused_reasons(db, campaign, path)
    assert "damaged" in reason and "lollol" not in reason and "\n" not in reason


def test_oversized_file_is_refused_before_reading(db, campaign, tmp_path, monkeypatch):
    monkeypatch.setattr(sniffing, "MAX_FILE_BYTES", 1024)
    path = write_xlsx(tmp_path / "list.xlsx", [RU_HEADER, [1, "Иванов", "Иван", "", "", ""]])
    [reason] = refused_reasons(db, campaign, path)
    assert "over 0 MB" in reason or "files over" in reason


def test_workbook_that_unpacks_too_large_is_refused(db, campaign, tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1000)
    path = write_xlsx(tmp_path / "list.xlsx", [RU_HEADER, [1, "Иванов", "Иван", "", "", ""]])
    [reason] = refused_reasons(db, campaign, path)
    assert "unpacks to more than" in reason


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_too_many_rows(db, campaign, tmp_path, monkeypatch, kind):
    monkeypatch.setattr(readers, "MAX_ROWS", 5)
    rows = [RU_HEADER] + [[n, "Иванов", "Иван", "", "", ""] for n in range(1, 7)]
    path = write_csv(tmp_path / "l.csv", rows) if kind == "csv" else write_xlsx(tmp_path / "l.xlsx", rows)
    assert refused_reasons(db, campaign, path) == ["The file has more than 5 rows; split it into several files."]
    rows.pop()
    path = write_csv(tmp_path / "l.csv", rows) if kind == "csv" else write_xlsx(tmp_path / "l.xlsx", rows)
    imports.import_recipients(db, campaign, path, today=TODAY)
    assert len(recipients_in(db)) == 5


def test_missing_file_and_folder(db, campaign, tmp_path):
    assert refused_reasons(db, campaign, tmp_path / "nowhere.csv") == ["The file does not exist."]
    assert refused_reasons(db, campaign, tmp_path) == ["This is a folder, not a file."]


def test_missing_sheet_names_the_sheets_there_are(db, campaign, tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", [RU_HEADER], sheet="Люди", extra_sheets={"Архив": []})
    [reason] = refused_reasons(db, campaign, path, sheet="Получатели")
    assert "Получатели" in reason and "Люди, Архив" in reason


def test_sheet_named_for_a_csv_file(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "", ""]])
    [reason] = refused_reasons(db, campaign, path, sheet="Лист1")
    assert "no sheets" in reason


def test_format_is_decided_by_content_not_by_name(db, campaign, tmp_path):
    """A workbook saved as .csv, or CSV text saved as .xlsx, is read for what it is."""
    as_csv = write_xlsx(tmp_path / "workbook.csv", [RU_HEADER, [1, "Иванов", "Иван", "", "", ""]])
    as_xlsx = write_csv(tmp_path / "text.xlsx", [RU_HEADER, ["2", "Петров", "Пётр", "", "", ""]])
    assert imports.import_recipients(db, campaign, as_csv, today=TODAY).source.format == "xlsx"
    assert imports.import_recipients(db, campaign, as_xlsx, today=TODAY).source.format == "csv"
    assert [row[0] for row in recipients_in(db)] == ["1", "2"]


def test_unclosed_quote_that_swallows_rows_is_refused(db, campaign, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("№;Фамилия;Имя\r\n1;\"Иванов;Иван\r\n2;Петров;Пётр\r\n3;Сидоров;Сидор\r\n".encode("cp1251"))
    reasons = refused_reasons(db, campaign, path)
    assert any("line break" in reason for reason in reasons)


def test_unquoted_delimiter_inside_a_value_is_caught(db, campaign, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("№;Фамилия;Имя\r\n1;Иванов;Иван\r\n2;Петров;Пётр;лишнее\r\n".encode("cp1251"))
    before = dump(db)
    with pytest.raises(ImportRefused) as refused:
        imports.import_recipients(db, campaign, path, today=TODAY)
    [problem] = refused.value.report.problems
    assert problem.row == 3 and "right of the last headed column" in problem.reason
    assert dump(db) == before


def test_excel_error_values_are_refused(db, campaign, tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", [RU_HEADER, [1, "#N/A", "Иван", "", "", ""]])
    [reason] = refused_reasons(db, campaign, path)
    assert "#N/A" in reason


def test_preview_of_an_unreadable_file_reports_instead_of_raising(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(PNG)
    preview = imports.preview(path, ImportKind.RECIPIENTS)
    assert not preview.ok and "PNG" in preview.problems[0].reason and preview.rows == ()


def test_every_problem_of_arbitrary_bytes_is_a_refusal_never_a_crash(db, campaign, tmp_path):
    """Whatever the bytes, the import either succeeds or raises ImportRefused."""
    rng = random.Random(7)
    seeds = [PNG, OLE2, b"PK\x03\x04", "№;Фамилия;Имя\r\n".encode("cp1251"), b"\xef\xbb\xbf", b"\xff\xfe"]
    for index in range(300):
        data = rng.choice(seeds) + bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
        path = tmp_path / f"f{index}.csv"
        path.write_bytes(data)
        try:
            imports.import_recipients(db, campaign, path, today=TODAY)
        except ImportRefused as refused:
            assert refused.problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.text(max_size=12), max_size=8), max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]), delimiter=st.sampled_from([";", ",", "\t"]))
def test_any_text_file_is_imported_or_refused_never_a_crash(db, campaign, tmp_path, rows, encoding, delimiter):
    path = write_csv(tmp_path / "fuzz.csv", [RU_HEADER] + rows, encoding=encoding, delimiter=delimiter)
    before = dump(db)
    try:
        imports.import_recipients(db, campaign, path, today=TODAY)
    except ImportRefused as refused:
        assert refused.problems and all("\n" not in line for line in refused.problems)
        assert dump(db) == before


def refused_problems(db, campaign, path):
    before = dump(db)
    with pytest.raises(ImportRefused) as refused:
        imports.import_recipients(db, campaign, path, today=TODAY)
    assert dump(db) == before
    return refused.value.report.problems


def test_a_workbook_of_huge_cells_is_refused_at_once_naming_each_cell(db, campaign, tmp_path):
    rows = [RU_HEADER] + [[n, "Ж" * 30_000, "Иван", "", "01.01.1980", "СИЗО-1"] for n in range(1, 61)]
    path = write_xlsx(tmp_path / "bomb.xlsx", rows)
    started = time.monotonic()
    problems = refused_problems(db, campaign, path)
    assert time.monotonic() - started < 30
    assert [problem.row for problem in problems] == list(range(2, 62))
    assert {(problem.column, problem.reason) for problem in problems} == {
        ("Фамилия", "The cell holds 30000 characters; at most 1000 are accepted.")}


@pytest.mark.parametrize("control", ["\x1b", "\x07", "\x85"])
def test_a_control_character_in_a_name_is_refused_naming_row_and_column(db, campaign, tmp_path, control):
    rows = [RU_HEADER, [1, "Иванов", "Иван", "", "01.01.1980", "СИЗО-1"],
            [2, f"Пет{control}ров", "Пётр", "", "02.02.1981", "СИЗО-1"]]
    path = write_csv(tmp_path / "list.csv", rows)
    [problem] = refused_problems(db, campaign, path)
    assert (problem.row, problem.column) == (3, "Фамилия") and f"U+{ord(control):04X}" in problem.reason


def test_a_row_with_values_in_too_many_columns_is_refused_naming_it(db, campaign, tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_COLUMNS", 8)
    rows = [RU_HEADER, [1, "Иванов", "Иван", "", "01.01.1980", "СИЗО-1"],
            [2, "Петров", "Пётр", "", "02.02.1981", "СИЗО-1", "", "", "", "лишнее"]]
    [problem] = refused_problems(db, campaign, write_xlsx(tmp_path / "wide.xlsx", rows))
    assert problem.row == 3 and "more than 8 columns" in problem.reason


def test_reading_that_takes_too_long_is_stopped(db, campaign, tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_SECONDS", 0.0)
    rows = [RU_HEADER, [1, "Иванов", "Иван", "", "01.01.1980", "СИЗО-1"]]
    [problem] = refused_problems(db, campaign, write_csv(tmp_path / "list.csv", rows))
    assert "took more than 0 seconds" in problem.reason


def test_a_crafted_workbook_with_million_character_surnames_is_refused(db, campaign, tmp_path):
    """Excel itself stops at 32,767 characters; a crafted file does not (the attack of issue 17)."""
    rows = [RU_HEADER] + [[n, "BOMB", "Иван", "", "01.01.1980", "СИЗО-1"] for n in range(1, 61)]
    path = patch_xlsx(write_xlsx(tmp_path / "bomb.xlsx", rows), {">BOMB<": ">" + "Ж" * 1_000_000 + "<"})
    assert path.stat().st_size < 200_000  # small on the stick
    started = time.monotonic()
    problems = refused_problems(db, campaign, path)
    assert time.monotonic() - started < 30 and len(problems) == 60
    assert problems[0].reason == "The cell holds 1000000 characters; at most 1000 are accepted."
