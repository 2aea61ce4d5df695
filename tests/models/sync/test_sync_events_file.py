"""Files whose JSON means one thing to Python and could mean another to SQLite: the hub's journal, filled by
SQLite from the file's text, holds exactly the events Python checked and projected, or the file is refused
with the hub unchanged (`models.sync.events_file`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from models.sync import exchange
from models.sync.errors import ExchangeRefused, Problem
from models.sync.sql import sync_repo
from tests.support.stations import Network, dump, events_file_bytes, make_network, open_events_file, rebuilt_equal


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path)
    yield network
    network.close()


def _rewritten(net: Network, good: Path, name: str, body: Callable[[list[list[Any]]], str]) -> Path:
    """`good` with its body made anew by `body` from its events (as JSON arrays)."""
    opened = open_events_file(net, good)
    rows = json.loads(opened.body)["events"]
    path = net.folder / "crafted" / f"{name}.plxe"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(events_file_bytes(net, dict(opened.header), body(rows).encode("utf-8")))
    return path


def _station_events(net: Network, station: str) -> list[sync_repo.RawEvent]:
    node = net[station]
    return sync_repo.raw_events(node.db, node.station.instance_id)


def _hub_events(net: Network, station: str) -> list[sync_repo.RawEvent]:
    return sync_repo.raw_events(net.hub.db, net[station].station.instance_id)


def test_a_body_with_escapes_is_journaled_with_the_values_python_read(net: Network):
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")
    station = net["Station A"].station.instance_id
    sent: list[list[Any]] = []

    def escaped(rows: list[list[Any]]) -> str:
        # A Cyrillic user name with a NUL and an emoji, written with \u escapes (a surrogate pair for the emoji).
        sent.extend(_changed(row, 3, "Оле\x00на \U0001F600") for row in rows)
        return json.dumps({"events": sent}, ensure_ascii=True)

    path = _rewritten(net, good, "escaped", escaped)
    assert "\\u0000" in open_events_file(net, path).body.decode()
    assert exchange.import_events(net.hub.db, path).merged == 8
    assert _hub_events(net, "Station A") == [sync_repo.RawEvent(row[0], station, *row[1:]) for row in sent]
    assert rebuilt_equal(net.hub.db)


def test_a_second_events_key_is_journaled_as_python_read_it(net: Network):
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")
    # Python keeps the last of two equal keys, SQLite's JSON path the first.
    decoy = [["01DECOY0000000000000000000", 1, "x", "x", None, "decoy", "{}", 1]]

    def twice(rows: list[list[Any]]) -> str:
        return '{"events":' + json.dumps(decoy) + ',"events":' + json.dumps(rows, ensure_ascii=False) + "}"

    assert exchange.import_events(net.hub.db, _rewritten(net, good, "twice", twice)).merged == 8
    assert _hub_events(net, "Station A") == _station_events(net, "Station A")
    assert not net.hub.db.execute("SELECT 1 FROM events WHERE type = 'decoy'").fetchall()


def _changed(row: list[Any], index: int, value: Any) -> list[Any]:
    return [value if i == index else v for i, v in enumerate(row)]


@pytest.mark.parametrize(("case", "index", "value"), [
    ("sequence number as text", 1, "2"),
    ("package as a fraction", 4, 1.5),
    ("package past SQLite's integers", 4, 2**64),
    ("payload as an object", 6, {"line_no": 1}),
    ("payload not an object", 6, "[1, 2]"),
    ("a true for a schema version", 7, True),
    ("a lone surrogate in a user name", 3, "\ud800"),
    ("payload that is not JSON", 6, "{not json"),
    ("payload without the item", 6, "{}"),
    ("payload nested past Python's limit", 6, '{"line_no": ' + "[" * 100_000 + "]" * 100_000 + "}"),
])
def test_events_of_the_wrong_form_are_refused_with_the_hub_unchanged(net: Network, case: str, index: int,
                                                                     value: Any):
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")
    scan = 1  # the second event: an item scan

    def body(rows: list[list[Any]]) -> str:
        rows[scan] = _changed(rows[scan], index, value)
        return json.dumps({"events": rows}, ensure_ascii=True)

    before = dump(net.hub.db)
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, _rewritten(net, good, case.replace(" ", "-"), body))
    assert refused.value.problem is Problem.CORRUPT, case
    assert "damaged" in str(refused.value)
    assert dump(net.hub.db) == before, case
    assert exchange.import_events(net.hub.db, good).merged == 8


@pytest.mark.parametrize(("case", "package_of_b", "held"), [
    ("merged", 1, 0),  # B's event would be merged: the journal's unique index finds the id
    ("held", 0, 8),    # the same package as A's: B's events are held, and looked for after the merge
])
def test_an_event_id_the_journal_has_is_a_sequence_clash_changing_nothing(net: Network, case: str,
                                                                         package_of_b: int, held: int):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", package_of_b)
    (from_a,) = net.export("Station A")
    (from_b,) = net.export("Station B")
    exchange.import_events(net.hub.db, from_a)
    taken = _hub_events(net, "Station A")[3].id

    def reusing(rows: list[list[Any]]) -> str:
        rows[5] = _changed(rows[5], 0, taken)
        return json.dumps({"events": rows}, ensure_ascii=False)

    before = dump(net.hub.db)
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, _rewritten(net, from_b, f"reusing-{case}", reusing))
    assert refused.value.problem is Problem.SEQUENCE_CLASH and refused.value.seq == 6
    assert dump(net.hub.db) == before
    assert exchange.import_events(net.hub.db, from_b).held == held  # the file as written goes in


@pytest.mark.parametrize(("case", "field", "value", "why"), [
    ("line number as text", "line_no", "1", "line_no is not a whole number"),
    ("item as a fraction", "item_id", 2.5, "item_id is not a whole number"),
    ("no item", "item_id", None, "item_id is not a whole number"),
])
def test_a_payload_the_projections_cannot_read_as_it_is_is_refused(net: Network, case: str, field: str,
                                                                   value: Any, why: str):
    """SQLite would store "1" as 1 while a replay of the journal kept "1": such a file is refused, not applied."""
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")

    def odd(rows: list[list[Any]]) -> str:
        rows[1] = _changed(rows[1], 6, json.dumps(json.loads(rows[1][6]) | {field: value}))
        return json.dumps({"events": rows}, ensure_ascii=False)

    before = dump(net.hub.db)
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, _rewritten(net, good, case.replace(" ", "-"), odd))
    assert refused.value.problem is Problem.CORRUPT and f"event 2 cannot be applied: {why}" in str(refused.value)
    assert dump(net.hub.db) == before
    assert exchange.import_events(net.hub.db, good).merged == 8


def test_a_body_nested_past_pythons_limit_is_refused_not_a_crash(net: Network):
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")
    deep = _rewritten(net, good, "deep", lambda _rows: '{"events": ' + "[" * 100_000 + "]" * 100_000 + "}")
    before = dump(net.hub.db)
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, deep)
    assert refused.value.problem is Problem.CORRUPT and dump(net.hub.db) == before
