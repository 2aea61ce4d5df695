"""A hub restored from a backup mid-campaign (issue 15): it takes a new identity, learns again the blocks of
codes and the pack version it gave since the backup, and its stations send again what it lost, without loss
or duplicates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.core.codes import block_size, serial_of
from models.handover.batches import BatchService
from models.handover.reasons import BatchReason
from models.handover.sql.batches_repo import SqlBatchStore
from models.handover.sql.consistency import findings
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.station import StationService
from models.storage.backup import make_backup
from models.storage.common import code_block
from models.storage.opening import open_database
from models.sync import pack
from models.sync.overview import StationsService
from models.sync.sql import code_blocks_repo, sync_repo
from tests.support.packing_fixtures import add_recipients
from tests.support.stations import Network, Node, enrol, make_network, restore_from_backup


@pytest.fixture
def net(tmp_path: Path) -> Iterator[Network]:
    found = make_network(tmp_path, ("Station A", "Station B"))
    yield found
    found.close()


def service(node: Node) -> StationsService:
    return StationsService(node.db, node.path)


def station_round(net: Network, *names: str) -> None:
    """Each station sends its events through the folder; the hub imports and answers; the stations read the
    answers. Files are then removed, as a station's watcher removes acknowledged ones."""
    for name in names:
        service(net[name]).export_to(net.folder)
    service(net.hub).import_from(net.folder)
    for name in names:
        service(net[name]).import_from(net.folder)
    for path in net.folder.glob("events-*.plxe"):
        path.unlink()


def new_carton(node: Node) -> str | None:
    return BatchService(SqlBatchStore(node.db, node.path)).create_carton(node.station, node.user("Ivan"), 1).carton_code


def block_of(code: str) -> int:
    return serial_of(code) // block_size()


def journals(node: Node) -> dict[str, int]:
    return {sid: sync_repo.max_seq(node.db, sid, with_held=False) for sid in sync_repo.own_station_ids(node.db)}


def test_a_restored_hub_gets_back_what_it_lost_and_gives_no_code_twice(net: Network, tmp_path: Path) -> None:
    hub = net.hub
    net.pack_package("Station A", 0)
    station_round(net, "Station A", "Station B")
    backup = make_backup(hub.db, hub.path, "manual")
    pack_before = sync_repo.pack_version(hub.db)

    # After the backup: more work, a third station joins and gets a block, a new pack goes out.
    net.pack_package("Station A", 1)
    net.pack_package("Station B", 2)
    station_round(net, "Station A", "Station B")
    path = tmp_path / "station-c.db"
    late = Node("Station C", open_database(path), path)
    net.stations["Station C"] = late
    pack.import_pack(late.db, net.folder / pack.PACK_FILE_NAME)
    StationService(SqlStationStore(late.db)).ensure("Station C")
    enrol(net, late)
    net.pack_package("Station C", 3)
    station_round(net, "Station C")
    codes_since = {name: new_carton(net[name]) for name in ("Station A", "Station B", "Station C")}
    hub_carton = new_carton(hub)
    add_recipients(hub.db, 2, first_number=900)  # the reference changes: a newer pack
    service(hub).export_to(net.folder)
    for name in ("Station A", "Station B", "Station C"):
        service(net[name]).import_from(net.folder)
    given_pack = sync_repo.pack_version(net["Station A"].db)
    assert given_pack > pack_before
    assert {block_of(str(code)) for code in codes_since.values()} == {1, 2, 3} and block_of(str(hub_carton)) == 0

    restore_from_backup(hub, backup)
    assert sync_repo.pack_version(hub.db) == pack_before
    refused = BatchService(SqlBatchStore(hub.db, hub.path)).create_carton(hub.station, hub.user("Ivan"), 1)
    assert refused.reason is BatchReason.NO_CODES_YET and "restored from a backup" in refused.message

    # The hub's answers make every station send again what the hub lost; two rounds, whatever the order.
    service(hub).export_to(net.folder)
    station_round(net, "Station C", "Station A", "Station B")
    station_round(net, "Station B", "Station A", "Station C")
    for name in ("Station A", "Station B", "Station C"):
        for station_id, last in journals(net[name]).items():
            assert sync_repo.max_seq(hub.db, station_id) == last, (name, station_id)
    assert hub.db.execute("SELECT count(*) FROM package_state WHERE state = 'sealed'").fetchone()[0] == 4
    assert hub.db.execute("SELECT count(*) FROM sync_held_events").fetchone()[0] == 0

    # Blocks: the ones given since the backup are known again; the hub's own and a new station's are new.
    assert code_blocks_repo.block_of(hub.db, net["Station C"].station.instance_id) == 3
    own = code_block(hub.db)
    assert own is not None and own > 3
    after = new_carton(hub)
    assert after is not None and block_of(after) == own and after != hub_carton
    assert after not in codes_since.values()
    assert code_blocks_repo.last_block(hub.db) == own

    # The next pack is newer than any the stations have, so they take it.
    written = service(hub).export_to(net.folder).pack_written
    assert written is not None and written.version > given_pack
    for name in ("Station A", "Station B", "Station C"):
        report = service(net[name]).import_from(net.folder)
        assert report.pack_read is not None and not report.refused, report.refused
    assert findings(hub.db) == []
