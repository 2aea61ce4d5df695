"""Starting the GUI: the application object, its identity and defaults, and the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from models.core.i18n import _, current_language
from ui.main_window import MainWindow
from ui.periodic import PeriodicJobs
from ui.qt_translations import install_qt_translations
from ui.services import Services

APP_NAME = "Packline"
MINIMUM_POINT_SIZE = 11  # read at arm's length in a warehouse


def configure_application(app: QApplication) -> None:
    """Identity (where QSettings live), settings format and a readable base font."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    # One plain INI file on every system (no registry on Windows); it holds window geometry only.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    font = app.font()
    if 0 < font.pointSizeF() < MINIMUM_POINT_SIZE:
        font.setPointSizeF(MINIMUM_POINT_SIZE)
        app.setFont(font)
    install_qt_translations(current_language())


def build_operational_screens(workspace: Services) -> dict[str, QWidget]:
    """The station, handover and conflicts screens, built before the window.

    The station screen comes first: it applies the language stored in the settings, so the window opens in it.
    """
    from ui.conflicts.screen import build_conflicts_screen
    from ui.handover import build_handover_screen
    from ui.station import build_station_screen
    from ui.stations import build_stations_screen

    screens: dict[str, QWidget] = {"station": build_station_screen(workspace)}  # type: ignore[arg-type]
    screens["handover"] = build_handover_screen(workspace)  # type: ignore[arg-type]
    screens["stations"] = build_stations_screen(workspace)  # type: ignore[arg-type]
    screens["conflicts"] = build_conflicts_screen(workspace)  # type: ignore[arg-type]
    return screens


def report_startup_error(message: str, argv: Sequence[str] | None = None) -> int:
    """The database could not be opened: tell the user in a window (and on stderr); exit code 2."""
    print(message, file=sys.stderr)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    configure_application(app)
    QMessageBox.critical(None, _("Packline cannot start"), message)
    return 2


def run_gui(workspace: Services, argv: Sequence[str] | None = None, campaign_id: int | None = None) -> int:
    """Open the main window on `workspace` and run until it closes; returns the exit code.

    Reuses a running QApplication (tests own one), otherwise creates it from `argv`.
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    configure_application(app)
    window = MainWindow(workspace, campaign_id, screens=build_operational_screens(workspace))
    jobs = PeriodicJobs(workspace, window, window.tasks)  # type: ignore[arg-type]  # the window's child
    jobs.reported.connect(window.show_background_status)
    window.show()
    jobs.back_up()  # the start's backup, on a worker: the window is up first
    window.offer_first_start()  # a new database: a real campaign, or the demo
    window.check_papers()  # in the background: the journal against the tables and the papers
    try:
        return app.exec()
    finally:
        window.deleteLater()
