"""The Handover screen alone, driven as a supervisor does: a scanner on a fake clock that types bursts as key
events; file dialogs replaced by answers the test gives; signing in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.workspace import Workspace
from tests.support.handover_fixtures import SUPERVISOR_PIN
from ui.handover.screen import HandoverScreen
from ui.scanner import ScannerInput

KEYS = {str(digit): getattr(Qt.Key, f"Key_{digit}") for digit in range(10)}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Keyboard:
    """Types a scanner burst (3 ms between keys, Enter at the end) into the window, as a scanner does."""

    widget: QWidget
    clock: FakeClock

    def press(self, text: str, key: int) -> None:
        window = self.widget.window().windowHandle()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, 0, 0, 0, text))
        self.clock.now += 3

    def scan(self, code: str) -> None:
        for char in code:
            self.press(char, KEYS[char])
        self.press("\r", Qt.Key.Key_Return)
        self.clock.now += 500


@dataclass
class Answers:
    """What the replaced dialogs answer next."""

    save: list[Path] = field(default_factory=list)
    open: list[Path] = field(default_factory=list)
    folder: list[Path] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    confirm: list[bool] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    """What the confirmations asked."""


def build(qtbot, workspace: Workspace, answers: Answers) -> tuple[HandoverScreen, Keyboard]:
    clock = FakeClock()
    screen = HandoverScreen(workspace, scanner=ScannerInput(clock=clock))
    # An answer the test did not give is a cancelled dialog.
    screen.choose_save_file = lambda *args: (str(answers.save.pop(0)) if answers.save else "", "")
    screen.choose_open_file = lambda *args: (str(answers.open.pop(0)) if answers.open else "", "")
    screen.choose_folder = lambda *args: str(answers.folder.pop(0)) if answers.folder else ""
    screen.ask_text = lambda *args: (answers.text.pop(0), True) if answers.text else ("", False)

    def confirm(_parent: object, _title: str, question: str) -> bool:
        answers.questions.append(question)
        return answers.confirm.pop(0) if answers.confirm else False

    screen.confirm = confirm  # type: ignore[method-assign]
    qtbot.addWidget(screen)
    screen.resize(1150, 720)
    screen.show()
    qtbot.waitExposed(screen)
    return screen, Keyboard(screen, clock)


def sign_in(qtbot, screen: HandoverScreen, name: str = "Supervisor", pin: str = SUPERVISOR_PIN) -> None:
    screen.user_name.setText(name)
    screen.user_pin.setText(pin)
    qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)
