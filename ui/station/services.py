"""What the station screen needs from the composition root (a `app.workspace.Workspace` provides it).

The screen knows the workspace only through this protocol, so a test can build the screen alone on a
temporary database, and the UI never reaches SQLite itself (import-linter contract).
"""

from __future__ import annotations

from typing import Protocol

from models.core.settings import Settings
from models.core.types import Campaign
from models.packing.scanning import ScanService
from models.packing.station import StationService
from models.packing.users import UserService


class StationServices(Protocol):
    def station_service(self) -> StationService: ...

    def scan_service(self) -> ScanService: ...

    def user_service(self) -> UserService: ...

    def settings(self) -> Settings: ...

    def campaigns(self) -> list[Campaign]: ...
