"""Merging is order-independent and idempotent (hypothesis), and all-or-nothing under SIGKILL."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.storage.database import Database
from models.storage.db import integrity_check
from models.storage.migrations import schema_version
from models.storage.opening import open_database
from models.sync import container, exchange
from models.sync.errors import ExchangeRefused
from models.sync.sql.sync_repo import hub_id
from tests.support.stations import Network, dump, enrolled_signer, make_network, rebuilt_equal

ROOT = Path(__file__).resolve().parents[3]


class Scenario:
    """Three stations' files, made once: A packs two packages (two overlapping files), B packs one and the
    same package as A (a conflict), C opens a package, then finishes it later (two files)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="packline-sync-scenario-"))
        net = make_network(self.folder, ("Station A", "Station B", "Station C"))
        net.hub.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(net.hub.path, self.folder / "hub-template.db")
        self.files: list[Path] = []
        net.pack_package("Station A", 0)
        self._keep(net, "Station A")
        net.pack_package("Station A", 1)
        self._keep(net, "Station A")
        net.pack_package("Station B", 2)
        net.pack_package("Station B", 0)
        self._keep(net, "Station B")
        assert net["Station C"].scan(net.codes[3], net.barcodes["tea"])[1].accepted
        self._keep(net, "Station C")
        net["Station C"].scan(*net.full()[1:])
        self._keep(net, "Station C")
        net.close()

    def _keep(self, net: Network, station: str) -> None:
        for path in net.export(station):
            kept = path.with_name(f"{len(self.files):02d}-{path.name}")
            path.rename(kept)
            self.files.append(kept)

    def hub(self, folder: Path) -> Database:
        shutil.copyfile(self.folder / "hub-template.db", folder / "hub.db")
        return open_database(folder / "hub.db")


_scenario: Scenario | None = None


def scenario() -> Scenario:
    global _scenario
    if _scenario is None:
        _scenario = Scenario()
    return _scenario


def import_all(db: Database, files: list[Path]) -> None:
    """Import in the order given; a file refused for a gap is tried again after the others."""
    pending = list(files)
    while pending:
        waiting = []
        for path in pending:
            try:
                exchange.import_events(db, path)
            except ExchangeRefused as refused:
                assert refused.may_succeed_later, refused
                waiting.append(path)
        assert len(waiting) < len(pending), "no progress"
        pending = waiting


def canonical(db: Database) -> dict[str, Any]:
    """The hub as far as import order may not change it (journal positions aside)."""
    flagged = {row[0] for row in db.execute("SELECT package_id FROM sync_conflicts")}

    def rows(sql: str, *mask: int) -> list[tuple[Any, ...]]:
        found = [tuple(None if i in mask else v for i, v in enumerate(row)) for row in db.execute(sql)]
        return sorted(found, key=repr)

    # Which station's work on a flagged package is merged and which is held depends on which file came first;
    # everything received, and every unflagged package, may not.
    return {
        "received": sorted(r[0] for r in db.execute("SELECT id FROM events UNION ALL SELECT id FROM sync_held_events")),
        "merged": sorted(r[0] for r in db.execute("SELECT id FROM events WHERE package_id IS NULL OR package_id NOT IN "
                                                  "(SELECT package_id FROM sync_conflicts)")),
        "held": len(db.execute("SELECT id FROM sync_held_events").fetchall()),
        "conflicts": sorted((p, k, tuple(sorted(json.loads(s))), pr) for p, k, s, pr in db.execute(
            "SELECT package_id, kind, stations, problems FROM sync_conflicts")),
        "states": [r for r in rows("SELECT * FROM package_state", 15) if r[0] not in flagged],
        "lines": [r for r in rows("SELECT * FROM package_lines") if r[0] not in flagged],
        "scans": [r for r in rows("SELECT * FROM package_scans", 2) if r[1] not in flagged],
        "stock": rows("SELECT * FROM stock_consumed"),
    }


_reference: dict[str, Any] | None = None


def reference_state() -> dict[str, Any]:
    global _reference
    if _reference is None:
        folder = Path(tempfile.mkdtemp(prefix="packline-sync-reference-"))
        db = scenario().hub(folder)
        import_all(db, scenario().files)
        _reference = canonical(db)
        db.close()
        shutil.rmtree(folder, ignore_errors=True)
    return _reference


