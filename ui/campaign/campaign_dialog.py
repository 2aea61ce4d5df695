"""The New campaign and Edit campaign dialog: name, target, label language and Latin line, parties, and the rules
panel.

The dialog keeps itself open until the service accepts the campaign: a refusal is shown in it, in red, with
every problem, and nothing is written. Once the database has users, a change needs a supervisor's name and
PIN (the fields are hidden on a new installation, where the first steps are recorded as "(setup)").
It is opened with `open()` (window-modal, not blocking), so tests drive it like any widget.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.campaigns.lifecycle import CampaignDraft, CampaignService
from models.core import latin
from models.core.categories import category_key, category_name
from models.core.errors import PacklineError
from models.core.i18n import LANGUAGE_NAMES, LANGUAGES, _
from models.core.types import Campaign, CampaignRules, HandoverParties, LettersRule
from models.packing.users import UserService
from ui.credentials import supervisor_fields
from ui.forms import captioned_rows

MAX_GRAMS = 1_000_000
"""A ton: past any package."""


def _grams(minimum: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, MAX_GRAMS)
    box.setSingleStep(50)
    return box


class CampaignDialog(QDialog):
    saved = Signal(object)
    """The campaign as stored, after the service accepted it."""

    def __init__(self, campaigns: CampaignService, users: UserService, categories: list[str],
                 campaign: Campaign | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignDialog")
        self.campaigns, self.users, self.campaign = campaigns, users, campaign
        self.name = QLineEdit()
        self.name.setObjectName("campaignName")
        self.target = QSpinBox()
        self.target.setObjectName("campaignTarget")
        self.target.setRange(0, 1_000_000)
        self.language = QComboBox()
        self.language.setObjectName("labelLanguage")
        for language in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[language], language)
        self.latin = QComboBox()  # the Latin line under each name on labels and handover papers
        self.latin.setObjectName("latinNames")
        for scheme in latin.SCHEMES:
            self.latin.addItem("", scheme)
        self.sending, self.mediator, self.receiving = QLineEdit(), QLineEdit(), QLineEdit()
        for key, field in (("sending", self.sending), ("mediator", self.mediator), ("receiving", self.receiving)):
            field.setObjectName(f"{key}Party")
        general = QFormLayout()
        self.general_captions = captioned_rows(general, [self.name, self.target, self.language, self.latin,
                                                         self.sending, self.mediator, self.receiving])

        self.max_weight = _grams()
        self.max_weight.setObjectName("maxWeight")
        self.tare, self.tolerance = _grams(), _grams()
        self.tare.setObjectName("boxTare")
        self.tolerance.setObjectName("weightTolerance")
        self.forbidden = QLineEdit()
        self.forbidden.setObjectName("forbiddenCategories")
        self.categories_hint = QLabel()
        self.categories_hint.setWordWrap(True)
        self.categories = categories
        self.letters = QComboBox()
        self.letters.setObjectName("lettersRule")
        for rule in LettersRule:
            self.letters.addItem("", rule.value)
        self.rules_box = QGroupBox()
        rules_form = QFormLayout(self.rules_box)
        self.rules_captions = captioned_rows(rules_form, [self.max_weight, self.tare, self.tolerance, self.forbidden,
                                                          self.letters])
        rules_form.insertRow(4, "", self.categories_hint)

        self.supervisor, self.pin = supervisor_fields(self.save)
        self.credentials = QWidget()
        credentials = QFormLayout(self.credentials)
        credentials.setContentsMargins(0, 0, 0, 0)
        self.credential_captions = captioned_rows(credentials, [self.supervisor, self.pin])
        self.credentials.setVisible(users.has_users())

        self.problems = QLabel()
        self.problems.setObjectName("campaignProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(self.rules_box)
        layout.addWidget(self.credentials)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self._fill(CampaignDraft.of(campaign) if campaign else CampaignDraft("", 0, CampaignRules()))
        self.retranslate()
        self.resize(720, 0)  # the longest Ukrainian captions and the letters rule fit

    def _fill(self, draft: CampaignDraft) -> None:
        rules = draft.rules
        self.name.setText(draft.name)
        self.target.setValue(draft.target_count)
        self.language.setCurrentIndex(max(0, self.language.findData(draft.label_language)))
        self.latin.setCurrentIndex(max(0, self.latin.findData(draft.latin_names)))
        self.sending.setText(draft.parties.sending)
        self.mediator.setText(draft.parties.mediator)
        self.receiving.setText(draft.parties.receiving)
        self.max_weight.setValue(rules.max_package_weight_g or 0)
        self.tare.setValue(rules.box_tare_g)
        self.tolerance.setValue(rules.weight_tolerance_g)
        self.forbidden.setText(", ".join(category_name(key) for key in rules.forbidden_categories))
        self.letters.setCurrentIndex(max(0, self.letters.findData(rules.letters.value)))

    def draft(self) -> CampaignDraft:
        """What the fields say."""
        rules = CampaignRules(self.max_weight.value() or None,
                              tuple(category_key(part) for part in self.forbidden.text().split(",") if part.strip()),
                              box_tare_g=self.tare.value(), weight_tolerance_g=self.tolerance.value())
        rules = rules.with_letters(LettersRule(self.letters.currentData()))
        return CampaignDraft(self.name.text(), self.target.value(), rules,
                             HandoverParties(self.sending.text(), self.mediator.text(), self.receiving.text()),
                             str(self.language.currentData()), str(self.latin.currentData()))

    def save(self) -> None:
        """Create or change the campaign; a refusal stays in the dialog with every problem."""
        try:
            author = self.users.change_author(self.supervisor.text(), self.pin.text())
            if self.campaign is None:
                stored = self.campaigns.create(self.draft(), author)
            else:
                stored = self.campaigns.edit(self.campaign, self.draft(), author)
        except PacklineError as error:
            self.problems.setText(str(error))  # the sentence and every problem under it
            return
        self.pin.clear()
        self.problems.clear()
        self.saved.emit(stored)
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New campaign") if self.campaign is None else
                            _("Campaign {name}").format(name=self.campaign.name))
        for caption, text in zip(self.general_captions, (
                _("&Name"), _("&Target (packages)"), _("&Labels in"), _("Lat&in line"), _("&Sending organisation"),
                _("&Mediator"), _("&Receiving party")), strict=True):
            caption.setText(text)
        for index, scheme in enumerate(latin.SCHEMES.values()):
            self.latin.setItemText(index, _(scheme))
        self.rules_box.setTitle(_("Rules of the handover agreement"))
        for caption, text in zip(self.rules_captions, (
                _("Ma&ximum package weight"), _("Box &tare"), _("Weight t&olerance"), _("&Forbidden categories"),
                _("&Letters")), strict=True):
            caption.setText(text)
        self.max_weight.setSpecialValueText(_("no maximum"))
        for box in (self.max_weight, self.tare, self.tolerance):
            box.setSuffix(" " + _("g"))
        self.forbidden.setPlaceholderText(_("categories separated by commas"))
        self.categories_hint.setText(_("In the catalog: {categories}").format(
            categories=", ".join(category_name(key) for key in self.categories) or _("no items yet")))
        for index, text in enumerate((_("go inside; a letter that has arrived must be enclosed"),
                                      _("may go inside"), _("not allowed"))):
            self.letters.setItemText(index, text)
        for caption, text in zip(self.credential_captions, (_("Super&visor"), _("&PIN")), strict=True):
            caption.setText(text)
