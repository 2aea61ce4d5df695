"""Issue 19: after a large import at the hub its write-ahead log returns to a few MB, while the application's own
connection stays open all along (the hub's log stayed at 473 MB after a million events, until the app closed).
`bench/sync_bench.py --packages 100000 --stations 10` runs the million; this imports 60,000 events, whose
log without the cut would be far past the bound."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

from bench.hub_journals import EVENTS_PER_PACKAGE, enrol, make_station, prepare_hub
from models.storage.db import log_bytes
from models.storage.opening import open_database
from models.sync import exchange
from models.sync.exchange import Imported

PACKAGES, STATIONS = 6_000, 2
FEW_MB = 4 * 1024 * 1024


def test_the_hubs_log_returns_to_a_few_mb_after_a_large_import_with_the_apps_connection_open(tmp_path: Path):
    prepare_hub(tmp_path / "hub-made.db", PACKAGES)
    with closing(open_database(tmp_path / "hub-made.db")) as made:
        ids = [row[0] for row in made.execute("SELECT id FROM packages ORDER BY id")]
    stations = [make_station(tmp_path / "hub-made.db", tmp_path / f"station-{n}.db", n, ids[n::STATIONS])
                for n in range(STATIONS)]
    enrol(tmp_path / "hub-made.db", stations)
    files = []
    for n in range(STATIONS):
        with closing(open_database(tmp_path / f"station-{n}.db")) as station:
            (written,) = exchange.export_events(station, tmp_path / "exchange")
            files.append(written.path)
    hub_path = tmp_path / "hub.db"
    shutil.copyfile(tmp_path / "hub-made.db", hub_path)

    with closing(open_database(hub_path)) as hub, closing(open_database(hub_path)) as app_connection:
        app_connection.execute("SELECT count(*) FROM events").fetchone()  # the app reads along, open all the time
        for path, result in exchange.import_all(hub, files):
            assert isinstance(result, Imported), (path, result)
            assert result.merged == PACKAGES // STATIONS * EVENTS_PER_PACKAGE
        assert app_connection.execute("SELECT count(*) FROM events").fetchone()[0] >= PACKAGES * EVENTS_PER_PACKAGE
        assert log_bytes(hub_path) < FEW_MB, f"the log is {log_bytes(hub_path) / 1e6:.1f} MB"
