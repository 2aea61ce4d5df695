"""Scans on the screens without a scanner of their own (ui.field_scans): typed into the focused field as digits,
under any keyboard layout; typing stays typing; a scan with nowhere to go is refused on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.support.station_screens import FakeClock, KeyboardScanner
from ui.app import build_operational_screens
from ui.main_window import MainWindow

AZERTY_ROW = "&é\"'(-è_çà"  # what a French layout gives for the unshifted digit row 1234567890
LIST_NUMBER = "100042"


def azerty(digits: str) -> str:
    return "".join(AZERTY_ROW[(int(d) - 1) % 10] for d in digits)


@pytest.fixture
def window(qtbot, filled_workspace) -> MainWindow:
    win = MainWindow(filled_workspace, screens=build_operational_screens(filled_workspace))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.show_screen("recipients")
    qtbot.waitUntil(lambda: win.field_scans.installed)
    return win


def test_a_scan_under_a_french_layout_reaches_the_recipients_search_as_digits(qtbot, window):
    search = window.recipients.search_box
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    KeyboardScanner(window, FakeClock()).scan(azerty(LIST_NUMBER + "0000000000"))
    assert search.text() == LIST_NUMBER + "0000000000"
    assert "&" not in search.text()


def test_typing_in_the_search_is_left_as_typed(qtbot, window):
    search = window.recipients.search_box
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    keys = KeyboardScanner(window, FakeClock())
    for char in "Ко&":
        keys.press(char, key=Qt.Key.Key_unknown)
        qtbot.wait(120)  # a person's pace
    qtbot.waitUntil(lambda: search.text() == "Ко&")


def test_a_scan_with_no_field_to_take_it_is_refused_in_the_status_bar(qtbot, window):
    window.recipients.table.setFocus()
    qtbot.waitUntil(window.recipients.table.hasFocus)
    KeyboardScanner(window, FakeClock()).scan("100000000000000017")
    assert "100000000000000017 was scanned, but no field here takes it" in window.statusBar().currentMessage()
    assert window.recipients.search_box.text() == ""


def test_one_input_layer_at_a_time_the_station_and_handover_capture_their_own(qtbot, window):
    for key, own in (("station", True), ("handover", True), ("letters", False), ("stock", False),
                     ("catalog", False), ("recipients", False)):
        window.show_screen(key)
        qtbot.waitUntil(lambda own=own: window.field_scans.installed is not own)
    window.hide()
    qtbot.waitUntil(lambda: not window.field_scans.installed)
