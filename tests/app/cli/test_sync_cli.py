"""`main.py sync ...`: the whole exchange from the command line, as a script would run it."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from tests.support.cli import run_here as run
from tests.support.cli import run_json_here as run_json
from tests.support.packing_fixtures import PIN, SEAL, template_database


def test_a_station_and_a_hub_exchange_through_the_command_line(tmp_path: Path, capsys, monkeypatch):
    folder, hub, station = tmp_path / "share", str(tmp_path / "hub.db"), str(tmp_path / "a.db")
    shutil.copyfile(template_database(), hub)
    assert run(capsys, "station", "--db", hub, "--rename", "Hub", "--new-identity")[0] == EXIT_OK
    assert run(capsys, "sync", "lot", "assign", "--db", hub, "--station", "Station A", "--range", "1-3",
               "--user", "Ivan", "--pin", "9876")[0] == EXIT_OK
    monkeypatch.setenv("PACKLINE_PASSPHRASE", "сложный пароль")
    packed = run_json(capsys, "sync", "pack", "export", "--db", hub, "--out", str(folder), "--encrypt")["pack"]
    assert packed["version"] == 1 and packed["with_pins"]  # encrypted: the users' PINs travel with it
    hub_key = run_json(capsys, "sync", "identity", "--db", hub)["fingerprint"]
    code, _out, err = run(capsys, "sync", "pack", "import", "--db", station, packed["path"],
                          "--hub-fingerprint", "1111-2222-3333-4444")
    assert code == EXIT_REFUSED and hub_key in err  # not the hub the supervisor named: nothing joined
    joined = run_json(capsys, "sync", "pack", "import", "--db", station, packed["path"], "--hub-fingerprint", hub_key)
    assert joined["pack"]["updated"] and joined["pack"]["counts"]["sync_lots"] == 3
    assert run(capsys, "station", "--db", station, "--name", "Station A")[0] == EXIT_OK
    shown_identity = run_json(capsys, "sync", "identity", "--db", station)
    identity = shown_identity["identity"]
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

    exported = run_json(capsys, "sync", "export", "--db", station, "--out", str(folder / "usb"), "--encrypt")
    (file,) = exported["exported"]
    assert file["count"] == 8
    # Its first file asks to be enrolled: refused until a supervisor compares the fingerprints and enrols it.
    code, out, err = run(capsys, "sync", "import", "--db", hub, file["path"], "--answer", str(folder))
    shown = shown_identity["fingerprint"]
    assert code == EXIT_REFUSED and "not enrolled" in out + err and shown in out + err
    asking = run_json(capsys, "sync", "enrolment", "list", "--db", hub)["requests"]
    assert [(r["station_name"], r["fingerprint"]) for r in asking] == [("Station A", shown)]
    code, _out, err = run(capsys, "sync", "enrol", "Station A", "--fingerprint", "0000-0000-0000-0000", "--db", hub,
                          "--user", "Ivan", "--pin", "9876")
    assert code == EXIT_REFUSED and "not the one station Station A sent" in err
    code, _out, err = run(capsys, "sync", "enrol", "Station A", "--fingerprint", shown, "--db", hub,
                          "--user", "Olena", "--pin", PIN)
    assert code == EXIT_REFUSED and "supervisor" in err
    assert run(capsys, "sync", "enrol", "Station A", "--fingerprint", shown.lower(), "--db", hub,
               "--user", "Ivan", "--pin", "9876")[0] == EXIT_OK
    assert "station_enrolled" in run(capsys, "journal", "list", "--db", hub)[1]
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


def test_handing_out_lots_needs_a_supervisor_and_their_pin(tmp_path: Path, capsys):
    hub = str(tmp_path / "hub.db")
    shutil.copyfile(template_database(), hub)
    assign = ("sync", "lot", "assign", "--db", hub, "--station", "Station A", "--range", "1-3")
    code, _out, err = run(capsys, *assign, "--user", "Olena", "--pin", PIN)
    assert code == EXIT_REFUSED and "Only a supervisor can hand out lots; Olena is not one." in err
    code, _out, err = run(capsys, *assign, "--user", "Ivan", "--pin", "0000")
    assert code == EXIT_REFUSED and "PIN" in err
    assert run_json(capsys, "sync", "lot", "show", "--db", hub)["lots"] == []  # nothing was handed out
    assert run(capsys, *assign, "--user", "Ivan", "--pin", "9876")[0] == EXIT_OK
    assert "Ivan" in run(capsys, "journal", "list", "--db", hub)[1]


def test_a_plain_pack_carries_no_pins_and_the_station_gives_its_own(tmp_path: Path, capsys):
    hub, station = str(tmp_path / "hub.db"), str(tmp_path / "a.db")
    shutil.copyfile(template_database(), hub)
    assert run(capsys, "station", "--db", hub, "--rename", "Hub", "--new-identity")[0] == EXIT_OK
    code, out, _err = run(capsys, "sync", "pack", "export", "--db", hub, "--out", str(tmp_path / "share"))
    assert code == EXIT_OK and "carries no PINs or badges" in out
    pack_file = tmp_path / "share" / "campaign-pack.plxp"
    assert b"scrypt$" not in pack_file.read_bytes() and b"7000001" not in pack_file.read_bytes()
    assert run(capsys, "sync", "pack", "import", "--db", station, str(pack_file))[0] == EXIT_OK
    assert run(capsys, "station", "--db", station, "--name", "Station A")[0] == EXIT_OK

    from models.storage.opening import open_database

    db = open_database(station)
    package = db.execute("SELECT code FROM packages ORDER BY id LIMIT 1").fetchone()[0]
    db.close()
    scan = ("scan", "--db", station, "--station", "Station A", "--user", "Olena", package)
    code, _out, err = run(capsys, *scan, "--pin", PIN)
    assert code == EXIT_REFUSED and "Olena has no PIN at this station yet" in err
    users = {u["name"]: u for u in run_json(capsys, "users", "list", "--db", station)["users"]}
    assert not users["Olena"]["has_pin"] and users["Olena"]["badge_code"] is None
    # Nobody can sign in here yet: the station's first administrator is made without credentials ...
    assert run(capsys, "users", "add", "Марія", "--role", "admin", "--db", station, "--new-pin", "5555")[0] == EXIT_OK
    assert run(capsys, "users", "add", "Петро", "--role", "admin", "--db", station,
               "--new-pin", "5555")[0] == EXIT_REFUSED  # ... and only the first
    # ... and gives the hub's users their PINs here.
    assert run(capsys, "users", "set-pin", "Olena", "--db", station, "--by", "Марія", "--pin", "5555",
               "--new-pin", "2468")[0] == EXIT_OK
    assert run(capsys, *scan, "--pin", "2468")[0] == EXIT_OK

    # The next plain pack keeps the PIN given here.
    assert run(capsys, "sync", "lot", "assign", "--db", hub, "--station", "Station A", "--range", "1-3",
               "--user", "Ivan", "--pin", "9876")[0] == EXIT_OK  # a change: a new pack version
    assert run(capsys, "sync", "pack", "export", "--db", hub, "--out", str(tmp_path / "share"))[0] == EXIT_OK
    assert run(capsys, "sync", "pack", "import", "--db", station, str(pack_file))[0] == EXIT_OK
    users = {u["name"]: u for u in run_json(capsys, "users", "list", "--db", station)["users"]}
    assert run_json(capsys, "sync", "lot", "show", "--db", station)["lots"][0]["packages"] == 3  # it was read
    assert users["Olena"]["has_pin"] and users["Марія"]["role"] == "admin"
    assert run(capsys, *scan, "--pin", "2468")[0] == EXIT_OK  # the PIN given here still signs her in
