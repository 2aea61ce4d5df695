"""The lazy recipient model: passes qtmodeltester, loads only the pages asked for, sorts in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPersistentModelIndex, QPoint, Qt
from PySide6.QtWidgets import QTableView

from models.campaigns.queries import RecipientQueries, RecipientRow, SortColumn
from models.campaigns.reference import create_campaign, save_recipients
from models.core.collation import name_key
from models.core.types import RecipientData
from tests.support.sample_data import make_campaign, sample_recipients
from ui.recipients_model import COLUMNS, RecipientsModel

NAME = COLUMNS.index(SortColumn.NAME)
NUMBER = COLUMNS.index(SortColumn.NUMBER)


class CountingQueries:
    """Wraps the real service and records every rows() call."""

    def __init__(self, queries: RecipientQueries) -> None:
        self.queries = queries
        self.rows_calls: list[list[int]] = []
        self.ids_calls = 0

    def ids(self, campaign_id: int, sort_column: SortColumn = SortColumn.NUMBER, descending: bool = False,
            search: str = "") -> list[int]:
        self.ids_calls += 1
        return self.queries.ids(campaign_id, sort_column, descending, search)

    def rows(self, ids: Sequence[int]) -> dict[int, RecipientRow]:
        self.rows_calls.append(list(ids))
        return self.queries.rows(ids)

    def count(self, campaign_id: int) -> int:
        return self.queries.count(campaign_id)

    def journal_position(self) -> int:
        return self.queries.journal_position()

    def detail(self, recipient_id: int):
        return self.queries.detail(recipient_id)


def campaign_model(workspace, count: int = 1000) -> tuple[RecipientsModel, CountingQueries]:
    campaign = make_campaign(workspace.db, "Winter parcels", sample_recipients(count))
    counting = CountingQueries(workspace.recipient_queries())
    model = RecipientsModel(counting)  # type: ignore[arg-type]
    model.set_campaign(campaign.id)
    return model, counting


def column_texts(model: RecipientsModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_model_passes_the_model_tester_with_data_and_after_sorting(qtmodeltester, workspace):
    model, _counting = campaign_model(workspace, 300)
    qtmodeltester.check(model)
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            model.sort(column, order)
            qtmodeltester.check(model)


def test_model_without_a_campaign_is_empty_and_valid(qtmodeltester, workspace):
    model = RecipientsModel(workspace.recipient_queries())
    model.set_campaign(None)
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_rows_load_one_page_at_a_time_only_when_asked(workspace):
    model, counting = campaign_model(workspace, 1000)
    assert model.rowCount() == 1000
    assert counting.rows_calls == []  # the id list only

    assert model.index(0, NAME).data()
    model.index(5, NUMBER).data()
    model.index(model.PAGE_SIZE - 1, NAME).data()
    assert counting.rows_calls == [[model.recipient_id(r) for r in range(model.PAGE_SIZE)]]

    model.index(999, NAME).data()
    assert len(counting.rows_calls) == 2
    assert counting.rows_calls[1] == [model.recipient_id(r) for r in range(800, 1000)]
    assert model.pages_loaded == 2


def test_a_new_order_reuses_cached_rows(workspace):
    model, counting = campaign_model(workspace, 1000)
    model.index(0, NAME).data()
    first_page = set(counting.rows_calls[0])
    model.sort(NUMBER, Qt.SortOrder.DescendingOrder)
    model.index(0, NAME).data()
    assert counting.ids_calls == 2  # the sort went to SQL
    assert first_page.isdisjoint(counting.rows_calls[1])  # only rows not cached were fetched


def test_a_view_fetches_only_the_rows_it_shows(qtbot, workspace):
    model, counting = campaign_model(workspace, 1000)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: bool(counting.rows_calls))  # the first paint
    fetched = sum(len(call) for call in counting.rows_calls)
    assert 0 < fetched <= 2 * model.PAGE_SIZE
    view.scrollToBottom()
    qtbot.waitUntil(lambda: any(model.recipient_id(999) in call for call in counting.rows_calls))
    assert sum(len(call) for call in counting.rows_calls) <= 4 * model.PAGE_SIZE


def test_sorting_by_name_puts_cyrillic_names_in_alphabetical_order(workspace):
    campaign = create_campaign(workspace.db, "C")
    surnames = ["Їжак", "Іваненко", "Ґудзь", "Гнатюк", "Євтушенко", "Иванов", "Егоров", "Ёлкин", "Яковенко",
                "Антоненко", "Йосипенко", "Юрченко", "Жук", "Ґалаґан", "Іщенко"]
    save_recipients(workspace.db, campaign, [
        RecipientData(str(n), surname, "Іван", "", date(1980, 1, 1), "СИЗО-1") for n, surname in enumerate(surnames, 1)
    ])
    model = RecipientsModel(workspace.recipient_queries())
    model.set_campaign(campaign.id)

    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    shown = [text.split(" ")[0] for text in column_texts(model, NAME)]
    assert shown == ["Антоненко", "Гнатюк", "Ґалаґан", "Ґудзь", "Егоров", "Ёлкин", "Євтушенко", "Жук", "Иванов",
                     "Іваненко", "Іщенко", "Їжак", "Йосипенко", "Юрченко", "Яковенко"]
    assert shown == sorted(surnames, key=name_key)

    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert [text.split(" ")[0] for text in column_texts(model, NAME)] == shown[::-1]


def test_list_numbers_sort_numerically_and_dates_show_as_dd_mm_yyyy(workspace):
    campaign = create_campaign(workspace.db, "C")
    save_recipients(workspace.db, campaign, [
        RecipientData(number, "Бойко", "Іван", "", date(1979, 3, 4), "СИЗО-1") for number in ("10", "2", "1")
    ])
    model = RecipientsModel(workspace.recipient_queries())
    model.set_campaign(campaign.id)
    assert column_texts(model, NUMBER) == ["1", "2", "10"]
    assert model.index(0, COLUMNS.index(SortColumn.BIRTH_DATE)).data() == "04.03.1979"
    assert model.index(0, COLUMNS.index(SortColumn.STATE)).data() == "Planned"
    assert model.headerData(NAME, Qt.Orientation.Horizontal) == "Surname Given Patronymic"


def test_persistent_indexes_follow_their_recipient_through_a_sort(workspace, qtbot):
    model, _counting = campaign_model(workspace, 500)
    held = QPersistentModelIndex(model.index(3, NAME))
    rid, name = model.recipient_id(3), held.data()
    with qtbot.waitSignals([model.layoutAboutToBeChanged, model.layoutChanged]):
        model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert held.isValid()
    assert model.recipient_id(held.row()) == rid
    assert held.data() == name


def test_header_click_sorts_through_sql(qtbot, workspace):
    from ui.recipients_view import RecipientsScreen

    campaign = make_campaign(workspace.db, "C", sample_recipients(400))
    counting = CountingQueries(workspace.recipient_queries())
    screen = RecipientsScreen(counting)  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    screen.set_campaign(campaign)
    screen.resize(1000, 500)
    screen.show()
    qtbot.waitExposed(screen)
    header = screen.table.horizontalHeader()
    before = counting.ids_calls

    x = header.sectionViewportPosition(NAME) + header.sectionSize(NAME) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    assert counting.ids_calls == before + 1
    assert screen.model.sort_order() == (SortColumn.NAME, False)
    keys = [name_key(text) for text in column_texts(screen.model, NAME)]
    assert keys == sorted(keys)


def test_a_recipient_that_vanished_shows_empty_and_is_not_fetched_again(workspace):
    model, counting = campaign_model(workspace, 10)
    rid = model.recipient_id(0)
    workspace.db.execute("DELETE FROM packages WHERE recipient_id = ?", [rid])
    workspace.db.execute("DELETE FROM recipients WHERE id = ?", [rid])
    assert model.index(0, NAME).data() is None
    assert model.index(0, NUMBER).data() is None
    assert len(counting.rows_calls) == 1


class HundredThousand:
    """A service with 100,000 recipients and no database: the model's own cost at that size."""

    def __init__(self) -> None:
        self.fetched = 0

    def ids(self, campaign_id: int, sort_column: SortColumn = SortColumn.NUMBER, descending: bool = False,
            search: str = "") -> list[int]:
        ids = list(range(1, 100_001))
        return ids[::-1] if descending else ids

    def rows(self, ids: Sequence[int]) -> dict[int, RecipientRow]:
        self.fetched += len(ids)
        return {rid: RecipientRow(rid, str(rid), f"Шевченко Тарас {rid}", None, "СИЗО-1", "0" * 18) for rid in ids}


def test_a_hundred_thousand_rows_load_only_what_is_visible(qtbot):
    source = HundredThousand()
    model = RecipientsModel(source)  # type: ignore[arg-type]
    model.set_campaign(1)
    view = QTableView()
    qtbot.addWidget(view)
    view.verticalHeader().setSectionResizeMode(view.verticalHeader().ResizeMode.Fixed)
    view.setModel(model)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: source.fetched == model.PAGE_SIZE)  # the top page, painted
    view.scrollToBottom()
    qtbot.waitUntil(lambda: source.fetched == 2 * model.PAGE_SIZE)  # and the last one: nothing between
    model.sort(NUMBER, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 100_000
    assert source.fetched <= 4 * model.PAGE_SIZE
