"""Print from the screen what the command line prints: package labels in advance (all, planned, sealed, a
range of list numbers, or the rows chosen on the Recipients screen), the command sheet, user badges and
letter labels for a range of list numbers.

Everything goes where the station's labels go (`ui.campaign.label_output.save_or_print`): the configured
printer, else a PDF beside the database. The same services as `main.py labels` choose the packages and build
their labels, so the screen and the command line print the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.campaigns.queries import RecipientQueries
from models.campaigns.reference import PackageChoice
from models.core import settings as declared
from models.core.collation import number_key
from models.core.errors import PacklineError
from models.core.i18n import _, translator
from models.core.settings import Settings
from models.core.types import Campaign
from models.packing.letters import LetterService
from models.packing.users import UserService
from printing.badges import ROLL as BADGE_ROLL
from printing.badges import BadgeCards, BadgeData, render_badges
from printing.commands import render_command_sheet
from printing.documents import LabelData, SlipData
from printing.labels import PackageLabels, render_sheets
from printing.layout import LAYOUTS, get_layout
from printing.letters import LetterLabels, letter_labels
from printing.slips import render_slips
from printing.zpl import render_zpl
from ui.campaign.label_output import send_as_configured
from ui.campaign.users_panel import ROLE_LABELS
from ui.scanner_test import scanner_sheet

Output = Callable[[bytes, str], str]
Printable = tuple[bytes, str, Callable[[], bytes] | None]
"""A document to send: its PDF, its name, and for labels their ZPL (drawn only for a printer that takes it)."""
"""Where a PDF goes (its file name stem given); returns where it went."""

KINDS = ("labels", "slips", "commands", "scanner", "badges", "letters")


class PrintServices(Protocol):
    path: Path

    def settings(self) -> Settings: ...

    def chosen_packages(self, campaign: Campaign, choice: PackageChoice, numbers: tuple[int, int] | None = None,
                        codes: Sequence[str] | None = None) -> list[int]: ...

    def package_labels(self, campaign: Campaign, package_ids: Sequence[int], language: str) -> list[LabelData]: ...

    def package_slips(self, campaign: Campaign, package_ids: Sequence[int]) -> list[SlipData]: ...

    def user_service(self) -> UserService: ...

    def letter_service(self) -> LetterService: ...

    def recipient_queries(self) -> RecipientQueries: ...


def _number_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 10_000_000)
    return box


class PrintDialog(QDialog):
    def __init__(self, services: PrintServices, campaign: Campaign, chosen_codes: Sequence[str] = (),
                 output: Output | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.services, self.campaign, self.chosen_codes = services, campaign, list(chosen_codes)
        self.output = output
        settings = services.settings()
        self.kind = QComboBox()
        self.kind.setObjectName("printKind")
        for key in KINDS:
            self.kind.addItem("", key)
        self.pages = QStackedWidget()
        labels_page = self._labels_page(settings)
        # Content slips are chosen like labels; the command sheet and the badges (every active user with one)
        # need no choice.
        self.page_of = {"labels": labels_page, "slips": labels_page, "commands": QLabel(), "scanner": QLabel(),
                        "badges": QLabel(), "letters": self._letters_page()}
        for page in dict.fromkeys(self.page_of.values()):
            self.pages.addWidget(page)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.result_label = QLabel()
        self.result_label.setObjectName("printResult")
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_chosen)
        self.buttons.rejected.connect(self.reject)
        self.kind_caption = QLabel()
        self.kind_caption.setBuddy(self.kind)
        top = QHBoxLayout()
        top.addWidget(self.kind_caption)
        top.addWidget(self.kind, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(620, 0)

    def _labels_page(self, settings: Settings) -> QWidget:
        page = QWidget()
        self.choice_group = QButtonGroup(page)
        self.choices: dict[str, QRadioButton] = {}
        column = QVBoxLayout()
        for key in ("planned", "all", "sealed", "chosen"):
            button = QRadioButton()
            button.setObjectName(f"labels_{key}")
            self.choice_group.addButton(button)
            self.choices[key] = button
            column.addWidget(button)
        self.choices["planned"].setChecked(True)
        self.choices["chosen"].setEnabled(bool(self.chosen_codes))
        self.by_numbers = QCheckBox()
        self.by_numbers.setObjectName("labelsByNumbers")
        self.first, self.last = _number_box(), _number_box()
        self.first.setObjectName("firstNumber")
        self.last.setObjectName("lastNumber")
        numbers = QHBoxLayout()
        numbers.addWidget(self.by_numbers)
        numbers.addWidget(self.first)
        self.to_label = QLabel()
        numbers.addWidget(self.to_label)
        numbers.addWidget(self.last)
        numbers.addStretch(1)
        column.addLayout(numbers)
        self.layout_choice = QComboBox()
        self.layout_choice.setObjectName("labelsLayout")
        for key in sorted(LAYOUTS):
            self.layout_choice.addItem(key, key)
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(settings.get(declared.LABEL_LAYOUT))))
        self.start = QSpinBox()
        self.start.setObjectName("labelsStart")
        self.layout_choice.currentIndexChanged.connect(self._layout_changed)
        form = QFormLayout()
        self.layout_captions = [QLabel(), QLabel()]
        form.addRow(self.layout_captions[0], self.layout_choice)
        form.addRow(self.layout_captions[1], self.start)
        self.layout_captions[0].setBuddy(self.layout_choice)
        self.layout_captions[1].setBuddy(self.start)
        column.addLayout(form)
        page.setLayout(column)
        self._layout_changed()
        return page

    def _letters_page(self) -> QWidget:
        page = QWidget()
        self.letters_first, self.letters_last = _number_box(), _number_box()
        self.letters_first.setObjectName("lettersFirst")
        self.letters_last.setObjectName("lettersLast")
        form = QFormLayout(page)
        self.letter_captions = [QLabel(), QLabel()]
        form.addRow(self.letter_captions[0], self.letters_first)
        form.addRow(self.letter_captions[1], self.letters_last)
        self.letter_captions[0].setBuddy(self.letters_first)
        self.letter_captions[1].setBuddy(self.letters_last)
        return page

    def _kind_changed(self, index: int) -> None:
        """Content slips are chosen like labels (the sealed among them print), without a label layout."""
        slips = KINDS[index] == "slips"
        self.pages.setCurrentWidget(self.page_of[KINDS[index]])
        for widget in (self.layout_choice, self.start, *self.layout_captions):
            widget.setVisible(not slips)

    def _layout_changed(self) -> None:
        per_page = get_layout(str(self.layout_choice.currentData())).per_page
        self.start.setRange(1, per_page)
        self.start.setEnabled(per_page > 1)

    # -- printing --------------------------------------------------------------------------------------

    def print_chosen(self) -> None:
        """Render what is chosen and send it on; says where it went, or what is wrong (nothing printed)."""
        kind = str(self.kind.currentData())
        try:
            pdf, name, zpl = {"labels": self._package_labels, "slips": self._slips, "commands": self._command_sheet,
                              "scanner": lambda: (*scanner_sheet(self.campaign.label_language), None),
                              "badges": self._badges, "letters": self._letter_labels}[kind]()
        except (PacklineError, ValueError) as error:
            self.result_label.setText(str(error))
            return
        self.result_label.setText(_("Sent to {where}.").format(where=self._send(pdf, name, zpl)))

    def _send(self, pdf: bytes, name: str, zpl: Callable[[], bytes] | None) -> str:
        """Labels with a ZPL form (`zpl`) go as ZPL to a station printer that takes it."""
        if self.output is not None:
            return self.output(pdf, name)
        return send_as_configured(pdf, name, self.services.settings(), self.services.path.parent, zpl)

    def _dpi(self) -> int:
        return int(self.services.settings().get(declared.PRINTER_DPI))

    def _chosen_ids(self) -> list[int]:
        chosen = next(key for key, button in self.choices.items() if button.isChecked())
        numbers = (self.first.value(), self.last.value()) if self.by_numbers.isChecked() else None
        if chosen == "chosen":
            return self.services.chosen_packages(self.campaign, PackageChoice.ALL, codes=self.chosen_codes)
        return self.services.chosen_packages(self.campaign, PackageChoice(chosen), numbers)

    def _slips(self) -> Printable:
        slips = self.services.package_slips(self.campaign, self._chosen_ids())
        if not slips:
            raise ValueError(_("None of these packages is sealed: a content slip lists what went in."))
        return render_slips(slips, language=self.campaign.label_language), f"slips-{slips[0].package_code}", None

    def _package_labels(self) -> Printable:
        ids = self._chosen_ids()
        language = self.campaign.label_language
        labels = self.services.package_labels(self.campaign, ids, language)
        if not labels:
            raise ValueError(_("No package matches: nothing was printed."))
        drawer = PackageLabels(get_layout(str(self.layout_choice.currentData())), self._dpi(), translator(language))
        return (render_sheets(labels, drawer, self.start.value()), f"labels-{labels[0].package_code}-{len(labels)}",
                lambda: render_zpl(labels, drawer))

    def _command_sheet(self) -> Printable:
        return render_command_sheet(self.campaign.label_language, dpi=300), "command-sheet", None

    def _badges(self) -> Printable:
        users = [user for user in self.services.user_service().list() if user.active and user.badge_code]
        if not users:
            raise ValueError(_("No user has a badge yet: give badges on Settings > Users."))
        badges = [BadgeData(user.name, _(ROLE_LABELS[user.role]), user.badge_code or "", self.campaign.name)
                  for user in users]
        roll = BadgeCards(BADGE_ROLL, self._dpi(), _("Badges"))  # a label printer's roll of 85 x 54 mm cards
        return render_badges(badges, _("Badges"), dpi=300), "badges", lambda: render_zpl(badges, roll)

    def _letter_labels(self) -> Printable:
        first, last = self.letters_first.value(), self.letters_last.value()
        letters = [letter for letter in self.services.letter_service().letters(self.campaign.id)
                   if first <= (number_key(letter.list_number) or 0) <= last]  # as package ranges are chosen
        if not letters:
            raise ValueError(_("No letter is registered for list numbers {first} to {last}.").format(
                first=first, last=last))
        labels = letter_labels(letters, self.services.recipient_queries(), self.campaign.name)
        drawer = LetterLabels(get_layout(self.services.settings().get(declared.LABEL_LAYOUT)), self._dpi(),
                              translator(self.campaign.label_language))
        return render_sheets(labels, drawer), f"letters-{first}-{last}", lambda: render_zpl(labels, drawer)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Print: {campaign}").format(campaign=self.campaign.name))
        self.kind_caption.setText(_("&What to print:"))
        for index, text in enumerate((_("Package labels"), _("Content slips"), _("Command sheet"),
                                      _("Scanner test sheet"), _("User badges"), _("Letter labels"))):
            self.kind.setItemText(index, text)
        texts = {"planned": _("Packages not yet packed (labels in advance)"), "all": _("All packages"),
                 "sealed": _("Sealed packages"),
                 "chosen": _("Rows chosen on the Recipients screen: {count}").format(count=len(self.chosen_codes))}
        for key, button in self.choices.items():
            button.setText(texts[key])
        self.by_numbers.setText(_("Only list numbers from"))
        self.to_label.setText(_("to"))
        self.layout_captions[0].setText(_("&Layout:"))
        self.layout_captions[1].setText(_("First free &position on the sheet:"))
        self.letter_captions[0].setText(_("List numbers &from:"))
        self.letter_captions[1].setText(_("&to:"))
        self.print_button.setText(_("&Print"))
