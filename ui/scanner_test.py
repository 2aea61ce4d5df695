"""The scanner test (Settings > Test a scanner): scan the test sheet's code, read what to set on the scanner.

While the dialog is open it takes every key the keyboard sends, before any other input layer (it is the last
filter installed on the application, so the first to see a key), and records it with its time and the
character of its physical key. After a short silence the keys are judged (`ui.scanner_check.check_reads`) and
the findings shown, each marked as fine, worth knowing, or to be set on the scanner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QHideEvent, QKeyEvent, QShowEvent, QWindow
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.core.i18n import _
from ui.message_label import MessageLabel
from ui.scanner import TERMINATORS, monotonic_ms, physical_character
from ui.scanner_check import END_OF_READ_MS, Finding, Key, Level, check_reads

MARKS = {Level.OK: ("✓", "#1b5e20"), Level.NOTE: ("•", "#8a5a00"), Level.PROBLEM: ("✗", "#b00020")}


def scanner_sheet(language: str) -> tuple[bytes, str]:
    """The test sheet's PDF (an office printer's resolution: it is an A4 page) and its file name."""
    from printing.scanner_sheet import render_scanner_sheet  # ReportLab only when a sheet is printed

    return render_scanner_sheet(language, dpi=300), "scanner-test-sheet"


class ScannerTestDialog(QDialog):
    def __init__(self, print_sheet: Callable[[], str], parent: QWidget | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        """`print_sheet()` prints (or saves) the test sheet and says where it went."""
        super().__init__(parent)
        self.setObjectName("scannerTest")
        self.print_sheet = print_sheet
        self._clock = clock or monotonic_ms
        self._platform = QGuiApplication.platformName()
        self.keys: list[Key] = []
        self.reads = 0
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setObjectName("scannerTestHeading")
        self.findings = QListWidget()
        self.findings.setObjectName("scannerFindings")
        self.findings.setWordWrap(True)
        self.findings.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sheet_message = MessageLabel()
        self.sheet_message.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printScannerSheet")
        self.print_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scanner's Enter never presses it
        self.print_button.clicked.connect(lambda: self.sheet_message.setText(
            _("Test sheet sent to {where}.").format(where=self.print_sheet())))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.heading, self.findings, self.sheet_message, self.buttons):
            layout.addWidget(widget, 1 if widget is self.findings else 0)
        self._judge_timer = QTimer(self)
        self._judge_timer.setSingleShot(True)
        self._judge_timer.setInterval(int(END_OF_READ_MS) + 50)
        self._judge_timer.timeout.connect(self.judge)
        self.resize(720, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Test a scanner"))
        self.intro.setText(_("Scan the large code on the scanner test sheet once, then the small one. Packline "
                             "says what the scanner does well and what to set on it."))
        self.print_button.setText(_("Print the test sheet"))
        if not self.reads:
            self.heading.setText(_("Waiting for a scan…"))

    # -- the keys, before anything else sees them ------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWindow):
            return False
        assert isinstance(event, QKeyEvent)
        terminator = TERMINATORS.get(Qt.Key(event.key()), "")
        text = event.text()
        if not terminator and not (len(text) == 1 and text.isprintable()):
            return False  # Escape closes, Alt+F4 and the like pass
        physical = "" if terminator else physical_character(text, event.nativeScanCode(), self._platform)
        self.keys.append(Key("" if terminator else text, physical, self._clock(), terminator))
        self._judge_timer.start()
        return True

    def judge(self) -> list[Finding]:
        """The keys since the last judgement: one scan (perhaps read twice); its findings are shown."""
        keys, self.keys = self.keys, []
        findings = check_reads(keys)
        if not findings:
            return findings
        self.reads += 1
        self.heading.setText(_("Scan {number}:").format(number=self.reads))
        self.findings.clear()
        for finding in findings:
            mark, colour = MARKS[finding.level]
            item = QListWidgetItem(f"{mark}  {finding.text}")
            item.setForeground(QBrush(QColor(colour)))
            self.findings.addItem(item)
        return findings
