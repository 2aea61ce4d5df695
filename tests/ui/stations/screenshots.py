"""Make docs/screenshots/stations-en.png and conflicts-en.png (1366x768): a hub with three stations, lots
and one conflict (a package packed and sealed at two stations).

    uv run python -m tests.ui.stations.screenshots
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.workspace import Workspace  # noqa: E402
from tests.support.stations import build_network  # noqa: E402
from ui.app import build_operational_screens, configure_application  # noqa: E402
from ui.conflicts.screen import ConflictsScreen  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.stations import StationsScreen  # noqa: E402

OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
SIZE = (1366, 768)
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)  # never the user's
        configure_application(app)
        net = build_network(Path(folder))
        workspace = Workspace(net.hub.db, net.hub.path)
        window = MainWindow(workspace, screens=build_operational_screens(workspace))
        window.resize(*SIZE)
        window.show()
        window.show_screen("stations")
        screen = window.stack.currentWidget()
        assert isinstance(screen, StationsScreen)
        screen._exchanged(screen.service.import_from(net.folder))  # noqa: SLF001 - the message a user would see
        screen.table.selectRow(0)
        app.processEvents()
        OUT.mkdir(parents=True, exist_ok=True)
        target = OUT / "stations-en.png"
        window.grab().save(str(target))
        print(target)
        window.show_screen("conflicts")
        conflicts = window.stack.currentWidget()
        assert isinstance(conflicts, ConflictsScreen)
        conflicts.refresh()
        buttons = conflicts.choices.buttons()
        buttons[-1].setChecked(True)  # keep the second station's work: the first box is to be unpacked
        conflicts.supervisor.setText("Ivan")
        app.processEvents()
        target = OUT / "conflicts-en.png"
        window.grab().save(str(target))
        print(target)
        window.close()
        net.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
