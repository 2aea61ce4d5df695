"""Progress of a campaign: packages by state, by station and by packer (all derived from the journal)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from models.packing.states import PackageState


@dataclass(frozen=True)
class StationProgress:
    station_id: str
    name: str
    open: int
    sealed: int
    voided: int


@dataclass(frozen=True)
class PackerProgress:
    user: str
    items: int
    """Items counted into packages, undone scans subtracted."""
    sealed: int
    """Packages this user sealed that stand sealed."""
    voided: int
    """Packages this user sealed that were voided since (as the stations count them)."""


@dataclass(frozen=True)
class Progress:
    campaign_id: int
    by_state: dict[str, int]
    """planned, open, sealed, voided (later parts add batched, handed over, received)."""
    by_station: tuple[StationProgress, ...]
    by_packer: tuple[PackerProgress, ...]

    @property
    def total(self) -> int:
        return sum(self.by_state.values())


class ProgressStore(Protocol):
    """The SQL side (`models.progress.sql.progress_repo.SqlProgressStore`)."""

    def package_count(self, campaign_id: int) -> int: ...

    def state_counts(self, campaign_id: int) -> dict[str, int]: ...

    def station_counts(self, campaign_id: int) -> list[tuple[str, str, int, int, int]]:
        """(station id, name, open, sealed, voided)."""
        ...

    def packer_counts(self, campaign_id: int) -> list[tuple[str, int, int, int]]:
        """(user, items, sealed, voided)."""
        ...


class ProgressService:
    def __init__(self, store: ProgressStore) -> None:
        self._store = store

    def progress(self, campaign_id: int) -> Progress:
        counts = self._store.state_counts(campaign_id)
        touched = sum(counts.values())
        by_state = {PackageState.PLANNED.value: self._store.package_count(campaign_id) - touched}
        by_state |= {state.value: counts.get(state.value, 0)
                     for state in (PackageState.OPEN, PackageState.SEALED, PackageState.VOIDED)}
        stations = tuple(StationProgress(*row) for row in self._store.station_counts(campaign_id))
        packers = tuple(PackerProgress(*row) for row in self._store.packer_counts(campaign_id))
        return Progress(campaign_id, by_state, stations, packers)
