"""Importing several files while a second process reads the next ones (`exchange.import_all`, `read_ahead`):
the same outcome as `import_events` file by file, every refusal as before and changing nothing."""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest

from models.storage.migrations import schema_version
from models.sync import exchange
from models.sync.enrolment import station_keys
from models.sync.errors import ExchangeRefused, Problem
from models.sync.sql import sync_repo
from tests.support.broken_files import broken_files
from tests.support.stations import Network, dump, make_network, rebuilt_equal


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path)
    yield network
    network.close()


def _read_ahead(net: Network, path: Path, phrase: str | None = None) -> exchange.EventsFile | None:
    return exchange.read_ahead(path, phrase, sync_repo.hub_id(net.hub.db) or "", schema_version(net.hub.db),
                               station_keys(net.hub.db))


def test_a_file_read_ahead_imports_as_one_read_then(net: Network):
    net.pack_package("Station A", 0)
    (path,) = net.export("Station A")
    read = _read_ahead(net, path)
    assert read is not None and len(read.rows) == 8
    result = exchange.import_events(net.hub.db, path, read=read)
    assert (result.merged, result.held, result.already_known) == (8, 0, 0)
    assert rebuilt_equal(net.hub.db)
    before = dump(net.hub.db)
    again = exchange.import_events(net.hub.db, path, read=_read_ahead(net, path))
    assert (again.merged, again.held, again.already_known) == (0, 0, 8)
    assert dump(net.hub.db) == before


def test_every_broken_file_is_not_read_ahead_and_refused_as_before_changing_nothing(net: Network):
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")
    before = dump(net.hub.db)
    for name, (path, problem, phrase) in broken_files(net, good).items():
        assert _read_ahead(net, path, phrase) is None, name
        with pytest.raises(ExchangeRefused) as direct:
            exchange.import_events(net.hub.db, path, passphrase=phrase)
        ((where, refused),) = list(exchange.import_all(net.hub.db, [path], passphrase=phrase, read_ahead_from=0))
        assert where == path and isinstance(refused, ExchangeRefused), name
        assert refused.problem is direct.value.problem is problem, name
        assert str(refused) == str(direct.value), name
        assert dump(net.hub.db) == before, name


def test_import_all_equals_importing_file_by_file(net: Network, tmp_path: Path):
    for index, station in enumerate(["Station A", "Station B", "Station A", "Station B"]):
        net.pack_package(station, index)
    files = net.export("Station A") + net.export("Station B")
    results = [result for _path, result in exchange.import_all(net.hub.db, files, read_ahead_from=0)]
    assert [(r.merged, r.held, r.already_known) for r in results] == [(16, 0, 0), (16, 0, 0)]
    assert rebuilt_equal(net.hub.db)
    before = dump(net.hub.db)
    again = list(exchange.import_all(net.hub.db, files + files, read_ahead_from=0))
    assert [path for path, _result in again] == files + files
    assert [result.already_known for _path, result in again] == [16] * 4
    assert dump(net.hub.db) == before
    positions = [row[0] for row in net.hub.db.execute("SELECT pos FROM events ORDER BY pos")]
    assert positions == list(range(positions[0], positions[0] + len(positions)))
    assert sync_repo.max_pos(net.hub.db) == positions[-1]


def test_import_all_reports_a_refused_file_and_goes_on_with_the_next(net: Network):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 1)
    (first,) = net.export("Station A")
    (second,) = net.export("Station B")
    truncated = net.folder / "broken.plxe"
    truncated.write_bytes(second.read_bytes()[:-40])
    done = dict(exchange.import_all(net.hub.db, [first, truncated, second], read_ahead_from=0))
    assert done[first].merged == 8 and done[second].merged == 8
    assert isinstance(done[truncated], ExchangeRefused) and done[truncated].problem is Problem.TRUNCATED
    assert rebuilt_equal(net.hub.db)


def test_import_all_asks_each_file_for_its_passphrase(net: Network):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 1)
    (secret,) = net.export("Station A", passphrase="for A")
    (plain,) = net.export("Station B")
    asked = []

    def phrase_of(path: Path) -> str | None:
        asked.append(path)
        return "for A" if path == secret else None

    done = dict(exchange.import_all(net.hub.db, [secret, plain], passphrase=phrase_of, read_ahead_from=0))
    assert done[secret].merged == 8 and done[plain].merged == 8
    assert set(asked) == {secret, plain}


def test_the_next_file_is_read_in_a_second_process_while_one_is_imported(net: Network,
                                                                         monkeypatch: pytest.MonkeyPatch):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 1)
    files = net.export("Station A") + net.export("Station B")
    given_read = []
    import_events = exchange.import_events

    def spying(db, path, *, passphrase=None, read=None, keys=None):
        given_read.append(read is not None)
        if len(given_read) == 1:
            time.sleep(3)  # time for the reading process to start and read the second file
        return import_events(db, path, passphrase=passphrase, read=read, keys=keys)

    monkeypatch.setattr(exchange, "import_events", spying)
    results = [result for _path, result in exchange.import_all(net.hub.db, files, read_ahead_from=0)]
    assert given_read == [False, True]
    assert [r.merged for r in results] == [8, 8]
    assert rebuilt_equal(net.hub.db)


def test_a_file_read_crosses_to_the_importing_process_unchanged(net: Network):
    net.pack_package("Station A", 0)
    (path,) = net.export("Station A")
    read = _read_ahead(net, path)
    assert read is not None
    assert pickle.loads(pickle.dumps(read)) == read


class _BrokenPool:
    """A reading process that cannot start (submit) or dies (every result)."""

    def __init__(self, *_args, **_kwargs) -> None:
        self.dies = _BrokenPool.dies

    def submit(self, *_args, **_kwargs):
        if not self.dies:
            raise RuntimeError("A process in the process pool was terminated abruptly")
        failed: Future = Future()
        failed.set_exception(RuntimeError("terminated abruptly"))
        return failed

    def shutdown(self, **_kwargs) -> None:
        pass

    dies = False


@pytest.mark.parametrize("dies", [False, True])
def test_a_reading_process_that_fails_only_means_the_files_are_read_here(net: Network,
                                                                         monkeypatch: pytest.MonkeyPatch, dies: bool):
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 1)
    files = net.export("Station A") + net.export("Station B")
    monkeypatch.setattr(_BrokenPool, "dies", dies)
    monkeypatch.setattr(exchange, "ProcessPoolExecutor", _BrokenPool)
    results = [result for _path, result in exchange.import_all(net.hub.db, files, read_ahead_from=0)]
    assert [r.merged for r in results] == [8, 8]
    assert rebuilt_equal(net.hub.db)
