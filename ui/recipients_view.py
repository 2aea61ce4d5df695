"""The Recipients screen: search, the campaign's recipient table (lazy, sorted and filtered in SQL) and a
detail panel with the selected recipient's package, letters and events."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.campaigns.queries import RecipientQueries, SortColumn
from models.core.errors import DatabaseCorrupt
from models.core.i18n import _, current_language, ngettext
from models.core.types import Campaign
from ui.campaign.recipient_detail import RecipientDetailPanel
from ui.recipients_model import COLUMNS, LETTER_LABELS, STATE_LABELS, RecipientsModel

# Widest text each column usually holds; widths come from the font so they scale with it.
_SAMPLES: dict[SortColumn, str] = {
    SortColumn.NUMBER: "000000",
    SortColumn.NAME: "Стефанишин Олександр Михайлович",
    SortColumn.BIRTH_DATE: "00.00.0000",
    SortColumn.PLACE: "Слідчий ізолятор № 1, м. Дніпро",
    SortColumn.PACKAGE_CODE: "000000000000000000",
}
SEARCH_DELAY_MS = 150
"""Typing waits this long for the next key before searching; Enter searches at once."""


def format_count(value: int) -> str:
    """Thousands grouped as the UI language writes them (2,000 / 2 000)."""
    locales = {"ru": QLocale.Language.Russian, "uk": QLocale.Language.Ukrainian}
    return QLocale(locales.get(current_language(), QLocale.Language.English)).toString(value)


class RecipientsScreen(QWidget):
    import_requested = Signal()

    def __init__(self, queries: RecipientQueries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queries = queries
        self.model = RecipientsModel(queries, self)
        self._campaign: Campaign | None = None
        self._journal_read: int | None = -1

        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("recipientCount")
        self.search_box = QLineEdit()
        self.search_box.setObjectName("recipientSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_box)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_requested)
        self.table = QTableView()
        self.table.setObjectName("recipientTable")
        self.detail = RecipientDetailPanel()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.run_search)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._set_up_table()

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        search = QHBoxLayout()
        search.addWidget(self.search_label)
        search.addWidget(self.search_box, 1)
        search.addWidget(self.import_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([880, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(heading)
        layout.addLayout(search)
        layout.addWidget(self.splitter, 1)
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
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(lambda: self.detail.show_detail(None))

    # -- what the window calls --------------------------------------------------------------------------

    def set_campaign(self, campaign: Campaign | None) -> None:
        self._journal_read = self._journal_position()
        self._campaign = campaign
        self.model.set_campaign(campaign.id if campaign else None)
        self._update_count()

    def refresh(self) -> None:
        """Reload after the data changed (an import, packing at this station)."""
        self._journal_read = self._journal_position()
        self.model.refresh()
        self._update_count()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """What changed since the rows were read (a package sealed at the station, a hub import) is shown."""
        super().showEvent(event)
        if self._campaign is not None and self._journal_position() != self._journal_read:
            self.refresh()

    def _journal_position(self) -> int | None:
        """None when the journal cannot be read: the window still opens, and the start's background check
        (`MainWindow.check_papers`) shows the damage."""
        try:
            return self.queries.journal_position()
        except DatabaseCorrupt:
            return None

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def run_search(self) -> None:
        """Filter the table to what the search box finds (in SQL); the first match is selected."""
        self._search_timer.stop()
        text = self.search_box.text()
        if text == self.model.search():
            return
        self.model.set_search(text)
        self._update_count()
        if text.strip() and self.model.rowCount():
            self.table.selectRow(0)

    def show_recipient(self, recipient_id: int) -> None:
        row = self.model.row_of(recipient_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def retranslate(self) -> None:
        self.title.setText(_("Recipients"))
        self.search_label.setText(_("&Search:"))
        self.search_box.setPlaceholderText(_("Number, any part of a name, or a scanned package code"))
        self.import_button.setText(_("&Import…"))
        self.model.retranslate()
        self.detail.retranslate()
        self._update_count()
        self._size_columns()

    def chosen_codes(self) -> list[str]:
        """The package codes of the rows chosen in the table, in table order (for printing their labels)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        found = self.queries.rows([self.model.recipient_id(row) for row in rows])
        return [found[rid].package_code for rid in (self.model.recipient_id(row) for row in rows) if rid in found]

    # -- inside -----------------------------------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.show_detail(None)
            return
        self.detail.show_detail(self.queries.detail(self.model.recipient_id(rows[0].row())))

    def _update_count(self) -> None:
        if self._campaign is None:
            self.count_label.setText(_("This database holds no campaign yet."))
            return
        count = self.model.rowCount()
        if self.model.search().strip():
            total = self.queries.count(self._campaign.id)
            found = ngettext("{count} of {total} recipient found", "{count} of {total} recipients found", total)
            self.count_label.setText(found.format(count=format_count(count), total=format_count(total)))
            return
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
            elif column is SortColumn.LETTERS:
                samples = [_(label) for label in LETTER_LABELS.values() if label]
            else:
                samples = [_SAMPLES[column]]
            width = max(header_metrics.horizontalAdvance(title), *(metrics.horizontalAdvance(t) for t in samples))
            header.resizeSection(section, width + padding)
        # Places are long official names: the place column takes whatever room is left.
        header.setSectionResizeMode(COLUMNS.index(SortColumn.PLACE), QHeaderView.ResizeMode.Stretch)
