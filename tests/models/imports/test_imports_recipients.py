"""Importing recipient lists as mediators send them: Excel exports in Russian and Ukrainian locales."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import imports
from models.campaigns.reference import SaveResult, create_campaign
from models.imports import ImportKind, ImportRefused
from tests.support.import_files import (
    EN_HEADER,
    RU_HEADER,
    UK_HEADER,
    dump,
    patch_xlsx,
    recipients_in,
    write_csv,
    write_xlsx,
)

TODAY = date(2026, 3, 1)


@pytest.fixture
def campaign(db):
    return create_campaign(db, "Зима 2026")


def test_windows_1251_semicolon_file_with_russian_headers(db, campaign, tmp_path):
    path = write_csv(tmp_path / "список.csv", [
        RU_HEADER,
        ["1", "Иванов", "Пётр", "Сергеевич", "01.02.1985", "ИК-3, отряд 2"],
        ["2", "  Сидорова ", " Анна  Мария", "", "1990-12-31", "СИЗО-1"],
    ], encoding="cp1251")

    report = imports.import_recipients(db, campaign, path, today=TODAY)

    assert report.source.encoding == "Windows-1251" and report.source.delimiter == ";"
    assert report.result == SaveResult(created=2) and report.written and report.rows == 2
    assert recipients_in(db) == [
        ("1", "Иванов", "Пётр", "Сергеевич", "1985-02-01", "ИК-3, отряд 2", "", ""),
        ("2", "Сидорова", "Анна Мария", "", "1990-12-31", "СИЗО-1", "", ""),
    ]
    assert db.execute("SELECT count(*) FROM packages").fetchone()[0] == 2


def test_utf8_bom_file_with_ukrainian_headers_keeps_letters_and_both_apostrophes(db, campaign, tmp_path):
    header = ["№", "Прізвище", "Імʼя", "По батькові", "Дата народження", "Місце утримання", "Примітка"]
    path = write_csv(tmp_path / "перелік.csv", [
        header,
        ["7", "Гнатюк", "Ґанна", "Мар'янівна", "15.08.1979", "Установа № 4", "Лист від сім'ї"],
        ["8", "Д'яченко", "Їжакевич", "Євгенович", "03.03.1993", "Установа № 5", ""],
        ["9", "Підʼячий", "Ілля", "Юрійович", "", "Установа № 4", ""],
    ], encoding="utf-8-sig")

    report = imports.import_recipients(db, campaign, path, today=TODAY)

    assert report.source.encoding == "UTF-8 with BOM"
    assert report.columns["given_name"] == "Імʼя"
    assert recipients_in(db) == [
        ("7", "Гнатюк", "Ґанна", "Мар'янівна", "1979-08-15", "Установа № 4", "", "Лист від сім'ї"),
        ("8", "Д'яченко", "Їжакевич", "Євгенович", "1993-03-03", "Установа № 5", "", ""),
        ("9", "Підʼячий", "Ілля", "Юрійович", None, "Установа № 4", "", ""),
    ]


def test_utf16_tab_file_as_excel_saves_unicode_text(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.txt", [EN_HEADER, ["1", "Шевченко", "Тарас", "Григорович", "09.03.1984",
                                                          "Place 1"]], encoding="utf-16", delimiter="\t")
    report = imports.import_recipients(db, campaign, path, today=TODAY)
    assert (report.source.encoding, report.source.delimiter) == ("UTF-16", "\t")
    assert recipients_in(db)[0][:5] == ("1", "Шевченко", "Тарас", "Григорович", "1984-03-09")


def test_comma_delimited_utf8_with_quoted_values(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "", "г. Курск, ИК-2"]],
                     delimiter=",")
    imports.import_recipients(db, campaign, path, today=TODAY)
    assert recipients_in(db)[0][5] == "г. Курск, ИК-2"


def test_names_are_nfc_normalised_and_trimmed(db, campaign, tmp_path):
    decomposed = unicodedata.normalize("NFD", "Йосип Ёлкин")
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "  " + decomposed.split()[1] + "\u00a0",
                                                         decomposed.split()[0], "", "", ""]])
    imports.import_recipients(db, campaign, path, today=TODAY)
    assert recipients_in(db)[0][1:3] == ("Ёлкин", "Йосип")


def test_xlsx_with_date_cells_and_text_dates(db, campaign, tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", [
        RU_HEADER,
        [1, "Иванов", "Иван", "Иванович", datetime(1985, 2, 1), "ИК-3"],
        [2, "Петров", "Пётр", "", date(1970, 12, 31), "ИК-3"],
        ["3", "Сидоров", "Сидор", "", "05.06.1999", "ИК-3"],
        ["4", "Кузнецов", "Олег", "", "2001-07-08", "ИК-3"],
    ])
    report = imports.import_recipients(db, campaign, path, today=TODAY)
    assert report.source.format == "xlsx" and report.source.sheet == "Лист1"
    assert [row[0] for row in recipients_in(db)] == ["1", "2", "3", "4"]
    assert [row[4] for row in recipients_in(db)] == ["1985-02-01", "1970-12-31", "1999-06-05", "2001-07-08"]


def test_xlsx_named_sheet_is_read_instead_of_the_first(db, campaign, tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", [["Пояснения к списку"]], sheet="Пояснения к списку",
                      extra_sheets={"Получатели": [RU_HEADER, [5, "Иванов", "Иван", "", "", ""]]})
    report = imports.import_recipients(db, campaign, path, sheet="получатели", today=TODAY)
    assert report.source.sheet == "Получатели" and report.source.sheets == ("Пояснения к списку", "Получатели")
    assert recipients_in(db)[0][0] == "5"


def test_numbers_excel_turned_into_floats_are_refused_not_guessed(db, campaign, tmp_path):
    header = RU_HEADER + ["Личный номер"]
    path = write_xlsx(tmp_path / "list.xlsx", [
        header,
        [9001, "Иванов", "Иван", "", "", "", "АБ-123"],
        [2, "Петров", "Пётр", "", "", "", 9002],
        [3, "Сидоров", "Сидор", "", "", "", 1234567890123456],
        [4.5, "Орлов", "Олег", "", "", "", 4],
        [5, "Козлов", "Кирилл", "", "", "", 5],
    ])
    patch_xlsx(path, {"<v>9001</v>": "<v>1.0</v>", "<v>9002</v>": "<v>4.60123E+12</v>"})
    before = dump(db)
    with pytest.raises(ImportRefused) as refused:
        imports.import_recipients(db, campaign, path, today=TODAY)
    problems = refused.value.report.problems
    assert [(p.row, p.column) for p in problems] == [(2, "№"), (3, "Личный номер"), (4, "Личный номер"),
                                                     (5, "№")]
    assert "1.0" in problems[0].reason and "4.60123E+12" in problems[1].reason
    assert "15 digits" in problems[2].reason and "4.5" in problems[3].reason
    assert dump(db) == before


def test_scientific_and_decimal_text_in_a_csv_is_refused(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", [
        RU_HEADER + ["Личный номер"],
        ["1", "Иванов", "Иван", "", "", "", "4,60123E+12"],
        ["2,0", "Петров", "Пётр", "", "", "", "00123"],
    ], encoding="cp1251")
    with pytest.raises(ImportRefused) as refused:
        imports.import_recipients(db, campaign, path, today=TODAY)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(2, "Личный номер"), (3, "№")]
    assert "scientific notation" in refused.value.report.problems[0].reason


def test_a_defective_file_is_refused_whole_with_every_bad_row_named(db, campaign, tmp_path):
    good = write_csv(tmp_path / "first.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "01.01.1980", "ИК-1"]])
    imports.import_recipients(db, campaign, good, today=TODAY)
    before = dump(db)
    path = write_csv(tmp_path / "list.csv", [
        RU_HEADER,
        ["1", "Иванов", "Иван", "Петрович", "01.01.1980", "ИК-1"],  # a valid update: must not be written
        ["2", "", "Пётр", "", "31.02.1980", "ИК-1"],                # no surname, no such date
        [],                                                         # blank row 4: skipped, still counted
        ["3", "Сидоров", "", "", "01.01.2030", "ИК-1"],            # no given name, born in the future
        ["", "Орлов", "Олег", "", "1899-12-31", "ИК-1"],           # no number, born before 1901
        ["2", "Козлов", "Кирилл", "", "1.1.80", "ИК-1"],          # number twice, two-digit year
    ], encoding="cp1251")

    with pytest.raises(ImportRefused) as refused:
        imports.import_recipients(db, campaign, path, today=TODAY)

    found = [(p.row, p.column) for p in refused.value.report.problems]
    assert found == [
        (3, "Фамилия"), (3, "Дата рождения"),
        (5, "Имя"), (5, "Дата рождения"),
        (6, "№"), (6, "Дата рождения"),
        (7, "Дата рождения"), (7, "№"),
    ]
    duplicate = refused.value.report.problems[-1]
    assert "row 3" in duplicate.reason and "2" in duplicate.reason
    messages = refused.value.problems
    assert messages[0] == 'list.csv, row 3, column "Фамилия": The surname is missing.'
    assert len(messages) == len(found)
    assert dump(db) == before


def test_reimporting_the_same_file_changes_nothing(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", [RU_HEADER] + [
        [str(n), "Иванов", f"Иван{n}", "", "01.01.1980", "ИК-1"] for n in range(1, 51)], encoding="cp1251")
    first = imports.import_recipients(db, campaign, path, today=TODAY)
    before = dump(db)
    second = imports.import_recipients(db, campaign, path, today=TODAY)
    assert first.result == SaveResult(created=50)
    assert second.result == SaveResult(unchanged=50) and not second.result.changed
    assert dump(db) == before


def test_a_changed_row_is_an_update_and_a_new_row_is_new(db, campaign, tmp_path):
    rows = [RU_HEADER, ["1", "Иванов", "Иван", "", "", "ИК-1"], ["2", "Петров", "Пётр", "", "", "ИК-1"]]
    imports.import_recipients(db, campaign, write_csv(tmp_path / "a.csv", rows), today=TODAY)
    rows[2][5] = "ИК-9"
    rows.append(["3", "Орлов", "Олег", "", "", "ИК-1"])
    report = imports.import_recipients(db, campaign, write_csv(tmp_path / "b.csv", rows), today=TODAY)
    assert report.result == SaveResult(created=1, updated=1, unchanged=1)


def test_full_name_column_is_split_into_surname_given_name_patronymic(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", [
        ["Номер", "ПІБ", "Дата народження"],
        ["1", "  Коваль   Ярема Мар’янович ", "01.01.1970"],
        ["2", "Лі Мін", ""],
        ["3", "Єрмоленко", ""],
    ], encoding="utf-8-sig")
    with pytest.raises(ImportRefused) as refused:
        imports.import_recipients(db, campaign, path, today=TODAY)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(4, "ПІБ")]
    path = write_csv(tmp_path / "list.csv", [["Номер", "ПІБ"], ["1", "  Коваль   Ярема Мар’янович "],
                                             ["2", "Лі Мін"]], encoding="utf-8-sig")
    imports.import_recipients(db, campaign, path, today=TODAY)
    assert [row[1:4] for row in recipients_in(db)] == [("Коваль", "Ярема", "Мар’янович"), ("Лі", "Мін", "")]


def test_mapping_override_by_header_and_by_column_number(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", [
        ["Код", "Фамилия получателя", "Имя", "Колония", "Телефон"],
        ["A-1", "Иванов", "Иван", "ИК-3", "+7 900 000"],
    ])
    preview = imports.preview(path, ImportKind.RECIPIENTS)
    assert not preview.ok and "Number" in preview.problems[0].reason and "Surname" in preview.problems[0].reason

    mapping = {"list_number": 1, "surname": "фамилия получателя", "place": "Колония"}
    report = imports.import_recipients(db, campaign, path, mapping, today=TODAY)
    assert report.columns == {"list_number": "Код", "surname": "Фамилия получателя", "given_name": "Имя",
                              "place": "Колония"}
    assert recipients_in(db) == [("A-1", "Иванов", "Иван", "", None, "ИК-3", "", "")]


def test_mapping_override_wins_over_a_recognised_header(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", [["№", "Номер по журналу", "Фамилия", "Имя"],
                                             ["1", "501", "Иванов", "Иван"]])
    imports.import_recipients(db, campaign, path, {"list_number": "Номер по журналу"}, today=TODAY)
    assert recipients_in(db)[0][0] == "501"


def test_validate_counts_without_writing(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "", ""]])
    before = dump(db)
    report = imports.validate(db, "recipients", path, campaign=campaign, today=TODAY)
    assert report.ok and report.result == SaveResult(created=1) and not report.written
    assert dump(db) == before


def test_same_person_under_two_numbers_is_a_warning_not_a_refusal(db, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "01.01.1980", ""],
                                             ["2", "иванов", "Иван", "", "01.01.1980", ""]])
    report = imports.import_recipients(db, campaign, path, today=TODAY)
    assert report.result == SaveResult(created=2)
    assert [(w.row, "row 2" in w.reason) for w in report.warnings] == [(3, True)]


def test_title_rows_above_the_header_are_skipped_and_rows_keep_their_numbers(db, campaign, tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", [["Список получателей"], [], RU_HEADER,
                                               [1, "Иванов", "Иван", "", "32.01.1980", ""]])
    with pytest.raises(ImportRefused) as refused:
        imports.import_recipients(db, campaign, path, today=TODAY)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(4, "Дата рождения")]


_letters = st.sampled_from(list("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ"))
_name = st.lists(_letters, min_size=1, max_size=12).map("".join)
_apostrophised = st.tuples(_name, st.sampled_from(["", "'", "ʼ"]), _name).map(
    lambda parts: parts[0] + parts[1] + parts[2].lower() if parts[1] else parts[0])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(st.tuples(_apostrophised, _apostrophised, st.one_of(st.just(""), _apostrophised),
                              st.one_of(st.none(), st.dates(date(1901, 1, 1), TODAY))), min_size=1, max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]),
    delimiter=st.sampled_from([";", ",", "\t"]),
    header=st.sampled_from([RU_HEADER, UK_HEADER, EN_HEADER]),
    iso=st.booleans(),
)
def test_any_list_in_any_supported_encoding_and_delimiter_reads_back_exactly(
        db, tmp_path, people, encoding, delimiter, header, iso):
    if encoding == "cp1251":
        people = [tuple(p.replace("ʼ", "'") if isinstance(p, str) else p for p in person) for person in people]
    campaign = create_campaign(db, f"C{len(db.execute('SELECT id FROM campaigns').fetchall())}")
    rows = [header] + [
        [str(n), s, g, p, "" if born is None else born.isoformat() if iso else born.strftime("%d.%m.%Y"), "ИК"]
        for n, (s, g, p, born) in enumerate(people, start=1)]
    path = write_csv(tmp_path / "list.csv", rows, encoding=encoding, delimiter=delimiter)
    imports.import_recipients(db, campaign, path, today=TODAY)
    stored = db.execute("SELECT surname, given_name, patronymic, birth_date FROM recipients WHERE campaign_id = ? "
                        "ORDER BY id", [campaign.id]).fetchall()
    assert stored == [(s, g, p, born.isoformat() if born else None) for s, g, p, born in people]


def test_rows_are_numbered_as_excel_shows_them_despite_sep_lines_and_line_breaks_in_notes(db, campaign, tmp_path):
    path = tmp_path / "list.csv"
    text = ('sep=;\r\n№;Фамилия;Имя;Примечание\r\n1;Иванов;Иван;"первая строка\r\nвторая строка"\r\n'
            "2;Петров;;\r\n")
    path.write_bytes(text.encode("cp1251"))
    with pytest.raises(ImportRefused) as refused:
        imports.import_recipients(db, campaign, path, today=TODAY)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(3, "Имя")]
    path.write_bytes(text.replace("2;Петров;;", "2;Петров;Пётр;").encode("cp1251"))
    imports.import_recipients(db, campaign, path, today=TODAY)
    assert recipients_in(db)[0][7] == "первая строка вторая строка"


def test_preview_shows_what_was_detected_and_the_first_rows(tmp_path):
    path = write_csv(tmp_path / "list.csv", [["Список"], UK_HEADER] + [
        [str(n), "Шевченко", "Тарас", "", "09.03.1984", "Установа"] for n in range(1, 31)], encoding="cp1251")
    preview = imports.preview(path, "recipients", rows=3)
    assert preview.ok and preview.source.encoding == "Windows-1251" and preview.source.delimiter == ";"
    assert preview.header_row == 2 and preview.headers == tuple(UK_HEADER)
    assert [number for number, _cells in preview.rows] == [3, 4, 5]
    assert preview.rows[0][1] == ("1", "Шевченко", "Тарас", "", "09.03.1984", "Установа")
    assert preview.mapping == {"list_number": 1, "surname": 2, "given_name": 3, "patronymic": 4, "birth_date": 5,
                               "place": 6}
    assert [spec.key for spec in imports.fields(ImportKind.RECIPIENTS) if spec.required] == ["list_number"]
