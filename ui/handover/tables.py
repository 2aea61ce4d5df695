"""Qt item models of the Handover screen: the batches and the packages of one batch.

Both are small and fully loaded (a campaign has tens of batches; a batch a few thousand packages at most), so
they hold rows; each passes pytest-qt's `qtmodeltester`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.i18n import N_, _
from ui.handover.view import STATE_TEXTS, STATUS_TEXTS, BatchRow, MemberLine, grouped

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
_ROLE_ROW = Qt.ItemDataRole.UserRole
STATUS_COLOURS = {"received": "#d7f0d0", "damaged": "#fbe3b4", "missing": "#f6c9c4", "extra": "#f6c9c4"}


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of frozen rows; `titles` are msgids, translated whenever asked for."""

    titles: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
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
        if role == _ROLE_ROW:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.numeric(index.column()):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_at(self, index: Index) -> Row | None:
        return self.rows[index.row()] if index.isValid() and 0 <= index.row() < len(self.rows) else None

    def text(self, number: int, row: Row, column: int) -> str:
        raise NotImplementedError

    def background(self, row: Row) -> QBrush | None:
        return None

    def numeric(self, column: int) -> bool:
        return False


class BatchTableModel(RowsModel[BatchRow]):
    titles = (N_("Batch"), N_("State"), N_("Packages"))

    def text(self, number: int, row: BatchRow, column: int) -> str:
        state = _(STATE_TEXTS.get(row.state, row.state))
        if row.version > 1:
            state = _("{state}, version {version}").format(state=state, version=row.version)
        return (grouped(row.code), state, str(row.packages))[column]

    def numeric(self, column: int) -> bool:
        return column == 2

    def row_of(self, code: str) -> int:
        return next((number for number, row in enumerate(self.rows) if row.code == code), -1)


class MembersModel(RowsModel[MemberLine]):
    titles = (N_("No."), N_("Package code"), N_("Recipient"), N_("Place"), N_("Carton"), N_("Status"))

    def text(self, number: int, row: MemberLine, column: int) -> str:
        return (str(number + 1), grouped(row.code), row.name, row.place, row.carton,
                _(STATUS_TEXTS[row.status]) if row.status else "")[column]

    def background(self, row: MemberLine) -> QBrush | None:
        colour = STATUS_COLOURS.get(row.status)
        return QBrush(QColor(colour)) if colour else None

    def numeric(self, column: int) -> bool:
        return column in (0, 4)
