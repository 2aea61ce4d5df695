"""Issue 15: the signed handover cannot change through an import. A station that had not heard of the hub's
signed batch puts one of its packages into a carton and voids another: the hub holds those events as a conflict,
the manifest stays as signed, `check` passes, and a supervisor keeps the handover."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.handover.batches import BatchService
from models.handover.sql.batches_repo import SqlBatchStore
from models.handover.sql.consistency import findings
from models.packing.scanning import ScanService
from models.packing.sql.packing_store import SqlPackingStore
from models.sync import exchange
from models.sync.conflicts import KEEP_HANDOVER, ConflictService
from tests.support.stations import Network, Node, exchange_round, make_network


@pytest.fixture
def net(tmp_path: Path) -> Iterator[Network]:
    found = make_network(tmp_path, ("Station A",))
    yield found
    found.close()


def batches(node: Node) -> BatchService:
    return BatchService(SqlBatchStore(node.db, node.path))


def members(node: Node, batch: str) -> set[str]:
    return {row[0] for row in node.db.execute(
        "SELECT p.code FROM package_handover h JOIN packages p ON p.id = h.package_id WHERE h.batch_code = ?",
        [batch])}


def test_a_stations_late_change_to_a_signed_package_is_held_and_the_manifest_stays(net: Network) -> None:
    for index in range(3):
        net.pack_package("Station A", index)
    exchange_round(net, "Station A")  # the hub has the three sealed packages; the station has its code block
    hub, station = net.hub, net["Station A"]
    ivan = hub.user("Ivan")
    batch = batches(hub).create_batch(hub.station, ivan, net.campaign_id).batch_code
    assert batch is not None
    for code in net.codes[:3]:
        assert batches(hub).add(hub.station, ivan, batch, code).accepted
    assert batches(hub).close(hub.station, ivan, batch).accepted
    assert batches(hub).sign(hub.station, ivan, batch).accepted
    signed = members(hub, batch)

    carton = batches(station).create_carton(station.station, station.user("Ivan"), net.campaign_id).carton_code
    assert carton is not None
    assert batches(station).put_in_carton(station.station, station.user("Ivan"), carton, net.codes[0]).accepted
    voided = ScanService(SqlPackingStore(station.db)).void(station.station, station.user("Ivan"), net.codes[1],
                                                           "crushed")
    assert voided.accepted
    for path in exchange.export_events(station.db, net.folder):
        exchange.import_events(hub.db, path.path)

    assert members(hub, batch) == signed  # the manifest stays as signed
    states = dict(hub.db.execute("SELECT p.code, s.state FROM package_state s JOIN packages p ON "
                                 "p.id = s.package_id").fetchall())
    assert states[net.codes[1]] == "sealed"
    assert findings(hub.db) == []
    service = ConflictService(hub.db)
    open_ones = service.conflicts()
    assert {view.package_code for view in open_ones} == {net.codes[0], net.codes[1]}
    assert all(view.kind == "handover" and "after its batch was closed or signed" in view.summary
               for view in open_ones)
    for view in open_ones:
        assert [choice.key for choice in view.choices] == [KEEP_HANDOVER]
        service.resolve(view.id, KEEP_HANDOVER, ivan)
    assert service.conflicts() == [] and members(hub, batch) == signed and findings(hub.db) == []
