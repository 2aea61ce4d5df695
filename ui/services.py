"""What the screens need from the composition root.

`main.py` passes a `app.workspace.Workspace`; the UI knows it only through this protocol, so a screen can
be built in a test with a stand-in, and no screen ever holds a database connection itself (the import-linter
contract forbids `ui` from importing SQLite or `models.storage`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:  # annotations only: a start loads the services' modules when it builds them
    from models.campaigns.catalog_service import CatalogService
    from models.campaigns.lifecycle import CampaignService
    from models.campaigns.queries import RecipientQueries
    from models.core.cancel import CancelFlag
    from models.core.settings import Settings
    from models.core.types import Campaign
    from models.imports.service import ImportService
    from models.packing.letters import LetterService
    from models.packing.station import StationService
    from models.packing.users import UserService
    from models.progress.dashboard import DashboardService
    from models.setup.checklist import SetupStep
    from models.stock.planning import PlanService
    from models.stock.service import StockService


class Services(Protocol):
    path: Path

    def campaigns(self) -> list[Campaign]: ...

    def recipient_queries(self) -> RecipientQueries: ...

    def user_service(self) -> UserService:
        """Also for the window: a station with people to sign in opens on Station."""
        ...

    def settings(self) -> Settings:
        """Also for the window: View > Language writes the language setting."""
        ...


@runtime_checkable
class CampaignServices(Services, Protocol):
    """Everything the campaign screens use (`app.workspace.Workspace` provides it)."""

    def connection_factory(self) -> Callable[[], Any]: ...

    def interruptible(self, flag: CancelFlag) -> AbstractContextManager[None]: ...

    def import_service(self) -> ImportService: ...

    def catalog_service(self) -> CatalogService: ...

    def campaign_service(self) -> CampaignService: ...

    def setup_checklist(self, campaign: Campaign) -> list[SetupStep]: ...

    def dashboard_service(self) -> DashboardService: ...

    def letter_service(self) -> LetterService: ...

    def stock_service(self) -> StockService: ...

    def plan_service(self) -> PlanService: ...

    def station_service(self) -> StationService: ...
