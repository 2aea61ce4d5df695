"""Hub or station: a database becomes the hub when it first hands out a pack or a lot, and a station when it
imports a hub's pack. The two roles refuse each other's jobs, so a station's reference data is never taken
for the campaign's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.core.errors import RefusedInput
from models.core.events import new_event_id
from models.core.i18n import _
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.station import Station, StationService
from models.sync.sql import sync_repo

if TYPE_CHECKING:
    from models.storage.database import Database


def ensure_hub(db: Database) -> str:
    """This database's hub id, making it the hub if it has no role yet (inside the caller's transaction)."""
    if sync_repo.role(db) == sync_repo.ROLE_STATION:
        raise RefusedInput(_("This database is a station of a hub: packs and lots are handed out by the hub."))
    hub = sync_repo.hub_id(db)
    if hub is None:
        hub = new_event_id()
        sync_repo.set_setting(db, sync_repo.SETTING_HUB_ID, hub)
    sync_repo.set_setting(db, sync_repo.SETTING_ROLE, sync_repo.ROLE_HUB)
    return hub


def is_hub(db: Database) -> bool:
    return sync_repo.role(db) == sync_repo.ROLE_HUB


def require_hub(db: Database) -> str:
    hub = sync_repo.hub_id(db)
    if not is_hub(db) or hub is None:
        raise RefusedInput(_("This database is not a hub: export a campaign pack from it first."))
    return hub


def identity(db: Database) -> Station:
    """This database's station identity (the hub records its own events, lots and resolutions under it)."""
    station = StationService(SqlStationStore(db)).identity()
    if station is None:
        raise RefusedInput(_("Give this station a name first."))
    return station
