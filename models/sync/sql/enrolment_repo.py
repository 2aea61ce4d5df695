"""SQL of enrolment: settings by prefix, and the hub's enrolment and revocation events (callers own the
transaction)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.core.events import Event
from models.sync.sql.sync_repo import package_less_events

if TYPE_CHECKING:
    from models.storage.database import Database

ENROLLED_EVENT = "station_enrolled"
REVOKED_EVENT = "station_revoked"


def settings_with_prefix(db: Database, prefix: str) -> dict[str, str]:
    """{the rest of the key: value} for the settings whose key starts with `prefix`."""
    rows = db.execute("SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
                      [len(prefix), prefix]).fetchall()
    return {key[len(prefix):]: value for key, value in rows}


def enrolment_events(db: Database) -> list[Event]:
    """Enrolments and revocations in journal order."""
    return package_less_events(db, ENROLLED_EVENT, REVOKED_EVENT)
