"""Issue 15's two-station scenario through `main.py` only: the hub signs a batch of 199 packages in cartons of
20 (version 2 after a correction); a second station joins, makes its carton 1 and registers a letter; the hub
imports the station's work. The station's codes differ from the hub's, the signed batch stays at 199, and
`check` passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from models.campaigns import reference
from models.storage.opening import open_database
from tests.support.cli import enrol_here
from tests.support.handover_fixtures import PACKER_PIN, SUPERVISOR_PIN, packed_demo
from tests.support.packing_fixtures import SEAL


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, (argv, out, err)
    return json.loads(out)


def content_scans(db_path: Path) -> list[str]:
    """What a packer scans into a package of the demo campaign to fill its required lines."""
    db = open_database(db_path)
    try:
        campaign = reference.list_campaigns(db)[0]
        template = reference.current_template(db, campaign)
        assert template is not None
        barcodes = {item.id: item.barcodes[0] for item in reference.list_items(db)}
        return [barcodes[line.item_id] for line in template.lines if line.required for _ in range(line.quantity)]
    finally:
        db.close()


def test_a_second_station_s_codes_never_reach_the_hub_s_signed_batch(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PACKLINE_PIN", SUPERVISOR_PIN)
    demo = packed_demo(tmp_path, recipients=210, packages=199)
    demo.workspace.close()
    hub, station, folder = tmp_path / "station.db", tmp_path / "station-2.db", tmp_path / "exchange"
    folder.mkdir()
    at_hub = ("--db", str(hub), "--user", "Supervisor")

    cartons = []
    for start in range(0, 199, 20):
        carton = as_json(capsys, "batch", "carton", *at_hub)["outcomes"][0]["carton"]
        assert run(capsys, "batch", "add", *at_hub, "--carton", carton, *demo.sealed[start:start + 20])[0] == 0
        cartons.append(carton)
    batch = as_json(capsys, "batch", "create", *at_hub, "--place", "Київ")["outcomes"][0]["batch"]
    assert run(capsys, "batch", "add", *at_hub, "--batch", batch, *cartons)[0] == 0
    for step in (("close",), ("sign",), ("correct", "--reason", "the seal number"), ("close",), ("sign",)):
        assert run(capsys, "batch", step[0], *at_hub, "--batch", batch, *step[1:])[0] == 0, step
    signed = as_json(capsys, "batch", "show", "--db", str(hub), "--batch", batch)
    assert (signed["state"], signed["version"], signed["packages"], len(signed["members"])) == ("signed", 2, 199, 199)

    monkeypatch.setenv("PACKLINE_PASSPHRASE", "пароль смены")  # an encrypted pack carries the users' PINs
    packed = as_json(capsys, "sync", "pack", "export", "--db", str(hub), "--out", str(folder), "--encrypt")["pack"]
    as_json(capsys, "sync", "pack", "import", "--db", str(station), packed["path"])
    assert run(capsys, "station", "--db", str(station), "--name", "Станция 2")[0] == 0
    at_station = ("--db", str(station), "--user", "Supervisor")

    # Just joined: no codes of its own yet, refused with the way out (no traceback, nothing written).
    code, out, err = run(capsys, "batch", "carton", *at_station)
    assert code == 2 and "no range of codes" in out + err
    code, out, err = run(capsys, "letters", "register", "--db", str(station), "201")
    assert code == 2 and "no range of codes" in out + err and "Traceback" not in err
    # One exchange gives it its block: the station asks with a file of no events, the hub answers.
    (asked,) = as_json(capsys, "sync", "export", "--db", str(station), "--out", str(folder))["exported"]
    assert asked["count"] == 0
    enrol_here(capsys, str(hub), str(station), asked["path"], "Supervisor", SUPERVISOR_PIN)
    as_json(capsys, "sync", "import", "--db", str(hub), asked["path"], "--answer", str(folder))
    (ack,) = folder.glob("ack-*.plxa")
    as_json(capsys, "sync", "exchange", "import", "--db", str(station), str(ack))

    carton = as_json(capsys, "batch", "carton", *at_station)["outcomes"][0]
    # its carton 1 (the hub has a carton 1 too), with a code of its own
    assert carton["message"].startswith("Carton 1 (") and carton["carton"] not in cartons
    letter = as_json(capsys, "letters", "register", "--db", str(station), "201")
    letter_code = letter["letters"][0]["code"]
    package = demo.planned[0]
    assert run(capsys, "scan", "--db", str(station), "--station", "Станция 2", "--user", "Packer", "--pin", PACKER_PIN,
               package, *content_scans(hub), SEAL)[0] == 0
    assert run(capsys, "batch", "add", *at_station, "--carton", carton["carton"], package)[0] == 0

    (sent,) = as_json(capsys, "sync", "export", "--db", str(station), "--out", str(folder))["exported"]
    imported = as_json(capsys, "sync", "import", "--db", str(hub), sent["path"], "--answer", str(folder))
    assert imported["results"][0]["held"] == 0 and imported["results"][0]["merged"] == sent["count"]

    after = as_json(capsys, "batch", "show", "--db", str(hub), "--batch", batch)
    assert (after["state"], after["version"], after["packages"], len(after["members"])) == ("signed", 2, 199, 199)
    assert after["versions"] == signed["versions"]
    db = open_database(hub)
    try:
        counts = dict(db.execute("SELECT carton_code, count(*) FROM package_handover GROUP BY carton_code"))
        assert [counts[code] for code in cartons] == [20] * 9 + [19] and counts[carton["carton"]] == 1
        assert db.execute("SELECT count(*) FROM letters WHERE code = ?", [letter_code]).fetchone()[0] == 0
    finally:
        db.close()
    code, out, err = run(capsys, "check", "--db", str(hub))
    assert code == 0, out + err
