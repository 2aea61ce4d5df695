"""Application-wide capture of barcode-scanner bursts (DESIGN.md section 3).

Scanners are keyboards. Every key press reaches its window before any widget, so a filter on the
application that looks only at key presses addressed to a `QWindow` sees each key exactly once, whichever
widget has focus. Printable keys are held briefly; a fast burst becomes one `scanned` signal, anything
slower is replayed to the window, in order, as the typing it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

from ui.scan_bursts import TYPING_IDLE_MS, BurstDetector, Decision

# The keys that end a scan, with the name the scanner test shows for each.
TERMINATORS = {Qt.Key.Key_Return: "Enter", Qt.Key.Key_Enter: "Enter", Qt.Key.Key_Tab: "Tab"}
# Physical digit-row keys, for layouts that put other characters there.
X11_DIGIT_KEYCODES = {10 + index: str((index + 1) % 10) for index in range(10)}
WINDOWS_DIGIT_SCANCODES = {2 + index: str((index + 1) % 10) for index in range(10)}
AZERTY_DIGITS = dict(zip("&é\"'(-è_çà", "1234567890", strict=False))


def physical_character(text: str, native_scan_code: int, platform: str) -> str:
    """The character a key would give on a US layout, for digits; other characters unchanged.

    A French layout gives "&é\"'(" for an unshifted digit row; Russian and Ukrainian layouts keep digits but
    turn letters into Cyrillic (our codes are digits only, so those never matter).
    """
    if text.isascii() and text.isdigit():
        return text
    table = X11_DIGIT_KEYCODES if platform in ("xcb", "wayland") else WINDOWS_DIGIT_SCANCODES \
        if platform == "windows" else {}
    if native_scan_code in table:
        return table[native_scan_code]
    return AZERTY_DIGITS.get(text, text)


def monotonic_ms() -> float:
    """The clock key times are measured on (milliseconds, never going back)."""
    return time.monotonic() * 1000.0


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.nativeScanCode(),
                     event.nativeVirtualKey(), event.nativeModifiers(), event.text(), event.isAutoRepeat(),
                     event.count())


def text_field_has_focus() -> bool:
    """Does the focused widget take typed text (then a short digit burst was typing, not a broken scan)?"""
    widget = QApplication.focusWidget()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QLineEdit | QAbstractSpinBox | QTextEdit | QPlainTextEdit)


class ScannerInput(QObject):
    """Emits `scanned(text)` once per scanner burst, wherever the keyboard focus is.

    A scan that stopped half-way is emitted too (the screen refuses it visibly), unless a text field has focus,
    where it was typing. `repeated(text)` says the scanner read one code twice; it was counted once.
    """

    scanned = Signal(str)
    repeated = Signal(str)

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] | None = None) -> None:
        super().__init__(parent)
        self._clock = clock or monotonic_ms
        self._detector: BurstDetector[tuple[QWindow, QKeyEvent]] = BurstDetector()
        self._replaying = False
        self._enabled = True
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(int(TYPING_IDLE_MS))
        self._idle.timeout.connect(self._on_idle)
        self._platform = QGuiApplication.platformName()

    def install(self) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def set_enabled(self, enabled: bool) -> None:
        """Disabled, keys pass straight through (e.g. while a modal dialog wants plain typing)."""
        self._enabled = enabled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (self._replaying or not self._enabled or event.type() != QEvent.Type.KeyPress
                or not isinstance(watched, QWindow)):
            return False
        assert isinstance(event, QKeyEvent)
        now = self._clock()
        key = event.key()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                          | Qt.KeyboardModifier.MetaModifier))
        text = event.text()
        if plain and key in TERMINATORS:
            decision = self._detector.terminator((watched, _copy(event)), now)
        elif plain and len(text) == 1 and text.isprintable():
            char = physical_character(text, event.nativeScanCode(), self._platform)
            decision = self._detector.character(char, (watched, _copy(event)), now)
            self._idle.start(int(self._detector.idle_after_ms()))
        else:
            decision = self._detector.other_key(now)
        self._apply(decision)
        return decision.hold

    def _on_idle(self) -> None:
        decision = self._detector.idle(self._clock())
        if decision.wait_ms is not None:
            self._idle.start(max(1, int(decision.wait_ms)))
        self._apply(decision)

    def _apply(self, decision: Decision[tuple[QWindow, QKeyEvent]]) -> None:
        self._replay(decision.replay)
        for text, keys in decision.broken:
            if text_field_has_focus():
                self._replay(keys)
            else:
                self.scanned.emit(text)  # refused by the screen as the incomplete code it is, never dropped
        for text in decision.scans:
            self.scanned.emit(text)
        for text in decision.repeated:
            self.repeated.emit(text)

    def _replay(self, keys: list[tuple[QWindow, QKeyEvent]]) -> None:
        if not keys:
            return
        self._replaying = True
        try:
            for window, event in keys:
                QCoreApplication.sendEvent(window, event)
                release = QKeyEvent(QEvent.Type.KeyRelease, event.key(), event.modifiers(), event.text())
                QCoreApplication.sendEvent(window, release)
        finally:
            self._replaying = False
