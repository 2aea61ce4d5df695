"""Wrong PINs: counted per user, an increasing wait, a lock after the setting's number, all in the journal."""

from __future__ import annotations

import pytest

from models.core.errors import RefusedInput
from models.core.events import SETTING_INSTANCE_ID, EventType
from models.journal.sql import events_repo
from models.packing.sql.users_repo import SqlUserStore
from models.packing.users import MAX_RETRY_DELAY_S, Role, UserService, retry_delay_s
from models.storage.common import set_setting


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def users(db, clock: Clock) -> UserService:
    with db.conn:
        set_setting(db, SETTING_INSTANCE_ID, "station-a")
    service = UserService(SqlUserStore(db), lock_after=lambda: 4, clock=clock)
    service.add("Admin", Role.ADMIN, "9999")
    service.add("Olga", Role.SUPERVISOR, "7777")
    service.add("Ivan", Role.PACKER, "1234")
    return service


def guess(users: UserService, clock: Clock, name: str, pin: str) -> str:
    """Try a PIN after waiting as long as the last refusal asked; the refusal's text."""
    clock.now += 61
    with pytest.raises(RefusedInput) as refused:
        users.sign_in(name, pin)
    return str(refused.value)


def journal(db) -> list[tuple[str, str, dict]]:
    return [(e.type, e.user, dict(e.payload)) for e in events_repo.read(db)]


def test_the_wait_grows_from_the_second_wrong_pin_and_is_capped():
    assert [retry_delay_s(n) for n in range(0, 6)] == [0, 0, 1, 2, 4, 8]
    assert retry_delay_s(40) == MAX_RETRY_DELAY_S


def test_a_typo_costs_nothing_and_the_right_pin_clears_the_count(users: UserService, clock: Clock, db):
    assert guess(users, clock, "Ivan", "1243") == "The name or the PIN is wrong."
    assert users.sign_in("Ivan", "1234").name == "Ivan"  # at once: one wrong PIN does not wait
    assert SqlUserStore(db).attempts(users.get("Ivan").id).failures == 0


def test_a_try_inside_the_wait_is_refused_without_counting(users: UserService, clock: Clock, db):
    guess(users, clock, "Ivan", "0000")
    guess(users, clock, "Ivan", "0001")
    clock.now += 0.5
    with pytest.raises(RefusedInput, match=r"Wrong PIN 2 times in a row: try again in 1 s"):
        users.sign_in("Ivan", "1234")  # even the right PIN waits
    assert SqlUserStore(db).attempts(users.get("Ivan").id).failures == 2
    clock.now += 0.6
    assert users.sign_in("Ivan", "1234").name == "Ivan"


def test_brute_force_locks_the_user_and_every_wrong_pin_is_recorded(users: UserService, clock: Clock, db):
    texts = [guess(users, clock, "Ivan", f"{n:04d}") for n in range(4)]
    assert texts[-1] == "The PIN is wrong. Ivan is now locked after 4 wrong PINs: a supervisor unlocks them."
    assert users.get("Ivan").locked
    clock.now += 3600
    with pytest.raises(RefusedInput, match="Ivan is locked after 4 wrong PINs"):
        users.sign_in("Ivan", "1234")  # the right PIN no longer opens it
    refused = [(user, payload) for kind, user, payload in journal(db) if kind == EventType.PIN_REFUSED]
    assert refused == [("Ivan", {"failures": n, "locked": n == 4}) for n in range(1, 5)]  # not the locked try


def test_a_supervisor_unlocks_and_a_packer_cannot(users: UserService, clock: Clock, db):
    for n in range(4):
        guess(users, clock, "Ivan", f"{n:04d}")
    packer = users.add("Petro", Role.PACKER, "5555")
    with pytest.raises(RefusedInput, match="Only a supervisor can unlock a user"):
        users.unlock("Ivan", by=packer)
    olga = users.sign_in("Olga", "7777")
    assert users.unlock("Ivan", by=olga).locked is False
    assert users.sign_in("Ivan", "1234").name == "Ivan"
    assert journal(db)[-1] == (EventType.USER_UNLOCKED, "Ivan", {"by": "Olga", "failures": 4})


def test_a_new_pin_from_an_administrator_unlocks(users: UserService, clock: Clock):
    for n in range(4):
        guess(users, clock, "Ivan", f"{n:04d}")
    users.change_pin("Ivan", "4321", by=users.sign_in("Admin", "9999"))
    assert users.sign_in("Ivan", "4321").name == "Ivan"


def test_the_last_administrator_waits_but_is_never_locked(users: UserService, clock: Clock):
    for n in range(10):
        guess(users, clock, "Admin", f"{n:04d}")
    assert not users.get("Admin").locked
    clock.now += MAX_RETRY_DELAY_S
    assert users.sign_in("Admin", "9999").name == "Admin"


def test_an_unknown_name_and_a_wrong_pin_read_the_same(users: UserService, clock: Clock):
    assert guess(users, clock, "Nobody", "1234") == guess(users, clock, "Ivan", "0000")
