"""What a save of reference data changed, for reports and the import wizard."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.campaigns.list_import import ListEffect
    from models.campaigns.list_versions import ListDifference


@dataclass(frozen=True)
class SaveResult:
    """What a save changed, for reports ("120 new, 3 updated, 1877 unchanged")."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    difference: ListDifference | None = field(default=None, compare=False)
    """For a recipient list: who is added, removed, changed, against the list before (not part of the counts
    two results are compared by)."""
    effects: tuple[ListEffect, ...] = field(default=(), compare=False)
    """For a recipient list: packages withdrawn, given back, and what waits for a supervisor's decision."""

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)
