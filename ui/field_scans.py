"""Scans on the screens that have no scanner of their own: typed into the focused field as the code's digits.

The station and handover screens capture scans themselves (`ScannerInput`, while they are shown). Every other
screen takes codes in ordinary fields (the recipients search, letters, stock intake, the catalog, the template
editor, the receiving side). There a scanner's keys would arrive as whatever the keyboard layout puts on the
digit row (`&é"'(` under French), so the main window keeps the same input layer (`FieldScans`) installed for
those screens: a burst is recognised as a scan, its physical digits are typed into the focused field, followed
by Enter, as a scanner on a US layout would have typed them. Typing stays typing: a slower key goes to the
field unchanged.

A scan when no field has focus has nowhere to go; it is refused visibly (status bar and a beep), never
dropped in silence.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from models.core.i18n import _
from ui.scanner import ScannerInput, text_field_has_focus


@runtime_checkable
class CapturesScans(Protocol):
    """A screen that takes scans itself while it is shown (the station, handover)."""

    scanner: ScannerInput


def _key_for(char: str) -> Qt.Key:
    """The Qt key a US keyboard gives for an ASCII character of a code (digits, `]`, letters of `]C1`)."""
    if char.isascii() and char.isprintable():
        return Qt.Key(ord(char.upper()))
    return Qt.Key.Key_unknown


def type_into(widget: QWidget, text: str) -> None:
    """Type `text` and Enter into `widget`, one key event a character (so validators and signals run)."""
    presses = [(_key_for(char), char) for char in text] + [(Qt.Key.Key_Return, "\r")]
    for key, char in presses:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


class FieldScans(QObject):
    """The input layer of `window` while it is shown and the current screen of `stack` has no scanner."""

    def __init__(self, report: Callable[[str], None], window: QWidget, stack: QStackedWidget,
                 scanner: ScannerInput | None = None) -> None:
        """`report(text)` shows a sentence where the window says what happened (its status bar)."""
        super().__init__(window)
        self.report = report
        self.window, self.stack = window, stack
        self.scanner = scanner if scanner is not None else ScannerInput(self)
        self.scanner.scanned.connect(self.deliver)
        self.scanner.repeated.connect(
            lambda code: self.report(_("{code} was read twice and counted once.").format(code=code)))
        self.installed = False
        window.installEventFilter(self)
        stack.currentChanged.connect(lambda _index: self._follow())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.window and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            QTimer.singleShot(0, self._follow)  # after the screens' own show and hide events
        return False

    def _follow(self) -> None:
        """Capture scans unless the current screen captures them itself (two layers would each hold the
        other's keys), and only while the window is shown."""
        wanted = self.window.isVisible() and not isinstance(self.stack.currentWidget(), CapturesScans)
        if wanted and not self.installed:
            self.scanner.install()
        elif not wanted and self.installed:
            self.scanner.uninstall()
        self.installed = wanted

    def deliver(self, code: str) -> None:
        """One scan: typed into the focused field, or refused when no field has focus."""
        widget = QApplication.focusWidget()
        if widget is not None and text_field_has_focus():
            type_into(widget, code)
            return
        QApplication.beep()
        self.report(_("{code} was scanned, but no field here takes it: click the field the code is for, or "
                      "open Station to pack.").format(code=code))
