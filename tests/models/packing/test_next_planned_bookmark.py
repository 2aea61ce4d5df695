""""Next package" starts its search at the campaign's bookmark; whatever puts a package back before it, or a
rolled-back action, never makes it skip one (`models.storage.queue_schema`)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.core.collation import number_key
from models.packing.scan_reasons import Reason
from models.storage.db import write_transaction
from tests.support.packing_fixtures import NEXT, Packing, add_recipients, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)


def first_planned(packing: Packing) -> int | None:
    """The answer worked out from the tables in Python, without any bookmark: live packages with no state and
    no withdrawal, numbered recipients first by number, then the rest by list number."""
    db = packing.db
    taken = {row[0] for row in db.execute("SELECT package_id FROM package_state UNION "
                                          "SELECT package_id FROM package_withdrawals")}
    rows = db.execute("SELECT p.id, r.number_key, r.list_number, r.id FROM packages p "
                      "JOIN recipients r ON r.id = p.recipient_id WHERE p.live = 1 AND r.campaign_id = ?",
                      [packing.campaign_id]).fetchall()
    planned = [row for row in rows if row[0] not in taken]
    planned.sort(key=lambda row: (row[1] is None, row[1] or 0, row[2], row[3]))
    return planned[0][0] if planned else None


def next_in_transaction(packing: Packing) -> int | None:
    """The store's answer, found as Next finds it: inside a write transaction, leaving its bookmark."""
    with write_transaction(packing.db):
        found = packing.store.next_planned(packing.campaign_id)
    return found.id if found else None


def test_a_recipient_added_before_the_packed_ones_is_next(packing: Packing):
    opened = [packing.scan(NEXT)[0].package_code for _ in range(3)]
    assert opened == packing.packages[:3]
    add_recipients(packing.db, 1, first_number=0)  # list number 0 comes before 1
    [outcome] = packing.scan(NEXT)
    assert outcome.reason is Reason.PACKAGE_OPENED
    assert packing.store.recipient(packing.store.package(code=outcome.package_code).recipient_id).list_number == "0"


def test_a_package_whose_state_goes_is_next_again(packing: Packing):
    for _ in range(3):
        packing.scan(NEXT)
    first = packing.package_ids[packing.packages[0]]
    packing.db.execute("DELETE FROM package_state WHERE package_id = ?", [first])  # as a rebuild would
    assert next_in_transaction(packing) == first


def test_a_rolled_back_action_takes_its_bookmark_with_it(packing: Packing):
    first, second = (packing.package_ids[code] for code in packing.packages[:2])
    with pytest.raises(RuntimeError), write_transaction(packing.db):
        packing.db.execute(  # the first package taken in this transaction, then the search bookmarks the second
            "INSERT INTO package_state (package_id, campaign_id, state, station_id, template_id, opened_by, "
            "opened_at, last_pos) VALUES (?, ?, 'open', 'x', ?, 'x', 'now', 0)",
            [first, packing.campaign_id, packing.template_id])
        found = packing.store.next_planned(packing.campaign_id)
        assert found is not None and found.id == second
        raise RuntimeError("the action fails after the search")
    assert next_in_transaction(packing) == first


OPERATIONS = st.lists(st.one_of(
    st.just(("next",)),
    st.tuples(st.just("unpack"), st.integers(0, 20)),
    st.tuples(st.just("withdraw"), st.integers(0, 20)),
    st.tuples(st.just("reinstate"), st.integers(0, 20)),
    st.tuples(st.just("add"), st.integers(0, 30)),
    st.tuples(st.just("renumber"), st.integers(0, 20), st.sampled_from(["0", "5", "77", "А-1", "B"])),
), max_size=14)


@settings(max_examples=60, deadline=None)
@given(OPERATIONS)
def test_next_package_is_always_the_first_planned_whatever_happens_between(operations: list[tuple[object, ...]]):
    with tempfile.TemporaryDirectory() as folder, contextmanager(packing_in)(Path(folder)) as packing:
        for operation in operations:
            apply(packing, operation)
            assert next_in_transaction(packing) == first_planned(packing), operation


def apply(packing: Packing, operation: tuple[object, ...]) -> None:
    db = packing.db
    match operation:
        case ("next",):
            packing.scan(NEXT)
        case ("unpack", int(index)):
            states = [row[0] for row in db.execute("SELECT package_id FROM package_state ORDER BY package_id")]
            if states:
                db.execute("DELETE FROM package_state WHERE package_id = ?", [states[index % len(states)]])
        case ("withdraw", int(index)):  # as a corrected list withdraws a person, and reinstates them later
            packages = [row[0] for row in db.execute("SELECT id FROM packages WHERE live = 1 ORDER BY id")]
            db.execute("INSERT INTO package_withdrawals VALUES (?, ?, 1, 'Ivan', 'now', 0) ON CONFLICT DO NOTHING",
                       [packages[index % len(packages)], packing.campaign_id])
        case ("reinstate", int(index)):
            withdrawn = [row[0] for row in db.execute("SELECT package_id FROM package_withdrawals ORDER BY 1")]
            if withdrawn:
                db.execute("DELETE FROM package_withdrawals WHERE package_id = ?", [withdrawn[index % len(withdrawn)]])
        case ("add", int(number)):
            if db.execute("SELECT 1 FROM recipients WHERE list_number = ?", [str(number)]).fetchone() is None:
                add_recipients(db, 1, first_number=number)
        case ("renumber", int(index), str(number)):
            ids = [row[0] for row in db.execute("SELECT id FROM recipients ORDER BY id")]
            if db.execute("SELECT 1 FROM recipients WHERE list_number = ?", [number]).fetchone() is None:
                db.execute("UPDATE recipients SET list_number = ?, number_key = ? WHERE id = ?",
                           [number, number_key(number), ids[index % len(ids)]])
