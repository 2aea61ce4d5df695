"""The packing page's layout: station bar on top, the package beside the sign-in panel or the command
column, and the message bar beside the field for typing a damaged label's code at the bottom."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from models.core.i18n import _
from ui.station.commands import StationCommands
from ui.station.feedback import MessageBar
from ui.station.package_panel import PackagePanel
from ui.station.side_panel import SidePanel
from ui.station.sign_in import SignInPanel

SIDE_WIDTH = 310


class StationPage(QWidget):
    def __init__(self, commands: StationCommands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station_bar = QLabel()
        self.station_bar.setObjectName("stationBar")
        self.sign_out_button = QToolButton()
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.setDefaultAction(commands.action("sign_out"))
        self.sign_out_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.package = PackagePanel()
        self.sign_in = SignInPanel()
        self.side = SidePanel(commands)
        self.side_stack = QStackedWidget()
        self.side_stack.addWidget(self.sign_in)
        self.side_stack.addWidget(self.side)
        self.side_stack.setFixedWidth(SIDE_WIDTH)
        self.message = MessageBar()
        self.manual_caption = QLabel()
        self.manual = QLineEdit()
        self.manual.setObjectName("manualCode")
        self.manual.setMaxLength(48)
        self.manual.setClearButtonEnabled(True)
        self.manual_caption.setBuddy(self.manual)

        top = QHBoxLayout()
        top.addWidget(self.station_bar, 1)
        top.addWidget(self.sign_out_button)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.package, 1)
        body.addWidget(self.side_stack)
        entry = QWidget()
        entry.setFixedWidth(SIDE_WIDTH)
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.setSpacing(2)
        entry_layout.addWidget(self.manual_caption)
        entry_layout.addWidget(self.manual)
        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.sign_in.retranslate()
        self.side.retranslate()
        self.package.retranslate()
        self.manual_caption.setText(_("Type a code by hand (F2):"))
        self.manual.setPlaceholderText(_("digits under the barcode"))
