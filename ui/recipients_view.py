"""The Recipients screen: the campaign's recipient table (lazy, sorted in SQL) and how many there are."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from models.i18n import _, current_language, ngettext
from models.queries import RecipientQueries, SortColumn
from models.types import Campaign
from ui.recipients_model import COLUMNS, STATE_LABELS, RecipientsModel

# Widest text each column usually holds; widths come from the font so they scale with it.
_SAMPLES: dict[SortColumn, str] = {
    SortColumn.NUMBER: "000000",
    SortColumn.NAME: "Стефанишин Олександр Михайлович",
    SortColumn.BIRTH_DATE: "00.00.0000",
    SortColumn.PLACE: "Слідчий ізолятор № 1, м. Дніпро",
    SortColumn.PACKAGE_CODE: "000000000000000000",
}


def format_count(value: int) -> str:
    """Thousands grouped as the UI language writes them (2,000 / 2 000)."""
    locales = {"ru": QLocale.Language.Russian, "uk": QLocale.Language.Ukrainian}
    return QLocale(locales.get(current_language(), QLocale.Language.English)).toString(value)


class RecipientsScreen(QWidget):
    def __init__(self, queries: RecipientQueries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RecipientsModel(queries, self)
        self._campaign: Campaign | None = None

        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("recipientCount")
        self.table = QTableView()
        self.table.setObjectName("recipientTable")
        self._set_up_table()

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(heading)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def _set_up_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setCornerButtonEnabled(False)
        rows = table.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures rows, so it never asks for rows it does not show.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        table.setSortingEnabled(True)  # calls model.sort(0, ascending): ids from SQL, no rows loaded

    def set_campaign(self, campaign: Campaign | None) -> None:
        self._campaign = campaign
        self.model.set_campaign(campaign.id if campaign else None)
        self._update_count()

    def retranslate(self) -> None:
        self.title.setText(_("Recipients"))
        self.model.retranslate()
        self._update_count()
        self._size_columns()

    def _update_count(self) -> None:
        if self._campaign is None:
            self.count_label.setText(_("This database holds no campaign yet."))
            return
        count = self.model.rowCount()
        self.count_label.setText(
            ngettext("{count} recipient", "{count} recipients", count).format(count=format_count(count))
        )

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header_metrics = header.fontMetrics()
        padding = 24  # cell margins plus room for the sort arrow
        for section, column in enumerate(COLUMNS):
            title = str(self.model.headerData(section, Qt.Orientation.Horizontal) or "")
            if column is SortColumn.STATE:
                samples = [_(label) for label in STATE_LABELS.values()]
            else:
                samples = [_SAMPLES[column]]
            width = max(header_metrics.horizontalAdvance(title), *(metrics.horizontalAdvance(t) for t in samples))
            header.resizeSection(section, width + padding)
        # Places are long official names: the place column takes whatever room is left.
        header.setSectionResizeMode(COLUMNS.index(SortColumn.PLACE), QHeaderView.ResizeMode.Stretch)
