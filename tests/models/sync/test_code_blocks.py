"""Codes that cannot collide: every station issues codes from a block of its own station identity, given by the
hub in its acknowledgement; the hub is block 0; a restored station takes a new identity and a new block."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.core.codes import block_can_issue, block_size, serial_of
from models.core.errors import RefusedInput
from models.handover.batches import BatchService
from models.handover.reasons import BatchReason
from models.handover.sql.batches_repo import SqlBatchStore
from models.handover.sql.consistency import findings
from models.packing.letters import LetterService
from models.packing.sql.letters_repo import SqlLetterStore
from models.storage.common import code_block
from models.sync import exchange
from models.sync.code_blocks import ensure_block
from models.sync.conflicts import KEEP_HANDOVER, ConflictService
from models.sync.identity import renew
from models.sync.sql import code_blocks_repo
from tests.support.stations import Network, Node, exchange_round, make_network


@pytest.fixture
def net(tmp_path: Path) -> Iterator[Network]:
    found = make_network(tmp_path, ("Station A", "Station B", "Station C"))
    yield found
    found.close()


def new_carton(node: Node):
    return BatchService(SqlBatchStore(node.db, node.path)).create_carton(node.station, node.user("Ivan"), 1)


def new_batch(node: Node):
    return BatchService(SqlBatchStore(node.db, node.path)).create_batch(node.station, node.user("Ivan"), 1)


def letters(node: Node, *numbers: str) -> list[str]:
    return [letter.code for letter in LetterService(SqlLetterStore(node.db)).register(1, list(numbers))]


def block_of(code: str) -> int:
    return serial_of(code) // block_size()


def test_a_station_issues_no_code_before_the_hub_gave_it_a_block(net: Network) -> None:
    station = net["Station A"]
    assert code_block(station.db) is None and code_block(net.hub.db) == 0
    refused = new_carton(station)
    assert not refused.accepted and refused.reason is BatchReason.NO_CODES_YET
    assert "exchange with the hub once" in refused.message
    assert new_batch(station).reason is BatchReason.NO_CODES_YET
    with pytest.raises(RefusedInput, match="no range of codes"):
        letters(station, "1")
    assert station.db.execute("SELECT count(*) FROM cartons").fetchone()[0] == 0


def test_the_hubs_and_each_stations_codes_never_collide(net: Network) -> None:
    """Issue 15: the station's carton 1 had the hub's carton 1's code. Now each identity has its own block."""
    hub_carton = new_carton(net.hub).carton_code
    issued = {hub_carton: "hub", letters(net.hub, "2")[0]: "hub", new_batch(net.hub).batch_code: "hub"}
    for name in ("Station A", "Station B", "Station C"):
        exchange_round(net, name)
        node = net[name]
        made = [new_carton(node).carton_code, new_batch(node).batch_code, *letters(node, "1", "2")]
        assert all(code is not None for code in made)
        blocks = {block_of(code) for code in made if code}
        assert len(blocks) == 1 and blocks != {0}
        for code in made:
            assert code not in issued, (code, issued.get(code), name)
            issued[str(code)] = name
    assert {block_of(code) for code, owner in issued.items() if owner != "hub"} == {1, 2, 3}
    # the stations' cartons are numbered 1 like the hub's, but their codes differ
    assert new_carton(net["Station A"]).accepted


def test_a_restored_station_takes_a_new_block(net: Network) -> None:
    exchange_round(net, "Station A")
    station = net["Station A"]
    before = [new_carton(station).carton_code, *letters(station, "3")]
    renew(station.db, station.path, "restored from a backup")
    assert code_block(station.db) is None and not new_carton(station).accepted
    exchange_round(net, "Station A")
    after = [new_carton(station).carton_code, *letters(station, "3")]
    assert {block_of(str(c)) for c in before} == {1} and {block_of(str(c)) for c in after} == {2}
    assert not set(before) & set(after)
    blocks = [row[0] for row in net.hub.db.execute(
        "SELECT json_extract(payload, '$.block') FROM events WHERE type = 'code_block_assigned' ORDER BY pos")]
    assert blocks == [1, 2]  # each recorded in the hub's journal, never given twice


