"""Look-ups and user administration headless: catalog list, template show/versions, stock show with its
headers, users set-role/set-pin/set-badge/deactivate/reactivate signed for with a PIN; every listing has --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from models.demo.campaign import create_demo
from models.storage.opening import open_database


@pytest.fixture
def station(tmp_path: Path) -> Path:
    path = tmp_path / "station.db"
    db = open_database(path)
    create_demo(db, "Demo", recipients=4)
    db.close()
    return path


def cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: str, pin: str | None = None) -> tuple[int, str, str]:
    code = main.main([*argv, "--db", str(db), *(["--pin", pin] if pin else [])])
    out, err = capsys.readouterr()
    return code, out, err


def test_catalog_and_template_look_ups(station: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, station, "catalog", "list")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "Item\tCategory\tUnit weight, g\tBarcodes" and len(lines) == 43
    code, out, _ = cli(capsys, station, "catalog", "list", "--json")
    items = json.loads(out)["items"]
    assert len(items) == 42 and all(len(barcode) in (8, 12, 13) for item in items for barcode in item["barcodes"])
    code, out, _ = cli(capsys, station, "template", "show", "--json")
    template = json.loads(out)
    assert code == 0 and template["version"] == 1 and len(template["lines"]) == 12
    assert template["lines"][0]["substitutes"] == ["Тушонка свиняча, 325 г"]
    assert template["expected_weight_g"] == 3250  # the required lines with their main items, and the box
    code, out, _ = cli(capsys, station, "template", "show")
    assert out.splitlines()[-1] == "Expected weight: 3250 g (required lines and the box of 250 g)"
    code, _, err = cli(capsys, station, "template", "show", "--version", "4")
    assert code == 2 and "no template version 4; versions: 1" in err
    code, out, _ = cli(capsys, station, "template", "versions", "--json")
    assert [row["version"] for row in json.loads(out)["versions"]] == [1]
    code, out, _ = cli(capsys, station, "stock", "show")
    assert out.splitlines()[0] == "Item\tReceived\tUsed\tIn open packages\tAvailable"


def test_users_are_changed_only_by_an_administrator_with_a_pin(station: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, station, "users", "add", "Адмін", "--role", "admin", pin="1234")[0] == 0
    assert cli(capsys, station, "users", "add", "Петро", "--new-pin", "1111", "--by", "Адмін", pin="1234")[0] == 0
    code, _, err = cli(capsys, station, "users", "set-role", "Петро", "supervisor", "--by", "Петро", pin="1111")
    assert code == 2 and "Only an administrator can change roles." in err
    code, _, err = cli(capsys, station, "users", "set-role", "Петро", "supervisor", "--by", "Адмін", pin="9999")
    assert code == 2 and "The name or the PIN is wrong." in err
    code, out, _ = cli(capsys, station, "users", "set-role", "Петро", "supervisor", "--by", "Адмін", "--json",
                       pin="1234")
    assert code == 0 and json.loads(out)["role"] == "supervisor"
    code, _, err = cli(capsys, station, "users", "set-role", "Адмін", "packer", "--by", "Адмін", pin="1234")
    assert code == 2 and "the only administrator" in err
    code, out, _ = cli(capsys, station, "users", "set-badge", "Петро", "--by", "Адмін", "--json", pin="1234")
    badge = json.loads(out)["badge_code"]
    assert badge.startswith("29") and len(badge) == 12 and badge.isdigit()
    code, _, _ = cli(capsys, station, "users", "set-pin", "Петро", "--new-pin", "2222", "--by", "Петро", pin="1111")
    assert code == 0
    assert cli(capsys, station, "users", "deactivate", "Петро", "--by", "Адмін", pin="1234")[0] == 0
    code, out, _ = cli(capsys, station, "users", "list", "--json")
    assert [(u["name"], u["active"]) for u in json.loads(out)["users"]] == [("Адмін", True), ("Петро", False)]
    assert cli(capsys, station, "users", "reactivate", "Петро", "--by", "Адмін", pin="1234")[0] == 0
    code, out, _ = cli(capsys, station, "users", "list")
    assert out.splitlines()[0] == "Name\tRole\tLanguage\tBadge\tActive\tLocked"
    assert out.splitlines()[2] == f"Петро\tsupervisor\ten\t{badge}\tyes\tno"
    # The new PIN signs in; the old one does not.
    code, _, err = cli(capsys, station, "campaign", "close", "Demo", "--user", "Петро", pin="1111")
    assert code == 2 and "The name or the PIN is wrong." in err
    assert cli(capsys, station, "campaign", "close", "Demo", "--user", "Петро", pin="2222")[0] == 0


def test_wrong_pins_lock_a_user_on_the_command_line_and_a_supervisor_unlocks(
        station: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli(capsys, station, "users", "add", "Адмін", "--role", "admin", pin="1234")[0] == 0
    assert cli(capsys, station, "users", "add", "Петро", "--new-pin", "1111", "--by", "Адмін", pin="1234")[0] == 0
    scan = ["scan", "--station", "Склад 1", "--user", "Петро", "0"]
    code, _, err = cli(capsys, station, *scan)  # no PIN at all: stdin is not a terminal, nothing to ask
    assert code == 2 and "A PIN is needed" in err
    for guess in ("0000", "0001"):
        code, _, err = cli(capsys, station, *scan, pin=guess)
        assert code == 2 and "The name or the PIN is wrong." in err
    code, _, err = cli(capsys, station, *scan, pin="1111")
    assert code == 2 and "Wrong PIN 2 times in a row: try again in 1 s." in err  # the right PIN waits too
    monkeypatch.setattr("models.packing.users.retry_delay_s", lambda failures: 0)  # skip the waits
    for guess in ("0002", "0003"):
        assert cli(capsys, station, *scan, pin=guess)[0] == 2
    code, _, err = cli(capsys, station, *scan, pin="0004")
    assert code == 2 and "Петро is now locked after 5 wrong PINs" in err  # the default setting
    code, _, err = cli(capsys, station, *scan, pin="1111")
    assert code == 2 and "Петро is locked after 5 wrong PINs" in err
    code, out, _ = cli(capsys, station, "users", "list", "--json")
    assert {u["name"]: u["locked"] for u in json.loads(out)["users"]} == {"Адмін": False, "Петро": True}
    code, out, _ = cli(capsys, station, "journal", "list", "--json")
    refused = [e for e in json.loads(out)["events"] if e["type"] == "pin_refused"]
    assert [(e["user"], e["payload"]["failures"]) for e in refused] == [("Петро", n) for n in (5, 4, 3, 2, 1)]

    code, _, err = cli(capsys, station, "users", "unlock", "Петро", "--by", "Петро", pin="1111")
    assert code == 2 and "Петро is locked" in err  # nobody unlocks themselves
    code, out, _ = cli(capsys, station, "users", "unlock", "Петро", "--by", "Адмін", "--json", pin="1234")
    assert code == 0 and json.loads(out)["locked"] is False
    code, out, _ = cli(capsys, station, "journal", "list", "--json")
    assert json.loads(out)["events"][0]["type"] == "user_unlocked"
    assert cli(capsys, station, *scan, pin="1111")[1].startswith("REFUSED [")  # signed in: the code "0" is refused
