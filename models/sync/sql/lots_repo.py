"""SQL of lots: which station packs which package.

On the hub `sync_lots` is derived from its `lot_assigned` events (`apply_lot_event`, rebuilt by
`rebuild_lots`); a station receives the table whole in its campaign pack. No rows at all: no lots are in
force and every station may open every package (a single station, or a campaign without lots).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.core.events import Event
from models.storage.database import Database

LOT_EVENT = "lot_assigned"
SETTING_LOT_VERSION = "sync.lot_version"


def apply_lot_event(db: Database, event: Event) -> None:
    """payload: station (name; None takes the packages out of every lot), packages (ids), version."""
    station, version = event.payload.get("station"), int(event.payload["version"])
    ids = [int(pid) for pid in event.payload["packages"]]
    if station:
        db.conn.executemany("INSERT INTO sync_lots (package_id, station_name, version) VALUES (?, ?, ?) "
                            "ON CONFLICT(package_id) DO UPDATE SET station_name = excluded.station_name, "
                            "version = excluded.version", ((pid, station, version) for pid in ids))
    else:
        db.conn.executemany("DELETE FROM sync_lots WHERE package_id = ?", ((pid,) for pid in ids))


def rebuild_lots(db: Database) -> int:
    """Recompute `sync_lots` from the journal's lot events (inside the caller's transaction)."""
    from models.sync.sql.sync_repo import package_less_events

    db.execute("DELETE FROM sync_lots")
    events = package_less_events(db, LOT_EVENT)
    for event in events:
        apply_lot_event(db, event)
    return len(events)


def dump(db: Database) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in db.execute("SELECT package_id, station_name, version FROM sync_lots ORDER BY 1")]


def version(db: Database) -> int:
    return int(db.execute("SELECT coalesce(max(version), 0) FROM sync_lots").fetchone()[0])


def next_version(db: Database) -> int:
    """One more than the last lot event's version (kept in the settings: no scan of the journal)."""
    from models.storage.common import get_setting, set_setting

    version = int(get_setting(db, SETTING_LOT_VERSION) or 0) + 1
    set_setting(db, SETTING_LOT_VERSION, str(version))
    return version


def summary(db: Database) -> list[tuple[str, int, str, str]]:
    """Per station: (name, packages, lowest list number, highest list number)."""
    rows = db.execute(
        "SELECT l.station_name, count(*), min(coalesce(r.number_key, 1e18)), max(coalesce(r.number_key, -1)), "
        "min(r.list_number), max(r.list_number) FROM sync_lots l JOIN packages p ON p.id = l.package_id "
        "JOIN recipients r ON r.id = p.recipient_id GROUP BY l.station_name ORDER BY l.station_name").fetchall()
    result = []
    for name, count, low_key, high_key, low_text, high_text in rows:
        low = str(int(low_key)) if low_key != 1e18 else low_text
        high = str(int(high_key)) if high_key != -1 else high_text
        result.append((name, int(count), low, high))
    return result


def lot_numbers(db: Database) -> dict[str, list[tuple[int | None, str]]]:
    """Per station: the (numeric key, list number) of each package in its lot, in list order."""
    found: dict[str, list[tuple[int | None, str]]] = {}
    for name, key, text in db.execute(
            "SELECT l.station_name, r.number_key, r.list_number FROM sync_lots l "
            "JOIN packages p ON p.id = l.package_id JOIN recipients r ON r.id = p.recipient_id "
            "ORDER BY l.station_name, r.number_key IS NULL, r.number_key, r.list_number"):
        found.setdefault(name, []).append((None if key is None else int(key), text))
    return found


def packages_by_numbers(db: Database, campaign_id: int, low: int, high: int) -> list[int]:
    return [row[0] for row in db.execute(
        "SELECT p.id FROM recipients r JOIN packages p ON p.recipient_id = r.id AND p.live = 1 "
        "WHERE r.campaign_id = ? AND r.number_key BETWEEN ? AND ? ORDER BY r.number_key, r.list_number",
        [campaign_id, low, high])]


def package_by_number(db: Database, campaign_id: int, number: str) -> int | None:
    row = db.execute("SELECT p.id FROM recipients r JOIN packages p ON p.recipient_id = r.id AND p.live = 1 "
                     "WHERE r.campaign_id = ? AND r.list_number = ?", [campaign_id, number]).fetchone()
    return row[0] if row else None


def package_by_code(db: Database, code: str) -> tuple[int, int] | None:
    row = db.execute("SELECT id, campaign_id FROM packages WHERE code = ?", [code]).fetchone()
    return (row[0], row[1]) if row else None


def current_owners(db: Database, package_ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(package_ids), 500):
        chunk = list(package_ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(db.execute(f"SELECT package_id, station_name FROM sync_lots WHERE package_id IN ({marks})",
                                chunk).fetchall())
    return found


def states(db: Database, package_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(state, station id) of packages the hub's journal has work for."""
    found: dict[int, tuple[str, str]] = {}
    for start in range(0, len(package_ids), 500):
        chunk = list(package_ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for pid, state, station in db.execute(
                f"SELECT package_id, state, station_id FROM package_state WHERE package_id IN ({marks})", chunk):
            found[pid] = (state, station)
    return found
