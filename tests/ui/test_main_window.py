"""The main window: opens on a campaign, navigates by clicks and Ctrl+number, switches language live."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from models.campaigns.queries import SortColumn
from models.campaigns.reference import create_campaign
from models.core import i18n
from tests.support.sample_data import make_campaign, sample_recipients
from ui.app import run_gui
from ui.main_window import GEOMETRY_KEY, STATE_KEY, MainWindow
from ui.navigation import SCREENS, PlaceholderScreen, screen_index
from ui.recipients_model import COLUMNS


@pytest.fixture
def window(qtbot, filled_workspace) -> MainWindow:
    win = MainWindow(filled_workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def visible_texts(win: MainWindow) -> set[str]:
    texts = {win.sidebar.item(i).text() for i in range(win.sidebar.count())}
    texts |= {action.text() for action in win.menuBar().actions()}
    texts |= {label.text() for label in win.stack.currentWidget().findChildren(QLabel)}
    model = win.recipients.model
    texts |= {model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())}
    return texts


def test_window_opens_on_the_campaign_with_its_recipients(window, filled_workspace):
    assert "Winter parcels" in window.windowTitle()
    assert window.current_screen_key() == "recipients"
    assert window.stack.currentWidget() is window.recipients
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
        "Station", "Recipients", "Catalog and templates", "Stock and plan", "Letters", "Handover", "Stations",
        "Conflicts", "Dashboard", "Settings",
    ]
    assert window.recipients.model.rowCount() == 1000
    assert window.recipients.count_label.text() == "1,000 recipients"
    assert window.path_label.text() == str(filled_workspace.path)
    assert "1,000 recipients in Winter parcels" in window.counts_label.text()
    assert not window.campaign_chooser.isVisible()  # one campaign: nothing to choose


def test_navigation_by_clicking_the_sidebar(qtbot, window):
    for key in ("letters", "station", "settings", "recipients"):
        item = window.sidebar.item(screen_index(key))
        qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.sidebar.visualItemRect(item).center())
        assert window.current_screen_key() == key
    window.show_screen("handover")
    screen = window.stack.currentWidget()
    assert isinstance(screen, PlaceholderScreen)
    assert screen.title.text() == "Handover"
    assert "later version" in screen.notice.text()


def test_navigation_by_ctrl_and_a_number(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert len(SCREENS) == 10
    for number, info in reversed(list(enumerate(SCREENS, start=1))):  # Ctrl+1 .. Ctrl+9, then Ctrl+0
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number % 10}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_screen_key() == info.key
        assert window.sidebar.currentRow() == number - 1


def test_ctrl_q_closes_the_window(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_language_switch_retranslates_the_window_live(qtbot, window):
    english = visible_texts(window)
    assert {"Recipients", "&File", "Surname Given Patronymic"} <= english

    window.language_actions["ru"].trigger()

    russian = visible_texts(window)
    assert {"Получатели", "Станция", "Настройки", "&Файл", "&Вид", "&Справка", "Фамилия Имя Отчество"} <= russian
    assert not {"Recipients", "Station", "&File", "Surname Given Patronymic"} & russian
    assert window.recipients.model.index(0, COLUMNS.index(SortColumn.STATE)).data() == "Запланирована"
    assert window.language_actions["ru"].isChecked()
    window.show_screen("handover")
    assert window.stack.currentWidget().notice.text() == "Этот экран появится в одной из следующих версий Packline."
    assert window.recipients.count_label.text() == "1\u00a0000 получателей"
    assert window.windowTitle() == "Winter parcels — Packline"

    window.language_actions["en"].trigger()
    window.show_screen("recipients")
    assert visible_texts(window) == english


def test_every_language_can_be_chosen_with_the_real_catalogs(window):
    for language in ("uk", "ru", "en"):
        window.language_actions[language].trigger()
        assert i18n.current_language() == language
        assert window.sidebar.count() == len(SCREENS)


def test_campaign_chooser_appears_with_several_campaigns(qtbot, filled_workspace):
    make_campaign(filled_workspace.db, "Spring parcels", sample_recipients(25, seed=3))
    win = MainWindow(filled_workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.campaign_chooser.isVisible()
    assert [win.campaign_chooser.itemText(i) for i in range(win.campaign_chooser.count())] == [
        "Winter parcels", "Spring parcels"]
    assert win.campaign_chooser.currentText() == "Spring parcels"  # the newest opens
    assert win.recipients.model.rowCount() == 25

    win.campaign_chooser.setCurrentIndex(0)

    assert "Winter parcels" in win.windowTitle()
    assert win.recipients.model.rowCount() == 1000
    assert win.recipients.count_label.text() == "1,000 recipients"
    assert "2 campaigns" in win.counts_label.text()


def test_a_campaign_can_be_asked_for(qtbot, filled_workspace):
    spring = make_campaign(filled_workspace.db, "Spring parcels", sample_recipients(5, seed=3))
    winter = filled_workspace.campaigns()[0]
    win = MainWindow(filled_workspace, campaign_id=winter.id)
    qtbot.addWidget(win)
    assert win.campaign is not None and win.campaign.id == winter.id != spring.id


def test_an_empty_database_says_so(qtbot, workspace):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    assert win.windowTitle() == "Packline"
    assert win.recipients.model.rowCount() == 0
    assert win.recipients.count_label.text() == "This database holds no campaign yet."


def test_a_campaign_without_recipients(qtbot, workspace):
    create_campaign(workspace.db, "Empty")
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    assert win.recipients.count_label.text() == "0 recipients"


def test_about_names_the_database(qtbot, window, monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(MainWindow, "about_box", staticmethod(lambda parent, title, text: shown.append((title, text))))
    window.about_action.trigger()
    assert shown and shown[0][0] == "About Packline"
    assert str(window.services.path) in shown[0][1]


def test_geometry_is_kept_in_a_temporary_settings_file(qtbot, filled_workspace, hermetic_settings: Path):
    assert QSettings().fileName().startswith(str(hermetic_settings))
    first = MainWindow(filled_workspace)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(701, 523)
    first.close()
    assert Path(QSettings().fileName()).exists()
    assert set(QSettings().allKeys()) == {GEOMETRY_KEY, STATE_KEY}  # window geometry and state only

    second = MainWindow(filled_workspace)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (701, 523)


def test_run_gui_shows_the_window_and_returns_when_it_closes(qtbot, filled_workspace):
    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, close_when_shown)
            return
        assert "Winter parcels" in windows[0].windowTitle()
        windows[0].close()

    QTimer.singleShot(0, close_when_shown)
    assert run_gui(filled_workspace, ["packline"]) == 0
    app = QApplication.instance()
    assert (app.applicationName(), app.organizationName()) == ("Packline", "Packline")


def test_opening_asks_sql_for_the_id_list_once_and_loads_no_rows_before_painting(qtbot, filled_workspace):
    make_campaign(filled_workspace.db, "Spring parcels", sample_recipients(30, seed=3))
    calls: list[str] = []

    class Recording:
        def __init__(self, real):
            self.real = real

        def ids(self, *args):
            calls.append("ids")
            return self.real.ids(*args)

        def rows(self, ids):
            calls.append("rows")
            return self.real.rows(ids)

        def count(self, campaign_id):
            return self.real.count(campaign_id)

        def journal_position(self):
            return self.real.journal_position()

    class Services:
        path = filled_workspace.path
        campaigns = filled_workspace.campaigns

        def recipient_queries(self):
            return Recording(filled_workspace.recipient_queries())

    win = MainWindow(Services())
    qtbot.addWidget(win)
    assert calls == ["ids"]


def test_a_built_screen_takes_the_place_of_its_placeholder(qtbot, filled_workspace):
    class Letters(QLabel):
        retranslated = 0

        def retranslate(self) -> None:
            self.retranslated += 1

    letters = Letters("letters")
    win = MainWindow(filled_workspace, screens={"letters": letters})
    qtbot.addWidget(win)
    win.show_screen("letters")
    assert win.stack.currentWidget() is letters
    before = letters.retranslated
    win.set_language("uk")
    assert letters.retranslated == before + 1


def test_a_database_that_cannot_be_opened_is_reported_in_a_window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import main

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    broken = tmp_path / "packline.db"
    broken.write_text("not a database\n" * 500)
    assert main.run_gui(broken) == 2
    [(title, text)] = shown
    assert title == "Packline cannot start" and "not a usable Packline database" in text


def test_no_two_actions_of_the_whole_window_share_a_key(qtbot, filled_workspace):
    """Issue 16: View > Reload and the station's Next package both took F5 ("Ambiguous shortcut overload": neither
    fired). The real window with every screen built: each key belongs to one action."""
    from PySide6.QtGui import QAction, QShortcut

    from ui.app import build_operational_screens

    win = MainWindow(filled_workspace, screens=build_operational_screens(filled_workspace))
    qtbot.addWidget(win)
    win.show()
    for screen in SCREENS:
        win.show_screen(screen.key)
    owners: dict[str, list[str]] = {}
    for action in win.findChildren(QAction):
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action.objectName() or action.text())
    for shortcut in win.findChildren(QShortcut):
        owners.setdefault(shortcut.key().toString(), []).append(shortcut.objectName() or "QShortcut")
    shared = {key: names for key, names in owners.items() if key and len(names) > 1}
    assert not shared, shared
    assert "F5" in owners and owners["F5"] == ["nextAction"]


def test_the_first_day_opens_where_the_work_is_and_new_users_can_sign_in(qtbot, filled_workspace):
    """Issue 16: with people to sign in the app opens on Station (without, on Recipients); a user added in
    Settings appears at the station's sign-in without a restart."""
    from models.packing.users import Role
    from ui.app import build_operational_screens

    filled_workspace.station_service().ensure("Station 1")
    plain = MainWindow(filled_workspace, screens=build_operational_screens(filled_workspace))
    qtbot.addWidget(plain)
    assert plain.current_screen_key() == "recipients"
    filled_workspace.user_service().add("Олена", Role.PACKER, "1234")
    win = MainWindow(filled_workspace, screens=build_operational_screens(filled_workspace))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.current_screen_key() == "station"
    station = win.stack.currentWidget()
    win.show_screen("settings")
    filled_workspace.user_service().add("Петро", Role.PACKER, "5678")  # as the Users panel does
    win.show_screen("station")
    names = [station.sign_in.users.item(i).text() for i in range(station.sign_in.users.count())]
    assert "Петро" in names and "Олена" in names


