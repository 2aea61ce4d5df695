"""Lots: the hub gives packages to stations; a station refuses to open a package outside its lot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.core.errors import RefusedInput
from models.journal.sql import events_repo
from models.packing import rules
from models.packing.scan_reasons import Reason
from models.sync import lots, pack
from tests.support.stations import ACK, Network, dump, make_network, rebuilt_equal


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path)
    yield network
    network.close()


def _hand_out(net: Network, tmp_path: Path, name: str = "pack.plxp") -> None:
    written = pack.export_pack(net.hub.db, tmp_path / name)
    for node in net.stations.values():
        pack.import_pack(node.db, written.path)


def test_without_lots_every_station_may_open_every_package(net: Network):
    assert net["Station A"].scan(net.codes[3])[0].reason is Reason.PACKAGE_OPENED
    assert net["Station B"].scan(net.codes[4])[0].reason is Reason.PACKAGE_OPENED


def test_a_station_refuses_a_package_of_another_lot_and_names_the_station(net: Network, tmp_path: Path):
    change = lots.assign(net.hub.db, "Station A", net.campaign_id, ranges=["1-2"])
    assert (change.packages, change.version) == (2, 1)
    lots.assign(net.hub.db, "Station B", net.campaign_id, ranges=["3-4"], numbers=["10"])
    _hand_out(net, tmp_path)
    a, b = net["Station A"], net["Station B"]
    refused = a.scan(net.codes[2])[0]
    assert refused.refused and "Station B" in refused.message
    assert refused.reason is Reason.OUTSIDE_LOT
    assert events_repo.count(a.db) == 0  # nothing recorded
    a.scan(ACK)
    assert a.scan(net.codes[0])[0].reason is Reason.PACKAGE_OPENED
    assert b.scan(net.codes[4])[0].reason is Reason.PACKAGE_OPENED
    assert lots.next_in_lot(a.db, net.campaign_id, "Station A") == net.package_id(1)
    shown = {s.station: (s.packages, s.first_number, s.last_number) for s in lots.summaries(net.hub.db)}
    assert shown == {"Station A": (2, "1", "2"), "Station B": (3, "3", "10")}


def test_next_package_takes_the_next_package_of_the_stations_own_lot(net: Network, tmp_path: Path):
    from models.core.codes import Command, command_code

    lots.assign(net.hub.db, "Station A", net.campaign_id, ranges=["1-2"])
    lots.assign(net.hub.db, "Station B", net.campaign_id, ranges=["3-4"])
    _hand_out(net, tmp_path)
    opened = net["Station B"].scan(command_code(Command.NEXT_PACKAGE))[0]
    assert opened.reason is Reason.PACKAGE_OPENED and opened.package_code == net.codes[2]


def test_a_package_in_no_lot_is_refused_while_lots_are_in_force(net: Network, tmp_path: Path):
    lots.assign(net.hub.db, "Station A", net.campaign_id, numbers=["1"])
    _hand_out(net, tmp_path)
    refused = net["Station A"].scan(net.codes[1])[0]
    assert refused.refused and "no station's lot" in refused.message


def test_a_reassignment_reaches_both_stations_with_the_next_pack(net: Network, tmp_path: Path):
    lots.assign(net.hub.db, "Station A", net.campaign_id, ranges=["1-4"])
    _hand_out(net, tmp_path, "v1.plxp")
    a, b = net["Station A"], net["Station B"]
    assert a.scan(net.codes[0])[0].accepted  # opened at A before the reassignment
    change = lots.assign(net.hub.db, "Station B", net.campaign_id, ranges=["1-2"])
    assert change.moved_from == {"Station A": 2} and change.version == 2
    _hand_out(net, tmp_path, "v2.plxp")
    assert a.scan(net.codes[1])[0].refused
    a.scan(ACK)
    assert a.scan(net.codes[0])[0].reason is Reason.PACKAGE_RESUMED  # work already begun may be finished
    assert b.scan(net.codes[1])[0].reason is Reason.PACKAGE_OPENED
    assert rebuilt_equal(net.hub.db)


def test_an_assignment_is_all_or_nothing(net: Network):
    before = dump(net.hub.db)
    with pytest.raises(RefusedInput) as refused:
        lots.assign(net.hub.db, "Station A", net.campaign_id, ranges=["1-2"], numbers=["999"], codes=["123"])
    assert len(refused.value.problems) == 2 and "999" in refused.value.problems[0]
    with pytest.raises(RefusedInput, match="range"):
        lots.assign(net.hub.db, "Station A", net.campaign_id, ranges=["a-b"])
    assert dump(net.hub.db) == before


def test_lots_are_hub_events_and_rebuild_from_the_journal(net: Network):
    lots.assign(net.hub.db, "Station A", net.campaign_id, ranges=["1-10"])
    lots.assign(net.hub.db, "Station B", net.campaign_id, codes=[net.codes[4]])
    lots.assign(net.hub.db, None, net.campaign_id, numbers=["2"])
    kinds = [e.type for e in events_repo.read(net.hub.db)]
    assert kinds == ["station_enrolled"] * 2 + ["lot_assigned"] * 3  # the network's two stations, then the lots
    assert lots.owner(net.hub.db, net.package_id(1)) is None
    assert lots.owner(net.hub.db, net.package_id(4)) == "Station B"
    assert rebuilt_equal(net.hub.db)


def test_only_the_hub_assigns_lots(net: Network):
    with pytest.raises(RefusedInput, match="station of a hub"):
        lots.assign(net["Station A"].db, "Station A", net.campaign_id, ranges=["1-2"])


def test_the_next_package_of_a_station_comes_from_its_lot(net: Network, tmp_path: Path):
    from models.packing.rules import Context
    from models.packing.sql.packing_store import SqlPackingStore

    node = net["Station B"]
    context = Context(SqlPackingStore(node.db), node.station, node.user())
    assert rules.next_planned(context).code == net.codes[0]  # no lots: the campaign's queue
    lots.assign(net.hub.db, "Station B", net.campaign_id, ranges=["3-4"])
    _hand_out(net, tmp_path)
    context = Context(SqlPackingStore(node.db), node.station, node.user())
    assert rules.next_planned(context).code == net.codes[2]
    net.pack_package("Station B", 2)
    net.pack_package("Station B", 3)
    assert rules.next_planned(context) is None  # the lot is done


def test_a_lot_is_shown_as_the_runs_it_holds():
    """Issue 15: "Hub 1001 1-1999" for a hub holding 1-1000 and 1999; the runs tell the truth."""
    from models.sync.lots import number_ranges

    numbers = [(n, str(n)) for n in range(1, 1001)] + [(1999, "1999")]
    assert number_ranges(numbers) == "1–1000, 1999"
    assert number_ranges([(3, "3"), (4, "4"), (None, "12а"), (7, "7")]) == "3–4, 12а, 7"
    assert number_ranges([]) == ""
