"""The packing station screen (issue 5).

Wire it into the main window with `MainWindow(workspace, screens={"station": build_station_screen(workspace)})`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.qt_translations import apply_language_setting
from ui.station.screen import StationScreen
from ui.station.services import StationServices

__all__ = ["StationScreen", "StationServices", "apply_language_setting", "build_station_screen"]


def build_station_screen(services: StationServices, parent: QWidget | None = None, *,
                         apply_language: bool = True) -> StationScreen:
    """The station screen on a workspace, with the real printer, sounds and scanner, in the stored language.

    Build it before the main window, so the window starts in the same language.
    """
    if apply_language:
        apply_language_setting(services)
    return StationScreen(services, parent=parent)
