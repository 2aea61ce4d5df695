"""Users, roles and sign-in.

A PIN is short, so it is stored only as a salted scrypt hash (memory-hard, so a stolen database does not
give the PINs away cheaply). Every event records the name of its user; supervisor-only actions (voiding)
are refused for packers.

A PIN is also easy to guess online, so wrong PINs are counted per user: from the second wrong one in a row the
next try waits longer each time (`retry_delay_s`), and after the number Settings names (`PIN_LOCK_AFTER`) the
user is locked until a supervisor unlocks them or an administrator gives a new PIN (the last administrator
is never locked, only delayed: nobody could unlock them). Every wrong PIN and every unlock is an event
in the journal, so supervisors (and the hub) see them.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from models.core.codes import normalise
from models.core.errors import NotFound, RefusedInput
from models.core.events import EventType
from models.core.i18n import LANGUAGES, _
from models.core.text import clean
from models.core.types import SETUP_USER

PIN_LENGTHS = range(4, 13)
DEFAULT_LOCK_AFTER = 5
MAX_RETRY_DELAY_S = 60
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P, _SALT_BYTES, _KEY_BYTES = 2**14, 8, 1, 16, 32


class Role(enum.StrEnum):
    PACKER = "packer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    language: str = "en"
    badge_code: str | None = None
    active: bool = True
    locked: bool = False
    """Locked by wrong PINs until a supervisor unlocks them."""
    has_pin: bool = True
    """False for a user who came with a plain campaign pack (which carries no PINs): nobody can sign in as
    them at this station until an administrator here gives them a PIN."""

    @property
    def can_supervise(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)


@dataclass(frozen=True)
class PinAttempts:
    failures: int = 0
    """Wrong PINs in a row."""
    last_failed_at: float | None = None
    """When the last one was typed (seconds since the epoch)."""
    locked: bool = False


def retry_delay_s(failures: int) -> int:
    """How long the next try waits after `failures` wrong PINs in a row: none after one (a typo), then 1, 2,
    4 ... seconds, at most a minute."""
    return 0 if failures < 2 else min(MAX_RETRY_DELAY_S, 2 ** (failures - 2))


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$hash` (hex), so the parameters can be raised later without breaking old hashes."""
    salt = salt if salt is not None else os.urandom(_SALT_BYTES)
    key = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=_KEY_BYTES)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${key.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    found = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                           dklen=len(key) // 2)
    return hmac.compare_digest(found.hex(), key)


def pin_problem(pin: str) -> str | None:
    if not (pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS):
        return _("A PIN is 4 to 12 digits.")
    return None


class UserStore(Protocol):
    """The SQL side (`models.packing.sql.users_repo.SqlUserStore`)."""

    def transaction(self) -> AbstractContextManager[object]: ...

    def find(self, *, name: str | None = None, badge_code: str | None = None) -> tuple[User, str] | None:
        """The user and their PIN hash."""
        ...

    def all_users(self) -> list[User]: ...

    def insert(self, name: str, role: Role, pin_hash: str, badge_code: str | None, language: str) -> int: ...

    def update(self, user_id: int, *, pin_hash: str | None = None, active: bool | None = None,
               role: Role | None = None, badge_code: str | None = None) -> None:
        """Change what is given; `badge_code` "" removes the badge."""
        ...

    def attempts(self, user_id: int) -> PinAttempts: ...

    def set_attempts(self, user_id: int, attempts: PinAttempts) -> None: ...

    def record(self, event_type: EventType, user_name: str, payload: Mapping[str, Any]) -> None:
        """An event of this station's journal about a user (no package), in the caller's transaction; nothing on
        a database that has no station identity yet (it has no journal to write to)."""
        ...


class UserService:
    def __init__(self, store: UserStore, *, lock_after: Callable[[], int] = lambda: DEFAULT_LOCK_AFTER,
                 clock: Callable[[], float] = time.time) -> None:
        """`lock_after()`: wrong PINs in a row that lock a user (the setting, read at each sign-in)."""
        self._store = store
        self._lock_after = lock_after
        self._clock = clock

    def add(self, name: str, role: Role | str, pin: str, *, badge_code: str | None = None,
            language: str = "en", by: User | None = None) -> User:
        """Create a user. From a screen `by` is the signed-in user and must be an admin; the command line
        (run by the owner of the database file) passes None."""
        if by is not None and by.role is not Role.ADMIN:
            raise RefusedInput(_("Only an administrator can add users."))
        name = clean(name)
        problems = [problem for problem in (pin_problem(pin),) if problem]
        if not name:
            problems.append(_("A user needs a name."))
        try:
            role = Role(role)
        except ValueError:
            problems.append(_("Unknown role {role}: choose packer, supervisor or admin.").format(role=role))
        if language not in LANGUAGES:
            problems.append(_("Unknown language {language}.").format(language=language))
        badge = normalise(badge_code) if badge_code else None
        if badge is not None and not (badge.isascii() and badge.isdigit()):
            problems.append(_("A badge code is digits only."))
        if problems:
            raise RefusedInput(_("The user was not added."), problems)
        with self._store.transaction():
            if self._store.find(name=name):
                raise RefusedInput(_("A user named {name} already exists.").format(name=name))
            if badge and self._store.find(badge_code=badge):
                raise RefusedInput(_("That badge code belongs to another user."))
            user_id = self._store.insert(name, Role(role), hash_pin(pin), badge, language)
        return User(user_id, name, Role(role), language, badge)

    def get(self, name: str) -> User:
        found = self._store.find(name=clean(name))
        if found is None or not found[0].active:
            raise NotFound(_("No user named {name}.").format(name=name))
        return found[0]

    def list(self) -> list[User]:
        return self._store.all_users()

    def sign_in(self, name: str, pin: str) -> User:
        """The user, if the PIN is theirs. One message for an unknown name and a wrong PIN; a wrong PIN counts
        toward the user's lock (and waits, and is recorded); the right one clears the count."""
        found = self._store.find(name=clean(name))
        if found is None or not found[0].active:
            raise RefusedInput(_("The name or the PIN is wrong."))
        user, pin_hash = found
        if not user.has_pin:
            raise RefusedInput(_("{name} has no PIN at this station yet: an administrator here gives one (Settings "
                                 "> Users > Change PIN, or \"users set-pin\").").format(name=user.name))
        attempts = self._store.attempts(user.id)
        if attempts.locked:
            raise RefusedInput(_("{name} is locked after {count} wrong PINs: a supervisor unlocks them (Settings "
                                 "> Users, or \"users unlock\").").format(name=user.name, count=attempts.failures))
        now = self._clock()
        wait = retry_delay_s(attempts.failures) - (now - (attempts.last_failed_at or now))
        if wait > 0:
            raise RefusedInput(_("Wrong PIN {count} times in a row: try again in {seconds} s.").format(
                count=attempts.failures, seconds=int(wait) + 1))
        if verify_pin(pin, pin_hash):
            if attempts.failures:
                with self._store.transaction():
                    self._store.set_attempts(user.id, PinAttempts())
            return user
        failures = attempts.failures + 1
        locked = failures >= self._lock_after() and not self._only_admin(user)
        with self._store.transaction():
            self._store.set_attempts(user.id, PinAttempts(failures, now, locked))
            self._store.record(EventType.PIN_REFUSED, user.name, {"failures": failures, "locked": locked})
        if locked:
            raise RefusedInput(_("The PIN is wrong. {name} is now locked after {count} wrong PINs: a supervisor "
                                 "unlocks them.").format(name=user.name, count=failures))
        raise RefusedInput(_("The name or the PIN is wrong."))

    def _only_admin(self, user: User) -> bool:
        """The last active administrator is never locked, since nobody could unlock them: they only wait."""
        return user.role is Role.ADMIN and [u.id for u in self._store.all_users()
                                             if u.active and u.role is Role.ADMIN] == [user.id]

    def unlock(self, name: str, *, by: User) -> User:
        """A supervisor lets a user locked by wrong PINs sign in again (recorded)."""
        if not by.can_supervise:
            raise RefusedInput(_("Only a supervisor can unlock a user."))
        user = self.get(name)
        self._clear_attempts(user, by)
        return self.get(user.name)

    def _clear_attempts(self, user: User, by: User) -> None:
        attempts = self._store.attempts(user.id)
        if not attempts.failures and not attempts.locked:
            return
        with self._store.transaction():
            self._store.set_attempts(user.id, PinAttempts())
            self._store.record(EventType.USER_UNLOCKED, user.name, {"by": by.name, "failures": attempts.failures})

    def has_users(self) -> bool:
        """Whether anybody can sign in here yet. A new installation has nobody, nor has a station that joined
        with a plain campaign pack (no PINs in it): its first steps need no PIN, and its first user made here
        is an administrator, who then gives the others their PINs."""
        return any(user.active and user.has_pin for user in self._store.all_users())

    def supervisor(self, name: str, pin: str) -> User:
        """The signed-in supervisor (or admin) a guarded change needs; refused for anybody else."""
        if not clean(name):
            raise RefusedInput(_("This needs a supervisor: give the supervisor's name and PIN."))
        user = self.sign_in(name, pin)
        if not user.can_supervise:
            raise RefusedInput(_("Only a supervisor can do this; {user} is not one.").format(user=user.name))
        return user

    def change_author(self, name: str, pin: str) -> str:
        """Who a guarded change is recorded as: the supervisor signing with name and PIN once the database has
        users; on a new installation with nobody yet, `SETUP_USER`."""
        return self.supervisor(name, pin).name if self.has_users() else SETUP_USER

    def sign_in_badge(self, badge_code: str) -> User:
        found = self._store.find(badge_code=normalise(badge_code))
        if found is None or not found[0].active:
            raise RefusedInput(_("This badge is not known."))
        return found[0]

    def change_pin(self, name: str, new_pin: str, *, by: User | None = None) -> None:
        user = self.get(name)
        if by is not None and by.id != user.id and by.role is not Role.ADMIN:
            raise RefusedInput(_("Only an administrator can change another user's PIN."))
        problem = pin_problem(new_pin)
        if problem:
            raise RefusedInput(problem)
        with self._store.transaction():
            self._store.update(user.id, pin_hash=hash_pin(new_pin))
        if by is not None:
            self._clear_attempts(user, by)  # a new PIN unlocks

    def _admin_change(self, name: str, by: User | None, refusal: str, *, active_only: bool = True) -> User:
        """The user to change, once `by` (None: the command line, run by the database's owner) is an admin."""
        if by is not None and by.role is not Role.ADMIN:
            raise RefusedInput(refusal)
        found = self._store.find(name=clean(name))
        if found is None or (active_only and not found[0].active):
            raise NotFound(_("No user named {name}.").format(name=name))
        return found[0]

    def set_role(self, name: str, role: Role | str, *, by: User | None = None) -> User:
        """A user becomes a packer, a supervisor or an administrator; the last administrator stays one."""
        user = self._admin_change(name, by, _("Only an administrator can change roles."))
        try:
            role = Role(role)
        except ValueError:
            raise RefusedInput(_("Unknown role {role}: choose packer, supervisor or admin.").format(
                role=role)) from None
        admins = [u for u in self._store.all_users() if u.active and u.role is Role.ADMIN]
        if user.role is Role.ADMIN and role is not Role.ADMIN and len(admins) == 1:
            raise RefusedInput(_("{name} is the only administrator: make another user one first.").format(
                name=user.name))
        with self._store.transaction():
            self._store.update(user.id, role=role)
        return self.get(user.name)

    def set_badge(self, name: str, badge_code: str | None, *, by: User | None = None) -> User:
        """Give a user a badge to sign in by scanning (None: a new code from the restricted range 29...), or
        take it away with ""."""
        user = self._admin_change(name, by, _("Only an administrator can hand out badges."))
        badge = normalise(badge_code) if badge_code else ("" if badge_code == "" else self._new_badge_code())
        if badge and not (badge.isascii() and badge.isdigit()):
            raise RefusedInput(_("A badge code is digits only."))
        with self._store.transaction():
            other = self._store.find(badge_code=badge) if badge else None
            if other is not None and other[0].id != user.id:
                raise RefusedInput(_("That badge code belongs to another user."))
            self._store.update(user.id, badge_code=badge)
        return self.get(user.name)

    def _new_badge_code(self) -> str:
        """12 digits from GS1's prefix 29 (restricted circulation: never a product's EAN), unused here."""
        while True:
            code = "29" + "".join(secrets.choice("0123456789") for _digit in range(10))
            if self._store.find(badge_code=code) is None:
                return code

    def reactivate(self, name: str, *, by: User | None = None) -> User:
        user = self._admin_change(name, by, _("Only an administrator can reactivate users."), active_only=False)
        with self._store.transaction():
            self._store.update(user.id, active=True)
        return self.get(user.name)

    def deactivate(self, name: str, *, by: User | None = None) -> None:
        """Users are never deleted: their names stay in the journal."""
        if by is not None and by.role is not Role.ADMIN:
            raise RefusedInput(_("Only an administrator can deactivate users."))
        user = self.get(name)
        with self._store.transaction():
            self._store.update(user.id, active=False)
