"""`main.py sync ...`: the whole exchange from the command line, as a script would run it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from main import main
from tests.support.packing_fixtures import PIN, SEAL, template_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--json")
    assert code == EXIT_OK, err
    return json.loads(out)


def test_a_station_and_a_hub_exchange_through_the_command_line(tmp_path: Path, capsys, monkeypatch):
    folder, hub, station = tmp_path / "share", str(tmp_path / "hub.db"), str(tmp_path / "a.db")
    shutil.copyfile(template_database(), hub)
    assert run(capsys, "station", "--db", hub, "--rename", "Hub", "--new-identity")[0] == EXIT_OK
    assert run(capsys, "sync", "lot", "assign", "--db", hub, "--station", "Station A", "--range", "1-3")[0] == EXIT_OK
    packed = run_json(capsys, "sync", "pack", "export", "--db", hub, "--out", str(folder))["pack"]
    assert packed["version"] == 1
    joined = run_json(capsys, "sync", "pack", "import", "--db", station, packed["path"])
    assert joined["pack"]["updated"] and joined["pack"]["counts"]["sync_lots"] == 3
    assert run(capsys, "station", "--db", station, "--name", "Station A")[0] == EXIT_OK
    identity = run_json(capsys, "sync", "identity", "--db", station)["identity"]
    assert identity["station"]["name"] == "Station A" and not identity["renewed"]

    lots = run_json(capsys, "sync", "lot", "show", "--db", station)["lots"]
    assert lots == [{"station": "Station A", "packages": 3, "first_number": "1", "last_number": "3", "ranges": "1–3"}]
    assert "lot_assigned" in run(capsys, "journal", "list", "--db", hub)[1]  # a hub event in its journal
    from models.storage.opening import open_database

    db = open_database(hub)
    package = db.execute("SELECT p.code FROM packages p JOIN recipients r ON r.id = p.recipient_id "
                         "WHERE r.list_number = '1'").fetchone()[0]
    barcodes = dict(db.execute("SELECT i.name, b.barcode FROM items i JOIN item_barcodes b ON b.item_id = i.id"))
    db.close()
    scanned = [package, barcodes["tea"], barcodes["tea"], barcodes["soap"], *[barcodes["socks"]] * 3, SEAL]
    assert run(capsys, "scan", "--db", station, "--station", "Station A", "--user", "Olena", "--pin", PIN,
               *scanned)[0] == EXIT_OK

    monkeypatch.setenv("PACKLINE_PASSPHRASE", "сложный пароль")
    exported = run_json(capsys, "sync", "export", "--db", station, "--out", str(folder / "usb"), "--encrypt")
    (file,) = exported["exported"]
    assert file["count"] == 8
    imported = run_json(capsys, "sync", "import", "--db", hub, file["path"], "--answer", str(folder))
    assert imported["results"][0]["merged"] == 8
    ack = next(folder.glob("ack-*.plxa"))
    read = run_json(capsys, "sync", "exchange", "import", "--db", station, str(ack))
    assert read["results"][0]["seq"] == 8
    marks = run_json(capsys, "sync", "watermarks", "--db", hub)["watermarks"]
    assert {"name": "Station A", "seq": 8} in [{"name": m["name"], "seq": m["seq"]} for m in marks]
    assert run_json(capsys, "sync", "conflicts", "list", "--db", hub)["conflicts"] == []
    watch = run_json(capsys, "sync", "watch", "--db", station, "--folder", str(folder), "--once")
    assert watch["report"]["exported"] == []

    monkeypatch.setenv("PACKLINE_PASSPHRASE", "wrong")
    code, _out, err = run(capsys, "sync", "import", "--db", hub, file["path"])
    assert code == EXIT_REFUSED and "passphrase is wrong" in err + _out


def test_resolving_a_conflict_from_the_command_line_needs_a_supervisor(tmp_path: Path, capsys):
    from models.sync.conflicts import ConflictService
    from tests.support.stations import make_network

    net = make_network(tmp_path)
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 0)
    files = net.export("Station A") + net.export("Station B")
    hub = str(net.hub.path)
    net.close()
    assert run(capsys, "sync", "import", "--db", hub, *map(str, files))[0] == EXIT_OK
    listing = run(capsys, "sync", "conflicts", "list", "--db", hub)[1]
    assert "Station A" in listing and "Station B" in listing and "keep:" in listing
    conflict = run_json(capsys, "sync", "conflicts", "list", "--db", hub)["conflicts"][0]["id"]
    code, _out, err = run(capsys, "sync", "conflicts", "resolve", "--db", hub, str(conflict), "--keep", "Station A",
                          "--user", "Olena", "--pin", "1234")
    assert code == EXIT_REFUSED and "supervisor" in err
    code, out, err = run(capsys, "sync", "conflicts", "resolve", "--db", hub, str(conflict), "--keep", "Station A",
                         "--user", "Ivan", "--pin", "9876", "--note", "unpacked B's box")
    assert code == EXIT_OK, err
    assert "resolved" in out
    from models.storage.opening import open_database

    db = open_database(hub)
    try:
        assert ConflictService(db).conflicts() == []
    finally:
        db.close()
