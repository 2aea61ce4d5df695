"""The import wizard, driven through its buttons: preview with the recognised mapping, a full check before
anything is written, a background import, and refusals that write nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from models.campaigns.reference import create_campaign, list_items
from models.imports import ImportKind
from tests.support.dbdump import dump
from tests.support.import_files import write_xlsx
from ui.campaign.import_wizard import ImportWizard
from ui.tasks import TaskRunner

GOOD = [
    ["№", "Фамилия", "Имя", "Отчество", "Дата рождения", "Место содержания"],
    ["1", "Иванов", "Иван", "Иванович", "01.02.1980", "СИЗО-1"],
    ["2", "Шевченко", "Тарас", "Григорович", "09.03.1974", "ІК-2"],
    ["3", "П'ятничук", "Євген", "", "", "СИЗО-3"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "cp1251") -> Path:
    path.write_bytes("\r\n".join(";".join(row) for row in rows).encode(encoding) + b"\r\n")
    return path


@pytest.fixture
def campaign(workspace):
    return create_campaign(workspace.db, "Winter")


def make_wizard(qtbot, workspace, campaign, path: Path | None = None, kind=ImportKind.RECIPIENTS,
                factory=None) -> ImportWizard:
    tasks = TaskRunner(factory or workspace.connection_factory())
    wizard = ImportWizard(workspace, tasks, campaign, kind)
    qtbot.addWidget(wizard)
    if path is not None:
        wizard.choose_file = lambda *args: str(path)  # what the file dialog would answer
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def checked(qtbot, workspace, campaign, path: Path):
    """The wizard on `path`, taken to its check page, the check done."""
    wizard = make_wizard(qtbot, workspace, campaign, path)
    wizard.file_page.path.setText(str(path))
    next_(qtbot, wizard)
    next_(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.check_page.report is not None)
    return wizard, wizard.check_page


def click(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_(qtbot, wizard):
    click(qtbot, wizard, QWizard.WizardButton.NextButton)


def test_a_good_file_is_previewed_checked_and_imported(qtbot, workspace, campaign, tmp_path):
    path = write_csv(tmp_path / "список.csv", GOOD)
    wizard = make_wizard(qtbot, workspace, campaign, path)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no file yet
    qtbot.mouseClick(wizard.file_page.browse, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path.text() == str(path)
    next_(qtbot, wizard)

    page = wizard.mapping_page
    assert page.rows.rowCount() == 3 and page.rows.item(1, 1).text() == "Шевченко"
    assert "Windows-1251" in page.source.text() or "cp1251" in page.source.text().lower()
    assert page.combos["surname"].currentText() == "2: Фамилия"
    assert page.combos["place"].currentText() == "6: Место содержания"
    assert page.problems.text() == ""
    next_(qtbot, wizard)

    check = wizard.check_page
    qtbot.waitUntil(lambda: check.report is not None)
    assert check.summary.text() == "Ready to import 3 rows: 3 new, 0 updated, 0 unchanged."
    assert workspace.recipient_queries().count(campaign.id) == 0  # checking wrote nothing
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "&Import"

    with qtbot.waitSignal(wizard.imported, timeout=10_000) as imported:
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert imported.args[0].written
    qtbot.waitUntil(lambda: wizard.run_page.finished)
    assert "new 3" in wizard.run_page.summary.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert workspace.recipient_queries().count(campaign.id) == 3


def test_a_broken_file_is_refused_with_its_rows_and_nothing_is_written(qtbot, workspace, campaign, tmp_path):
    broken = GOOD + [["4", "", "Олег", "", "31.02.1990", "СИЗО-1"], ["1", "Петров", "Пётр", "", "1.1.1", "ИК-6"]]
    path = write_csv(tmp_path / "broken.csv", broken)
    before = dump(workspace.db)
    wizard, check = checked(qtbot, workspace, campaign, path)

    assert not check.report.ok
    assert check.summary.text().startswith("broken.csv was not imported:")
    assert "Nothing was written" in check.summary.text()
    table = check.problems
    shown = {(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())}
    assert {row for row, _column in shown} >= {"5", "6"}  # the spreadsheet's row numbers (header = 1)
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert dump(workspace.db) == before


def test_an_unrecognised_column_can_be_mapped_by_hand(qtbot, workspace, campaign, tmp_path):
    rows = [["Код", "Фамилия", "Имя"], ["1", "Иванов", "Иван"], ["2", "Петров", "Пётр"]]
    path = write_csv(tmp_path / "codes.csv", rows, encoding="utf-8-sig")
    wizard = make_wizard(qtbot, workspace, campaign, path)
    wizard.file_page.path.setText(str(path))
    next_(qtbot, wizard)
    page = wizard.mapping_page
    assert "Number" in page.problems.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    combo = page.combos["list_number"]
    combo.setCurrentIndex(combo.findData(1))
    combo.activated.emit(combo.currentIndex())  # as a user's choice does

    assert page.problems.text() == ""
    next_(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.check_page.report is not None)
    assert wizard.check_page.report.ok and wizard.check_page.report.rows == 2


def test_the_catalog_can_be_imported_without_a_campaign(qtbot, workspace, tmp_path):
    rows = [["Название", "Категория", "Вес, г", "Штрихкод"], ["Чай", "food", "100", "4600000000015"]]
    path = write_csv(tmp_path / "catalog.csv", rows)
    wizard = make_wizard(qtbot, workspace, None, path, ImportKind.CATALOG)
    assert wizard.file_page.kind.count() == 1
    wizard.file_page.path.setText(str(path))
    next_(qtbot, wizard)
    next_(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.check_page.report is not None)
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert [item.name for item in list_items(workspace.db)] == ["Чай"]


def test_a_cancelled_import_writes_nothing(qtbot, workspace, campaign, tmp_path):
    path = write_csv(tmp_path / "list.csv", GOOD)
    gate = threading.Event()
    opened: list[int] = []
    real = workspace.connection_factory()

    def held_factory():
        opened.append(1)
        if len(opened) == 2:  # the import (the check was the first): wait until the test has cancelled
            gate.wait(10)
        return real()

    wizard = make_wizard(qtbot, workspace, campaign, path, factory=held_factory)
    wizard.file_page.path.setText(str(path))
    next_(qtbot, wizard)
    next_(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.check_page.report is not None)
    before = dump(workspace.db)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.mouseClick(wizard.run_page.cancel, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: wizard.run_page.finished)
    assert wizard.run_page.summary.text() == "Cancelled: nothing was written."
    assert dump(workspace.db) == before


def test_the_main_window_opens_the_wizard_and_reloads_after_an_import(qtbot, workspace, campaign, tmp_path):
    from ui.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    window.import_actions[ImportKind.RECIPIENTS].trigger()
    wizard = window.import_wizard
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    wizard.file_page.path.setText(str(write_csv(tmp_path / "list.csv", GOOD)))
    next_(qtbot, wizard)
    next_(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.check_page.report is not None)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: window.recipients.model.rowCount() == 3)
    assert window.recipients.count_label.text() == "3 recipients"
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)


def test_a_corrected_list_is_shown_against_the_current_one_before_it_is_written(qtbot, workspace, campaign,
                                                                                tmp_path):
    from models.imports import import_recipients

    import_recipients(workspace.db, campaign, write_csv(tmp_path / "first.csv", GOOD))
    corrected = [GOOD[0], ["1", "Иванов", "Иван", "Петрович", "01.02.1980", "СИЗО-1"], GOOD[2],
                 ["4", "Бондар", "Марія", "", "", "СИЗО-2"]]
    path = write_csv(tmp_path / "corrected.csv", corrected)
    before = dump(workspace.db)
    wizard, check = checked(qtbot, workspace, campaign, path)
    assert "Against the current list: 1 added, 1 removed, 1 changed, 1 unchanged." in check.summary.text()
    assert "1 planned package is withdrawn" in check.summary.text()
    table = check.difference
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    withdrawn = rows[2].pop()
    assert rows == [["added", "4", "Бондар Марія", "", "", "", ""],
                    ["changed", "1", "Иванов Иван Иванович", "Patronymic", "Иванович", "Петрович", ""],
                    ["not in the new list", "3", "П'ятничук Євген", "", "", ""]]
    assert withdrawn == "withdrawn, no label"
    assert "no label is issued" in table.item(2, 6).toolTip()
    assert dump(workspace.db) == before  # shown, not written


def test_a_workbook_whose_list_is_on_another_sheet_offers_its_sheets(qtbot, workspace, campaign, tmp_path):
    """The mediator's workbook opens on a cover sheet: the columns page names the sheet the list is on and offers
    the workbook's sheets; chosen with the keyboard, the list is read from it and imported."""
    path = write_xlsx(tmp_path / "list.xlsx", [["Список передачі"], ["Кампанія: Зима"]], sheet="Обкладинка",
                      extra_sheets={"Список": GOOD})
    wizard = make_wizard(qtbot, workspace, campaign, path)
    wizard.file_page.path.setText(str(path))
    next_(qtbot, wizard)
    page = wizard.mapping_page
    assert page.sheet.isVisible() and [page.sheet.itemText(i) for i in range(page.sheet.count())] == [
        "Обкладинка", "Список"]
    assert "seems to be on sheet “Список”" in page.problems.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.sheet.setFocus()
    qtbot.keyClick(page.sheet, Qt.Key.Key_Down)  # the next sheet, as a user picks it
    assert page.sheet.currentText() == "Список" and page.problems.text() == ""
    assert page.rows.rowCount() == 3 and page.combos["surname"].currentText() == "2: Фамилия"
    next_(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.check_page.report is not None)
    assert wizard.check_page.summary.text() == "Ready to import 3 rows: 3 new, 0 updated, 0 unchanged."
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert workspace.recipient_queries().count(campaign.id) == 3
