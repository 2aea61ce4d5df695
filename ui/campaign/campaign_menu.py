"""The Campaign menu of the main window: new campaign, edit it and its rules, the set-up checklist, close,
reopen and archive; and the first start's offer of a real campaign beside the demo.

Every dialog opens with `open()` (window-modal, never blocking) and says what it did through `changed`, so
the window reloads its campaign chooser and selects the campaign.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.core import settings as declared
from models.core.errors import PacklineError
from models.core.i18n import N_, _, translator
from models.core.types import Campaign, CampaignStatus
from models.packing.users import UserService
from ui.credentials import supervisor_fields
from ui.forms import captioned_rows
from ui.tables import fill_table, read_only_table

DEMO_RECIPIENTS = 2000
MARKS = {True: "✓", False: "✗", None: "?"}
"""Done, missing, a reminder Packline cannot check."""


@runtime_checkable
class Retranslatable(Protocol):
    def retranslate(self) -> None: ...


if TYPE_CHECKING:  # the dialogs, and the printing behind them, are imported when first opened
    from models.campaigns.lifecycle import CampaignService
    from models.setup.checklist import SetupStep
    from printing.documents import LabelData
    from ui.campaign.campaign_dialog import CampaignDialog
    from ui.campaign.package_life_dialogs import DecisionsDialog, LifeServices, VoidDialog
    from ui.campaign.print_dialog import PrintDialog, PrintServices

    class CampaignMenuServices(PrintServices, LifeServices, Protocol):
        def campaign_service(self) -> CampaignService: ...

        def item_categories(self) -> list[str]: ...

        def setup_checklist(self, campaign: Campaign) -> list[SetupStep]: ...

        def create_demo(self, recipients: int) -> Campaign: ...

        def delete_demo(self, campaign: Campaign) -> object: ...


class CampaignMenu(QObject):
    changed = Signal(int)
    """A campaign was created or changed (its id): reload the chooser and choose it."""

    def __init__(self, services: CampaignMenuServices, current: Callable[[], Campaign | None],
                 chosen_codes: Callable[[], list[str]], window: QWidget) -> None:
        """`chosen_codes`: the package codes of the rows chosen on the Recipients screen."""
        super().__init__(window)
        self.services, self.current, self.chosen_codes, self.window = services, current, chosen_codes, window
        self.dialog: QDialog | None = None
        self.menu = QMenu(window)
        self.new_action = self._action("Ctrl+Shift+N", self.new_campaign)
        self.edit_action = self._action("", self.edit_campaign)
        self.checklist_action = self._action("", self.show_checklist)
        self.print_action = self._action("Ctrl+Shift+P", self.print_documents)
        self.menu.addSeparator()
        self.decisions_action = self._action("", self.show_decisions)
        self.void_action = self._action("", self.void_package)
        self.menu.addSeparator()
        self.close_action = self._action("", lambda: self.change_status("close"))
        self.reopen_action = self._action("", lambda: self.change_status("reopen"))
        self.archive_action = self._action("", lambda: self.change_status("archive"))
        self.delete_action = self._action("", lambda: self.change_status("delete"))
        self.menu.aboutToShow.connect(self.update_actions)
        self.retranslate()

    def _action(self, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(self.menu)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        return action

    def update_actions(self) -> None:
        """What the chosen campaign allows: a closed one still prints, shows its checklist and can be reopened."""
        campaign = self.current()
        for action in (self.checklist_action, self.print_action):
            action.setEnabled(campaign is not None)
        for action in (self.edit_action, self.close_action, self.decisions_action, self.void_action):
            action.setEnabled(campaign is not None and campaign.writable)
        self.reopen_action.setEnabled(campaign is not None and not campaign.writable)
        self.archive_action.setEnabled(campaign is not None and campaign.status is CampaignStatus.CLOSED)
        self.delete_action.setEnabled(campaign is not None and campaign.demo)

    # -- dialogs ----------------------------------------------------------------------------------------

    def _show(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        return dialog

    def new_campaign(self) -> CampaignDialog:
        from ui.campaign.campaign_dialog import CampaignDialog

        dialog = CampaignDialog(self.services.campaign_service(), self.services.user_service(),
                                self.services.item_categories(), None, self.window)
        dialog.saved.connect(self._created)
        self._show(dialog)
        return dialog

    def _created(self, campaign: Campaign) -> None:
        self.changed.emit(campaign.id)
        self.show_checklist(campaign)

    def edit_campaign(self) -> CampaignDialog | None:
        from ui.campaign.campaign_dialog import CampaignDialog

        campaign = self.current()
        if campaign is None:
            return None
        fresh = self.services.campaign_service().by_id(campaign.id)
        dialog = CampaignDialog(self.services.campaign_service(), self.services.user_service(),
                                self.services.item_categories(), fresh, self.window)
        dialog.saved.connect(lambda stored: self.changed.emit(stored.id))
        self._show(dialog)
        return dialog

    def show_checklist(self, campaign: Campaign | None = None) -> QDialog | None:
        campaign = campaign or self.current()
        if campaign is None:
            return None
        chosen = campaign
        return self._show(ChecklistDialog(chosen, lambda: self.services.setup_checklist(chosen), self.window))

    def print_documents(self) -> PrintDialog | None:
        """Labels in advance, the command sheet, badges and letter labels (printing works in closed campaigns)."""
        from ui.campaign.print_dialog import PrintDialog

        campaign = self.current()
        if campaign is None:
            return None
        dialog = PrintDialog(self.services, campaign, self.chosen_codes(), parent=self.window)
        self._show(dialog)
        return dialog

    def show_decisions(self) -> DecisionsDialog | None:
        """What a corrected recipient list left for a supervisor to decide."""
        from ui.campaign.package_life_dialogs import DecisionsDialog

        campaign = self.current()
        if campaign is None:
            return None
        dialog = DecisionsDialog(self.services, campaign, self._send_labels, self.window)
        self._show(dialog)
        return dialog

    def void_package(self) -> VoidDialog | None:
        """Void a package (the one chosen on the Recipients screen, if any), with or without a replacement."""
        from ui.campaign.package_life_dialogs import VoidDialog

        campaign = self.current()
        if campaign is None:
            return None
        dialog = VoidDialog(self.services, campaign, self.chosen_codes(), self._send_labels, self.window)
        self._show(dialog)
        return dialog

    def _send_labels(self, labels: list[LabelData]) -> str:
        """Labels printed again from a dialog go where the station's go, in the station's layout."""
        from printing.labels import PackageLabels, render_sheets
        from printing.layout import get_layout
        from printing.zpl import render_zpl
        from ui.campaign.label_output import send_as_configured

        settings = self.services.settings()
        campaign = self.current()
        drawer = PackageLabels(get_layout(str(settings.get(declared.LABEL_LAYOUT))),
                               int(settings.get(declared.PRINTER_DPI)),
                               translator(campaign.label_language if campaign else "en"))
        return send_as_configured(render_sheets(labels, drawer), f"labels-{labels[0].package_code}", settings,
                                  self.services.path.parent, lambda: render_zpl(labels, drawer))

    def change_status(self, change: str) -> QDialog | None:
        campaign = self.current()
        if campaign is None:
            return None
        campaigns = self.services.campaign_service()
        actions: dict[str, Callable[[Campaign], object]] = {
            "close": campaigns.close, "reopen": campaigns.reopen, "archive": campaigns.archive,
            "delete": self.services.delete_demo}
        dialog = StatusDialog(self.services.user_service(), campaign, _STATUS_TEXTS[change], actions[change],
                              self.window)
        dialog.saved.connect(lambda stored: self.changed.emit(stored.id if isinstance(stored, Campaign) else -1))
        return self._show(dialog)

    def offer_first_start(self) -> QDialog:
        """A new installation: start a real campaign, or look around in the demo."""
        dialog = FirstStartDialog(self.window)
        def choose(start: Callable[[], object]) -> None:
            dialog.accept()
            start()

        dialog.real.clicked.connect(lambda: choose(self.new_campaign))
        dialog.demo.clicked.connect(lambda: choose(self._create_demo))
        return self._show(dialog)

    def _create_demo(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            campaign = self.services.create_demo(DEMO_RECIPIENTS)
        finally:
            QApplication.restoreOverrideCursor()
        self.changed.emit(campaign.id)

    def retranslate(self) -> None:
        self.menu.setTitle(_("C&ampaign"))
        self.new_action.setText(_("&New campaign…"))
        self.edit_action.setText(_("&Edit campaign and rules…"))
        self.checklist_action.setText(_("Set-up &checklist…"))
        self.print_action.setText(_("&Print labels and sheets…"))
        self.decisions_action.setText(_("List &decisions…"))
        self.void_action.setText(_("&Void or replace a package…"))
        self.close_action.setText(_("&Close campaign…"))
        self.reopen_action.setText(_("&Reopen campaign…"))
        self.archive_action.setText(_("&Archive campaign…"))
        self.delete_action.setText(_("&Delete the demo campaign…"))
        if isinstance(self.dialog, Retranslatable) and self.dialog.isVisible():
            self.dialog.retranslate()  # the dialog open on screen speaks the new language too


class ChecklistDialog(QDialog):
    """What the campaign still lacks before packing; never a block, only what is missing and what fixes it."""

    def __init__(self, campaign: Campaign, steps: Callable[[], list[SetupStep]],
                 parent: QWidget | None = None) -> None:
        """`steps` reads the checklist (again on a language switch: its sentences come from the service)."""
        super().__init__(parent)
        self.setObjectName("setupChecklist")
        self.campaign, self.read_steps = campaign, steps
        self.steps: list[SetupStep] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = read_only_table("setupSteps")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.retranslate()
        self.resize(1240, 420)  # the steps and what fixes them, whole, in a 1,280-pixel screen

    def retranslate(self) -> None:
        self.setWindowTitle(_("Set-up checklist: {campaign}").format(campaign=self.campaign.name))
        self.intro.setText(_("What is still missing before packing starts. Packing may start anyway."))
        self.steps = self.read_steps()
        fill_table(self.table, ["", _("Step"), _("What does it")],
                   [[MARKS[step.done], step.text, step.fix] for step in self.steps])
        self.table.resizeColumnsToContents()
        for row in range(self.table.rowCount()):  # the whole sentence on hover, where a narrow window cuts it
            for column in (1, 2):
                cell = self.table.item(row, column)
                if cell is not None:
                    cell.setToolTip(cell.text())


_STATUS_TEXTS = {
    "close": N_("Close campaign {name}? Nothing more can be packed, handed over or imported in it; its papers "
                "still print and export."),
    "reopen": N_("Reopen campaign {name} for packing?"),
    "archive": N_("Archive campaign {name}? It is listed apart and stays readable."),
    "delete": N_("Delete the demo campaign {name}, its invented people, packages and stock? Real campaigns are "
                 "not touched."),
}


class StatusDialog(QDialog):
    """Close, reopen, archive (or, for the demo, delete) the campaign, with a supervisor's name and PIN once there
    are users."""

    saved = Signal(object)

    def __init__(self, users: UserService, campaign: Campaign, question_text: str,
                 action: Callable[[Campaign], object], parent: QWidget | None = None) -> None:
        """`question_text` (a msgid) has a {name} for the campaign; `action` does the change once confirmed."""
        super().__init__(parent)
        self.setObjectName("campaignStatus")
        self.users, self.campaign, self.action, self.question_text = users, campaign, action, question_text
        self.setWindowTitle(campaign.name)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.supervisor, self.pin = supervisor_fields(self.save)
        self.credentials = QWidget()
        form = QFormLayout(self.credentials)
        self.captions = captioned_rows(form, [self.supervisor, self.pin])
        self.credentials.setVisible(users.has_users())
        self.problems = QLabel()
        self.problems.setObjectName("statusProblems")
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.question, self.credentials, self.problems, buttons):
            layout.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        self.question.setText(_(self.question_text).format(name=self.campaign.name))
        for caption, text in zip(self.captions, (_("Super&visor"), _("&PIN")), strict=True):
            caption.setText(text)

    def save(self) -> None:
        try:
            self.users.change_author(self.supervisor.text(), self.pin.text())
            stored = self.action(self.campaign)
        except PacklineError as error:
            self.problems.setText(str(error))
            return
        self.saved.emit(stored)
        self.accept()


class FirstStartDialog(QDialog):
    """The first start of a new installation: a real campaign, or the demo to look around in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStart")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.real = QPushButton()
        self.real.setObjectName("startReal")
        self.real.setDefault(True)
        self.demo = QPushButton()
        self.demo.setObjectName("startDemo")
        self.later = QPushButton()
        self.later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.text, self.real, self.demo, self.later):
            layout.addWidget(widget)
        self.setMinimumWidth(560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Welcome to Packline"))
        self.text.setText(_("This database is new. Start a real campaign (you will import the recipient list, the "
                            "catalog and the content template next), or explore a demo campaign with invented "
                            "people and stock. The demo can be deleted once a real campaign exists."))
        self.real.setText(_("Start a &real campaign…"))
        self.demo.setText(_("Explore the &demo campaign"))
        self.later.setText(_("&Later"))
        self.adjustSize()  # a longer translation takes the lines it needs


def campaign_title(campaign: Campaign) -> str:
    """How the chooser names a campaign: closed ones say so."""
    if campaign.writable:
        return campaign.name
    from models.campaigns.lifecycle import status_text  # the campaign rules: only for a closed campaign's name

    return _("{name} ({status})").format(name=campaign.name, status=status_text(campaign.status))
