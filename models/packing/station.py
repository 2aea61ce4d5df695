"""Station identity: which workstation recorded an event.

Each station database holds one identity in its settings: an instance id (a ULID, so stations never need
to agree on numbers), a name people recognise ("Station 3, left table") and the campaign it packs for. The
per-station sequence number of its events lives with the journal (`models.journal.sql.events_repo`).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Protocol

from models.core.errors import RefusedInput
from models.core.events import SETTING_INSTANCE_ID, SETTING_NAME, new_event_id
from models.core.i18n import _
from models.core.text import clean

SETTING_CAMPAIGN = "station.campaign_id"


@dataclass(frozen=True)
class Station:
    instance_id: str
    name: str
    campaign_id: int | None = None
    """The campaign this station packs for; None when the database holds several and none was chosen."""


class StationStore(Protocol):
    """The SQL side (`models.packing.sql.stations_repo.SqlStationStore`)."""

    def transaction(self) -> AbstractContextManager[object]: ...

    def get_setting(self, key: str) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...

    def campaign_ids(self) -> list[int]: ...


class StationService:
    def __init__(self, store: StationStore) -> None:
        self._store = store

    def identity(self) -> Station | None:
        """The station this database belongs to, or None before it was named."""
        instance_id = self._store.get_setting(SETTING_INSTANCE_ID)
        if instance_id is None:
            return None
        name = self._store.get_setting(SETTING_NAME) or ""
        campaign = self._store.get_setting(SETTING_CAMPAIGN)
        campaign_id = int(campaign) if campaign else None
        if campaign_id is None:
            ids = self._store.campaign_ids()
            campaign_id = ids[0] if len(ids) == 1 else None
        return Station(instance_id, name, campaign_id)

    def ensure(self, name: str | None = None) -> Station:
        """The station's identity, created on first use (a name is set once, then must match)."""
        wanted = clean(name) if name else ""
        current = self.identity()
        if current is not None:
            if wanted and current.name and wanted != current.name:
                raise RefusedInput(_("This database belongs to station {name}, not {other}.").format(
                    name=current.name, other=wanted))
            if wanted and not current.name:
                return self.rename(wanted)
            return current
        if not wanted:
            raise RefusedInput(_("Give this station a name first."))
        with self._store.transaction():
            if self._store.get_setting(SETTING_INSTANCE_ID) is None:
                self._store.set_setting(SETTING_INSTANCE_ID, new_event_id())
                self._store.set_setting(SETTING_NAME, wanted)
        found = self.identity()
        assert found is not None
        return found

    def rename(self, name: str) -> Station:
        wanted = clean(name)
        if not wanted:
            raise RefusedInput(_("A station needs a name."))
        current = self.identity()
        if current is None:
            return self.ensure(wanted)
        with self._store.transaction():
            self._store.set_setting(SETTING_NAME, wanted)
        return replace(current, name=wanted)

    def set_campaign(self, campaign_id: int) -> Station:
        current = self.identity()
        if current is None:
            raise RefusedInput(_("Give this station a name first."))
        if campaign_id not in self._store.campaign_ids():
            raise RefusedInput(_("There is no campaign with id {id}.").format(id=campaign_id))
        with self._store.transaction():
            self._store.set_setting(SETTING_CAMPAIGN, str(campaign_id))
        return replace(current, campaign_id=campaign_id)

    def take_new_identity(self) -> Station:
        """Give this database a new instance id (for a copy or a restored backup: its old sequence is spent)."""
        current = self.identity()
        if current is None:
            raise RefusedInput(_("Give this station a name first."))
        with self._store.transaction():
            self._store.set_setting(SETTING_INSTANCE_ID, new_event_id())
        found = self.identity()
        assert found is not None
        return found
