"""The dashboard's numbers: progress against the target, packing rates, an estimated finish, sealing over time.

Counts come from `models.progress.service` (derived from the journal). A rate is packages sealed per hour *worked*:
hours in which a station (or packer) recorded anything, so lunch breaks and nights do not dilute it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from models.progress.service import Progress, ProgressService


@dataclass(frozen=True)
class Rate:
    name: str
    sealed: int
    items: int
    hours: int
    """Hours with activity."""

    @property
    def per_hour(self) -> float:
        return self.sealed / self.hours if self.hours else 0.0


@dataclass(frozen=True)
class Handover:
    """Sealed packages on their way out: in a batch not yet handed over, handed over (the batch's manifest
    signed), and what the receiving side found."""

    in_batches: int = 0
    handed_over: int = 0
    received: int = 0
    damaged: int = 0
    missing: int = 0


@dataclass(frozen=True)
class Dashboard:
    progress: Progress
    target: int
    stations: tuple[Rate, ...]
    packers: tuple[Rate, ...]
    sealed_by_hour: tuple[tuple[datetime, int], ...]
    """(start of the hour, UTC; packages sealed in it), oldest first, hours without seals left out."""
    per_hour: float
    """The campaign's rate over its last `RECENT_HOURS` hours with seals."""
    remaining: int
    finish: datetime | None
    """When the remaining packages would be sealed at `per_hour`, working without a break (UTC)."""
    handover: Handover = Handover()

    @property
    def sealed(self) -> int:
        return self.progress.by_state.get("sealed", 0)


class DashboardStore(Protocol):
    """The SQL side (`models.progress.sql.dashboard_queries.SqlDashboardStore`)."""

    def target(self, campaign_id: int) -> int: ...

    def sealed_by_hour(self, campaign_id: int) -> list[tuple[str, int]]:
        """(hour as 'YYYY-MM-DDTHH', count), oldest first."""
        ...

    def station_rates(self, campaign_id: int) -> list[tuple[str, int, int, int]]:
        """(station name, sealed, items, active hours)."""
        ...

    def packer_rates(self, campaign_id: int) -> list[tuple[str, int, int, int]]:
        """(user, sealed, items, active hours)."""
        ...

    def handover_counts(self, campaign_id: int) -> Handover: ...


RECENT_HOURS = 4


class DashboardService:
    def __init__(self, store: DashboardStore, progress: ProgressService) -> None:
        self._store, self._progress = store, progress

    def dashboard(self, campaign_id: int, now: datetime | None = None) -> Dashboard:
        progress = self._progress.progress(campaign_id)
        hours = tuple((datetime.fromisoformat(hour + ":00:00+00:00"), count)
                      for hour, count in self._store.sealed_by_hour(campaign_id))
        recent = hours[-RECENT_HOURS:]
        per_hour = sum(count for _hour, count in recent) / len(recent) if recent else 0.0
        # A voided package that is still its person's live one awaits a replacement: its person is still to pack.
        remaining = sum(progress.by_state.get(state, 0) for state in ("planned", "open", "voided"))
        finish = None
        if per_hour > 0 and remaining:
            finish = (now or datetime.now(UTC)) + timedelta(hours=remaining / per_hour)
        return Dashboard(
            progress, self._store.target(campaign_id),
            tuple(Rate(*row) for row in self._store.station_rates(campaign_id)),
            tuple(Rate(*row) for row in self._store.packer_rates(campaign_id)),
            hours, per_hour, remaining, finish, self._store.handover_counts(campaign_id),
        )
