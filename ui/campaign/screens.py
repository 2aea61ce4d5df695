"""Builds the campaign screens of the main window from the workspace's services (the station screen, issue 5,
is wired by the composition root)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from ui.screen_stack import ScreenFactory
from ui.services import CampaignServices
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from models.core.import_kinds import ImportKind


class CampaignWindow(Protocol):
    """What the campaign screens ask of the main window: the import wizard, and the language chosen."""

    def open_import(self, kind: ImportKind = ..., path: str = "") -> QWidget | None: ...

    def set_language(self, language: str) -> None: ...


def screen_factories(services: CampaignServices, tasks: TaskRunner,
                     window: CampaignWindow) -> dict[str, ScreenFactory]:
    """What builds each screen, by its navigation key (`ui.navigation.SCREENS`); each imports its own module
    when called, so a start pays only for the screen it opens on."""

    def catalog() -> QWidget:
        from ui.campaign.catalog_screen import CatalogScreen

        screen = CatalogScreen(services)
        screen.import_requested.connect(window.open_import)
        return screen

    def settings() -> QWidget:
        from ui.campaign.settings_screen import SettingsScreen

        screen = SettingsScreen(services)
        screen.language_chosen.connect(window.set_language)
        return screen

    def stock() -> QWidget:
        from ui.campaign.stock_screen import StockScreen

        return StockScreen(services, tasks)

    def letters() -> QWidget:
        from ui.campaign.letters_screen import LettersScreen

        return LettersScreen(services)

    def dashboard() -> QWidget:
        from ui.campaign.dashboard_screen import DashboardScreen

        return DashboardScreen(services, tasks)

    return {"catalog": catalog, "stock": stock, "letters": letters, "dashboard": dashboard, "settings": settings}
