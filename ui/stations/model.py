"""The hub's stations: a small, fully loaded list (5 to 20 stations), refreshed on demand."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.i18n import N_, _, ngettext
from models.stations_overview import StationRow

COLUMNS = (N_("Station"), N_("Id"), N_("Last exchange"), N_("Last event"), N_("Events"), N_("Lot"),
           N_("Conflicts"))
NUMERIC = {3, 4, 6}
SHORT_ID = 6
"""A ULID begins with its time (stations set up together share it): the end tells them apart."""

Index = QModelIndex | QPersistentModelIndex


def short_id(instance_id: str) -> str:
    return "…" + instance_id[-SHORT_ID:] if len(instance_id) > SHORT_ID else instance_id


def local_time(iso: str) -> str:
    """An ISO time (UTC, as stored) in this computer's time zone, to the minute."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso[:16].replace("T", " ")


def cell(row: StationRow, column: int) -> str:
    """The text of one cell (also what tests check without a view)."""
    heard = bool(row.station_id)
    if column == 0:
        return row.name
    if column == 1:
        return short_id(row.station_id)
    if column == 2:
        return local_time(row.last_exchange) if heard else _("not heard from yet")
    if column == 3:
        return str(row.last_seq) if heard else ""
    if column == 4:
        return str(row.events) if heard else ""
    if column == 5:
        if not row.lot_packages:
            return ""
        numbers = row.lot_first if row.lot_first == row.lot_last else f"{row.lot_first}–{row.lot_last}"
        return f"{numbers} ({row.lot_packages})"
    return str(row.open_conflicts) if row.open_conflicts else ""


class StationsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[StationRow] = []

    def set_rows(self, rows: list[StationRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> StationRow | None:
        return self.rows[number] if 0 <= number < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 5 and row.lot_packages:
                return ngettext("{count} package in the lot", "{count} packages in the lot",
                                row.lot_packages).format(count=row.lot_packages)
            if not row.station_id:
                return _("A lot was given to {station}, but no file of it has reached the hub yet.").format(
                    station=row.name)
            return _("Station id {id}; last file {file}").format(id=row.station_id, file=row.last_file)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and \
                0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        """Headers, lots and the 'not heard from yet' cells are translated text: tell the views they changed."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))
