"""The station's commands as actions with function keys, mirroring the command barcodes.

    F2  type a code (damaged label)      F6  Undo last
    F3  enter the weight                 F7  Reprint label
    F5  Next package                     F8  Seal
    Shift+F7  Print the content slip of the package on screen
    F9  Sign out                         Esc or F12  Acknowledge a refusal (only while the red panel shows)

Actions are added to the station screen with the window-wide context: they work wherever the focus is in
the window, and only while the station screen is visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from models.core.i18n import N_, _


@dataclass(frozen=True)
class CommandInfo:
    key: str
    title: str
    """msgid, translated when shown."""
    shortcuts: tuple[str, ...]


COMMANDS: tuple[CommandInfo, ...] = (
    CommandInfo("next", N_("Next package"), ("F5",)),
    CommandInfo("undo", N_("Undo last"), ("F6",)),
    CommandInfo("reprint", N_("Reprint label"), ("F7",)),
    CommandInfo("slip", N_("Content slip"), ("Shift+F7",)),
    CommandInfo("seal", N_("Seal"), ("F8",)),
    CommandInfo("manual", N_("Type a code"), ("F2",)),
    CommandInfo("weight", N_("Enter weight"), ("F3",)),
    CommandInfo("sign_out", N_("Sign out"), ("F9",)),
    CommandInfo("acknowledge", N_("Acknowledge"), ("Esc", "F12")),
)


class StationCommands(QObject):
    """One QAction per command, by key (`commands.action("seal")`)."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.actions: dict[str, QAction] = {}
        for info in COMMANDS:
            action = QAction(owner)
            action.setObjectName(f"{info.key}Action")
            action.setShortcuts([QKeySequence(key) for key in info.shortcuts])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            owner.addAction(action)
            self.actions[info.key] = action
        self.retranslate()

    def action(self, key: str) -> QAction:
        return self.actions[key]

    def retranslate(self) -> None:
        for info in COMMANDS:
            self.actions[info.key].setText(f"{_(info.title)}  ({info.shortcuts[0]})")


def command_button(action: QAction, name: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setDefaultAction(action)
    button.setProperty("command", True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button
