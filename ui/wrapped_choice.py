"""A radio button whose text wraps: a supervisor's choice is a whole sentence, and a QRadioButton's text never
wraps (the end of the sentence, often the part that matters, would be cut on a 1,280-wide screen)."""

from __future__ import annotations

from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QRadioButton, QWidget


class _ClickableText(QLabel):
    def __init__(self, text: str, button: QRadioButton) -> None:
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """A click on the sentence chooses it, as a click on a radio button's own text does."""
        if self.button.isEnabled():
            self.button.click()
        super().mousePressEvent(event)


class WrappedChoice(QWidget):
    """`button` is the radio button (in the caller's button group); `text` the sentence beside it."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QRadioButton()
        self.button.setAccessibleName(text)
        self.text = _ClickableText(text, self.button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.text, 1)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name
        super().setEnabled(enabled)
        self.button.setEnabled(enabled)

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - Qt's name
        super().setToolTip(tip)
        self.button.setToolTip(tip)
        self.text.setToolTip(tip)
