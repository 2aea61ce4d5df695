"""The open package, as stored: recipient in large type, package code and state, the checklist with its
counts and colours (substitutes on their line), the letter status and the weights.

`show_view(view)` renders a `PackageView` exactly; `None` shows the "scan a package" prompt.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.core.codes import grouped
from models.core.i18n import _
from models.packing.letters import LetterStatus
from models.packing.package_view import PackageView
from models.packing.states import PackageState
from ui.station.checklist_model import COUNT_PT, ChecklistModel, Column, status_text
from ui.station.fit_label import FitLabel
from ui.station.style import NAME_PT, TABLE_PT, big_font, format_number, repolish


def state_text(state: PackageState) -> str:
    texts = {PackageState.PLANNED: _("Planned"), PackageState.OPEN: _("Being packed"), PackageState.SEALED: _("Sealed"),
             PackageState.VOIDED: _("Voided")}
    return texts[state]


def letter_text(view: PackageView) -> str:
    if not view.letters:
        return _("Letter: none")
    texts = {
        LetterStatus.NONE: _("none"),
        LetterStatus.EXPECTED: _("expected, not arrived yet"),
        LetterStatus.RECEIVED: _("arrived: scan it into this package"),
        LetterStatus.ENCLOSED: _("inside"),
    }
    return _("Letter: {status}").format(status="; ".join(texts[letter.status] for letter in view.letters))


def grams(value: int | None) -> str:
    return _("{grams} g").format(grams=format_number(value)) if value is not None else "—"


def weight_text(view: PackageView) -> str:
    parts = [_("Expected weight: {weight}").format(weight=grams(view.expected_weight_g)),
             _("Weighed: {weight}").format(weight=grams(view.entered_weight_g))]
    if view.max_weight_g is not None:
        parts.append(_("Maximum: {weight}").format(weight=grams(view.max_weight_g)))
    return "   ·   ".join(parts)


class PackagePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: PackageView | None = None
        self.name_label = FitLabel(NAME_PT, 20, bold=True)
        self.name_label.setObjectName("recipientName")
        self.details_label = FitLabel(14, 11)
        self.details_label.setObjectName("recipientDetails")
        self.state_label = QLabel()
        self.state_label.setObjectName("packageState")
        self.code_label = QLabel()
        self.code_label.setObjectName("packageCode")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.letter_label = QLabel()
        self.letter_label.setObjectName("packageFacts")
        self.weight_label = QLabel()
        self.weight_label.setObjectName("packageFacts")

        self.model = ChecklistModel(self)
        self.table = QTableView()
        self.table.setObjectName("checklist")
        self._set_up_table()

        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignVCenter)
        second = QHBoxLayout()
        second.addWidget(self.details_label, 1)
        second.addWidget(self.code_label)
        facts = QHBoxLayout()
        facts.addWidget(self.letter_label)
        facts.addStretch(1)
        facts.addWidget(self.weight_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)
        layout.addLayout(facts)
        self.show_view(None)

    def _set_up_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setFont(big_font(table, TABLE_PT))
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setCornerButtonEnabled(False)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        header.setMinimumSectionSize(24)
        # Widths are measured when the package or the language changes, never per scan (ResizeToContents
        # would ask the model for every cell of the column on each count).
        for column in (Column.LINE, Column.SCANNED, Column.REQUIRED, Column.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.SUBSTITUTES, QHeaderView.ResizeMode.Interactive)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._share_width()
            self._share_height()
        return False

    def _share_height(self) -> None:
        """Rows grow into spare height (up to 2.3 times the text height), so a big screen is read from further."""
        text = self.table.fontMetrics().height()
        rows = max(1, self.model.rowCount())
        height = max(text + 8, min(int(text * 2.3), self.table.viewport().height() // rows))
        if self.table.verticalHeader().defaultSectionSize() != height:
            self.table.verticalHeader().setDefaultSectionSize(height)

    def _measure_columns(self) -> None:
        """Fixed columns as wide as their header or their widest possible text (counts up to the quantity)."""
        table, header = self.table, self.table.horizontalHeader()
        header_metrics = header.fontMetrics()
        bold = QFont(table.font())
        bold.setBold(True)
        count = QFont(bold)
        count.setPointSize(COUNT_PT)
        lines = self.model.lines
        most = max((line.state.quantity for line in lines), default=10)
        samples = {
            Column.LINE: (table.font(), [str(len(lines) or 10)]),
            Column.SCANNED: (count, [str(most)]),
            Column.REQUIRED: (bold, [str(most)]),
            Column.STATUS: (bold, [_("Done"), _("Optional")] + [status_text(line) for line in lines]),
        }
        for column, (font, texts) in samples.items():
            metrics = QFontMetrics(font)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max([metrics.horizontalAdvance(text) for text in texts] + [header_metrics.horizontalAdvance(title)])
            table.setColumnWidth(column, width + 24)

    def _share_width(self) -> None:
        """Item names get 64% of what the count columns leave, substitutes (in smaller type) the rest, never less
        than their column's title needs."""
        header = self.table.horizontalHeader()
        fixed = sum(header.sectionSize(column) for column in (Column.LINE, Column.SCANNED, Column.REQUIRED,
                                                                Column.STATUS))
        free = self.table.viewport().width() - fixed
        title = str(self.model.headerData(Column.SUBSTITUTES, Qt.Orientation.Horizontal))
        self.table.setColumnWidth(Column.SUBSTITUTES,
                                  max(80, header.fontMetrics().horizontalAdvance(title) + 24, int(free * 0.36)))

    # -- rendering ---------------------------------------------------------------------------------------------

    def show_view(self, view: PackageView | None, changed_line: int | None = None) -> None:
        self.view = view
        if view is None:
            self.model.set_lines(None, ())
            self.name_label.set_full_text(_("No package open"))
            self.details_label.set_full_text(_("Scan a package label, or press F5 for the next package in the queue."))
            self.state_label.hide()
            self.code_label.clear()
            self.letter_label.clear()
            self.weight_label.clear()
            return
        recipient = view.recipient
        self.name_label.set_full_text(recipient.full_name if recipient else _("Unknown recipient"))
        details = []
        if recipient is not None:
            if recipient.birth_date:
                details.append(_("born {date}").format(date=recipient.birth_date.strftime("%d.%m.%Y")))
            if recipient.place:
                details.append(recipient.place)
            details.append(_("No. {number}").format(number=recipient.list_number))
        self.details_label.set_full_text("  ·  ".join(details))
        self.state_label.setText(state_text(view.state))
        if self.state_label.property("state") != view.state.value:
            self.state_label.setProperty("state", view.state.value)
            repolish(self.state_label)
        self.state_label.show()
        self.code_label.setText(grouped(view.code))  # grouped as the label prints it, to compare by eye
        self.letter_label.setText(letter_text(view))
        self.weight_label.setText(weight_text(view))
        reset = self.model.set_lines(view.package_id, view.lines)
        self.model.set_highlight(changed_line)
        if reset:
            self._measure_columns()
        self._share_width()
        self._share_height()
        row = self.model.row_of(changed_line)
        if row is not None:
            self.table.scrollTo(self.model.index(row, 0))

    def retranslate(self) -> None:
        self.model.retranslate()
        self._measure_columns()
        self.show_view(self.view, self.model.highlight)
