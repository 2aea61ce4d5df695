"""The packing station screen (issue 5).

Wire it into the main window with `MainWindow(workspace, screens={"station": build_station_screen(workspace)})`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.core.i18n import current_language, set_language
from models.core.settings import LANGUAGE
from ui.qt_translations import install_qt_translations
from ui.station.screen import StationScreen
from ui.station.services import StationServices

__all__ = ["StationScreen", "StationServices", "apply_language_setting", "build_station_screen"]


def apply_language_setting(services: StationServices) -> str:
    """Switch the UI (and Qt's own texts) to the language stored in the station's settings."""
    language = services.settings().get(LANGUAGE)
    if language != current_language():
        set_language(language)
        install_qt_translations(language)
    return language


def build_station_screen(services: StationServices, parent: QWidget | None = None, *,
                         apply_language: bool = True) -> StationScreen:
    """The station screen on a workspace, with the real printer, sounds and scanner, in the stored language.

    Build it before the main window, so the window starts in the same language.
    """
    if apply_language:
        apply_language_setting(services)
    return StationScreen(services, parent=parent)