def test_the_language_chosen_in_the_menu_is_the_one_setting_and_is_kept(window):
    """View > Language and Settings > Language were two: the menu's choice was lost at the next start and
    Settings showed another language. Now the menu writes the one setting, and Settings shows it."""
    from models.core.settings import LANGUAGE
    from ui.navigation import screen_index

    window.language_actions["uk"].trigger()
    assert window.services.settings().get(LANGUAGE) == "uk"
    settings = window.screens[screen_index("settings")]
    assert settings.language.currentData() == "uk"
    window.language_actions["en"].trigger()
    assert window.services.settings().get(LANGUAGE) == "en" and settings.language.currentData() == "en"


def test_the_station_named_at_the_station_shows_in_settings_without_a_restart(qtbot, tmp_path):
    from PySide6.QtTest import QTest

    from app.workspace import Workspace
    from models.demo.campaign import create_demo
    from models.packing.users import Role
    from ui.app import build_operational_screens
    from ui.campaign.settings_screen import SettingsScreen
    from ui.station import StationScreen

    workspace = Workspace.open(tmp_path / "new.db")
    create_demo(workspace.db, "Demo", recipients=3)
    workspace.user_service().add("Olena", Role.PACKER, "1234")
    win = MainWindow(workspace, screens=build_operational_screens(workspace))
    qtbot.addWidget(win)
    win.show()
    settings = next(s for s in win.screens if isinstance(s, SettingsScreen))
    win.show_screen("settings")
    assert settings.station_name.text() == ""
    station = next(s for s in win.screens if isinstance(s, StationScreen))
    win.show_screen("station")
    QTest.keyClicks(station.setup_page.name, "Table 3")
    QTest.keyClick(station.setup_page.name, Qt.Key.Key_Return)
    win.show_screen("settings")
    assert settings.station_name.text() == "Table 3"
