"""The Letters screen: register family letters as they arrive (scan a letter code, or find the recipient by
number or name), print each letter's label, and see which are expected, received and enclosed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.campaigns.queries import SortColumn
from models.core import codes
from models.core import settings as declared
from models.core.errors import PacklineError, RefusedInput
from models.core.i18n import _, current_language, translator
from models.core.types import Campaign
from models.packing.letters import Letter, LetterStatus
from printing.labels import render_sheets
from printing.layout import get_layout
from printing.letters import LetterLabels, letter_labels
from printing.zpl import render_zpl
from ui.campaign.label_output import send_as_configured
from ui.message_label import MessageLabel
from ui.recipients_model import LETTER_LABELS
from ui.services import CampaignServices
from ui.tables import fill_table, read_only_table

LETTERS_SCREEN = "(letters screen)"
"""Who a rules change made on the letters screen is recorded as (the screen has no sign-in)."""

MAX_CANDIDATES = 50


class LettersScreen(QWidget):
    # Where a label goes (replaceable in tests): pdf bytes, file name -> where it went.
    output: Callable[[bytes, str], str] | None = None

    def __init__(self, services: CampaignServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.letters = services.letter_service()
        self.queries = services.recipient_queries()
        self.campaign: Campaign | None = None
        self.all: list[Letter] = []
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.entry = QLineEdit()
        self.entry.setObjectName("letterEntry")
        self.entry.returnPressed.connect(self.enter)
        self.entry_label = QLabel()
        self.entry_label.setBuddy(self.entry)
        self.arrived = QCheckBox()
        self.arrived.setObjectName("letterArrived")
        self.arrived.setChecked(True)
        self.print_label = QCheckBox()
        self.print_label.setChecked(True)
        self.candidates = QListWidget()
        self.candidates.setObjectName("letterCandidates")
        self.candidates.itemActivated.connect(lambda item: self.register(item.data(Qt.ItemDataRole.UserRole)))
        self.candidates.hide()
        self.message = MessageLabel()
        self.message.setObjectName("letterMessage")
        self.message.setWordWrap(True)
        self.must_enclose = QCheckBox()
        self.must_enclose.setObjectName("mustEnclose")
        self.must_enclose.setMinimumWidth(120)  # a long sentence: a narrow window cuts it rather than grows
        self.must_enclose.clicked.connect(self._rule_changed)
        self.filter = QComboBox()
        self.filter.setObjectName("letterFilter")
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for status in (None, LetterStatus.EXPECTED, LetterStatus.RECEIVED, LetterStatus.ENCLOSED):
            self.filter.addItem("", status.value if status else "")
        self.filter.currentIndexChanged.connect(self._show_list)
        self.counts = QLabel()
        self.counts.setObjectName("letterCounts")
        self.table = read_only_table("letterTable")
        self.reprint = QPushButton()
        self.reprint.clicked.connect(self.reprint_selected)
        entry = QHBoxLayout()
        entry.addWidget(self.entry_label)
        entry.addWidget(self.entry, 1)
        options = QHBoxLayout()
        options.addWidget(self.arrived)
        options.addWidget(self.print_label)
        options.addStretch(1)
        listing = QHBoxLayout()
        listing.addWidget(self.filter)
        listing.addWidget(self.reprint)
        listing.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addLayout(entry)
        layout.addLayout(options)
        layout.addWidget(self.candidates)
        layout.addWidget(self.message)
        layout.addWidget(self.must_enclose)
        layout.addLayout(listing)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self.setEnabled(campaign is not None)
        self.refresh()

    def refresh(self) -> None:
        self.all = self.letters.letters(self.campaign.id) if self.campaign else []
        self.must_enclose.setChecked(self.letters.must_enclose(self.campaign.id) if self.campaign else True)
        self._show_list()

    # -- registering ------------------------------------------------------------------------------------

    def enter(self) -> None:
        """A scanned letter code marks that letter received; anything else finds the recipient."""
        text = self.entry.text().strip()
        if not text or self.campaign is None:
            return
        scanned = codes.classify(text)
        if scanned.kind is codes.CodeKind.LETTER and scanned.ok:
            self._mark_received(scanned.value)
            return
        ids = self.queries.ids(self.campaign.id, SortColumn.NAME, search=text)
        if len(ids) == 1:
            self.register(ids[0])
            return
        self.candidates.clear()
        rows = self.queries.rows(ids[:MAX_CANDIDATES])
        for rid in ids[:MAX_CANDIDATES]:
            row = rows[rid]
            item = QListWidgetItem(f"{row.number} · {row.full_name} · {row.place}")
            item.setData(Qt.ItemDataRole.UserRole, rid)
            self.candidates.addItem(item)
        self.candidates.setVisible(bool(ids))
        if ids:
            self.candidates.setCurrentRow(0)
            self.candidates.setFocus()
            self._say(_("Several recipients match: choose one and press Enter."))
        else:
            self._say(_("No recipient matches {text}.").format(text=text), error=True)

    def register(self, recipient_id: int) -> None:
        assert self.campaign is not None
        detail = self.queries.detail(recipient_id)
        if detail is None:
            return
        try:
            letter = self.letters.register(self.campaign.id, [detail.row.number], received=self.arrived.isChecked())[0]
        except RefusedInput as refused:
            self._say(str(refused), error=True)
            return
        self.candidates.hide()
        self.entry.clear()
        self.entry.setFocus()
        said = _("Letter {code} registered for {name}.").format(code=letter.code, name=detail.row.full_name)
        if self.print_label.isChecked():
            said += " " + self._print([letter])
        self._say(said)
        self.refresh()

    def _mark_received(self, code: str) -> None:
        try:
            letter = self.letters.mark_received([code])[0]
        except RefusedInput as refused:
            self._say(str(refused), error=True)
            return
        self.entry.clear()
        self._say(_("Letter {code} for {name} is here.").format(code=code, name=letter.recipient_name))
        self.refresh()

    def _print(self, letters: list[Letter]) -> str:
        assert self.campaign is not None
        labels = letter_labels(letters, self.queries, self.campaign.name)
        settings = self.services.settings()
        drawer = LetterLabels(get_layout(settings.get(declared.LABEL_LAYOUT)), int(settings.get(declared.PRINTER_DPI)),
                              translator(current_language()))
        pdf = render_sheets(labels, drawer)
        name = f"letter-{letters[0].code}" if len(letters) == 1 else f"letters-{letters[0].code}"
        if self.output is not None:
            where = self.output(pdf, name)
        else:
            where = send_as_configured(pdf, name, settings, self.services.path.parent,
                                       lambda: render_zpl(labels, drawer))
        return _("Label sent to {where}.").format(where=where)

    def reprint_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        shown = self._shown()
        chosen = [shown[row] for row in rows if row < len(shown)]
        if not chosen:
            self._say(_("Choose letters in the list first."), error=True)
            return
        self._say(self._print(chosen))

    def _rule_changed(self, on: bool) -> None:
        if self.campaign is not None:
            service = self.services.campaign_service()
            campaign = service.by_id(self.campaign.id)
            try:  # a rules change: the campaign's next rules version
                service.change_rules(campaign, replace(campaign.rules, letters_must_be_enclosed=on), LETTERS_SCREEN)
            except PacklineError as error:
                self.must_enclose.setChecked(not on)
                self._say(str(error), error=True)

    # -- the list ---------------------------------------------------------------------------------------

    def _shown(self) -> list[Letter]:
        wanted = self.filter.currentData()
        return [letter for letter in self.all if not wanted or letter.status.value == wanted]

    def _show_list(self) -> None:
        shown = self._shown()
        fill_table(self.table, [_("Letter code"), _("No."), _("Recipient"), _("Status")],
                   [[letter.code, letter.list_number, letter.recipient_name, _(LETTER_LABELS[letter.status.value])]
                    for letter in shown])
        self.table.resizeColumnsToContents()
        counts = {status: sum(letter.status is status for letter in self.all) for status in LetterStatus}
        self.counts.setText(" · ".join(f"{_(LETTER_LABELS[status.value])}: {counts[status]}" for status in (
            LetterStatus.EXPECTED, LetterStatus.RECEIVED, LetterStatus.ENCLOSED)))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def retranslate(self) -> None:
        self.title.setText(_("Letters"))
        self.entry_label.setText(_("&Letter or recipient:"))
        self.entry.setPlaceholderText(_("Scan a letter code, or type a list number or a name, then Enter"))
        self.arrived.setText(_("The letter is here"))
        self.print_label.setText(_("Print its label"))
        self.must_enclose.setText(_("A letter that has arrived must be in the package before it is sealed"))
        for index, text in enumerate((_("All letters"), _("Expected"), _("Received"), _("Enclosed"))):
            self.filter.setItemText(index, text)
        self.reprint.setText(_("&Print label again"))
        self._show_list()
