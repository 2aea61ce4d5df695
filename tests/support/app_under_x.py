"""The whole app in a real X window, driven by physical key presses; what it showed, as JSON.

    python -m tests.support.app_under_x DATABASE RESULT.json   (DISPLAY and QT_QPA_PLATFORM=xcb set)

Built as `main.py` builds it (`MainWindow` with the operational screens, on the `Workspace` of DATABASE, a
`tests.support.handover_fixtures.packed_demo` with an open batch). The keys are pressed from a second thread
through XTest, so they reach the window through the X server and the keyboard layout in force, while the Qt
event loop runs; what the screens then show is read on the Qt thread. The test (tests/ui/test_real_window.py)
sets the layout, starts this, and checks the result.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication

from app.workspace import Workspace
from models.core.codes import Command, command_code
from models.storage.opening import open_database
from tests.support.handover_fixtures import SUPERVISOR_PIN
from tests.support.station_screens import BARCODES
from tests.support.xserver import F5, Keyboard
from ui.app import build_operational_screens, configure_application
from ui.campaign.letters_screen import LettersScreen
from ui.handover.screen import HandoverScreen
from ui.main_window import MainWindow
from ui.station import StationScreen

MEAT, TEA = BARCODES["Тушёнка говяжья, 325 г"], BARCODES["Чай чёрный листовой, 100 г"]
PACKER, PACKER_PIN, SUPERVISOR = "Packer", "1357", "Supervisor"
PERSON_S = 0.5
"""Between two scans a person makes (one item put down, the next picked up)."""


class QtThread(QObject):
    """Runs a function on the Qt thread for the key-pressing thread and hands back its result."""

    asked = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.asked.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, job: tuple[Callable[[], Any], queue.Queue[Any]]) -> None:
        function, answer = job
        try:
            answer.put((True, function()))
        except Exception as error:  # noqa: BLE001 - handed to the other thread, which raises it
            answer.put((False, error))

    def call(self, function: Callable[[], Any]) -> Any:
        answer: queue.Queue[Any] = queue.Queue()
        self.asked.emit((function, answer))
        ok, value = answer.get(timeout=20)
        if not ok:
            raise value
        return value

    def wait(self, condition: Callable[[], bool], timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.call(condition):
                return True
            time.sleep(0.05)
        return False


def counted(station: StationScreen, barcode_name: str) -> int:
    """How many of the open package's checklist line for `barcode_name` are counted."""
    view = station.session.current_view()
    if view is None:
        return -1
    line = next(line for line in view.lines if line.item_name == barcode_name)
    return sum(count for _name, count in line.counted_names)


def run(window: MainWindow, qt: QtThread, keys: Keyboard, facts: dict[str, str]) -> dict[str, Any]:
    station = window.screens[[i for i, s in enumerate(window.screens) if isinstance(s, StationScreen)][0]]
    handover = next(s for s in window.screens if isinstance(s, HandoverScreen))
    letters = next(s for s in window.screens if isinstance(s, LettersScreen))
    assert isinstance(station, StationScreen)
    seen: dict[str, Any] = {}

    def sign_in() -> None:
        window.show_screen("station")
        station.sign_in.choose(PACKER)
        station.sign_in.pin.setText(PACKER_PIN)
        station.sign_in.button.click()

    qt.call(sign_in)
    qt.wait(lambda: station.session.user is not None)
    keys.tap(F5)  # Next package, from the keyboard's function key
    seen["f5_opened"] = qt.wait(lambda: station.session.current_view() is not None)
    meat, tea = "Тушёнка говяжья, 325 г", "Чай чёрный листовой, 100 г"
    keys.scan(MEAT, pause_at=6, pause_ms=65)
    qt.wait(lambda: counted(station, meat) >= 1, 2)
    seen["meat_after_65_ms_pause"] = qt.call(lambda: counted(station, meat))
    time.sleep(PERSON_S)
    keys.scan(MEAT, pause_at=9, pause_ms=150)
    qt.wait(lambda: counted(station, meat) >= 2, 2)
    seen["message_after_150_ms_pause"] = qt.call(lambda: station.message.text())
    seen["meat_after_paused_scans"] = qt.call(lambda: counted(station, meat))
    time.sleep(PERSON_S)
    keys.scan(TEA)
    time.sleep(0.03)
    keys.scan(TEA)  # the scanner read it twice at once
    time.sleep(0.6)
    seen["tea_after_double_read"] = qt.call(lambda: counted(station, tea))
    seen["station_message"] = qt.call(lambda: station.message.text())
    keys.scan(TEA)  # a second real scan, later (time.sleep above)
    qt.wait(lambda: counted(station, tea) >= 2, 2)
    seen["tea_after_second_scan"] = qt.call(lambda: counted(station, tea))
    time.sleep(PERSON_S)
    keys.scan(command_code(Command.UNDO))  # a command sheet's code, scanned
    qt.wait(lambda: counted(station, tea) < 2, 2)
    seen["tea_after_undo"] = qt.call(lambda: counted(station, tea))

    def on_screen(key: str, field: Any) -> None:
        window.show_screen(key)
        field.clear()
        field.setFocus()

    package = facts["package"]
    qt.call(lambda: on_screen("recipients", window.recipients.search_box))
    qt.wait(lambda: window.recipients.search_box.hasFocus())
    keys.scan(package)
    qt.wait(lambda: window.recipients.search_box.text() == package, 2)
    seen["recipients_search"] = qt.call(lambda: window.recipients.search_box.text())

    qt.call(lambda: on_screen("letters", letters.entry))
    qt.wait(lambda: letters.entry.hasFocus())
    time.sleep(PERSON_S)
    keys.scan(package)
    qt.wait(lambda: bool(letters.message.text()), 2)
    seen["letters_message"] = qt.call(lambda: letters.message.text())
    seen["letters_entry"] = qt.call(lambda: letters.entry.text())
    seen["status"] = qt.call(lambda: window.statusBar().currentMessage())

    def handover_sign_in() -> None:
        window.show_screen("handover")
        handover.user_name.setText(SUPERVISOR)
        handover.user_pin.setText(SUPERVISOR_PIN)
        handover.sign_in()

    qt.call(handover_sign_in)
    keys.scan(facts["batch"])
    qt.wait(lambda: facts["batch"] in handover.message.text(), 2)
    seen["handover_message"] = qt.call(lambda: handover.message.text())
    return seen


def main(argv: list[str]) -> int:
    database, result = Path(argv[0]), Path(argv[1])
    facts = json.loads(argv[2])
    app = QApplication(sys.argv[:1])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(result.parent))
    configure_application(app)
    workspace = Workspace(open_database(database), database)
    window = MainWindow(workspace, screens=build_operational_screens(workspace))
    letters = next(s for s in window.screens if isinstance(s, LettersScreen))
    letters.output = lambda pdf, name: f"{name}.pdf"
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    qt, keys = QtThread(), Keyboard(os.environ["DISPLAY"])
    outcome: dict[str, Any] = {}

    def drive() -> None:
        try:
            qt.wait(lambda: window.isActiveWindow(), 10)
            outcome.update(run(window, qt, keys, facts))
        except Exception:  # noqa: BLE001 - reported to the test
            outcome["error"] = traceback.format_exc()
        finally:
            qt.asked.emit((app.quit, queue.Queue()))

    threading.Thread(target=drive, daemon=True).start()
    app.exec()
    keys.close()
    result.write_text(json.dumps(outcome, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
