"""The import engine's parts on their own: encodings, delimiters, headers, cells and dates."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.core.import_kinds import ImportKind
from models.imports import cells, columns, sniffing
from models.imports.cells import CellError
from models.imports.dates import parse_birth_date, parse_date
from models.imports.readers import Row, open_rows

TODAY = date(2026, 3, 1)
TEXT = "№;Прізвище;Ім'я\r\n1;Ґалаґан;Їжак\r\n2;Єрмак;Іван\r\n"


@pytest.mark.parametrize(("data", "label"), [
    (TEXT.encode("utf-8"), "UTF-8"),
    (TEXT.encode("utf-8-sig"), "UTF-8 with BOM"),
    (TEXT.encode("utf-16"), "UTF-16"),
    (TEXT.encode("utf-16-le"), "UTF-16"),
    (TEXT.encode("utf-16-be"), "UTF-16"),
    (TEXT.encode("cp1251"), "Windows-1251"),
])
def test_encodings_are_detected(data, label):
    decoded = sniffing.decode(data)
    assert (decoded.text, decoded.encoding) == (TEXT, label)


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiters_are_detected_even_when_values_contain_the_others(delimiter):
    rows = [["№", "Фамилия", "Место"], ["1", "Иванов", "ИК-3; отряд 2, корпус 1"], ["2", "Петров", "СИЗО-1"]]
    quoted = [[f'"{cell}"' if any(d in cell for d in ";,\t") else cell for cell in row] for row in rows]
    text = "\r\n".join(delimiter.join(row) for row in quoted)
    assert sniffing.sniff_delimiter(text) == delimiter


def test_excel_sep_line_names_the_delimiter_and_is_not_a_row():
    assert sniffing.strip_sep_line("sep=,\r\na;b,c\r\n") == ("a;b,c\r\n", ",")
    assert sniffing.strip_sep_line("a;b\r\n") == ("a;b\r\n", None)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200))
def test_any_text_in_utf8_and_utf16_decodes_back(text):
    for codec, label in (("utf-8-sig", "UTF-8 with BOM"), ("utf-16", "UTF-16")):
        assert sniffing.decode(text.encode(codec)) == sniffing.DecodedText(text, label)


@pytest.mark.parametrize(("header", "field"), [
    ("№", "list_number"), (" НОМЕР ", "list_number"), ("No.", "list_number"), ("Number", "list_number"),
    ("№ п/п", "list_number"), ("Фамилия", "surname"), ("прізвище", "surname"), ("Surname", "surname"),
    ("Имя", "given_name"), ("Ім'я", "given_name"), ("Імʼя", "given_name"), ("ІМ’Я", "given_name"),
    ("Given name", "given_name"), ("Отчество", "patronymic"), ("По батькові", "patronymic"),
    ("Patronymic", "patronymic"), ("Дата рождения", "birth_date"), ("Дата народження", "birth_date"),
    ("Date of birth", "birth_date"), ("Место содержания", "place"), ("Місце утримання", "place"),
    ("Place of detention", "place"), ("ФИО", "full_name"), ("Ф.И.О.", "full_name"), ("ПІБ", "full_name"),
    ("Full name", "full_name"), ("Личный номер", "service_number"), ("Service number", "service_number"),
    ("Примечание", "notes"), ("Примітка", "notes"), ("Notes", "notes"),
])
def test_recipient_headers_in_three_languages(header, field):
    found, _problems = columns.resolve(ImportKind.RECIPIENTS, Row(1, (header, "x")))
    assert found.index.get(field) == 0


@pytest.mark.parametrize(("kind", "header", "field"), [
    (ImportKind.CATALOG, "Наименование", "name"), (ImportKind.CATALOG, "Вес, г", "unit_weight_g"),
    (ImportKind.CATALOG, "Вага (г)", "unit_weight_g"), (ImportKind.CATALOG, "Unit weight (g)", "unit_weight_g"),
    (ImportKind.CATALOG, "Штрих-код", "barcodes"), (ImportKind.CATALOG, "Категорія", "category"),
    (ImportKind.TEMPLATE, "Кол-во", "quantity"), (ImportKind.TEMPLATE, "Обов'язковий", "required"),
    (ImportKind.TEMPLATE, "Замены", "substitutes"), (ImportKind.TEMPLATE, "Товар", "item"),
])
def test_catalog_and_template_headers(kind, header, field):
    found, _problems = columns.resolve(kind, Row(1, ("x", header)))
    assert found.index.get(field) == 1


def test_weight_in_kilograms_is_not_taken_for_grams():
    found, problems = columns.resolve(ImportKind.CATALOG, Row(1, ("Название", "Вес, кг", "Штрихкод")))
    assert "unit_weight_g" not in found.index and "Unit weight (g)" in problems[0]


def test_two_columns_for_one_field_must_be_resolved_by_a_mapping():
    header = Row(1, ("№", "Фамилия", "Имя", "Примечание", "Примечание "))
    _found, problems = columns.resolve(ImportKind.RECIPIENTS, header)
    assert problems == [('Columns "Примечание" and "Примечание" both look like Notes; say which one to use '
                         "with a column mapping.")]
    found, problems = columns.resolve(ImportKind.RECIPIENTS, header, {"notes": 5})
    assert not problems and found.index["notes"] == 4


def test_mapping_mistakes_are_reported():
    header = Row(1, ("№", "Фамилия", "Имя"))
    _found, problems = columns.resolve(ImportKind.RECIPIENTS, header, {"shoe_size": 1, "place": "Колония",
                                                                       "notes": 9})
    assert len(problems) == 3
    assert "shoe_size" in problems[0] and "Колония" in problems[1] and "column 9" in problems[2]
    _found, problems = columns.resolve(ImportKind.RECIPIENTS, header, {"surname": 2, "given_name": "Фамилия"})
    assert problems == ["The column mapping gives column 2 to both surname and given_name."]


def test_separate_name_columns_win_over_a_full_name_column():
    found, problems = columns.resolve(ImportKind.RECIPIENTS, Row(1, ("№", "ФИО", "Фамилия", "Имя")))
    assert not problems and "full_name" not in found.index


def test_header_is_found_below_title_rows():
    rows = [Row(1, ("Список на март",)), Row(3, ("Утверждаю", "", "Директор")), Row(4, ("№", "ФИО"))]
    assert columns.find_header(ImportKind.RECIPIENTS, rows) == 2


@pytest.mark.parametrize(("cell", "expected"), [
    ("  17 ", "17"), (17, "17"), ("А-15", "А-15"), ("1.2.3", "1.2.3"), ("0042", "0042"), (None, ""),
])
def test_codes_are_kept_as_written(cell, expected):
    assert cells.code(cell) == expected


@pytest.mark.parametrize("cell", ["4.60123E+12", "4,60123e+12", "1E5", "17.0", "17,00", 17.0, 4601234567893.5,
                                  10**15, True, datetime(2020, 1, 1)])
def test_codes_excel_may_have_damaged_are_refused(cell):
    with pytest.raises(CellError):
        cells.code(cell)


@pytest.mark.parametrize(("cell", "expected"), [
    ("250", 250), (" 1 000 ", 1000), ("2,0", 2), ("2.00", 2), (3, 3), (4.0, 4), ("", None), (None, None),
])
def test_whole_numbers(cell, expected):
    assert cells.whole_number(cell) == expected


@pytest.mark.parametrize("cell", ["2.5", "2,5", "1e3", "два", 2.5, True])
def test_not_whole_numbers(cell):
    with pytest.raises(CellError):
        cells.whole_number(cell)


@pytest.mark.parametrize(("cell", "expected"), [
    ("yes", True), ("No", False), ("да", True), ("НЕТ", False), ("так", True), ("ні", False), ("1", True),
    ("0", False), ("+", True), ("-", False), (1, True), (0, False), (True, True), ("", None), (None, None),
])
def test_yes_no(cell, expected):
    assert cells.yes_no(cell) is expected


def test_yes_no_refuses_anything_else():
    with pytest.raises(CellError, match="maybe"):
        cells.yes_no("maybe")


def test_text_keeps_apostrophes_and_refuses_line_breaks_in_names():
    assert cells.text(" Мар'яна\u00a0 Підʼячa ") == "Мар'яна Підʼячa"
    with pytest.raises(CellError, match="line break"):
        cells.text("Иванов\nИван")
    assert cells.text("строка 1\nстрока 2", multiline=True) == "строка 1 строка 2"


@given(st.dates(date(1901, 1, 1), TODAY))
def test_dates_in_both_text_forms_and_as_cells_read_back(day):
    for cell in (day.strftime("%d.%m.%Y"), day.isoformat(), f"{day.day}.{day.month}.{day.year}", day,
                 datetime(day.year, day.month, day.day), f"{day.isoformat()} 00:00:00"):
        assert parse_birth_date(cell, TODAY) == day


@pytest.mark.parametrize(("cell", "reason"), [
    ("31.02.1980", "not a real date"), ("2026-03-02", "in the future"), ("31.12.1900", "before 1901"),
    ("01.01.80", "dd.mm.yyyy"), ("01/02/1985", "dd.mm.yyyy"), ("1985", "dd.mm.yyyy"), (32874, "not a date"),
    (32874.5, "not a date"),
])
def test_bad_dates_are_refused_with_a_reason(cell, reason):
    with pytest.raises(CellError, match=reason):
        parse_birth_date(cell, TODAY)


def test_empty_date_is_none():
    assert parse_date("  ") is None and parse_date(None) is None


_any_cell = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.dates(),
                      st.datetimes(), st.times(), st.timedeltas())


@given(_any_cell)
def test_every_converter_returns_or_refuses_never_crashes(cell):
    for convert in (cells.text, cells.code, cells.whole_number, cells.yes_no, parse_date,
                    lambda c: parse_birth_date(c, TODAY), cells.display):
        try:
            convert(cell)
        except CellError as exc:
            assert str(exc) and "\n" not in str(exc)


@given(st.text(alphabet="0123456789.-/ ²١٣", min_size=8, max_size=12))
def test_date_like_text_with_odd_digits_is_refused_cleanly(value):
    """Superscripts and Arabic-Indic digits are digits to `str.isdigit` but never part of a date: such text is
    refused with a one-line message; other text is a date or refused the same way, never a crash."""
    odd = any(character in "²١٣" for character in value)
    try:
        found = parse_date(value)
    except CellError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert not odd, f"{value!r} was read as the date {found}"
    assert found is None or isinstance(found, date)


@given(st.lists(st.lists(st.text(alphabet="аb;\"\r\n ", max_size=6), min_size=1, max_size=4), min_size=1,
                max_size=6), st.sampled_from(["\r\n", "\n", "\r"]))
def test_csv_rows_split_as_the_csv_module_reads_the_text_with_universal_line_ends(records, line_end):
    """Excel's `sep=;` line names the delimiter, which a sample of such rows would not show."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator=line_end).writerows(records)
    text = "№;Фамилия\r\n" + buffer.getvalue()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_bytes(f"sep=;\r\n{text}".encode())
        with open_rows(path) as (_info, rows):
            read = [(row.number, row.cells) for row in rows]
    expected = [(number, tuple(record)) for number, record in enumerate(
        csv.reader(io.StringIO(text, newline=""), delimiter=";"), start=1) if any(cell.strip() for cell in record)]
    assert read == expected
