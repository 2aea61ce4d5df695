"""One Qt table model for the small, fully loaded lists of the screens (batches, stations, conflicts ...).

A subclass names its column titles (msgids, translated whenever asked for) and says what each cell shows;
the model keeps the rows, answers Qt, and passes pytest-qt's `qtmodeltester`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from models.core.i18n import _

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole
"""`data(index, ROW_ROLE)` gives the whole row object."""


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of frozen rows; `titles` are msgids, translated whenever asked for."""

    titles: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        if self.titles:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.titles) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.titles) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.titles)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.titles):
            return _(self.titles[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.titles):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.numeric(index.column()):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_at(self, index: Index) -> Row | None:
        return self.rows[index.row()] if index.isValid() and 0 <= index.row() < len(self.rows) else None

    def row(self, number: int) -> Row | None:
        return self.rows[number] if 0 <= number < len(self.rows) else None

    def text(self, number: int, row: Row, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, row: Row, column: int) -> str | None:
        return None

    def background(self, row: Row) -> QBrush | None:
        return None

    def numeric(self, column: int) -> bool:
        return False
