"""The station screen inside the main window: scans and function keys only while it is the visible screen,
the refusal panel over the whole window, and a live language switch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from models.core import i18n
from tests.support.station_screens import (
    BARCODES,
    NEXT,
    PACKER,
    PIN,
    TOBACCO,
    FakeClock,
    FakeSink,
    KeyboardScanner,
    RecordingPlayer,
    make_scanner,
)
from ui.main_window import MainWindow
from ui.station import StationScreen, build_station_screen

TEA = BARCODES["Чай чёрный листовой, 100 г"]


@pytest.fixture
def window(qtbot, open_workspace):
    workspace = open_workspace()
    clock = FakeClock()
    screen = StationScreen(workspace, label_sink=FakeSink(), sound_player=RecordingPlayer(),
                           scanner=make_scanner(clock))
    win = MainWindow(workspace, screens={"station": screen})
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.show_screen("station")
    screen.sign_in.choose(PACKER)
    screen.sign_in.pin.setText(PIN)
    screen.sign_in.button.click()
    return win, screen, KeyboardScanner(win, clock)


def test_scans_and_keys_reach_the_station_only_while_it_is_shown(window):
    win, screen, keys = window
    keys.scan(NEXT)
    assert screen.package.view is not None
    keys.scan(TEA)
    assert sum(line.state.scanned for line in screen.package.view.lines) == 1

    win.show_screen("recipients")
    keys.scan(TEA)
    QTest.keyClick(win, Qt.Key.Key_F6)  # Undo: not while the station is hidden
    win.show_screen("station")
    assert sum(line.state.scanned for line in screen.package.view.lines) == 1
    QTest.keyClick(win, Qt.Key.Key_F6)
    assert sum(line.state.scanned for line in screen.package.view.lines) == 0


def test_the_refusal_panel_covers_the_whole_window(window):
    win, screen, keys = window
    keys.scan(NEXT, )
    keys.scan(TOBACCO)
    assert screen.refusal.isVisible()
    assert screen.refusal.parentWidget() is win
    assert screen.refusal.geometry() == win.rect()
    win.resize(1000, 700)
    assert screen.refusal.geometry() == win.rect()
    win.show_screen("recipients")
    assert not screen.refusal.isVisible()
    win.show_screen("station")
    assert screen.refusal.isVisible()
    QTest.keyClick(win, Qt.Key.Key_Escape)
    assert not screen.refusal.isVisible()


def test_a_language_switch_retranslates_the_station(window):
    win, screen, keys = window
    keys.scan(NEXT)
    win.set_language("ru")
    try:
        assert screen.package.model.headerData(0, Qt.Orientation.Horizontal) == "№"
        assert "Следующая посылка" in screen.commands.action("next").text()
        assert i18n.current_language() == "ru"
    finally:
        win.set_language("en")
    assert "Station: Station 1" in screen.station_bar.text()


def test_the_factory_takes_the_language_from_the_settings(qtbot, open_workspace):
    from models.core.settings import LANGUAGE

    workspace = open_workspace()
    workspace.settings().set(LANGUAGE, "uk")
    try:
        screen = build_station_screen(workspace)
        qtbot.addWidget(screen)
        assert i18n.current_language() == "uk"
        assert screen.package.model.headerData(0, Qt.Orientation.Horizontal) == "№"
    finally:
        i18n.set_language("en")
