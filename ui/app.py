"""Starting the GUI: the application object, its identity and defaults, and the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from models.core.i18n import _, current_language
from ui.main_window import MainWindow
from ui.periodic import PeriodicJobs
from ui.qt_translations import apply_language_setting, install_qt_translations
from ui.screen_stack import ScreenFactory
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


def operational_screen_factories(workspace: Services) -> dict[str, ScreenFactory]:
    """What builds the station, handover, stations and conflicts screens; each imports its module when called
    (the station screen applies the stored language only when built first, `build_operational_screens`)."""

    def station() -> QWidget:
        from ui.station import build_station_screen

        return build_station_screen(workspace, apply_language=False)  # type: ignore[arg-type]

    def handover() -> QWidget:
        from ui.handover import build_handover_screen

        return build_handover_screen(workspace)  # type: ignore[arg-type]

    def stations() -> QWidget:
        from ui.stations import build_stations_screen

        return build_stations_screen(workspace)  # type: ignore[arg-type]

    def conflicts() -> QWidget:
        from ui.conflicts.screen import build_conflicts_screen

        return build_conflicts_screen(workspace)  # type: ignore[arg-type]

    return {"station": station, "handover": handover, "stations": stations, "conflicts": conflicts}


def build_operational_screens(workspace: Services) -> dict[str, QWidget]:
    """The station, handover, stations and conflicts screens, built now, in the stored language (tests and
    tools that want every screen of the window)."""
    apply_language_setting(workspace)
    return {key: build() for key, build in operational_screen_factories(workspace).items()}


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
    apply_language_setting(workspace)  # the window opens in the stored language
    window = MainWindow(workspace, campaign_id, factories=operational_screen_factories(workspace), build_later=True)
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
