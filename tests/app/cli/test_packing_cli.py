"""Headless packing: scan, void, status, plan, users, stock, letters, station, journal."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import packing as cli
from app.cli import progress
from models.packing.sql.users_repo import SqlUserStore
from models.packing.users import Role, UserService
from tests.support.packing_fixtures import ACK, PIN, SEAL, Packing, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)


def run(packing: Packing, capsys, *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="main.py")
    commands = parser.add_subparsers(dest="command")
    cli.register(commands)
    progress.register(commands)
    path = packing.db.execute("PRAGMA database_list").fetchone()[2]
    command, *rest = argv
    args = parser.parse_args([command, *(["--db", path] if command not in ("users", "stock", "letters", "journal")
                                         else []), *rest])
    code = args.handler(args)
    out, err = capsys.readouterr()
    return code, out, err


def sub(packing: Packing, capsys, group: str, action: str, *rest: str) -> tuple[int, str, str]:
    path = packing.db.execute("PRAGMA database_list").fetchone()[2]
    return run(packing, capsys, group, action, "--db", path, *rest)


def test_scan_prints_one_outcome_per_code_and_exits_0(packing: Packing, capsys):
    code, out, _ = run(packing, capsys, "scan", "--station", "Station 1", "--user", "Olena", "--pin", PIN,
                       packing.packages[0], *packing.full_package(), "weight=900", SEAL)
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 9
    assert lines[0].startswith("OK [package_opened]") and lines[-1].startswith("OK [package_sealed]")
    assert "[weight_entered]" in lines[-2]


def test_scan_refusal_exits_2_and_blocks_like_a_station(packing: Packing, capsys):
    code, out, _ = run(packing, capsys, "scan", "--station", "Station 1", "--user", "Olena", "--pin", PIN, "--json",
                       packing.packages[0], packing.item("vodka"), packing.item("tea"), ACK, packing.item("tea"))
    result = json.loads(out)
    assert code == 2 and not result["ok"]
    assert [o["reason"] for o in result["outcomes"]] == [
        "package_opened", "category_forbidden", "awaiting_acknowledgement", "acknowledged", "item_counted"]
    assert result["outcomes"][-1]["line"] == {"line_no": 1, "scanned": 1, "quantity": 2, "met": False}


def test_scan_refuses_an_unknown_user_or_another_station_name(packing: Packing, capsys):
    code, _, err = run(packing, capsys, "scan", "--station", "Station 1", "--user", "Nobody", "--pin", PIN,
                       packing.packages[0])
    assert code == 2
    assert "The name or the PIN is wrong" in err
    code, _, err = run(packing, capsys, "scan", "--station", "Station 7", "--user", "Olena", "--pin", PIN,
                       packing.packages[0])
    assert code == 2 and "Station 1" in err


def test_void_needs_the_supervisors_pin(packing: Packing, capsys, monkeypatch):
    packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    base = ["void", "--station", "Station 1", "--reason", "wet", packing.packages[0]]
    code, _, err = run(packing, capsys, *base[:1], "--user", "Ivan", "--pin", "0000", *base[1:])
    assert code == 2 and "PIN" in err
    code, out, _ = run(packing, capsys, *base[:1], "--user", "Olena", "--pin", PIN, "--json", *base[1:])
    assert code == 2 and json.loads(out)["reason"] == "not_supervisor"
    monkeypatch.setenv("PACKLINE_PIN", "9876")
    code, out, _ = run(packing, capsys, *base[:1], "--user", "Ivan", *base[1:])
    assert code == 0 and "[package_voided]" in out


def test_status_counts_by_state_station_and_packer(packing: Packing, capsys):
    packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    packing.scan(packing.packages[1], packing.item("tea"), packing.item("tea"), "x", ACK, "+", ACK)
    code, out, _ = run(packing, capsys, "status", "--json")
    status = json.loads(out)
    assert code == 0 and status["total"] == 5
    assert status["by_state"] == {"planned": 3, "open": 1, "sealed": 1, "voided": 0}
    assert status["by_station"] == [{"station_id": packing.station.instance_id, "name": "Station 1",
                                     "open": 1, "sealed": 1, "voided": 0}]
    assert status["by_packer"] == [{"user": "Olena", "items": 8, "sealed": 1, "voided": 0}]
    code, text, _ = run(packing, capsys, "status")
    assert "planned: 3" in text and "Olena: 8 / 1 / 0" in text


def test_status_by_station_and_by_packer_agree_about_voided_packages(packing: Packing, capsys, monkeypatch):
    """A package Olena sealed and Ivan voided counts as voided for her station and for her, never as sealed."""
    for index in (0, 1):
        packing.scan(packing.packages[index], *packing.full_package(), SEAL)
    monkeypatch.setenv("PACKLINE_PIN", "9876")
    code, out, _ = run(packing, capsys, "void", "--station", "Station 1", "--user", "Ivan", "--reason", "torn",
                       packing.packages[0])
    assert code == 0, out
    status = json.loads(run(packing, capsys, "status", "--json")[1])
    (station,) = status["by_station"]
    packers = {p["user"]: p for p in status["by_packer"]}
    assert (station["sealed"], station["voided"]) == (1, 1)
    assert (packers["Olena"]["sealed"], packers["Olena"]["voided"]) == (1, 1)
    assert sum(p["sealed"] for p in packers.values()) == station["sealed"] == status["by_state"]["sealed"]
    assert sum(p["voided"] for p in packers.values()) == station["voided"] == status["by_state"]["voided"]


def test_plan_users_stock_and_letters_commands(packing: Packing, capsys):
    UserService(SqlUserStore(packing.db)).add("Admin", Role.ADMIN, "2468")
    assert sub(packing, capsys, "users", "add", "Taras", "--role", "supervisor", "--new-pin", "4444",
               "--by", "Admin", "--pin", "2468")[0] == 0
    code, out, _ = sub(packing, capsys, "users", "list", "--json")
    assert [u["name"] for u in json.loads(out)["users"]] == ["Admin", "Ivan", "Olena", "Taras", "Оксана"]
    for item, quantity in (("tea", "8"), ("soap", "4"), ("socks", "12")):
        assert sub(packing, capsys, "stock", "intake", "--item", item, "--quantity", quantity, "--donor", "UNHCR",
                   "--expiry", "01.02.2027")[0] == 0
    assert sub(packing, capsys, "stock", "intake", "--item", "caviar", "--quantity", "1")[0] == 2
    code, out, _ = sub(packing, capsys, "stock", "show", "--json")
    assert {i["name"]: i["available"] for i in json.loads(out)["items"]} == {"tea": 8, "soap": 4, "socks": 12}
    code, out, _ = run(packing, capsys, "plan", "--json")
    plan = json.loads(out)
    assert (plan["remaining"], plan["completable_now"]) == (5, 4)
    assert [s["name"] for s in plan["shortages"]] == ["tea", "soap", "socks"]
    code, out, _ = sub(packing, capsys, "letters", "register", "--json", "--received", "1", "3")
    letters = json.loads(out)["letters"]
    assert [x["status"] for x in letters] == ["received", "received"]
    assert sub(packing, capsys, "letters", "register", "99")[0] == 2
    _code, out, _ = sub(packing, capsys, "letters", "list")
    assert letters[0]["code"] in out
    _code, out, _ = sub(packing, capsys, "letters", "rule", "--must-enclose", "no", "--json")
    assert json.loads(out) == {"letters_must_be_enclosed": False}


def test_station_and_journal_commands(packing: Packing, capsys):
    code, out, _ = run(packing, capsys, "station", "--json")
    assert json.loads(out)["instance_id"] == packing.station.instance_id
    packing.scan(packing.packages[0], packing.item("tea"))
    code, out, _ = sub(packing, capsys, "journal", "list", "--package", packing.packages[0], "--json")
    assert [e["type"] for e in json.loads(out)["events"]] == ["item_scanned", "package_opened"]
    code, out, _ = sub(packing, capsys, "journal", "rebuild")
    assert code == 0 and "2 events" in out


@pytest.mark.parametrize("argv", [["plan"], ["status"]])
def test_reports_need_a_campaign_when_several_exist(packing: Packing, capsys, argv):
    from models.campaigns import reference

    reference.create_campaign(packing.db, "Весна", 1)
    packing.db.execute("DELETE FROM settings WHERE key = 'station.campaign_id'")
    code, _, err = run(packing, capsys, *argv)
    assert code == 2 and "--campaign" in err
