"""Builds the campaign screens of the main window from the workspace's services (the station screen, issue 5,
is wired by the composition root)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.campaign.catalog_screen import CatalogScreen
from ui.campaign.dashboard_screen import DashboardScreen
from ui.campaign.letters_screen import LettersScreen
from ui.campaign.settings_screen import SettingsScreen
from ui.campaign.stock_screen import StockScreen
from ui.services import CampaignServices
from ui.tasks import TaskRunner


def build_screens(services: CampaignServices, tasks: TaskRunner, window: QWidget) -> dict[str, QWidget]:
    """Screens by their navigation key (`ui.navigation.SCREENS`)."""
    catalog = CatalogScreen(services)
    opener = getattr(window, "open_import", None)
    if callable(opener):
        catalog.import_requested.connect(opener)
    settings = SettingsScreen(services)
    chosen = getattr(window, "set_language", None)
    if callable(chosen):
        settings.language_chosen.connect(chosen)
    return {"catalog": catalog, "stock": StockScreen(services, tasks), "letters": LettersScreen(services),
            "dashboard": DashboardScreen(services, tasks), "settings": settings}
