"""The table of flagged packages: a small, fully loaded list (conflicts are few), refreshed on demand."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.i18n import N_, _
from models.sync.conflicts import ConflictView

COLUMNS = (N_("Package"), N_("Recipient"), N_("Conflict"), N_("Stations"), N_("Flagged at"))
KINDS = {"two_stations": N_("Worked at two stations"), "rule": N_("Breaks a campaign rule")}

Index = QModelIndex | QPersistentModelIndex


class ConflictsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.views: list[ConflictView] = []

    def set_views(self, views: list[ConflictView]) -> None:
        self.beginResetModel()
        self.views = list(views)
        self.endResetModel()

    def view(self, row: int) -> ConflictView | None:
        return self.views[row] if 0 <= row < len(self.views) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.views)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        view = self.views[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return view.summary
        column = index.column()
        if column == 0:
            return view.package_code
        if column == 1:
            return view.recipient
        if column == 2:
            return _(KINDS.get(view.kind, view.kind))
        if column == 3:
            return ", ".join(work.name for work in view.stations)
        return view.detected_at[:16].replace("T", " ")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and \
                0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        """Headers and the conflict kinds are translated text: tell the views they changed."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.views:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.views) - 1, len(COLUMNS) - 1))
