"""Conflicts: a package worked at two stations, or scans that break a rule, are flagged after an import and
blocked until a supervisor resolves them with compensating events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.core.errors import RefusedInput
from models.handover.batches import BatchService
from models.handover.sql.batches_repo import SqlBatchStore
from models.journal.sql import events_repo
from models.packing.scanning import ScanService
from models.packing.sql.packing_store import SqlPackingStore
from models.sync import exchange
from models.sync.conflicts import ACCEPT, KEEP, VOID, ConflictService, flagged_package_ids, is_flagged
from tests.support.stations import SEAL, Network, dump, make_network, rebuilt_equal


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path)
    yield network
    network.close()


def _carry(net: Network, *stations: str) -> None:
    for name in stations:
        for path in net.export(name):
            exchange.import_events(net.hub.db, path)
            path.unlink()


def _lines(net: Network, index: int) -> dict[tuple[int, int], int]:
    return {(line, item): qty for line, item, qty in net.hub.db.execute(
        "SELECT line_no, item_id, quantity FROM package_lines WHERE package_id = ?", [net.package_id(index)])}


def test_a_package_packed_at_two_stations_is_flagged_and_the_second_work_held(net: Network):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 0)
    net.pack_package("Station B", 1)
    _carry(net, "Station A", "Station B")
    package = net.package_id(0)
    assert is_flagged(net.hub.db, package) and flagged_package_ids(net.hub.db) == {package}
    assert flagged_package_ids(net.hub.db, net.campaign_id) == {package}
    assert not is_flagged(net.hub.db, net.package_id(1))
    held = net.hub.db.execute("SELECT count(*) FROM sync_held_events WHERE package_id = ?", [package]).fetchone()
    assert held[0] == 8
    assert sum(_lines(net, 0).values()) == 6  # one box's contents, not two mixed
    assert rebuilt_equal(net.hub.db)
    (view,) = ConflictService(net.hub.db).conflicts()
    assert view.kind == "two_stations" and view.package_code == net.codes[0]
    assert [(w.name, w.merged, w.items, bool(w.sealed_at)) for w in view.stations] == [
        ("Station A", True, 6, True), ("Station B", False, 6, True)]
    assert "Station A" in view.summary and "Station B" in view.summary
    keep_a, keep_b = view.choices
    assert keep_a.allowed and keep_b.allowed  # keeping B's sets A's sealed work aside


def test_keeping_the_merged_work_sets_the_other_aside(net: Network):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 0)
    _carry(net, "Station A", "Station B")
    service = ConflictService(net.hub.db)
    (view,) = service.conflicts()
    a = net["Station A"].station.instance_id
    with pytest.raises(RefusedInput, match="supervisor"):
        service.resolve(view.id, KEEP + a, net.hub.user("Olena"))
    done = service.resolve(view.id, KEEP + a, net.hub.user("Ivan"), "B's box unpacked")
    assert not is_flagged(net.hub.db, net.package_id(0)) and service.conflicts() == []
    marker = events_repo.by_id(net.hub.db, done.event_id)
    assert marker.type == "conflict_resolved" and marker.payload["kept_station"] == a
    assert len(marker.payload["discarded"]) == 8 and marker.user == "Ivan"
    with pytest.raises(RefusedInput, match="already resolved"):
        service.resolve(view.id, KEEP + a, net.hub.user("Ivan"))
    assert rebuilt_equal(net.hub.db)
    resolved = service.conflicts(open_only=False)[0]
    assert resolved.resolution == KEEP + a and resolved.resolved_by == "Ivan"


def test_keeping_the_held_work_sets_the_sealed_one_aside_and_merges_the_other(net: Network):
    net.pack_package("Station A", 0)
    b = net["Station B"]
    # B's box holds a chocolate too: which box the hub keeps shows in its contents and the stock.
    assert all(o.accepted for o in b.scan(net.codes[0], *net.full()[:-1], net.barcodes["chocolate"], SEAL))
    _carry(net, "Station A", "Station B")
    service = ConflictService(net.hub.db)
    (view,) = service.conflicts()
    keep_b = KEEP + b.station.instance_id
    assert all(choice.allowed for choice in view.choices)
    done = service.resolve(view.id, keep_b, net.hub.user("Ivan"), "A's box unpacked")
    state = net.hub.db.execute("SELECT state, station_id FROM package_state WHERE package_id = ?",
                               [net.package_id(0)]).fetchone()
    assert tuple(state) == ("sealed", b.station.instance_id)
    item = dict(net.hub.db.execute("SELECT name, id FROM items").fetchall())
    consumed = dict(net.hub.db.execute("SELECT item_id, quantity FROM stock_consumed").fetchall())
    assert consumed == {item["tea"]: 2, item["soap"]: 1, item["socks"]: 3, item["chocolate"]: 1}  # B's box
    marker = events_repo.by_id(net.hub.db, done.event_id)
    aside = events_repo.by_id(net.hub.db, marker.payload["set_aside"])
    assert aside.type == "work_set_aside" and aside.payload["station"] == net["Station A"].station.instance_id
    assert len(marker.payload["released"]) == 9 and len(marker.payload["discarded"]) == 0
    assert not is_flagged(net.hub.db, net.package_id(0))
    assert rebuilt_equal(net.hub.db)


def test_work_in_a_batch_is_not_set_aside(net: Network):
    net.pack_package("Station A", 0)
    _carry(net, "Station A")
    hub = net.hub
    batches = BatchService(SqlBatchStore(hub.db))
    ivan = hub.user("Ivan")
    batch = batches.create_batch(hub.station, ivan, net.campaign_id).batch_code or ""
    assert batches.add(hub.station, ivan, batch, net.codes[0]).accepted
    net.pack_package("Station B", 0)
    _carry(net, "Station B")
    service = ConflictService(hub.db)
    (view,) = service.conflicts()
    keep_b = next(c for c in view.choices if c.key == KEEP + net["Station B"].station.instance_id)
    assert not keep_b.allowed and batch in keep_b.why_not
    before = dump(hub.db)
    with pytest.raises(RefusedInput, match="take it out"):
        service.resolve(view.id, keep_b.key, ivan)
    assert dump(hub.db) == before


def test_keeping_the_held_work_sets_the_unfinished_one_aside_and_merges_the_other(net: Network):
    a, b = net["Station A"], net["Station B"]
    assert all(o.accepted for o in a.scan(net.codes[0], net.barcodes["tea"], net.barcodes["chocolate"]))
    net.pack_package("Station B", 0)
    _carry(net, "Station A", "Station B")
    service = ConflictService(net.hub.db)
    (view,) = service.conflicts()
    keep_b = KEEP + b.station.instance_id
    assert all(choice.allowed for choice in view.choices)
    consumed_before = dict(net.hub.db.execute("SELECT item_id, quantity FROM stock_consumed").fetchall())
    assert consumed_before == {}
    done = service.resolve(view.id, keep_b, net.hub.user("Ivan"))
    assert not done.flagged_again
    state = net.hub.db.execute("SELECT state, sealed_by FROM package_state WHERE package_id = ?",
                               [net.package_id(0)]).fetchone()
    assert tuple(state) == ("sealed", "Olena")
    ids = net.hub.db.execute("SELECT name, id FROM items").fetchall()
    item = dict(ids)
    assert _lines(net, 0) == {(1, item["tea"]): 2, (2, item["soap"]): 1, (3, item["socks"]): 3}
    consumed = dict(net.hub.db.execute("SELECT item_id, quantity FROM stock_consumed").fetchall())
    assert consumed == {item["tea"]: 2, item["soap"]: 1, item["socks"]: 3}
    marker = events_repo.by_id(net.hub.db, done.event_id)
    assert "set_aside" in marker.payload and len(marker.payload["released"]) == 8
    assert rebuilt_equal(net.hub.db)

    # Station A goes on with the package after the hub decided: held and flagged again.
    a.scan(net.barcodes["soap"])
    _carry(net, "Station A")
    assert is_flagged(net.hub.db, net.package_id(0))
    assert _lines(net, 0)[(2, item["soap"])] == 1


def test_import_order_decides_which_work_is_merged_first_but_not_the_outcome(net: Network, tmp_path: Path):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 0)
    _carry(net, "Station B", "Station A")  # B first this time
    service = ConflictService(net.hub.db)
    (view,) = service.conflicts()
    assert [w.merged for w in view.stations] == [True, False]
    assert [w.name for w in view.stations] == ["Station B", "Station A"]


def test_scans_that_break_a_hub_rule_are_flagged_and_can_be_accepted(net: Network):
    net.hub.db.execute("UPDATE campaigns SET forbidden_categories = '[\"alcohol\", \"hygiene\"]'")  # soap, now
    net.pack_package("Station A", 0)
    _carry(net, "Station A")
    service = ConflictService(net.hub.db)
    (view,) = service.conflicts()
    assert view.kind == "rule" and view.problems == ("soap is in the category hygiene, which this campaign forbids.",)
    assert [c.key for c in view.choices] == [ACCEPT, VOID] and all(c.allowed for c in view.choices)
    service.resolve(view.id, ACCEPT, net.hub.user("Ivan"))
    assert not is_flagged(net.hub.db, net.package_id(0))
    node = net["Station A"]  # more work on the package (a label printed): re-checked, already accepted
    ScanService(SqlPackingStore(node.db)).record_label_printed(node.station, node.user(), net.package_id(0))
    _carry(net, "Station A")
    assert events_repo.count(net.hub.db) == 10 + len(net.stations) and service.conflicts() == []  # (enrolments)


def test_a_rule_conflict_can_void_the_sealed_package(net: Network):
    net.hub.db.execute("UPDATE template_lines SET quantity = 2 WHERE line_no = 3")  # socks: 3 is one too many
    net.pack_package("Station A", 0)
    _carry(net, "Station A")
    service = ConflictService(net.hub.db)
    (view,) = service.conflicts()
    assert view.problems == ("Line 3 holds 3, but takes 2.",)
    service.resolve(view.id, VOID, net.hub.user("Ivan"), "over-packed")
    state = net.hub.db.execute("SELECT state, void_reason FROM package_state").fetchone()
    assert tuple(state) == ("voided", "over-packed")
    assert net.hub.db.execute("SELECT count(*) FROM stock_consumed").fetchone()[0] == 0
    assert rebuilt_equal(net.hub.db)


def test_a_resolved_conflict_counts_each_event_once(net: Network):
    """Issue 15: after keeping the held work, its events are merged and still remembered as held; the
    conflicts list counted them twice (12 items shown as 24)."""
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 0)
    _carry(net, "Station A", "Station B")
    service = ConflictService(net.hub.db)
    (view,) = service.conflicts()
    service.resolve(view.id, KEEP + net["Station B"].station.instance_id, net.hub.user("Ivan"), "A's box unpacked")
    (resolved,) = service.conflicts(open_only=False)
    by_name = {work.name: work for work in resolved.stations}
    assert by_name["Station B"].items == 6 and by_name["Station B"].events == 8
    assert by_name["Station A"].items == 6
