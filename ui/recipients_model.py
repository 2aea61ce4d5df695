"""The recipient table as a lazy Qt model: it holds the ordered ids and loads rows a page at a time.

Sorting asks SQL for a new id order (never a QSortFilterProxyModel: over a lazy model it would sort only
the rows loaded so far, and over 100,000 rows it takes seconds). Rows are cached by id, so a new order
reuses what was already loaded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.campaigns.queries import RecipientQueries, RecipientRow, SortColumn
from models.core.i18n import N_, _

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[SortColumn, ...] = (
    SortColumn.NUMBER, SortColumn.NAME, SortColumn.STATE, SortColumn.LETTERS, SortColumn.BIRTH_DATE,
    SortColumn.PLACE, SortColumn.PACKAGE_CODE,
)
HEADERS: dict[SortColumn, str] = {
    SortColumn.NUMBER: N_("No."),
    SortColumn.NAME: N_("Surname Given Patronymic"),
    SortColumn.BIRTH_DATE: N_("Date of birth"),
    SortColumn.PLACE: N_("Place"),
    SortColumn.PACKAGE_CODE: N_("Package code"),
    SortColumn.STATE: N_("State"),
    SortColumn.LETTERS: N_("Letters"),
}
STATE_LABELS: dict[str, str] = {
    "planned": N_("Planned"), "open": N_("Being packed"), "sealed": N_("Sealed"), "voided": N_("Voided"),
    "withdrawn": N_("Withdrawn"),
}
LETTER_LABELS: dict[str, str] = {
    "none": "", "expected": N_("Expected"), "received": N_("Received"), "enclosed": N_("Enclosed"),
}
_TRANSLATED = (SortColumn.STATE, SortColumn.LETTERS)

_LONG = (SortColumn.NAME, SortColumn.PLACE)
_MISSING = object()


class RecipientsModel(QAbstractTableModel):
    """Rows of one campaign's recipients, fetched `PAGE_SIZE` at a time when a view asks for them."""

    PAGE_SIZE = 200
    CACHE_LIMIT = 20_000

    def __init__(self, queries: RecipientQueries, parent: Any = None) -> None:
        super().__init__(parent)
        self._queries = queries
        self._campaign_id: int | None = None
        self._sort = SortColumn.NUMBER
        self._descending = False
        self._search = ""
        self._ids: list[int] = []
        self._cache: dict[int, RecipientRow | None] = {}
        self.pages_loaded = 0
        """How many times rows were fetched (tests check that loading stays lazy)."""

    # -- what the screens call ------------------------------------------------------------------------------

    def set_campaign(self, campaign_id: int | None) -> None:
        self._campaign_id = campaign_id
        self.refresh()

    def set_search(self, text: str) -> None:
        """Show only the recipients `text` finds (see `models.campaigns.queries.search_terms`); "" shows all."""
        self._search = text
        self.refresh()

    def search(self) -> str:
        return self._search

    def row_of(self, recipient_id: int) -> int:
        """The row showing a recipient, or -1."""
        try:
            return self._ids.index(recipient_id)
        except ValueError:
            return -1

    def refresh(self) -> None:
        """Reload ids and forget cached rows (after the data changed)."""
        ids = self._query_ids()
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()

    def recipient_id(self, row: int) -> int:
        return self._ids[row]

    def recipient(self, row: int) -> RecipientRow | None:
        return self._row(row)

    def sort_order(self) -> tuple[SortColumn, bool]:
        return self._sort, self._descending

    def retranslate(self) -> None:
        """Headers and state labels follow the UI language; the data does not change."""
        last = self.columnCount() - 1
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
        if self._ids:
            first, last = (COLUMNS.index(column) for column in (_TRANSLATED[0], _TRANSLATED[-1]))
            self.dataChanged.emit(self.index(0, first), self.index(len(self._ids) - 1, last),
                                  [Qt.ItemDataRole.DisplayRole])

    # -- QAbstractItemModel -----------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(HEADERS[COLUMNS[section]])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._ids):
            return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._ids) and 0 <= column < len(COLUMNS)):
            return None
        if role == Qt.ItemDataRole.DisplayRole or (role == Qt.ItemDataRole.ToolTipRole and COLUMNS[column] in _LONG):
            recipient = self._row(row)  # a tooltip shows the whole of a long name or place
            return None if recipient is None else _display(recipient, COLUMNS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[column] is SortColumn.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        ids = self._query_ids()  # before any signal: a failing query leaves the model as it was
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old = [(self._ids[index.row()], index.column()) for index in persistent]
        self._ids = ids
        if persistent:
            position = {rid: row for row, rid in enumerate(ids)}
            moved = [
                self.index(position[rid], column) if rid in position else QModelIndex()
                for rid, column in old
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # -- loading ----------------------------------------------------------------------------------------------

    def _query_ids(self) -> list[int]:
        if self._campaign_id is None:
            return []
        return self._queries.ids(self._campaign_id, self._sort, self._descending, self._search)

    def _row(self, row: int) -> RecipientRow | None:
        rid = self._ids[row]
        found = self._cache.get(rid, _MISSING)
        if found is _MISSING:
            self._load_page(row // self.PAGE_SIZE)
            found = self._cache.get(rid)
        return found if isinstance(found, RecipientRow) else None

    def _load_page(self, page: int) -> None:
        page_ids = self._ids[page * self.PAGE_SIZE : (page + 1) * self.PAGE_SIZE]
        if len(self._cache) + len(page_ids) > self.CACHE_LIMIT:
            self._cache.clear()
        wanted = [rid for rid in page_ids if rid not in self._cache]
        rows = self._queries.rows(wanted)
        self.pages_loaded += 1
        for rid in wanted:
            self._cache[rid] = rows.get(rid)  # None marks a recipient that vanished: not fetched again


def _display(recipient: RecipientRow, column: SortColumn) -> str:
    if column is SortColumn.NUMBER:
        return recipient.number
    if column is SortColumn.NAME:
        return recipient.full_name
    if column is SortColumn.BIRTH_DATE:
        return recipient.birth_date.strftime("%d.%m.%Y") if recipient.birth_date else ""
    if column is SortColumn.PLACE:
        return recipient.place
    if column is SortColumn.PACKAGE_CODE:
        return recipient.package_code
    if column is SortColumn.LETTERS:
        label = LETTER_LABELS.get(recipient.letters, recipient.letters)
        return _(label) if label else ""
    return _(STATE_LABELS.get(recipient.state, recipient.state))
