"""The Recipients screen: search in SQL (FTS5) through the search box, package states, the detail panel."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from models.campaigns.queries import SortColumn
from models.campaigns.reference import create_campaign, save_recipients
from models.core.types import RecipientData
from tests.support.campaign_screens import seal_packages, type_text
from ui.recipients_model import COLUMNS, RecipientsModel
from ui.recipients_view import RecipientsScreen

PEOPLE = [
    ("1", "Шевченко", "Тарас", "Григорович"), ("2", "Йосипенко", "Ігор", ""), ("3", "Иосипенко", "Игорь", ""),
    ("4", "Їжак", "Ївга", ""), ("5", "Іжак", "Іван", ""), ("6", "Пʼятничук", "Євген", ""),
    ("7", "Smith", "John", ""), ("8", "Ёлкин", "Пётр", "Семёнович"), ("12", "Бойко", "Олена", ""),
    ("13", "Вдовиченко", "Ігор", "Лукʼянович"),
]


@pytest.fixture
def screen(qtbot, workspace):
    campaign = create_campaign(workspace.db, "Winter")
    save_recipients(workspace.db, campaign, [
        RecipientData(number, surname, given, patronymic, date(1980, 1, 2), "СИЗО-1")
        for number, surname, given, patronymic in PEOPLE])
    widget = RecipientsScreen(workspace.recipient_queries())
    qtbot.addWidget(widget)
    widget.set_campaign(campaign)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_numbers(screen: RecipientsScreen) -> list[str]:
    return [screen.model.index(row, 0).data() for row in range(screen.model.rowCount())]


def search(qtbot, screen: RecipientsScreen, text: str) -> list[str]:
    screen.search_box.clear()
    type_text(screen.search_box, text, enter=True)
    return shown_numbers(screen)


@pytest.mark.parametrize(("text", "found"), [
    ("шевч", ["1"]), ("ШЕВЧЕНКО", ["1"]), ("тарас шев", ["1"]), ("григ", ["1"]),  # any part, any case
    ("йосип", ["2"]), ("иосип", ["3"]),  # й and и stay distinct
    ("їжак", ["4"]), ("іжак", ["5"]), ("ївга", ["4"]),  # so do ї and і
    ("пʼят", ["6"]), ("п'ятничук", ["6"]), ("пятни", ["6"]),  # apostrophes do not matter
    ("smi", ["7"]), ("JOHN", ["7"]),  # Latin too
    ("Vdovychenko", ["13"]), ("vdovichenko", ["13"]), ("vdov ihor", ["13"]),  # both passports' spellings
    ("lukianovych", ["13"]), ("shevchenko taras", ["1"]), ("yizhak", ["4"]), ("izhak", ["4", "5"]),
    ("елкин", ["8"]), ("Ёлк", ["8"]), ("петр сем", ["8"]),  # ё is read as е
    ("12", ["12"]), ("1", ["1"]),  # a number finds that number exactly
    ("нікого", []),
])
def test_search_by_number_or_any_part_of_a_name(qtbot, screen, text, found):
    assert search(qtbot, screen, text) == found


def test_search_by_scanned_package_code_and_clearing_it(qtbot, screen):
    code = screen.model.recipient(2).package_code
    assert search(qtbot, screen, code) == ["3"]
    assert screen.count_label.text() == "1 of 10 recipients found"
    assert screen.detail.values["package"].text() == code  # the first match is selected and shown
    screen.search_box.clear()
    QTest.keyClick(screen.search_box, Qt.Key.Key_Return)
    assert len(shown_numbers(screen)) == len(PEOPLE)
    assert screen.count_label.text() == "10 recipients"


def test_typing_searches_after_a_pause(qtbot, screen):
    qtbot.keyClicks(screen.search_box, "smith")
    qtbot.waitUntil(lambda: shown_numbers(screen) == ["7"])


def test_search_keeps_the_sort_order_and_the_model_stays_valid(qtbot, qtmodeltester, screen):
    screen.table.sortByColumn(COLUMNS.index(SortColumn.NAME), Qt.SortOrder.DescendingOrder)
    assert search(qtbot, screen, "енко") == []  # a word's start, not its middle
    # Йосипенко Ігор, Іжак Іван, Вдовиченко Ігор (names descending: й after і); Їжак Ївга is not an і.
    assert search(qtbot, screen, "і") == ["2", "5", "13"]
    qtmodeltester.check(screen.model)


def test_ctrl_f_focuses_the_search_box(qtbot, screen):
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.table.setFocus()
    QTest.keySequence(screen, "Ctrl+F")
    assert screen.search_box.hasFocus()


def test_package_states_letters_and_the_events_in_the_detail_panel(qtbot, workspace):
    packing = seal_packages(workspace.db, 1)
    packing.scan(packing.packages[1], packing.item("tea"))  # the second package is being packed
    letters = packing.letters()
    letters.register(packing.campaign_id, ["3"], received=True)
    letters.register(packing.campaign_id, ["4"])
    campaign = next(c for c in workspace.campaigns() if c.id == packing.campaign_id)
    screen = RecipientsScreen(workspace.recipient_queries())
    qtbot.addWidget(screen)
    screen.set_campaign(campaign)
    screen.show()
    state, letter = COLUMNS.index(SortColumn.STATE), COLUMNS.index(SortColumn.LETTERS)
    texts = {screen.model.index(row, 0).data(): (screen.model.index(row, state).data(),
                                                  screen.model.index(row, letter).data())
             for row in range(screen.model.rowCount())}
    assert texts == {"1": ("Sealed", ""), "2": ("Being packed", ""), "3": ("Planned", "Received"),
                     "4": ("Planned", "Expected"), "10": ("Planned", "")}

    screen.table.sortByColumn(state, Qt.SortOrder.DescendingOrder)
    assert shown_numbers(screen)[:2] == ["1", "2"]

    QTest.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=screen.table.visualRect(screen.model.index(0, 1)).center())
    panel = screen.detail
    assert panel.heading.text() == "Шевченко Олена Петрівна"
    assert panel.values["state"].text() == "Sealed"
    assert panel.values["station"].text() == "Station 1"
    assert "Olena" in panel.values["sealed"].text()
    events = [panel.events.item(row, 1).text() for row in range(panel.events.rowCount())]
    assert events[0] == "Sealed" and events[-1] == "Opened"
    assert "Item scanned: tea" in events
    assert {panel.events.item(row, 2).text() for row in range(panel.events.rowCount())} == {"Olena"}


def test_the_detail_panel_speaks_the_ui_language(qtbot, workspace):
    packing = seal_packages(workspace.db, 1)
    campaign = workspace.campaigns()[0]
    screen = RecipientsScreen(workspace.recipient_queries())
    qtbot.addWidget(screen)
    screen.set_campaign(campaign)
    screen.show_recipient(screen.model.recipient_id(0))
    from models.core.i18n import set_language
    set_language("uk")
    screen.retranslate()
    assert screen.detail.captions["birth_date"].text() == "Дата народження:"
    assert screen.title.text() == "Отримувачі"
    del packing


def test_a_lazy_model_over_a_search_passes_the_model_tester(qtmodeltester, workspace):
    campaign = create_campaign(workspace.db, "C")
    save_recipients(workspace.db, campaign, [RecipientData(str(n), "Коваленко", f"Іван{n}", "") for n in range(1, 400)])
    model = RecipientsModel(workspace.recipient_queries())
    model.set_campaign(campaign.id)
    model.set_search("коваленко")
    assert model.rowCount() == 399
    qtmodeltester.check(model)
    model.set_search("Іван39")
    assert model.rowCount() == 11  # Іван39, Іван390 ... Іван399
    qtmodeltester.check(model)
