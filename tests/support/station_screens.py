"""A station database with the demo campaign, a packer and a named station, plus fakes for the screen:
a label sink that keeps what it was given, a sound player that only listens, and a scanner that types
bursts as real key events."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.workspace import Workspace
from models.core.codes import Command, command_code
from models.demo.campaign import TEMPLATE, catalog_items, create_demo
from models.packing.users import Role
from ui.scanner import ScannerInput
from ui.station.feedback import Sound
from ui.station.label_output import Finished, LabelJob, LabelResult

PACKER, PIN, BADGE = "Олена Коваль", "1234", "7000001"
STATION = "Station 1"
SEAL, UNDO, ACK = command_code(Command.SEAL), command_code(Command.UNDO), command_code(Command.ACKNOWLEDGE)
REPRINT, NEXT = command_code(Command.REPRINT), command_code(Command.NEXT_PACKAGE)
BARCODES = {item.name: item.barcodes[0] for item in catalog_items()}
TOBACCO = BARCODES["Сигареты, блок 10 пачек"]
NOT_IN_TEMPLATE = BARCODES["Халва подсолнечная, 350 г"]


def template_scans() -> list[str]:
    """Item barcodes that fill every required line of the demo template with main items."""
    return [BARCODES[name] for name, quantity, required, _subs in TEMPLATE if required for _ in range(quantity)]


def prepare_database(path: Path, recipients: int = 20) -> Workspace:
    workspace = Workspace.open(path)
    create_demo(workspace.db, "Demo", recipients=recipients)
    workspace.user_service().add(PACKER, Role.PACKER, PIN, badge_code=BADGE, language="uk")
    workspace.user_service().add("Ivan", Role.SUPERVISOR, "9876")
    workspace.station_service().ensure(STATION)
    return workspace


@dataclass
class FakeSink:
    jobs: list[LabelJob] = field(default_factory=list)
    done: bool = True

    def output(self, job: LabelJob, finished: Finished) -> LabelResult:
        self.jobs.append(job)
        return LabelResult(self.done, "Label sent to the test printer." if self.done else "Printer jammed.")

    def package_shown(self, code: str | None) -> None:
        """A printer has no preview to close."""


@dataclass
class RecordingPlayer:
    played: list[Sound] = field(default_factory=list)

    def play(self, sound: Sound, volume: float) -> None:
        self.played.append(sound)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


KEYS = {str(digit): getattr(Qt.Key, f"Key_{digit}") for digit in range(10)}


class KeyboardScanner:
    """Types into a window as a USB scanner does: one key event pair per character, a few ms apart."""

    def __init__(self, widget: QWidget, clock: FakeClock) -> None:
        self.widget = widget
        self.clock = clock

    def press(self, text: str, key: int | None = None, gap: float = 3.0, scan_code: int = 0) -> None:
        window = self.widget.window().windowHandle()
        assert window is not None, "show the widget first"
        key = key if key is not None else KEYS.get(text, Qt.Key.Key_unknown)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, scan_code, 0, 0,
                                                     text))
        self.clock.now += gap

    def scan(self, code: str, suffix: str = "\r", gap: float = 3.0) -> None:
        for char in code:
            self.press(char, gap=gap)
        if suffix == "\r":
            self.press("\r", Qt.Key.Key_Return, gap=gap)
        elif suffix == "\t":
            self.press("\t", Qt.Key.Key_Tab, gap=gap)
        elif suffix == "\r\n":
            self.press("\r", Qt.Key.Key_Return, gap=gap)
            self.press("\n", Qt.Key.Key_Enter, gap=gap)
        self.clock.now += 500  # the next scan comes later

    def type_slowly(self, text: str, gap: float = 200.0) -> None:
        for char in text:
            self.press(char, gap=gap)


def make_scanner(clock: FakeClock) -> ScannerInput:
    return ScannerInput(clock=clock)
