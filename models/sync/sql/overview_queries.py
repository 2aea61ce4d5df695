"""Read queries of the Stations screen: per station heard from, what the hub received and what is open.

Read only; a few aggregate queries over the small bookkeeping tables (`sync_stations`, `sync_imports`,
`sync_conflicts`), never a scan of the journal: a hub holds millions of events.
"""

from __future__ import annotations

from typing import NamedTuple

from models.storage.database import Database


class HeardRow(NamedTuple):
    station_id: str
    name: str
    last_import_at: str
    last_file: str
    received: int
    """Events received from this station id (merged or held), summed over its imports."""


def heard(db: Database) -> list[HeardRow]:
    """Stations heard from, with how many events their imports brought, newest exchange first."""
    rows = db.execute(
        "SELECT s.station_id, s.name, s.last_import_at, s.last_file, "
        "coalesce((SELECT sum(i.merged + i.held) FROM sync_imports i WHERE i.station_id = s.station_id), 0) "
        "FROM sync_stations s ORDER BY s.last_import_at DESC, s.name").fetchall()
    return [HeardRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4])) for r in rows]


def open_conflicts_by_station(db: Database) -> dict[str, int]:
    """{station id: open conflicts naming it}; a rule conflict names the station that sealed the package."""
    found: dict[str, int] = {}
    for station_id, count in db.execute(
            "SELECT j.value, count(DISTINCT c.id) FROM sync_conflicts c, json_each(c.stations) j "
            "WHERE c.resolution_event IS NULL GROUP BY j.value"):
        found[str(station_id)] = int(count)
    return found


def own_events(db: Database, station_id: str) -> int:
    """Events this database recorded under one of its station ids (a station's journal is its own work)."""
    return int(db.execute("SELECT count(*) FROM events WHERE station_id = ?", [station_id]).fetchone()[0])
