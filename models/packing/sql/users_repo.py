"""SQL behind `models.packing.users.UserService`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from models.core.events import SETTING_INSTANCE_ID, EventType, NewEvent
from models.journal.sql import events_repo
from models.packing.users import PinAttempts, Role, User
from models.storage.common import get_setting, now_iso
from models.storage.migrations import schema_version
from models.storage.store import SqlStore

_COLUMNS = "id, name, role, language, badge_code, active, locked, pin_hash"


def _user(row: Sequence[Any]) -> tuple[User, str]:
    user_id, name, role, language, badge, active, locked, pin_hash = row
    return User(user_id, name, Role(role), language, badge, bool(active), bool(locked), bool(pin_hash)), pin_hash


class SqlUserStore(SqlStore):

    def find(self, *, name: str | None = None, badge_code: str | None = None) -> tuple[User, str] | None:
        if name is not None:
            row = self.db.execute(f"SELECT {_COLUMNS} FROM users WHERE name = ?", [name]).fetchone()
        else:
            row = self.db.execute(f"SELECT {_COLUMNS} FROM users WHERE badge_code = ?", [badge_code]).fetchone()
        return _user(row) if row else None

    def all_users(self) -> list[User]:
        return [_user(row)[0] for row in self.db.execute(f"SELECT {_COLUMNS} FROM users ORDER BY name")]

    def insert(self, name: str, role: Role, pin_hash: str, badge_code: str | None, language: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO users (name, role, pin_hash, badge_code, language, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [name, role.value, pin_hash, badge_code, language, now_iso()])
        return int(cursor.lastrowid or 0)

    def update(self, user_id: int, *, pin_hash: str | None = None, active: bool | None = None,
               role: Role | None = None, badge_code: str | None = None) -> None:
        if role is not None:
            self.db.execute("UPDATE users SET role = ? WHERE id = ?", [role.value, user_id])
        if badge_code is not None:
            self.db.execute("UPDATE users SET badge_code = ? WHERE id = ?", [badge_code or None, user_id])
        if pin_hash is not None:
            self.db.execute("UPDATE users SET pin_hash = ? WHERE id = ?", [pin_hash, user_id])
        if active is not None:
            self.db.execute("UPDATE users SET active = ? WHERE id = ?", [int(active), user_id])

    def attempts(self, user_id: int) -> PinAttempts:
        row = self.db.execute("SELECT failed_pins, last_failed_at, locked FROM users WHERE id = ?",
                              [user_id]).fetchone()
        return PinAttempts(int(row[0]), row[1], bool(row[2])) if row else PinAttempts()

    def set_attempts(self, user_id: int, attempts: PinAttempts) -> None:
        self.db.execute("UPDATE users SET failed_pins = ?, last_failed_at = ?, locked = ? WHERE id = ?",
                        [attempts.failures, attempts.last_failed_at, int(attempts.locked), user_id])

    def record(self, event_type: EventType, user_name: str, payload: Mapping[str, Any]) -> None:
        station_id = get_setting(self.db, SETTING_INSTANCE_ID)
        if station_id is not None:
            events_repo.append(self.db, station_id, NewEvent(event_type, user_name, None, payload),
                               schema_version(self.db))
