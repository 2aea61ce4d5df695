"""Files made to hurt the hub: a station id that walks out of the exchange folder, a decompression bomb, key
derivation parameters that would take minutes and gigabytes. Each is refused with the reason, the hub is
unchanged, and nothing is written outside the folder it was given."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.sync import acks, container, exchange
from models.sync.errors import ExchangeRefused, Problem
from tests.support.broken_files import write_broken
from tests.support.stations import Network, dump, events_file_bytes, make_network, open_events_file, with_header

TRAVERSALS = ["../../../pwned/x", "..", "a/b", "/etc/passwd", "01HUB\\..\\x", "01ARZ3NDEKTSV4RRFFQ69G5FA", ""]


@pytest.fixture
def net(tmp_path: Path) -> Iterator[Network]:
    found = make_network(tmp_path, ("Station A",))
    yield found
    found.close()


def good_file(net: Network) -> tuple[Path, dict, bytes]:
    net.pack_package("Station A", 0)
    (good,) = net.export("Station A")
    opened = open_events_file(net, good)
    header = {k: v for k, v in opened.header.items() if not k.startswith("body_")}
    return good, header, opened.body


@pytest.mark.parametrize("station_id", TRAVERSALS)
def test_a_station_id_that_names_a_path_is_refused_and_nothing_is_written(net: Network, tmp_path: Path,
                                                                           station_id: str) -> None:
    _good, header, body = good_file(net)
    forged = write_broken(net, "forged", events_file_bytes(net, header | {"station_id": station_id}, body,
                                                                  signed_by=header["station_id"]))
    before = dump(net.hub.db)
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, forged)
    assert refused.value.problem is Problem.CORRUPT and "station id" in str(refused.value)
    with pytest.raises(ExchangeRefused):
        acks.write_ack(net.hub.db, net.folder, station_id)
    assert dump(net.hub.db) == before
    assert not (tmp_path / "pwned").exists() and not list(tmp_path.parent.glob("pwned"))


def test_a_decompression_bomb_is_refused_before_it_unpacks(net: Network) -> None:
    _good, header, _body = good_file(net)
    plain = b"0" * (container.RATIO_FLOOR_BYTES + 1024**2)  # 17 MB of zeros pack into about 17 KB
    path = write_broken(net, "bomb", events_file_bytes(net, header, plain))
    assert path.stat().st_size < 100_000
    before = dump(net.hub.db)
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, path)
    assert refused.value.problem is Problem.CORRUPT and "decompression bomb" in str(refused.value)
    assert dump(net.hub.db) == before


def test_key_derivation_parameters_are_the_formats_never_the_files(net: Network) -> None:
    good, _header, _body = good_file(net)
    secret = events_file_bytes(net, open_events_file(net, good).header, open_events_file(net, good).body, "pass")
    header = json.loads(secret.split(b"\n")[1])
    header["encryption"]["n"] = 2**24  # minutes and 16 GB of memory, if it were believed (and signed)
    path = write_broken(net, "kdf", with_header(net, secret, header))
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, path, passphrase="pass")
    assert refused.value.problem is Problem.CORRUPT
    assert exchange.import_events(net.hub.db, write_broken(net, "ok", secret), passphrase="pass").merged > 0
