"""Settings > Test a scanner: the keys a scanner types for the test sheet, judged on screen; the sheet prints."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models.core.codes import SCANNER_TEST_CODE
from tests.support.pdfcheck import decode_page
from tests.support.station_screens import FakeClock, KeyboardScanner
from ui.campaign.settings_screen import SettingsScreen
from ui.scanner_test import ScannerTestDialog

AZERTY = dict(zip("1234567890", "&é\"'(-è_çà", strict=True))


@pytest.fixture
def dialog(qtbot, workspace, monkeypatch):
    monkeypatch.setattr(SettingsScreen, "printers", staticmethod(lambda: []))
    screen = SettingsScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.mouseClick(screen.scanner_button, Qt.MouseButton.LeftButton)
    opened = screen.scanner_test
    assert isinstance(opened, ScannerTestDialog)
    qtbot.waitExposed(opened)
    clock = FakeClock()
    opened._clock = clock  # noqa: SLF001 - the scanner's timing, made exact
    return opened, KeyboardScanner(opened, clock)


def shown(dialog: ScannerTestDialog) -> list[str]:
    return [dialog.findings.item(row).text() for row in range(dialog.findings.count())]


def test_a_french_layout_and_a_missing_suffix_are_told_and_the_keys_go_nowhere_else(qtbot, dialog):
    opened, keys = dialog
    for digit in SCANNER_TEST_CODE:
        keys.press(AZERTY[digit])
    qtbot.waitUntil(lambda: opened.reads == 1, timeout=2000)
    lines = shown(opened)
    assert lines[0].startswith("✓  The test sheet's code was read whole.")
    assert lines[1].startswith("•  The keyboard layout turns the scanner's digits into \"&é\"'(-è_çà")
    assert lines[3].startswith("•  The scanner sends nothing after a code")
    assert opened.heading.text() == "Scan 1:"
    assert opened.isVisible()  # the scanner's keys pressed no button of the dialog


def test_a_double_read_and_a_slow_scanner_are_told(qtbot, dialog):
    opened, keys = dialog
    for index, digit in enumerate(SCANNER_TEST_CODE):
        keys.press(digit, gap=120.0 if index == 8 else 3.0)
    keys.press("\r", Qt.Key.Key_Return)
    keys.scan(SCANNER_TEST_CODE)  # at once again: the scanner's double read
    qtbot.waitUntil(lambda: opened.reads == 1, timeout=2000)
    lines = shown(opened)
    assert lines[4].startswith("•  The scanner paused 120 ms inside the code.")
    assert lines[5].startswith("•  The scanner sent the code twice within")


def test_the_test_sheet_prints_from_the_dialog(qtbot, dialog, workspace):
    opened, _keys = dialog
    qtbot.mouseClick(opened.print_button, Qt.MouseButton.LeftButton)
    saved = workspace.path.parent / "labels" / "scanner-test-sheet.pdf"  # no printer set: saved as a PDF
    assert opened.sheet_message.text() == f"Test sheet sent to {saved}."
    assert [d.text for d in decode_page(saved.read_bytes(), 0, 300)] == [SCANNER_TEST_CODE] * 2
