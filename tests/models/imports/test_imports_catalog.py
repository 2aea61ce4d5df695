"""Importing the item catalog and the content template."""

from __future__ import annotations

import pytest

from models import imports
from models.campaigns.reference import SaveResult, create_campaign, current_template, list_items
from models.imports import ImportKind, ImportRefused
from tests.support.import_files import dump, patch_xlsx, write_csv, write_xlsx

CATALOG_RU = ["Наименование", "Категория", "Вес, г", "Штрихкоды"]
CATALOG = [
    CATALOG_RU,
    ["Чай чёрный", "Продукты", "100", "4820000000017"],
    ["Мыло", "Гигиена", "90", "4600000000015; 96385074"],
    ["Сахар", "Продукты", "1 000", "4601234567893 | 036000291452"],
    ["Носки шерстяные", "Одежда", "120", "4820000000024"],
]


@pytest.fixture
def catalog(db, tmp_path):
    imports.import_catalog(db, write_csv(tmp_path / "catalog.csv", CATALOG, encoding="cp1251"))
    return {item.name: item for item in list_items(db)}


@pytest.fixture
def campaign(db):
    return create_campaign(db, "Весна")


def test_catalog_with_several_barcodes_per_cell(db, tmp_path):
    path = write_csv(tmp_path / "catalog.csv", CATALOG, encoding="cp1251")
    report = imports.import_catalog(db, path)
    assert report.result == SaveResult(created=4)
    items = {item.name: item for item in list_items(db)}
    assert items["Мыло"].barcodes == ("4600000000015", "96385074")
    assert items["Сахар"].unit_weight_g == 1000 and items["Сахар"].barcodes == ("4601234567893", "036000291452")
    before = dump(db)
    assert imports.import_catalog(db, path).result == SaveResult(unchanged=4)
    assert dump(db) == before


def test_catalog_from_xlsx_with_english_headers_and_numeric_barcodes(db, tmp_path):
    path = write_xlsx(tmp_path / "items.xlsx", [["Name", "Category", "Unit weight (g)", "Barcodes"],
                                                ["Tea", "food", 100, 4820000000017],
                                                ["Soap", "hygiene", 90.0, "4600000000015,96385074"]])
    assert imports.import_catalog(db, path).result == SaveResult(created=2)
    assert [item.barcodes for item in list_items(db)] == [("4820000000017",), ("4600000000015", "96385074")]


def test_bad_catalog_is_refused_whole_with_every_problem(db, tmp_path, catalog):
    before = dump(db)
    path = write_xlsx(tmp_path / "items.xlsx", [
        CATALOG_RU,
        ["Кофе", "Продукты", 250, "4820000000018"],            # wrong check digit
        ["Печенье", "Продукты", 2.5, "482000000001"],          # weight not whole; 12 digits, bad check digit
        ["Мыло", "Гигиена", 90, "4820000000024"],              # barcode of the socks in the catalog
        ["", "Продукты", 100, "96385074"],                     # no name; the soap's barcode
        ["Халва", "Продукты", -5, 4820000000017],              # negative weight, tea's barcode
        ["Вафли", "Продукты", 100, 777],                       # Excel scientific notation (patched below)
        ["вафли", "Продукты", 100, ""],                        # same name again, no barcode
    ])
    patch_xlsx(path, {"<v>777</v>": "<v>4.60123456789E+12</v>"})
    with pytest.raises(ImportRefused) as refused:
        imports.import_catalog(db, path)
    found = [(p.row, p.column) for p in refused.value.report.problems]
    assert found == [
        (2, "Штрихкоды"),
        (3, "Вес, г"), (3, "Штрихкоды"),
        (4, "Штрихкоды"),
        (5, "Наименование"), (5, "Штрихкоды"),
        (6, "Вес, г"), (6, "Штрихкоды"),
        (7, "Штрихкоды"),
        (8, "Штрихкоды"), (8, "Наименование"),
    ]
    reasons = [p.reason for p in refused.value.report.problems]
    assert "wrong check digit" in reasons[0] and "Носки шерстяные" in reasons[3]
    assert "Чай чёрный" in reasons[7] and "4.60123E+12" in reasons[8]
    assert "row 7" in reasons[10]
    assert dump(db) == before


