"""The red refusal panel: the reason in large type over the whole window, until it is acknowledged.

It covers the top-level window (not just the station screen), so it cannot be missed from across the
table. It is dismissed only by the Acknowledge command barcode, the Esc or F12 key, or a click on its
button; ordinary keys do nothing (its button takes no keyboard focus, so Space or Enter cannot dismiss it
by accident).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from models.core.codes import CodeKind
from models.core.i18n import _
from models.packing.scanning import ScanOutcome
from ui.station.style import RED, REFUSAL_PT

PANEL_STYLE = f"""
QFrame#refusalPanel {{ background: {RED}; }}
QFrame#refusalPanel QLabel {{ color: white; background: transparent; }}
QLabel#refusalTitle {{ font-size: 22pt; font-weight: bold; letter-spacing: 2px; }}
QLabel#refusalReason {{ font-size: {REFUSAL_PT}pt; font-weight: bold; }}
QLabel#refusalCode {{ font-size: 16pt; }}
QLabel#refusalHint {{ font-size: 18pt; }}
QPushButton#acknowledgeButton {{ font-size: 18pt; font-weight: bold; color: {RED}; background: white;
                                 border-radius: 10px; padding: 14px 36px; }}
"""


class RefusalPanel(QFrame):
    acknowledge_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusalPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.setAutoFillBackground(True)
        self.outcome: ScanOutcome | None = None
        self.signed_in = True
        self._window: QWidget | None = None

        self.title = QLabel()
        self.title.setObjectName("refusalTitle")
        self.reason = QLabel()
        self.reason.setObjectName("refusalReason")
        self.reason.setWordWrap(True)
        self.reason.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.code = QLabel()
        self.code.setObjectName("refusalCode")
        self.hint = QLabel()
        self.hint.setObjectName("refusalHint")
        self.hint.setWordWrap(True)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton()
        self.button.setObjectName("acknowledgeButton")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.acknowledge_requested)
        for label in (self.title, self.reason, self.code, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(24)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addWidget(self.code)
        layout.addSpacing(12)
        layout.addWidget(self.hint)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self.hide()
        self.retranslate()

    def show_outcome(self, outcome: ScanOutcome, host: QWidget, *, signed_in: bool = True) -> None:
        """Show `outcome`'s reason over the whole window that holds `host`."""
        self.outcome = outcome
        self.signed_in = signed_in
        self.reason.setText(outcome.message)
        self.code.setText(_("Scanned: {code}").format(code=outcome.code) if outcome.code else "")
        self.code.setVisible(bool(outcome.code))
        self.retranslate()
        self._cover(host.window())

    def dismiss(self) -> None:
        self.outcome = None
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(_("REFUSED"))
        if self.signed_in:
            self.hint.setText(_hint(self.outcome.kind if self.outcome is not None else None))
            self.button.setText(_("Acknowledge (Esc)"))
        else:
            self.hint.setText(_("Nobody is signed in: press Esc, sign in, then acknowledge."))
            self.button.setText(_("Sign in (Esc)"))

    # -- covering the window -----------------------------------------------------------------------------------

    def _cover(self, window: QWidget) -> None:
        if self._window is not window:
            if self._window is not None:
                self._window.removeEventFilter(self)
            self.setParent(window)
            window.installEventFilter(self)
            self._window = window
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._window and event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


def _hint(kind: CodeKind | None) -> str:
    """What to do next. "Put it aside" only for a refused scanned item or letter: a refused seal, weight or
    command has nothing to set aside (the text must fit its cause)."""
    if kind in (CodeKind.ITEM, CodeKind.UNKNOWN):
        return _("Put the item aside. Scan ACKNOWLEDGE or press Esc to continue.")
    if kind is CodeKind.LETTER:
        return _("Put the letter aside. Scan ACKNOWLEDGE or press Esc to continue.")
    return _("Scan ACKNOWLEDGE or press Esc to continue.")