@settings(max_examples=30)
@given(st.data())
def test_imports_in_any_order_and_any_repetition_give_the_same_hub(data: st.DataObject):
    files = scenario().files
    order = data.draw(st.permutations(files))
    repeats = data.draw(st.lists(st.sampled_from(files), max_size=4))
    folder = Path(tempfile.mkdtemp(prefix="packline-sync-example-"))
    db = scenario().hub(folder)
    try:
        import_all(db, list(order) + repeats)
        state = canonical(db)
        assert state == reference_state()
        assert len(state["conflicts"]) == 1 and state["held"] == 8
        assert rebuilt_equal(db)
        before = dump(db)
        for path in files:  # every file again: nothing changes
            exchange.import_events(db, path)
        assert dump(db) == before
    finally:
        db.close()
        shutil.rmtree(folder, ignore_errors=True)


# -- SIGKILL in the middle of an import -------------------------------------------------------------------


def synthetic_file(db: Database, folder: Path, packages: int) -> Path:
    """A station's file packing `packages` packages (open, six items, seal each), written straight away."""
    ids = [row[0] for row in db.execute("SELECT id FROM packages ORDER BY id LIMIT ?", [packages])]
    items = dict(db.execute("SELECT name, id FROM items").fetchall())
    template = db.execute("SELECT id FROM templates").fetchone()[0]
    campaign = db.execute("SELECT id FROM campaigns").fetchone()[0]
    station = "01KILLEDSTATI0N00000000000"
    rows: list[list[Any]] = []

    def add(package: int, kind: str, payload: dict[str, Any]) -> None:
        seq = len(rows) + 1
        rows.append([f"01KILL{seq:020d}", seq, "2026-01-01T00:00:00.000+00:00", "Olena", package, kind,
                     json.dumps(payload, sort_keys=True, separators=(",", ":")), schema_version(db)])

    for package in ids:
        add(package, "package_opened", {"campaign_id": campaign, "template_id": template, "resumed": False,
                                        "station_name": "Killed"})
        for line, name in ((1, "tea"), (1, "tea"), (2, "soap"), (3, "socks"), (3, "socks"), (3, "socks")):
            add(package, "item_scanned", {"barcode": "x", "item_id": items[name], "line_no": line})
        add(package, "package_sealed", {"weight_g": None, "expected_weight_g": 1090})
    header = {"hub_id": hub_id(db), "station_id": station, "station_name": "Killed", "seq_from": 1,
              "seq_to": len(rows), "count": len(rows), "schema_version": schema_version(db)}
    body = json.dumps({"events": rows}, separators=(",", ":")).encode()
    signer = enrolled_signer(db, station, "Killed")
    return container.write(folder / exchange.events_file_name(station, 1, len(rows)), "events", header, body,
                           signer=signer)


@pytest.mark.slow
def test_a_hub_killed_in_the_middle_of_an_import_has_none_or_all_of_the_file(tmp_path: Path):
    from tests.support.packing_fixtures import add_recipients

    net = make_network(tmp_path, ())
    add_recipients(net.hub.db, 3000)
    path = synthetic_file(net.hub.db, tmp_path, 3000)
    net.hub.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    net.close()
    script = ("import sys; from pathlib import Path; from models.storage.opening import open_database; "
              "from models.sync.exchange import import_events; db = open_database(sys.argv[1]); "
              "print('start', flush=True); import_events(db, Path(sys.argv[2])); print('done', flush=True)")
    outcomes = set()
    for delay in (0.05, 0.2, 0.4, 0.8):
        hub = tmp_path / f"hub-{delay}.db"
        shutil.copyfile(net.hub.path, hub)
        process = subprocess.Popen([sys.executable, "-c", script, str(hub), str(path)], cwd=ROOT,
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None and process.stdout.readline().strip() == "start"
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()
        db = open_database(hub)
        try:
            count = db.execute("SELECT count(*) FROM events WHERE station_id = '01KILLEDSTATI0N00000000000'")
            merged = count.fetchone()[0]
            assert merged in (0, 3000 * 8), merged
            assert integrity_check(db) == ["ok"]
            assert rebuilt_equal(db)
            outcomes.add(merged)
        finally:
            db.close()
    assert 0 in outcomes  # at least one kill landed before the commit

