"""What the Handover screen needs from the composition root (a `app.workspace.Workspace` provides it).

The screen knows the workspace only through this protocol, so a test can build the screen alone on a
temporary database, and the UI never reaches SQLite itself (import-linter contract).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from models.core.settings import Settings
from models.core.types import Campaign
from models.handover.batches import BatchService
from models.handover.manifests import ManifestService
from models.handover.receiving import ReceivingService
from models.packing.station import StationService
from models.packing.users import UserService


class HandoverServices(Protocol):
    path: Path

    def campaigns(self) -> list[Campaign]: ...

    def settings(self) -> Settings: ...

    def station_service(self) -> StationService: ...

    def user_service(self) -> UserService: ...

    def batch_service(self) -> BatchService: ...

    def manifest_service(self) -> ManifestService: ...

    def receiving_service(self) -> ReceivingService: ...
