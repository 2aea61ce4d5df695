"""Make docs/screenshots/stations-LANG.png and conflicts-LANG.png (1,280 x 720, en, ru, uk): a hub with three
stations, lots and one conflict (a package packed and sealed at two stations).

    uv run python -m tests.ui.stations.screenshots
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.workspace import Workspace  # noqa: E402
from models.packing.sql.stations_repo import SqlStationStore  # noqa: E402
from models.packing.station import StationService  # noqa: E402
from models.storage.opening import open_database  # noqa: E402
from models.sync import exchange, pack  # noqa: E402
from tests.support.stations import PASSPHRASE, Network, Node, build_network  # noqa: E402
from ui.app import build_operational_screens, configure_application  # noqa: E402
from ui.conflicts.screen import ConflictsScreen  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.stations import StationsScreen  # noqa: E402

OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
SIZE = (1280, 720)
NEW_STATION = "Station 4 (new)"


def shoot(window: MainWindow, name: str, said: Callable[[], None] = lambda: None) -> None:
    """The screen shown, in each language, as docs/screenshots/NAME-LANG.png; `said()` says again, in the new
    language, what the switch cleared."""
    for language in ("en", "ru", "uk"):
        window.choose_language(language)
        said()
        QApplication.processEvents()
        target = OUT / f"{name}-{language}.png"
        window.grab().save(str(target))
        print(target)


def _new_station_asks(net: Network, folder: Path) -> None:
    """A fourth station joins and sends its first file: the hub shows it asking to be enrolled."""
    path = folder / "station-4.db"
    node = Node(NEW_STATION, open_database(path), path)
    pack.import_pack(node.db, net.folder / pack.PACK_FILE_NAME, passphrase=PASSPHRASE)
    StationService(SqlStationStore(node.db)).ensure(NEW_STATION)
    exchange.export_events(node.db, net.folder)
    node.db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)  # never the user's
        configure_application(app)
        net = build_network(Path(folder))
        _new_station_asks(net, Path(folder))
        workspace = Workspace(net.hub.db, net.hub.path)
        window = MainWindow(workspace, screens=build_operational_screens(workspace))
        window.resize(*SIZE)
        window.show()
        window.show_screen("stations")
        screen = window.stack.currentWidget()
        assert isinstance(screen, StationsScreen)
        report = screen.service.import_from(net.folder)
        screen.table.selectRow(0)
        OUT.mkdir(parents=True, exist_ok=True)
        shoot(window, "stations", lambda: screen._exchanged(report))  # noqa: SLF001 - the message a user would see
        window.show_screen("conflicts")
        conflicts = window.stack.currentWidget()
        assert isinstance(conflicts, ConflictsScreen)
        conflicts.refresh()
        buttons = conflicts.choices.buttons()
        buttons[-1].setChecked(True)  # keep the second station's work: the first box is to be unpacked
        conflicts.supervisor.setText("Ivan")
        shoot(window, "conflicts")
        window.choose_language("en")
        window.close()
        net.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