def test_barcode_given_to_two_items_in_the_file_names_both_rows(db, tmp_path):
    path = write_csv(tmp_path / "c.csv", [CATALOG_RU, ["Чай", "", "100", "4820000000017"],
                                          ["Кофе", "", "100", "4820000000017"]])
    with pytest.raises(ImportRefused) as refused:
        imports.import_catalog(db, path)
    [problem] = refused.value.report.problems
    assert problem.row == 3 and "row 2" in problem.reason and "Чай" in problem.reason


def test_template_by_names_and_barcodes_with_required_and_substitutes(db, tmp_path, catalog, campaign):
    path = write_csv(tmp_path / "template.csv", [
        ["№", "Товар", "Кол-во", "Обязательно", "Замены"],
        ["1", "Чай чёрный", "2", "да", "Сахар"],
        ["2", "4600000000015", "1", "", "4820000000024"],
        ["3", "носки шерстяные", "3", "нет", "4601234567893 | Чай чёрный"],
    ], encoding="cp1251")
    report = imports.import_template(db, campaign, path)
    assert report.result == SaveResult(created=1) and report.template == "Весна"
    template = current_template(db, campaign)
    ids = {name: item.id for name, item in catalog.items()}
    assert [(line.line_no, line.item_id, line.quantity, line.required, line.substitutes)
            for line in template.lines] == [
        (1, ids["Чай чёрный"], 2, True, (ids["Сахар"],)),
        (2, ids["Мыло"], 1, True, (ids["Носки шерстяные"],)),
        (3, ids["Носки шерстяные"], 3, False, (ids["Сахар"], ids["Чай чёрный"])),
    ]
    before = dump(db)
    assert imports.import_template(db, campaign, path).result == SaveResult(unchanged=1)
    assert dump(db) == before


def test_template_name_option_and_ukrainian_headers_without_line_numbers(db, tmp_path, catalog, campaign):
    path = write_csv(tmp_path / "t.csv", [["Предмет", "Кількість", "Обов'язковий", "Заміни"],
                                          ["Чай чорний", "1", "так", ""]], encoding="utf-8-sig")
    with pytest.raises(ImportRefused) as refused:  # "Чай чорний" is Ukrainian; the catalog says "Чай чёрный"
        imports.import_template(db, campaign, path, name="Зимовий")
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(2, "Предмет")]
    path = write_csv(tmp_path / "t.csv", [["Предмет", "Кількість", "Обов'язковий", "Заміни"],
                                          ["Мыло", "1", "так", ""], ["Сахар", "2", "ні", "Чай чёрный"]],
                     encoding="utf-8-sig")
    report = imports.import_template(db, campaign, path, name="Зимовий")
    template = current_template(db, campaign)
    assert report.template == "Зимовий" and template.name == "Зимовий"
    assert [(line.line_no, line.required) for line in template.lines] == [(1, True), (2, False)]


def test_bad_template_is_refused_whole(db, tmp_path, catalog, campaign):
    before = dump(db)
    path = write_csv(tmp_path / "t.csv", [
        ["№", "Товар", "Кол-во", "Обязательно", "Замены"],
        ["1", "Чай чёрный", "0", "да", ""],             # quantity 0
        ["1", "Мыло", "1", "может быть", "Мыло"],        # line twice, not yes/no, substitutes itself
        ["3", "Шоколад", "1", "", "Халва; Сахар"],       # unknown item and substitute
        ["4", "Сахар", "1.5", "", ""],                   # quantity not whole
        ["5", "4820000000017", "1", "", ""],             # tea again, by barcode
    ])
    with pytest.raises(ImportRefused) as refused:
        imports.import_template(db, campaign, path)
    found = [(p.row, p.column) for p in refused.value.report.problems]
    assert found == [(2, "Кол-во"), (3, "Обязательно"), (3, "Замены"), (3, "№"), (4, "Товар"), (4, "Замены"),
                     (5, "Кол-во"), (6, "Товар")]
    assert dump(db) == before


def test_template_preview_and_validate(db, tmp_path, catalog, campaign):
    path = write_xlsx(tmp_path / "t.xlsx", [["Item", "Qty"], ["Мыло", 2]])
    preview = imports.preview(path, ImportKind.TEMPLATE)
    assert preview.ok and preview.mapping == {"item": 1, "quantity": 2}
    assert preview.rows == ((2, ("Мыло", "2")),)
    report = imports.validate(db, ImportKind.TEMPLATE, path, campaign=campaign)
    assert report.ok and report.result == SaveResult(created=1) and current_template(db, campaign) is None
