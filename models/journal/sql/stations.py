"""Names of the stations that recorded events: every event names its station by instance id only.

This station's own name is in its settings; the hub also knows the names stations gave in their exchange files
(`sync_stations`); any other station's name is in its opening events.
"""

from __future__ import annotations

from collections.abc import Iterable

from models.core.events import SETTING_INSTANCE_ID, SETTING_NAME
from models.storage import common
from models.storage.database import Database


def station_names(db: Database, station_ids: Iterable[str]) -> dict[str, str]:
    """Names of stations by id: this station's own, those the hub heard from, else their opening events."""
    names = dict(db.execute("SELECT station_id, name FROM sync_stations").fetchall())
    own_id, own_name = common.get_setting(db, SETTING_INSTANCE_ID), common.get_setting(db, SETTING_NAME)
    if own_id and own_name:
        names[own_id] = own_name
    found: dict[str, str] = {}
    for station_id in station_ids:
        name = names.get(station_id)
        if name is None:
            for table in ("events", "sync_held_events"):
                row = db.execute(f"SELECT json_extract(payload, '$.station_name') FROM {table} WHERE station_id = ? "
                                 "AND type = 'package_opened' ORDER BY seq DESC LIMIT 1", [station_id]).fetchone()
                if row and row[0]:
                    name = str(row[0])
                    break
        found[station_id] = name or station_id
    return found


def station_name(db: Database, station_id: str) -> str:
    return station_names(db, [station_id])[station_id]
