"""The main window: opens on a campaign, navigates by clicks and Ctrl+number, switches language live."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from models import i18n
from models.reference import create_campaign
from tests.ui.sample_data import make_campaign, sample_recipients
from ui.app import run_gui
from ui.main_window import GEOMETRY_KEY, MainWindow
from ui.navigation import SCREENS, PlaceholderScreen, screen_index

# What the integrator's Russian catalog will say; the test supplies it so it does not wait for the catalog.
RUSSIAN = {
    "Station": "Станция",
    "Recipients": "Получатели",
    "Catalog and templates": "Каталог и шаблоны",
    "Stock and plan": "Запасы и план",
    "Letters": "Письма",
    "Handover": "Передача",
    "Dashboard": "Сводка",
    "Settings": "Настройки",
    "&File": "&Файл",
    "&View": "&Вид",
    "&Help": "&Справка",
    "Surname Given Patronymic": "Фамилия Имя Отчество",
    "Planned": "Запланирована",
    "This screen is coming in a later version of Packline.": "Этот экран появится в следующей версии Packline.",
}


class RussianForTest(i18n.Translator):
    def __init__(self) -> None:
        super().__init__("ru")

    def gettext(self, message: str) -> str:
        return RUSSIAN.get(message, super().gettext(message))


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
        "Station", "Recipients", "Catalog and templates", "Stock and plan", "Letters", "Handover", "Dashboard",
        "Settings",
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
    window.show_screen("dashboard")
    screen = window.stack.currentWidget()
    assert isinstance(screen, PlaceholderScreen)
    assert screen.title.text() == "Dashboard"
    assert "later version" in screen.notice.text()


def test_navigation_by_ctrl_and_a_number(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for number, info in reversed(list(enumerate(SCREENS, start=1))):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_screen_key() == info.key
        assert window.sidebar.currentRow() == number - 1


def test_ctrl_q_closes_the_window(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_language_switch_retranslates_the_window_live(qtbot, window, monkeypatch):
    real = i18n.translator
    monkeypatch.setattr(i18n, "translator", lambda lang: RussianForTest() if lang == "ru" else real(lang))
    english = visible_texts(window)
    assert {"Recipients", "&File", "Surname Given Patronymic"} <= english

    window.language_actions["ru"].trigger()

    russian = visible_texts(window)
    assert {"Получатели", "Станция", "Настройки", "&Файл", "&Вид", "&Справка", "Фамилия Имя Отчество"} <= russian
    assert not {"Recipients", "Station", "&File", "Surname Given Patronymic"} & russian
    assert window.recipients.model.index(0, 5).data() == "Запланирована"
    assert window.recipients.count_label.text().startswith("1\u00a0000")  # grouped the Russian way
    assert window.language_actions["ru"].isChecked()
    window.show_screen("letters")
    assert window.stack.currentWidget().notice.text() == "Этот экран появится в следующей версии Packline."

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
    assert set(QSettings().allKeys()) == {GEOMETRY_KEY}  # geometry only

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
