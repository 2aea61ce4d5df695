"""The checklist of the open package as a Qt table model: one row per checklist line of a `PackageView`.

The model only shows what the view says (counts, whether a line is met); it decides nothing. Updating to a
new view of the same package changes only the rows that differ, so the table does not flicker or lose its
scroll position on every scan.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from models.core.i18n import N_, _, ngettext
from models.packing.package_view import ChecklistLine

Index = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    LINE = 0
    ITEM = 1
    SUBSTITUTES = 2
    SCANNED = 3
    REQUIRED = 4
    STATUS = 5


HEADERS = {
    Column.LINE: N_("No."),
    Column.ITEM: N_("Item"),
    Column.SUBSTITUTES: N_("May be replaced by"),
    Column.SCANNED: N_("Scanned"),
    Column.REQUIRED: N_("Needed"),
    Column.STATUS: N_("Status"),
}


class LineLook(enum.Enum):
    """How a line is coloured: met (green), started (amber), to do (plain), optional and empty (grey)."""

    MET = "met"
    STARTED = "started"
    TO_DO = "to_do"
    OPTIONAL = "optional"


BACKGROUNDS = {LineLook.MET: QColor("#9fdfa3"), LineLook.STARTED: QColor("#ffe08a"), LineLook.TO_DO: QColor("#ffffff"),
               LineLook.OPTIONAL: QColor("#f0f0f0")}
GREY = QColor("#6b6b6b")
SMALL_PT = 12
COUNT_PT = 17
"""Substitutes are secondary: smaller type, so the item names keep their room."""
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The `ChecklistLine` of a row."""
LOOK_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's `LineLook`."""


def look_of(line: ChecklistLine) -> LineLook:
    state = line.state
    if state.met:
        return LineLook.MET
    if state.scanned:
        return LineLook.STARTED
    return LineLook.TO_DO if state.required else LineLook.OPTIONAL


def substitutes_text(line: ChecklistLine) -> str:
    """The allowed substitutes; those already counted toward the line carry their count first ("1 × Tea")."""
    counted = dict(line.counted_names)
    return ", ".join(f"{counted[name]} × {name}" if counted.get(name) else name for name in line.substitute_names)


def status_text(line: ChecklistLine) -> str:
    look = look_of(line)
    if look is LineLook.MET:
        return _("Done")
    if look is LineLook.OPTIONAL:
        return _("Optional")
    remaining = line.state.remaining
    return ngettext("{count} more", "{count} more", remaining).format(count=remaining)


class ChecklistModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[ChecklistLine, ...] = ()
        self._package_id: int | None = None
        self._highlight: int | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._small = QFont()
        self._small.setPointSize(SMALL_PT)
        self._count = QFont()
        self._count.setPointSize(COUNT_PT)
        self._count.setBold(True)

    # -- feeding -----------------------------------------------------------------------------------------------

    def set_lines(self, package_id: int | None, lines: tuple[ChecklistLine, ...]) -> bool:
        """Show `lines`; True when the model was reset (another package or checklist), False when only
        changed rows were updated."""
        same_shape = package_id == self._package_id and len(lines) == len(self._lines) and all(
            old.state.line_no == new.state.line_no for old, new in zip(self._lines, lines, strict=True))
        if not same_shape:
            self.beginResetModel()
            self._lines, self._package_id, self._highlight = lines, package_id, None
            self.endResetModel()
            return True
        changed = [row for row, (old, new) in enumerate(zip(self._lines, lines, strict=True)) if old != new]
        self._lines = lines
        if changed:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))
        return False

    def set_highlight(self, line_no: int | None) -> None:
        """Show the line the last scan changed in bold (None: no line)."""
        rows = [row for row in (self.row_of(self._highlight), self.row_of(line_no)) if row is not None]
        self._highlight = line_no
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    @property
    def lines(self) -> tuple[ChecklistLine, ...]:
        return self._lines

    @property
    def highlight(self) -> int | None:
        return self._highlight

    def row_of(self, line_no: int | None) -> int | None:
        return next((row for row, line in enumerate(self._lines) if line.state.line_no == line_no), None)

    def line(self, row: int) -> ChecklistLine:
        return self._lines[row]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, self.columnCount() - 1))

    # -- Qt's model interface ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names and defaults
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Column(section)])
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= Column.SCANNED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._lines) or index.column() >= len(Column):
            return None
        line = self._lines[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = BACKGROUNDS.get(look_of(line))
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(GREY) if look_of(line) is LineLook.OPTIONAL or column is Column.SUBSTITUTES \
                else QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.FontRole:
            return self._font(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignCenter if column in (Column.LINE, Column.SCANNED, Column.REQUIRED) \
                else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.ITEM, Column.SUBSTITUTES):
            return self._text(line, column) or None
        if role == LINE_ROLE:
            return line
        if role == LOOK_ROLE:
            return look_of(line)
        return None

    def _font(self, line: ChecklistLine, column: Column) -> QFont | None:
        if column is Column.SUBSTITUTES:
            font = QFont(self._small)
            font.setBold(line.state.line_no == self._highlight or line.state.substituted)
            return font
        if column is Column.SCANNED:
            return self._count
        return self._bold if column is Column.STATUS or line.state.line_no == self._highlight else None

    @staticmethod
    def _text(line: ChecklistLine, column: Column) -> str:
        state = line.state
        if column is Column.LINE:
            return str(state.line_no)
        if column is Column.ITEM:
            return line.item_name
        if column is Column.SUBSTITUTES:
            return substitutes_text(line)
        if column is Column.SCANNED:
            return str(state.scanned)
        if column is Column.REQUIRED:
            return str(state.quantity)
        return status_text(line)
