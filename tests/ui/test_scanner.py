"""Scanner bursts captured application-wide, driven with real key events sent to the window."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.scanner import ScannerInput, physical_character

CODE = "100000000000000017"
KEY_FOR = {str(d): getattr(Qt.Key, f"Key_{d}") for d in range(10)}


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def setup(qtbot):
    form = QWidget()
    layout = QVBoxLayout(form)
    search, other = QLineEdit(), QLineEdit()
    layout.addWidget(search)
    layout.addWidget(other)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    clock = FakeClock()
    scanner = ScannerInput(clock=clock)
    scanner.install()
    yield form, search, scanner, clock
    scanner.uninstall()


def press(form, clock, text, key=None, gap=4, scan_code=0):
    window = form.windowHandle()
    key = key if key is not None else KEY_FOR.get(text, 0)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, scan_code, 0, 0, text)
        from PySide6.QtWidgets import QApplication

        QApplication.sendEvent(window, event)
    clock.now += gap


def type_text(form, clock, text, gap):
    for char in text:
        press(form, clock, char, gap=gap)


def test_a_scan_is_captured_once_and_never_typed_into_the_focused_field(qtbot, setup):
    form, search, scanner, clock = setup
    with qtbot.waitSignal(scanner.scanned) as blocker:
        type_text(form, clock, CODE, gap=3)
        press(form, clock, "\r", Qt.Key.Key_Return)
    assert blocker.args == [CODE]
    assert search.text() == ""


def test_scans_arrive_whichever_widget_has_focus(qtbot, setup):
    form, search, scanner, clock = setup
    got = []
    scanner.scanned.connect(got.append)
    for code in (CODE, "4820000000017"):
        type_text(form, clock, code, gap=2)
        press(form, clock, "\t", Qt.Key.Key_Tab)
        clock.now += 1000
        form.focusNextChild()
    assert got == [CODE, "4820000000017"]


def test_human_typing_reaches_the_field(qtbot, setup):
    form, search, scanner, clock = setup
    got = []
    scanner.scanned.connect(got.append)
    type_text(form, clock, "Ivan", gap=180)
    qtbot.waitUntil(lambda: search.text() == "Ivan")
    assert got == []


def test_burst_without_suffix_ends_on_silence(qtbot, setup):
    form, search, scanner, clock = setup
    with qtbot.waitSignal(scanner.scanned, timeout=2000) as blocker:
        type_text(form, clock, CODE, gap=3)
        clock.now += 250  # the silence the idle timer waits out, on the fake clock
    assert blocker.args == [CODE]


def test_french_layout_digit_row_is_mapped_back_to_digits(qtbot, setup):
    form, search, scanner, clock = setup
    azerty = CODE.translate(str.maketrans("1234567890", "&é\"'(-è_çà"))
    with qtbot.waitSignal(scanner.scanned) as blocker:
        for char in azerty:
            press(form, clock, char, key=Qt.Key.Key_unknown, gap=3)
        press(form, clock, "\r", Qt.Key.Key_Return)
    assert blocker.args == [CODE]


def test_physical_keys_by_native_scan_code():
    assert physical_character("ё", 10, "xcb") == "1"
    assert physical_character("х", 19, "xcb") == "0"
    assert physical_character("!", 2, "windows") == "1"
    assert physical_character("7", 0, "offscreen") == "7"
    assert physical_character("й", 0, "offscreen") == "й"
