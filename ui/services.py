"""What the screens need from the composition root.

`main.py` passes a `models.workspace.Workspace`; the UI knows it only through this protocol, so a screen can
be built in a test with a stand-in, and no screen ever holds a database connection itself (the import-linter
contract forbids `ui` from importing SQLite or `models.storage`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from models.cancel import CancelFlag
from models.catalog_service import CatalogService
from models.dashboard import DashboardService
from models.import_service import ImportService
from models.letters import LetterService
from models.planning import PlanService
from models.queries import RecipientQueries
from models.settings import Settings
from models.station import StationService
from models.stock import StockService
from models.types import Campaign
from models.users import UserService


class Services(Protocol):
    path: Path

    def campaigns(self) -> list[Campaign]: ...

    def recipient_queries(self) -> RecipientQueries: ...


class CampaignServices(Services, Protocol):
    """Everything the campaign screens use (`models.workspace.Workspace` provides it)."""

    def settings(self) -> Settings: ...

    def connection_factory(self) -> Callable[[], Any]: ...

    def interruptible(self, flag: CancelFlag) -> AbstractContextManager[None]: ...

    def import_service(self) -> ImportService: ...

    def catalog_service(self) -> CatalogService: ...

    def dashboard_service(self) -> DashboardService: ...

    def letter_service(self) -> LetterService: ...

    def stock_service(self) -> StockService: ...

    def plan_service(self) -> PlanService: ...

    def user_service(self) -> UserService: ...

    def station_service(self) -> StationService: ...
