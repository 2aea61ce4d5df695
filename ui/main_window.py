"""The main window: campaign chooser, navigation sidebar, the screens, menus and status bar."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from models.core.i18n import LANGUAGE_NAMES, LANGUAGES, _, current_language, ngettext, set_language
from models.core.import_kinds import ImportKind
from models.core.settings import LANGUAGE
from models.core.types import Campaign
from ui import system_dialogs
from ui.campaign.campaign_menu import CampaignMenu, campaign_title
from ui.field_scans import FieldScans
from ui.message_label import MessageLabel, clear_messages
from ui.navigation import SCREENS, screen_index
from ui.qt_translations import install_qt_translations
from ui.recipients_view import RecipientsScreen, format_count
from ui.screen_stack import Refreshes, Retranslates, ScreenFactory, ScreenStack, ShowsACampaign
from ui.services import CampaignServices, Services
from ui.start_check import StartCheckReport, checked_at_start
from ui.tasks import TaskRunner

GEOMETRY_KEY, STATE_KEY = "main_window/geometry", "main_window/state"
BACKGROUND_STATUS_WIDTH = 420  # pixels the status bar gives the background work's sentence
STYLE = """
QLabel#screenTitle { font-size: 15pt; font-weight: bold; }
QListWidget#navigation::item { padding: 7px 8px; }
"""


class MainWindow(QMainWindow):
    about_box: Callable[[QWidget, str, str], object] = staticmethod(system_dialogs.about)

    def __init__(self, services: Services, campaign_id: int | None = None,
                 screens: Mapping[str, QWidget] | None = None, parent: QWidget | None = None, *,
                 factories: Mapping[str, ScreenFactory] | None = None, build_later: bool = False) -> None:
        """`screens` (by key, see `ui.navigation.SCREENS`) take the place of placeholders; `factories` build
        theirs, all of them now, or with `build_later` (the application's start) the opening one now and the
        rest after the window is painted (`ui.screen_stack`).

        A screen may have `retranslate()`; it is called when the language changes.
        """
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.services = services
        self.campaigns: list[Campaign] = services.campaigns()
        self.campaign: Campaign | None = None
        self._recipient_queries = services.recipient_queries()
        # The campaign screens need the whole workspace (a stand-in with recipients only gets placeholders).
        self.tasks: TaskRunner | None = None
        self.import_wizard: QWidget | None = None
        later: dict[str, ScreenFactory] = {}
        if isinstance(services, CampaignServices):
            from ui.campaign.screens import screen_factories

            self.tasks = TaskRunner(services.connection_factory(), self)
            later |= screen_factories(services, self.tasks, self)
        later |= factories or {}
        later["recipients"] = self._build_recipients  # built now only when the window opens on it
        self.stack = ScreenStack(screens or {}, later, self._screen_built)
        self.screens = self.stack.screens
        if not build_later:
            self.stack.build_all()
        self.setCentralWidget(self._build_body())
        self._build_menus()
        self._build_status_bar()

        self.field_scans = FieldScans(lambda text: self.statusBar().showMessage(text, 10_000), self, self.stack)
        self.sidebar.currentRowChanged.connect(self.stack.show_index)
        self.campaign_chooser.currentIndexChanged.connect(self._campaign_chosen)
        self._fill_campaign_chooser(campaign_id)
        # A station with people to sign in opens where they work; a new installation where its list is.
        station = "station" in (screens or {}) or "station" in later
        opening = "station" if station and any(u.active for u in services.user_service().list()) else "recipients"
        self.show_screen(opening)
        if opening == "recipients":
            self.recipients.table.setFocus()  # takes effect when the window becomes active
        self.retranslate()
        self._restore_geometry()

    # -- building ---------------------------------------------------------------------------------------------

    def _build_recipients(self) -> QWidget:
        screen = RecipientsScreen(self._recipient_queries)
        screen.import_requested.connect(lambda: self.open_import(ImportKind.RECIPIENTS))
        return screen

    @property
    def recipients(self) -> RecipientsScreen:
        """The Recipients screen, built now if it was not yet (a window opening on Station builds it after its
        first paint: its list of a whole campaign's people is not what a packer waits for)."""
        screen = self.stack.built(screen_index("recipients"))
        assert isinstance(screen, RecipientsScreen)
        return screen

    def _build_body(self) -> QWidget:
        self.campaign_label = QLabel()
        self.campaign_chooser = QComboBox()
        self.campaign_chooser.setObjectName("campaignChooser")
        self.campaign_label.setBuddy(self.campaign_chooser)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("navigation")
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for _info in SCREENS:
            self.sidebar.addItem(QListWidgetItem())
        self.sidebar.setFixedWidth(self.fontMetrics().horizontalAdvance("Каталог и шаблоны") + 40)

        side = QWidget()
        side.setObjectName("sidebar")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 12, 8, 8)
        side_layout.addWidget(self.campaign_label)
        side_layout.addWidget(self.campaign_chooser)
        side_layout.addWidget(self.sidebar, 1)

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        return body

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.import_actions: dict[ImportKind, QAction] = {}
        if self.tasks is not None:
            for kind, keys in ((ImportKind.RECIPIENTS, "Ctrl+I"), (ImportKind.CATALOG, ""), (ImportKind.TEMPLATE, "")):
                action = QAction(self)
                action.setShortcut(QKeySequence(keys))
                action.triggered.connect(lambda _checked=False, k=kind: self.open_import(k))
                self.file_menu.addAction(action)
                self.import_actions[kind] = action
            self.file_menu.addSeparator()
        self.campaign_menu: CampaignMenu | None = None
        if self.tasks is not None:
            self.campaign_menu = CampaignMenu(self.services, lambda: self.campaign,  # type: ignore[arg-type]
                                              lambda: self.recipients.chosen_codes(), self)
            self.campaign_menu.changed.connect(self.reload_campaigns)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        if self.campaign_menu is not None:
            bar.addMenu(self.campaign_menu.menu)
        self.view_menu = bar.addMenu("")
        self.screen_actions: list[QAction] = []
        for index in range(len(SCREENS)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{(index + 1) % 10}"))  # the tenth screen is Ctrl+0
            action.triggered.connect(lambda _checked=False, i=index: self.sidebar.setCurrentRow(i))
            self.view_menu.addAction(action)
            self.screen_actions.append(action)
        self.view_menu.addSeparator()
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("Ctrl+R"))  # F5 is the station's Next package
        self.refresh_action.triggered.connect(self.refresh)
        self.view_menu.addAction(self.refresh_action)
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for language in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[language], self)  # each language in its own name: never translated
            action.setCheckable(True)
            action.setChecked(language == current_language())
            action.triggered.connect(lambda _checked=False, lang=language: self.choose_language(lang))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[language] = action

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel()
        self.background_label = MessageLabel()  # cleared by a language switch
        self.background_label.setObjectName("backgroundStatus")
        self.path_label = QLabel(str(self.services.path))
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status = self.statusBar()
        status.addWidget(self.counts_label)
        status.addPermanentWidget(self.background_label)
        status.addPermanentWidget(self.path_label)

    def check_papers(self) -> None:
        """On a worker at start: SQLite's `quick_check` of the whole file (an open reads only its header), then
        `check`'s comparison of every projection and paper with the journal; damage, or any difference, is
        shown (nothing is repaired on its own)."""
        if self.tasks is not None:
            report = StartCheckReport(self, self.show_background_status)
            self.tasks.run(checked_at_start, report.checked, report.damaged, quiet=True)

    def show_background_status(self, text: str) -> None:
        """What the application did on its own (`ui.periodic.PeriodicJobs.reported`): the exchange, a backup.
        Shortened to fit beside the other parts of the status bar; the whole sentence is its tooltip."""
        metrics = self.background_label.fontMetrics()
        self.background_label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, BACKGROUND_STATUS_WIDTH))
        self.background_label.setToolTip(text)

    def _fill_campaign_chooser(self, campaign_id: int | None) -> None:
        """Open campaigns first, then (after a line) the closed and archived ones, each saying so."""
        chooser = self.campaign_chooser
        several = len(self.campaigns) > 1
        chooser.setVisible(several)
        self.campaign_label.setVisible(several)
        chooser.blockSignals(True)  # the campaign is set once, below
        chooser.clear()
        open_ones = [c for c in self.campaigns if c.writable]
        closed = [c for c in self.campaigns if not c.writable]
        for campaign in open_ones:
            chooser.addItem(campaign_title(campaign), campaign.id)
        if open_ones and closed:
            chooser.insertSeparator(chooser.count())
        for campaign in closed:
            chooser.addItem(campaign_title(campaign), campaign.id)
        wanted = chooser.findData(campaign_id) if campaign_id is not None else -1
        # Without a choice, open the newest open campaign: the demo comes first, real work later.
        newest = chooser.findData(open_ones[-1].id) if open_ones else chooser.count() - 1
        index = wanted if wanted >= 0 else newest
        chooser.setCurrentIndex(index)
        chooser.blockSignals(False)
        if not self.campaigns:
            self.set_campaign(None)
            return
        self._campaign_chosen(index)

    def reload_campaigns(self, campaign_id: int | None = None) -> None:
        """The campaigns changed (created, edited, closed): refill the chooser and choose `campaign_id`."""
        self.campaigns = self.services.campaigns()
        self._fill_campaign_chooser(campaign_id if campaign_id is not None else
                                    (self.campaign.id if self.campaign else None))
        self.refresh()

    def offer_first_start(self) -> QWidget | None:
        """A database with no campaign: offer a real campaign beside the demo; a campaign nobody can sign in
        to yet (the window opened on Recipients): its set-up checklist, which says what is left to do."""
        if self.campaign_menu is None:
            return None
        if not self.campaigns:
            return self.campaign_menu.offer_first_start()
        return self.campaign_menu.show_checklist() if self.current_screen_key() == "recipients" else None

    # -- actions ----------------------------------------------------------------------------------------------

    def show_screen(self, key: str) -> None:
        self.sidebar.setCurrentRow(screen_index(key))

    def current_screen_key(self) -> str:
        return SCREENS[self.stack.currentIndex()].key

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        for screen in self.screens:
            _give_campaign(screen, campaign)
        self._update_title()
        self._update_counts()

    def _screen_built(self, screen: QWidget) -> None:
        """A screen built after the campaign was chosen starts on it (it is built in the current language)."""
        if self.campaign is not None:
            _give_campaign(screen, self.campaign)

    def refresh(self) -> None:
        """Reload every screen from the database (after an import, or on Ctrl+R)."""
        for screen in self.screens:
            if isinstance(screen, Refreshes):
                screen.refresh()
        self._update_counts()

    def open_import(self, kind: ImportKind = ImportKind.RECIPIENTS, path: str = "") -> QWidget | None:
        """Open the import wizard (window-modal, not blocking); data is reloaded after an import."""
        if self.tasks is None:
            return None
        from ui.campaign.import_wizard import ImportWizard

        wizard = ImportWizard(self.services, self.tasks, self.campaign, kind, path, self)  # type: ignore[arg-type]
        wizard.imported.connect(lambda _report: self.refresh())
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def _campaign_chosen(self, index: int) -> None:
        campaign = self._campaign_at(index)
        if campaign is not None:
            self.set_campaign(campaign)

    def _campaign_at(self, index: int) -> Campaign | None:
        """The campaign the chooser's item at `index` stands for (None for the line between open and closed)."""
        chosen = self.campaign_chooser.itemData(index)
        return next((c for c in self.campaigns if c.id == chosen), None)

    def choose_language(self, language: str) -> None:
        """View > Language: the one language setting (the one Settings shows), kept for the next start."""
        settings = self.services.settings()
        if settings.get(LANGUAGE) != language:
            settings.set(LANGUAGE, language)
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Switch the UI language now, without a restart; sentences said in the old one are cleared."""
        set_language(language)
        install_qt_translations(language)
        clear_messages(self)
        self.statusBar().clearMessage()
        self.language_actions[language].setChecked(True)
        self.retranslate()

    def show_about(self) -> None:
        self.about_box(self, _("About Packline"), _("Packline: offline packing stations for humanitarian "
                       "care-package campaigns.") + "\n\n" + _("Database: {path}").format(path=self.services.path))

    # -- texts ------------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        import_texts = {ImportKind.RECIPIENTS: _("Import &recipients…"), ImportKind.CATALOG: _("Import &catalog…"),
                        ImportKind.TEMPLATE: _("Import content &template…")}
        for kind, action in self.import_actions.items():
            action.setText(import_texts[kind])
        self.refresh_action.setText(_("&Reload"))
        self.quit_action.setText(_("&Quit"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Packline"))
        self.campaign_label.setText(_("&Campaign:"))
        if self.campaign_menu is not None:
            self.campaign_menu.retranslate()
        for index in range(self.campaign_chooser.count()):
            found = self._campaign_at(index)
            if found is not None:
                self.campaign_chooser.setItemText(index, campaign_title(found))
        for index, info in enumerate(SCREENS):
            self.sidebar.item(index).setText(_(info.title))
            self.screen_actions[index].setText(_(info.title))
        for screen in self.screens:
            if isinstance(screen, Retranslates):
                screen.retranslate()
        self._update_title()
        self._update_counts()

    def _update_title(self) -> None:
        self.setWindowTitle(_("{campaign} — Packline").format(campaign=self.campaign.name) if self.campaign
                            else "Packline")

    def _update_counts(self) -> None:
        campaigns = len(self.campaigns)
        parts = [ngettext("{count} campaign", "{count} campaigns", campaigns).format(count=format_count(campaigns))]
        if self.campaign is not None:
            recipients = self._recipient_queries.count(self.campaign.id)  # the campaign's, not the search's
            parts.append(ngettext("{count} recipient in {campaign}", "{count} recipients in {campaign}",
                                  recipients).format(count=format_count(recipients), campaign=self.campaign.name))
        self.counts_label.setText(" · ".join(parts))

    # -- geometry (the only thing kept in QSettings) ----------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = QSettings()
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            return
        self.resize(1280, 760)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        if self.tasks is not None:  # the start's check stops; a backup, or what a user started, ends
            self.tasks.shut_down()
        super().closeEvent(event)


def _give_campaign(screen: QWidget, campaign: Campaign | None) -> None:
    """A screen that shows one campaign's data (it has `set_campaign`) is told which; the others are not."""
    if isinstance(screen, ShowsACampaign):
        screen.set_campaign(campaign)
