"""`check` finds where the papers would lie: projections against the journal, and the handover rules (a voided
package in a batch, a manifest whose count or hash does not match its lines, a signed batch that changed).
Each finding names the packages; the command exits 2. The differences are made by writing to the derived
tables directly, as a faulty import or a bug would."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from app.cli import check as cli
from main import main as main_entry
from models.campaigns.sql.reference_repo import package_by_code
from tests.support.dbdump import damage_pages
from tests.support.handover_fixtures import Demo, packed_demo


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="main.py")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.handler(args))


@pytest.fixture
def demo(tmp_path: Path) -> Demo:
    """20 sealed packages; a batch signed with packages 1-4, package 5 in an open carton."""
    found = packed_demo(tmp_path)
    service, station, user = found.workspace.batch_service(), found.station, found.supervisor
    batch = service.create_batch(station, user, found.campaign.id).batch_code
    carton = service.create_carton(station, user, found.campaign.id).carton_code
    assert batch is not None and carton is not None
    for code in found.sealed[:4]:
        assert service.add(station, user, batch, code).accepted
    assert service.put_in_carton(station, user, carton, found.sealed[4]).accepted
    assert service.close(station, user, batch).accepted and service.sign(station, user, batch).accepted
    return found


def signed_batch(demo: Demo) -> str:
    (batch,) = [row[0] for row in demo.db.execute("SELECT code FROM batches WHERE state = 'signed'")]
    return str(batch)


def checked(demo: Demo, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, dict]:
    path = str(demo.workspace.path)
    demo.workspace.db.conn.commit()
    code = run(["check", "--db", path, "--json", *options])
    return code, json.loads(capsys.readouterr().out)


def package_id(demo: Demo, code: str) -> int:
    package = package_by_code(demo.db, code)
    assert package is not None
    return package.id


def test_a_sound_database_agrees(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = checked(demo, capsys, "--full")
    assert code == 0 and report["ok"] and report["findings"] == [] and report["journal_replayed"]
    assert run(["check", "--db", str(demo.workspace.path), "--full"]) == 0
    assert "Papers and journal: agree" in capsys.readouterr().out
    assert run(["check", "--db", str(demo.workspace.path)]) == 0
    assert "Papers: agree (check --full also replays the journal)" in capsys.readouterr().out


def test_without_full_the_handover_rules_run_and_the_journal_is_not_replayed(demo: Demo, capsys) -> None:
    """Issue 19: a plain `check` costs about the integrity check (no replay, which grows with the journal); a
    derived row that differs from the journal is found with --full, a paper that lies by either."""
    demo.db.execute("UPDATE package_state SET state = 'voided' WHERE package_id = ?",
                    [package_id(demo, demo.sealed[2])])
    code, report = checked(demo, capsys)
    rules = {finding["rule"] for finding in report["findings"]}
    assert code == 2 and not report["journal_replayed"] and rules == {"voided_in_handover"}
    code, report = checked(demo, capsys, "--full")
    assert code == 2 and {finding["rule"] for finding in report["findings"]} == {"voided_in_handover", "projection"}


def test_a_voided_package_in_a_batch_is_found(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    demo.db.execute("UPDATE package_state SET state = 'voided' WHERE package_id = ?",
                    [package_id(demo, demo.sealed[2])])
    code, report = checked(demo, capsys, "--full")
    rules = {finding["rule"]: finding for finding in report["findings"]}
    assert code == 2 and not report["ok"]
    assert demo.sealed[2] in rules["voided_in_handover"]["packages"]
    assert demo.sealed[2] in rules["projection"]["packages"]


def test_a_manifest_that_lost_a_line_is_found(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    demo.db.execute("DELETE FROM manifest_lines WHERE package_id = ?", [package_id(demo, demo.sealed[1])])
    code, report = checked(demo, capsys, "--full")
    rules = {finding["rule"] for finding in report["findings"]}
    assert code == 2 and {"manifest_count", "manifest_hash", "signed_batch_changed", "projection"} <= rules
    changed = next(f for f in report["findings"] if f["rule"] == "signed_batch_changed")
    assert changed["packages"] == [demo.sealed[1]]


def test_a_package_slipped_into_a_signed_batch_is_found(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    """The collision of issue 15: an imported carton made a signed batch count one package more."""
    demo.db.execute("UPDATE package_handover SET batch_code = ? WHERE package_id = ?",
                    [signed_batch(demo), package_id(demo, demo.sealed[4])])
    code, report = checked(demo, capsys)
    changed = [f for f in report["findings"] if f["rule"] == "signed_batch_changed"]
    assert code == 2 and changed and changed[0]["packages"] == [demo.sealed[4]]
    assert "now holds 5 packages, its signed manifest lists 4" in changed[0]["message"]


def test_backup_verify_is_a_restore_drill_on_the_newest_backup(demo: Demo, tmp_path: Path, capsys) -> None:
    """`backup verify` opens a copy of the newest backup as a restore would and checks it; without a backup,
    or with a damaged one, it says so and exits 2. The live database is not needed."""
    db = str(demo.workspace.path)
    demo.workspace.close()
    assert run(["backup", "verify", "--db", db]) == 2
    assert "no backup" in capsys.readouterr().err
    assert run(["backup", "--db", db, "--json"]) == 0
    taken = Path(json.loads(capsys.readouterr().out)["backup"])
    assert run(["backup", "verify", "--db", db, "--json"]) == 0
    drill = json.loads(capsys.readouterr().out)
    assert drill["ok"] and drill["backup"] == str(taken) and drill["events"] > 0 and drill["integrity"] == ["ok"]
    before = taken.read_bytes()
    assert run(["backup", "verify", "--db", db]) == 0 and taken.read_bytes() == before  # never written to
    capsys.readouterr()
    damaged = bytearray(before)
    damaged[len(damaged) // 2: len(damaged) // 2 + 8192] = b"\xff" * 8192
    taken.write_bytes(bytes(damaged))
    assert run(["backup", "verify", "--db", db]) == 2
    out, err = capsys.readouterr()
    assert taken.name in out + err and "Traceback" not in err


def test_check_names_the_damage_and_exits_2_without_a_traceback(tmp_path: Path, capsys) -> None:
    demo = packed_demo(tmp_path, recipients=300, packages=30)
    path = demo.workspace.path
    demo.workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    demo.workspace.close()
    damage_pages(path)
    assert main_entry(["check", "--db", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "Integrity: " in out and "malformed" in out and "Traceback" not in err
