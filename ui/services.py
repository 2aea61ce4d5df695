"""What the screens need from the composition root.

`main.py` passes a `models.workspace.Workspace`; the UI knows it only through this protocol because the
import-linter contract forbids `ui` from importing anything that reaches SQLite, even indirectly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from models.queries import RecipientQueries
from models.types import Campaign


class Services(Protocol):
    path: Path

    def campaigns(self) -> list[Campaign]: ...

    def recipient_queries(self) -> RecipientQueries: ...
