"""The event journal: identity, sequence, immutability, and projections that rebuild from events alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ulid import ULID

from models.core.errors import StorageError
from models.core.event_payloads import FIELDS, OPTIONAL, payload_problem
from models.core.events import EventType, NewEvent
from models.journal import registry
from models.journal.sql import events_repo, projections
from models.journal.sql.rebuild import rebuild_projections
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.station import StationService
from models.storage.db import write_transaction
from models.storage.migrations import schema_version
from tests.support.packing_fixtures import REPRINT, SEAL, UNDO, Packing, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)


def test_events_carry_ulid_station_sequence_time_user_package_and_version(packing: Packing):
    packing.scan(packing.packages[0], packing.item("tea"))
    packing.scan(packing.packages[1], station=packing.other)
    packing.scan(packing.item("soap"))
    events = list(events_repo.read(packing.db))
    assert [e.type for e in events] == ["package_opened", "item_scanned", "package_opened", "item_scanned"]
    for event in events:
        assert str(ULID.from_str(event.id)) == event.id
        assert event.at.endswith("+00:00") and "T" in event.at
        assert event.schema_version == schema_version(packing.db)
    mine = [e.seq for e in events if e.station_id == packing.station.instance_id]
    theirs = [e.seq for e in events if e.station_id == packing.other.instance_id]
    assert mine == [1, 2, 3] and theirs == [1]  # one sequence per station, without gaps
    assert events[1].user == "Olena" and events[1].package_id == packing.package_ids[packing.packages[0]]
    assert events[1].payload == {"barcode": packing.item("tea"), "item_id": packing.item_ids["tea"], "line_no": 1}
    assert events[0].payload["template_id"] == packing.template_id and events[0].payload["resumed"] is False


def test_events_cannot_be_changed_or_deleted(packing: Packing):
    packing.scan(packing.packages[0])
    for statement in ("UPDATE events SET user_name = 'x'", "DELETE FROM events"):
        with pytest.raises(Exception, match="immutable"):
            packing.db.execute(statement)
    assert events_repo.count(packing.db) == 1


def test_events_are_recorded_only_inside_a_transaction(packing: Packing):
    with pytest.raises(StorageError):
        events_repo.append(packing.db, "station", NewEvent(EventType.PACKAGE_OPENED, "x", None), 2)


def test_sequence_numbers_are_unique_per_station(packing: Packing):
    packing.scan(packing.packages[0])
    event = next(events_repo.read(packing.db))
    with pytest.raises(Exception, match="UNIQUE"), write_transaction(packing.db):
        events_repo.insert_raw(packing.db, [event.__class__(**{**event.__dict__, "id": str(ULID())})])


def test_station_identity_lives_in_the_settings(packing: Packing):
    service = StationService(SqlStationStore(packing.db))
    station = service.identity()
    assert station == packing.station and station.name == "Station 1"
    assert str(ULID.from_str(station.instance_id)) == station.instance_id
    renamed = service.rename("Стол 3")
    assert renamed.instance_id == station.instance_id and service.identity().name == "Стол 3"
    fresh = service.take_new_identity()
    assert fresh.instance_id != station.instance_id and fresh.name == "Стол 3"


def test_a_station_name_must_match_once_set(packing: Packing):
    from models.core.errors import RefusedInput

    service = StationService(SqlStationStore(packing.db))
    assert service.ensure("Station 1") == packing.station
    with pytest.raises(RefusedInput, match="Station 1"):
        service.ensure("Station 9")


def test_rebuild_gives_the_same_projections_after_a_whole_shift(packing: Packing):
    [letter] = packing.letters().register(packing.campaign_id, ["2"], received=True)
    packing.scan(packing.packages[0], *packing.full_package(), packing.item("coffee"))  # line full: refused
    packing.service.acknowledge(packing.station, packing.packer)
    shift = packing.scan(UNDO, packing.item("socks"), packing.item("chocolate"), SEAL, REPRINT)
    shift += packing.scan(packing.packages[1], packing.item("coffee"), packing.item("coffee"), letter.code, UNDO,
                          letter.code)
    shift.append(packing.service.enter_weight(packing.station, packing.packer, 600))
    shift += packing.scan(packing.packages[2], packing.item("gloves"), packing.item("socks"), station=packing.other)
    shift.append(packing.service.void(packing.station, packing.supervisor, packing.packages[0], "wet"))
    assert all(outcome.accepted for outcome in shift), [o.reason for o in shift]
    live = projections.dump(packing.db)
    assert live["package_state"] and live["package_lines"] and live["letter_enclosures"]
    journal = list(events_repo.read(packing.db))
    assert {e.type for e in journal} >= set(FIELDS) | set(OPTIONAL)  # every payload the projections read...
    assert [payload_problem(e.type, e.payload) for e in journal] == [None] * len(journal)  # ...passes the hub
    replayed = rebuild_projections(packing.db)
    assert replayed == events_repo.count(packing.db)
    assert projections.dump(packing.db) == live


def test_rebuild_from_an_empty_projection_state(packing: Packing):
    packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    live = projections.dump(packing.db)
    with write_transaction(packing.db):
        for table in registry.tables():
            packing.db.execute(f"DELETE FROM {table}")
    assert projections.dump(packing.db) != live
    rebuild_projections(packing.db)
    assert projections.dump(packing.db) == live


def test_unknown_event_types_are_kept_and_ignored_by_projections(packing: Packing):
    packing.scan(packing.packages[0])
    package_id = packing.package_ids[packing.packages[0]]
    with write_transaction(packing.db):
        events_repo.append(packing.db, packing.station.instance_id, NewEvent(EventType.PUT_IN_CARTON, "Ivan",
                                                                             package_id, {"carton": "3000"}), 2)
    live = projections.dump(packing.db)
    rebuild_projections(packing.db)
    assert projections.dump(packing.db) == live
    assert [e.event_type for e in events_repo.read(packing.db)][-1] is EventType.PUT_IN_CARTON


def test_projections_change_in_the_same_transaction_as_the_event(packing: Packing):
    """A rolled-back transaction leaves neither the event nor its projection behind."""
    package_id = packing.package_ids[packing.packages[0]]
    with pytest.raises(RuntimeError), write_transaction(packing.db):
        events_repo.append(packing.db, packing.station.instance_id, NewEvent(
            EventType.PACKAGE_OPENED, "Olena", package_id,
            {"template_id": packing.template_id, "campaign_id": packing.campaign_id, "resumed": False}), 2)
        assert packing.store.package(package_id=package_id).state.value == "open"
        raise RuntimeError("crash before commit")
    assert events_repo.count(packing.db) == 0
    assert packing.store.package(package_id=package_id).state.value == "planned"


def test_every_derived_table_has_a_registered_projection():
    """The journal imports no feature: packing and handover register their projections, and together they keep
    every derived table of the schema."""
    from models.storage.derived_tables import DERIVED_TABLES

    assert {p.name for p in registry.projections()} >= {"packing", "handover"}
    assert sorted(registry.tables()) == sorted(DERIVED_TABLES)


def test_applying_events_with_a_projection_missing_is_refused_loudly(tmp_path):
    """In a process that imported only the journal, appending an event would leave the packing tables behind;
    the registry refuses instead."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    program = ("import sys; from models.journal import registry\n"
               "try:\n    registry.for_type('item_scanned')\n"
               "except Exception as error:\n    print(type(error).__name__, error); sys.exit(0)\n"
               "sys.exit(1)")
    result = subprocess.run([sys.executable, "-c", program], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "StorageError" in result.stdout and "package_state" in result.stdout and "cartons" in result.stdout


def test_a_workspace_registers_the_projections_at_the_first_use_of_the_registry_and_not_before(tmp_path):
    """Issue 19: a command that only reads imports no projection; the first event appended (or any use of the
    registry) imports them through the workspace's loader, so nothing is ever applied with one missing."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    program = ("import sys\nfrom app.workspace import Workspace\nfrom models.journal import registry\n"
               f"workspace = Workspace.open({str(tmp_path / 'station.db')!r})\n"
               "names = ('models.packing.sql.journal_projection', 'models.handover.sql.journal_projection')\n"
               "print([name in sys.modules for name in names])\n"
               "print(sorted(p.name for p in registry.for_type('item_scanned')),\n"
               "      [name in sys.modules for name in names])\n")
    result = subprocess.run([sys.executable, "-c", program], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[False, False]", "['packing'] [True, True]"], result.stdout
