"""Importing several files while a second process reads the next ones (`exchange.import_all`, `read_ahead`):
the same outcome as `import_events` file by file, every refusal as before and changing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.storage import sync_repo
from models.sync import exchange
from models.sync.errors import ExchangeRefused
from tests.models.test_sync_exchange import _broken_files
from tests.models.test_sync_helpers import Network, dump, make_network, rebuilt_equal


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path)
    yield network
    network.close()


def test_a_file_read_ahead_imports_as_one_read_then(net: Network):
    net.pack_package("Station A", 0)
    (path,) = net.export("Station A")
    read = exchange.read_ahead(path, None)
    assert read is not None and len(read[1]) == 8
    result = exchange.import_events(net.hub.db, path, read=read)
    assert (result.merged, result.held, result.already_known) == (8, 0, 0)
    assert rebuilt_equal(net.hub.db)
    before = dump(net.hub.db)
    again = exchange.import_events(net.hub.db, path, read=exchange.read_ahead(path, None))
    assert (again.merged, again.held, again.already_known) == (0, 0, 8)
    assert dump(net.hub.db) == before


def test_every_broken_file_read_ahead_is_refused_as_before_and_changes_nothing(net: Network):
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")
    before = dump(net.hub.db)
    for name, (path, problem, phrase) in _broken_files(net, good).items():
        with pytest.raises(ExchangeRefused) as direct:
            exchange.import_events(net.hub.db, path, passphrase=phrase)
        with pytest.raises(ExchangeRefused) as ahead:
            exchange.import_events(net.hub.db, path, passphrase=phrase, read=exchange.read_ahead(path, phrase))
        assert ahead.value.problem is direct.value.problem is problem, name
        assert str(ahead.value) == str(direct.value), name
        assert dump(net.hub.db) == before, name


def test_import_all_equals_importing_file_by_file(net: Network, tmp_path: Path):
    for index, station in enumerate(["Station A", "Station B", "Station A", "Station B"]):
        net.pack_package(station, index)
    files = net.export("Station A") + net.export("Station B")
    results = list(exchange.import_all(net.hub.db, files))
    assert [(r.merged, r.held, r.already_known) for r in results] == [(16, 0, 0), (16, 0, 0)]
    assert rebuilt_equal(net.hub.db)
    before = dump(net.hub.db)
    assert [r.already_known for r in exchange.import_all(net.hub.db, files + files)] == [16] * 4
    assert dump(net.hub.db) == before
    positions = [row[0] for row in net.hub.db.execute("SELECT pos FROM events ORDER BY pos")]
    assert positions == list(range(positions[0], positions[0] + len(positions)))
    assert sync_repo.max_pos(net.hub.db) == positions[-1]


def test_import_all_stops_at_a_refused_file_keeping_the_earlier_ones(net: Network):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 1)
    (first,) = net.export("Station A")
    (second,) = net.export("Station B")
    truncated = net.folder / "broken.plxe"
    truncated.write_bytes(second.read_bytes()[:-40])
    done = []
    with pytest.raises(ExchangeRefused):
        for result in exchange.import_all(net.hub.db, [first, truncated, second]):
            done.append(result)
    assert [r.merged for r in done] == [8]
    assert rebuilt_equal(net.hub.db)
    assert exchange.import_events(net.hub.db, second).merged == 8
