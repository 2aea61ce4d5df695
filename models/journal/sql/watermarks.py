"""Watermarks: per station, up to which sequence number its events are in this database.

A manifest states them ("events included up to: Station A #1234, Station B #987, ...") so a later reader
knows which work it reflects. Events the hub holds for a flagged package count as received: the package
itself is kept out of the manifest until a supervisor resolves it. Imports are contiguous per station (a
file that starts past the next number is refused), so the highest number is also the last without a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.journal.sql.stations import station_names
from models.storage.database import Database


@dataclass(frozen=True)
class Watermark:
    station_id: str
    name: str
    seq: int


def watermarks(db: Database) -> dict[str, int]:
    """{station instance id: highest sequence number included}, for every station with events here."""
    found: dict[str, int] = {}
    for table in ("events", "sync_held_events"):
        for station_id, seq in db.execute(f"SELECT station_id, max(seq) FROM {table} GROUP BY station_id"):
            found[station_id] = max(found.get(station_id, 0), int(seq))
    return dict(sorted(found.items()))


def named_watermarks(db: Database) -> list[Watermark]:
    """The same with station names (several ids may share a name: a station restored from a backup)."""
    marks = watermarks(db)
    names = station_names(db, marks)
    return sorted((Watermark(sid, names[sid], seq) for sid, seq in marks.items()), key=lambda w: (w.name, w.station_id))
