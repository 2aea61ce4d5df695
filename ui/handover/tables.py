"""Qt item models of the Handover screen: the batches and the packages of one batch.

Both are small and fully loaded (a campaign has tens of batches; a batch a few thousand packages at most), so
they hold rows; each passes pytest-qt's `qtmodeltester`.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from models.core.codes import grouped
from models.core.i18n import N_, _
from ui.handover.view import STATE_TEXTS, STATUS_TEXTS, BatchRow, MemberLine
from ui.rows_model import RowsModel

STATUS_COLOURS = {"received": "#d7f0d0", "damaged": "#fbe3b4", "missing": "#f6c9c4", "extra": "#f6c9c4"}


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
