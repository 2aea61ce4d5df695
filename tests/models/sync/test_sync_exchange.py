"""Event exchange: stations export, the hub merges by event id, idempotently; broken files change nothing."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.journal.sql.watermarks import named_watermarks, watermarks
from models.sync import acks, container, exchange
from models.sync.errors import ExchangeRefused, Problem
from models.sync.sql import sync_repo
from tests.support.broken_files import broken_files, write_broken
from tests.support.stations import Network, dump, events_file_bytes, make_network, open_events_file, rebuilt_equal


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path)
    yield network
    network.close()


def test_events_travel_from_two_stations_to_the_hub(net: Network):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 1)
    files = net.export("Station A") + net.export("Station B")
    assert [exchange.parse_events_file_name(p.name)[1:] for p in files] == [(1, 8), (1, 8)]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        result = exchange.import_events(net.hub.db, path)
        assert (result.merged, result.held, result.already_known) == (8, 0, 0)
    states = dict(net.hub.db.execute("SELECT package_id, state FROM package_state").fetchall())
    assert states == {net.package_id(0): "sealed", net.package_id(1): "sealed"}
    assert not list(net.folder.glob(".*"))  # no temporary file left behind
    assert rebuilt_equal(net.hub.db)
    ids = {net["Station A"].station.instance_id: 8, net["Station B"].station.instance_id: 8}
    assert {k: v for k, v in watermarks(net.hub.db).items() if k in ids} == ids
    assert {w.name for w in named_watermarks(net.hub.db)} >= {"Station A", "Station B"}


def test_importing_a_file_twice_changes_nothing(net: Network):
    net.pack_package("Station A", 0)
    (path,) = net.export("Station A")
    exchange.import_events(net.hub.db, path)
    before = dump(net.hub.db)
    again = exchange.import_events(net.hub.db, path)
    assert (again.merged, again.held, again.already_known) == (0, 0, 8)
    assert dump(net.hub.db) == before


def test_the_next_export_starts_after_the_acknowledgement(net: Network):
    node = net["Station A"]
    net.pack_package("Station A", 0)
    (first,) = net.export("Station A")
    exchange.import_events(net.hub.db, first)
    ack = acks.write_ack(net.hub.db, net.folder, node.station.instance_id)
    read = acks.import_ack(node.db, node.path, ack)
    assert read.seq == 8 and read.renewed_identity is None
    net.pack_package("Station A", 1)
    (second,) = net.export("Station A")
    assert exchange.parse_events_file_name(second.name)[1:] == (9, 16)
    assert exchange.import_events(net.hub.db, second).merged == 8


def test_overlapping_files_merge_only_what_is_new(net: Network):
    net.pack_package("Station A", 0)
    (first,) = net.export("Station A")
    net.pack_package("Station A", 1)
    first_copy = first.with_name("copy-" + first.name)
    first.rename(first_copy)
    (both,) = net.export("Station A")  # no acknowledgement yet: 1..16 again
    assert exchange.import_events(net.hub.db, first_copy).merged == 8
    result = exchange.import_events(net.hub.db, both)
    assert (result.merged, result.already_known) == (8, 8)
    assert rebuilt_equal(net.hub.db)


def test_a_file_that_skips_numbers_waits_for_the_earlier_one(net: Network):
    node = net["Station A"]
    net.pack_package("Station A", 0)
    (early,) = net.export("Station A")
    with node.db.conn:
        sync_repo.set_acked(node.db, node.station.instance_id, 8)  # as if the hub had acknowledged 1..8
    net.pack_package("Station A", 1)
    (late,) = net.export("Station A")
    before = dump(net.hub.db)
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, late)
    assert refused.value.problem is Problem.SEQUENCE_GAP and refused.value.may_succeed_later
    assert "earlier file" in str(refused.value)
    assert dump(net.hub.db) == before
    exchange.import_events(net.hub.db, early)
    assert exchange.import_events(net.hub.db, late).merged == 8


def test_encrypted_files_need_the_passphrase(net: Network):
    net.pack_package("Station A", 0)
    (path,) = net.export("Station A", passphrase="Ключ к файлу")
    assert b"package_opened" not in path.read_bytes()
    assert container.is_complete(path)  # the hash is checked without the passphrase
    result = exchange.import_events(net.hub.db, path, passphrase="Ключ к файлу")
    assert result.merged == 8


def test_every_broken_file_is_refused_with_a_clear_message_and_the_hub_unchanged(net: Network):
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")
    usb = net.folder / "usb"
    (secret,) = [e.path for e in exchange.export_events(net["Station A"].db, usb, passphrase="right one")]
    before = dump(net.hub.db)
    cases = broken_files(net, good)
    cases["wrong passphrase"] = (secret, Problem.WRONG_PASSPHRASE, "wrong one")
    cases["no passphrase"] = (secret, Problem.PASSPHRASE_NEEDED, None)
    messages = {}
    for name, (path, problem, phrase) in cases.items():
        with pytest.raises(ExchangeRefused) as refused:
            exchange.import_events(net.hub.db, path, passphrase=phrase)
        assert refused.value.problem is problem, name
        messages[name] = str(refused.value)
        assert dump(net.hub.db) == before, name
    assert "incomplete" in messages["truncated"] and "SHA-256" in messages["flipped byte"]
    assert "passphrase is wrong" in messages["wrong passphrase"] and "newer Packline" in messages["newer schema"]
    assert exchange.import_events(net.hub.db, good).merged == 8  # the good file still goes in


def test_a_clashing_sequence_is_refused_and_changes_nothing(net: Network):
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")
    exchange.import_events(net.hub.db, good)
    opened = open_events_file(net, good)
    rows = json.loads(opened.body)["events"]
    rows[3][0] = "01ZZZZZZZZZZZZZZZZZZZZZZZZ"  # another event under number 4
    header = {k: v for k, v in opened.header.items() if not k.startswith("body_")}
    clash = write_broken(net, "clash", events_file_bytes(net, header, json.dumps({"events": rows}).encode()))
    before = dump(net.hub.db)
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, clash)
    assert refused.value.problem is Problem.SEQUENCE_CLASH and refused.value.seq == 4
    assert "number 4" in str(refused.value) and "new station identity" in str(refused.value)
    assert dump(net.hub.db) == before


def test_a_station_that_has_not_joined_cannot_export(tmp_path: Path, db):
    from tests.support.packing_fixtures import build_campaign

    build_campaign(db)
    with pytest.raises(ExchangeRefused) as refused:
        exchange.export_events(db, tmp_path)
    assert refused.value.problem is Problem.NOT_JOINED