def test_the_station_s_work_keeps_the_hubs_signed_batch_as_signed(net: Network) -> None:
    """The two-station scenario: the hub signs a batch holding its carton 1; the station makes its own carton 1
    and sends its work; the signed batch still holds what it held, and check finds nothing."""
    hub, station = net.hub, net["Station A"]
    service = BatchService(SqlBatchStore(hub.db, hub.path))
    supervisor = hub.user("Ivan")
    net.pack_package("Station A", 0)
    exchange_round(net, "Station A")
    carton = new_carton(hub).carton_code
    batch = new_batch(hub).batch_code
    assert carton and batch
    assert service.put_in_carton(hub.station, supervisor, carton, net.codes[0]).accepted
    assert service.add(hub.station, supervisor, batch, carton).accepted
    assert service.close(hub.station, supervisor, batch).accepted
    assert service.sign(hub.station, supervisor, batch).accepted
    station_carton = new_carton(station)
    assert station_carton.accepted and station_carton.carton_code != carton
    net.pack_package("Station A", 1)
    assert BatchService(SqlBatchStore(station.db, station.path)).put_in_carton(
        station.station, station.user("Ivan"), str(station_carton.carton_code), net.codes[1]).accepted
    exchange_round(net, "Station A")
    record = service.batch(batch)
    assert record is not None and record.package_count == 1
    assert findings(hub.db) == []


def test_a_station_that_joined_before_blocks_existed_waits_for_one(net: Network) -> None:
    """An upgraded station has no block setting at all: it is a station, so it waits, it does not take the hub's."""
    station = net["Station A"]
    station.db.execute("DELETE FROM settings WHERE key = 'codes.block'")
    assert code_block(station.db) is None and not new_carton(station).accepted
    exchange_round(net, "Station A")
    assert code_block(station.db) == 1 and new_carton(station).accepted


def test_a_code_the_hub_has_for_another_thing_is_a_conflict_that_blocks_the_batch(net: Network) -> None:
    """A station that issued codes from the hub's block (before blocks existed, or a forged file) brings the
    hub's carton and batch codes for things of its own: nothing of them is merged, the packages it put there
    are flagged, and the hub's batch is blocked until a supervisor keeps the hub's records."""
    hub, station = net.hub, net["Station A"]
    service = BatchService(SqlBatchStore(hub.db, hub.path))
    supervisor = hub.user("Ivan")
    net.pack_package("Station A", 0)
    exchange_round(net, "Station A")
    carton, batch = new_carton(hub).carton_code, new_batch(hub).batch_code
    assert carton and batch
    assert service.put_in_carton(hub.station, supervisor, carton, net.codes[0]).accepted
    assert service.add(hub.station, supervisor, batch, carton).accepted
    assert service.close(hub.station, supervisor, batch).accepted

    station.db.execute("UPDATE settings SET value = '0' WHERE key = 'codes.block'")  # the hub's own block
    station_service = BatchService(SqlBatchStore(station.db, station.path))
    same_carton, same_batch = new_carton(station).carton_code, new_batch(station).batch_code
    assert (same_carton, same_batch) == (carton, batch)
    net.pack_package("Station A", 1)
    ivan = station.user("Ivan")
    assert station_service.put_in_carton(station.station, ivan, carton, net.codes[1]).accepted
    assert station_service.add(station.station, ivan, batch, carton).accepted
    before = {row[0]: row[1:] for row in hub.db.execute("SELECT code, created_by, created_at FROM cartons")}
    imported = [exchange.import_events(hub.db, e.path) for e in exchange.export_events(station.db, net.folder)]

    assert imported[0].clashing_codes == tuple(sorted({carton, batch}))
    assert "held, not merged" in str(imported[0].clash_note())
    assert {row[0]: row[1:] for row in hub.db.execute("SELECT code, created_by, created_at FROM cartons")} == before
    record = service.batch(batch)
    assert record is not None and record.package_count == 1
    package = net.package_id(1)
    assert hub.db.execute("SELECT count(*) FROM package_handover WHERE package_id = ?", [package]).fetchone()[0] == 0
    conflicts = ConflictService(hub.db)
    [view] = [c for c in conflicts.conflicts() if c.package_id == package]
    assert carton in view.summary and [c.key for c in view.choices] == [KEEP_HANDOVER]
    refused = service.sign(hub.station, supervisor, batch)
    assert not refused.accepted and refused.reason is BatchReason.CODE_CLASH and carton in refused.message

    conflicts.resolve(view.id, KEEP_HANDOVER, supervisor)
    assert service.sign(hub.station, supervisor, batch).accepted
    record = service.batch(batch)
    assert record is not None and record.package_count == 1
    assert findings(hub.db) == []


def test_the_hub_never_gives_a_block_whose_serials_cannot_be_issued(net: Network) -> None:
    """Found by the three-station state machine: block 5's serials all begin 05, a pair never issued (it is
    transposition-unsafe), so a station given block 5 found its range used up at its first code."""
    assert not block_can_issue(5) and block_can_issue(4) and block_can_issue(6)
    code_blocks_repo.set_last_block(net.hub.db, 4)
    exchange_round(net, "Station A")
    assert code_block(net["Station A"].db) == 6 and new_carton(net["Station A"]).accepted
    assert ensure_block(net.hub.db, net["Station A"].station.instance_id) == 6
    assert letters(net["Station A"], "1")
