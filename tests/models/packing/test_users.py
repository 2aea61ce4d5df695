"""Users: roles, salted scrypt PIN hashes, sign-in by PIN or badge."""

from __future__ import annotations

import pytest

from models.core.errors import NotFound, RefusedInput
from models.packing.sql.users_repo import SqlUserStore
from models.packing.users import Role, UserService, hash_pin, verify_pin


@pytest.fixture
def users(db) -> UserService:
    return UserService(SqlUserStore(db))


def test_pins_are_stored_as_salted_scrypt_hashes(users: UserService, db):
    users.add("Olena", Role.PACKER, "1234")
    users.add("Taras", Role.PACKER, "1234")
    hashes = [row[0] for row in db.execute("SELECT pin_hash FROM users ORDER BY name")]
    assert all(h.startswith("scrypt$") and "1234" not in h for h in hashes)
    assert hashes[0] != hashes[1]  # same PIN, different salt
    assert verify_pin("1234", hashes[0]) and not verify_pin("1235", hashes[0])
    assert not verify_pin("1234", "md5$abc")


def test_hash_is_reproducible_with_the_same_salt():
    assert hash_pin("0000", b"s" * 16) == hash_pin("0000", b"s" * 16)


def test_sign_in_with_pin_or_badge(users: UserService):
    added = users.add("Олена", "supervisor", "5678", badge_code="]C1 700123\r\n", language="uk")
    assert added.role is Role.SUPERVISOR and added.can_supervise and added.badge_code == "700123"
    assert users.sign_in(" Олена ", "5678") == added
    assert users.sign_in_badge("700123") == added
    with pytest.raises(RefusedInput, match="name or the PIN"):
        users.sign_in("Олена", "0000")
    with pytest.raises(RefusedInput, match="name or the PIN"):
        users.sign_in("Nobody", "5678")
    with pytest.raises(RefusedInput):
        users.sign_in_badge("999")


@pytest.mark.parametrize("pin", ["123", "12a4", "1234567890123", ""])
def test_bad_pins_are_refused(users: UserService, pin):
    with pytest.raises(RefusedInput):
        users.add("Olena", Role.PACKER, pin)


def test_names_and_badges_are_unique_and_roles_known(users: UserService):
    users.add("Olena", Role.PACKER, "1234", badge_code="111")
    with pytest.raises(RefusedInput, match="already exists"):
        users.add("Olena", Role.ADMIN, "1234")
    with pytest.raises(RefusedInput, match="badge"):
        users.add("Taras", Role.PACKER, "1234", badge_code="111")
    with pytest.raises(RefusedInput):
        users.add("Taras", "boss", "1234")


def test_only_an_admin_manages_users(users: UserService):
    admin = users.add("Admin", Role.ADMIN, "0000")
    packer = users.add("Olena", Role.PACKER, "1234", by=admin)
    supervisor = users.add("Ivan", Role.SUPERVISOR, "9876", by=admin)
    for actor in (packer, supervisor):
        with pytest.raises(RefusedInput):
            users.add("Taras", Role.PACKER, "1234", by=actor)
        with pytest.raises(RefusedInput):
            users.deactivate("Admin", by=actor)
    users.change_pin("Olena", "4321", by=packer)  # one's own PIN
    with pytest.raises(RefusedInput):
        users.change_pin("Ivan", "4321", by=packer)
    assert users.sign_in("Olena", "4321") == packer
    users.deactivate("Olena", by=admin)
    with pytest.raises(NotFound):
        users.get("Olena")
    with pytest.raises(RefusedInput):
        users.sign_in("Olena", "4321")
    assert [u.name for u in users.list()] == ["Admin", "Ivan", "Olena"]
