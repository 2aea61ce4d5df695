"""Screens this work changed, in a real window (run under Xvfb) at 1,280 x 720, in English, Russian and Ukrainian.

    xvfb-run -s "-screen 0 1280x720x24" env QT_QPA_PLATFORM=xcb uv run python -m tests.ui.window_shots

The network of the several-stations screenshots (tests/ui/stations/screenshots.py): Station 1's Station screen
signed in with the next package of its lot in progress, a double read said on screen and the package's events in
words; a wrong weight refused as it is entered; the hub's Stations screen with the lots as the runs they hold.
Written to docs/screenshots/window-*.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.workspace import Workspace
from models.core.codes import Command, command_code
from tests.support.packing_fixtures import PIN
from tests.support.stations import build_network
from ui.app import build_operational_screens, configure_application
from ui.main_window import MainWindow
from ui.station import StationScreen

SIZE = (1280, 720)
OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        configure_application(app)
        net = build_network(Path(folder))
        node = net["Station 1"]
        workspace = Workspace(node.db, node.path)
        window = MainWindow(workspace, screens=build_operational_screens(workspace))
        window.resize(*SIZE)
        window.show()
        station = window.stack.currentWidget()
        assert isinstance(station, StationScreen), window.current_screen_key()  # it opens on Station
        station.sign_in.choose("Olena")
        station.sign_in.pin.setText(PIN)
        station.sign_in.button.click()
        tea = net.barcodes["tea"]
        for code in (command_code(Command.NEXT_PACKAGE), tea, net.barcodes["soap"]):
            station.handle_scan(code)
        for language in ("en", "ru", "uk"):
            window.choose_language(language)
            window.show_screen("station")
            station._read_twice(tea)  # noqa: SLF001 - what the scanner's double read makes it say
            app.processEvents()
            target = OUT / f"window-station-{language}.png"
            window.grab().save(str(target))
            print(target, window.width(), window.height())
        for language in ("en", "ru", "uk"):  # a wrong weight is refused as it is entered (F3, then Enter)
            window.choose_language(language)
            station.side.weight.setText("9000")
            station._weight_entered()  # noqa: SLF001 - what Enter in the weight field does
            app.processEvents()
            target = OUT / f"window-weight-refused-{language}.png"
            window.grab().save(str(target))
            print(target, window.width(), window.height())
            station.acknowledge()
        window.close()
        hub = Workspace(net.hub.db, net.hub.path)
        window = MainWindow(hub, screens=build_operational_screens(hub))
        window.resize(*SIZE)
        window.show()
        for language in ("en", "ru", "uk"):
            window.choose_language(language)
            window.show_screen("stations")
            app.processEvents()
            target = OUT / f"window-stations-{language}.png"
            window.grab().save(str(target))
            print(target, window.width(), window.height())
        window.close()
        net.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
