"""The column beside the checklist while a packer is signed in: command buttons, weight, last events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from models.core.i18n import _
from ui.station.commands import StationCommands, command_button

MAX_WEIGHT_INPUT_G = 100_000


class SidePanel(QWidget):
    def __init__(self, commands: StationCommands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.commands_heading = QLabel()
        self.commands_heading.setObjectName("sideHeading")
        self.buttons = {key: command_button(commands.action(key), f"{key}Button")
                        for key in ("next", "undo", "reprint", "slip", "seal")}
        self.weight_caption = QLabel()
        self.weight_caption.setObjectName("sideHeading")
        self.weight = QLineEdit()
        self.weight.setObjectName("weightInput")
        self.weight.setValidator(QIntValidator(1, MAX_WEIGHT_INPUT_G, self.weight))
        self.weight.setClearButtonEnabled(True)
        self.weight_caption.setBuddy(self.weight)
        self.events_heading = QLabel()
        self.events_heading.setObjectName("sideHeading")
        self.events = QListWidget()
        self.events.setObjectName("recentEvents")
        self.events.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.events.setWordWrap(True)
        self.events.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        buttons = QVBoxLayout()
        buttons.setSpacing(8)
        for button in self.buttons.values():
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.commands_heading)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addWidget(self.weight_caption)
        layout.addWidget(self.weight)
        layout.addSpacing(8)
        layout.addWidget(self.events_heading)
        layout.addWidget(self.events, 1)
        self.retranslate()

    def show_events(self, lines: list[str]) -> None:
        self.events.clear()
        self.events.addItems(lines)

    def retranslate(self) -> None:
        self.commands_heading.setText(_("Commands"))
        self.weight_caption.setText(_("&Weight in grams (F3), then Enter:"))
        self.weight.setPlaceholderText(_("e.g. 4350"))
        self.events_heading.setText(_("Last events"))
