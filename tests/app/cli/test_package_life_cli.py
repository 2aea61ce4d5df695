"""The two real cases of issue 14, through the command line as a coordinator and a supervisor meet them:
a corrected list that renames everybody (sealed packages held for a decision, the manifest unchanged), and the
void of a package in a signed batch (refused, nothing changed); then a replacement for a voided package."""

from __future__ import annotations

import json
from pathlib import Path

import main
from models.campaigns.sql.reference_repo import recipients_by_number
from models.storage.opening import open_database
from tests.support.handover_fixtures import PACKER_PIN, SUPERVISOR_PIN, Demo, packed_demo
from tests.support.import_files import RU_HEADER, dump, write_csv
from tests.support.pdfcheck import decode_page, normalise, page_texts


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def current_rows(db) -> list[list[str]]:
    people = sorted(recipients_by_number(db, 1).values(), key=lambda r: int(r.list_number))
    return [[p.list_number, p.surname, p.given_name, p.patronymic,
             p.birth_date.strftime("%d.%m.%Y") if p.birth_date else "", p.place] for p in people]


def names(db_path: str) -> dict[str, str]:
    db = open_database(db_path)
    try:
        return {r.list_number: r.full_name for r in recipients_by_number(db, 1).values()}
    finally:
        db.close()


def new_batch(capsys, db: str, supervisor: list[str]) -> str:
    code, out, _err = run(capsys, "batch", "create", "--db", db, *supervisor, "--json")
    assert code == 0
    return str(json.loads(out)["outcomes"][0]["batch"])


def demo_on_disk(tmp_path: Path) -> tuple[Demo, str]:
    demo = packed_demo(tmp_path, recipients=30, packages=20)
    demo.workspace.close()  # the commands open the file themselves
    return demo, str(demo.workspace.path)


def test_a_corrected_list_holds_sealed_people_for_a_supervisor_and_the_labels_follow(tmp_path, capsys):
    demo, db = demo_on_disk(tmp_path)
    rows = current_rows(open_database(db))
    renamed = [[number, "Петренко", "Ігор", "Фёдорович", born, place] for number, _s, _g, _p, born, place in rows]
    path = write_csv(tmp_path / "corrected.csv", [RU_HEADER, *renamed], encoding="cp1251")
    campaign = ["--db", db, "--campaign", demo.campaign.name]

    code, out, _err = run(capsys, "import", "recipients", str(path), *campaign, "--dry-run")
    assert code == 0 and "Nothing was written (--dry-run)." in out and "20 decisions wait" in out
    code, out, _err = run(capsys, "import", "recipients", str(path), *campaign, "--json")
    report = json.loads(out)
    assert code == 0 and report["updated"] == 10
    held = {effect["package"] for effect in report["effects"] if effect["outcome"] == "change_held"}
    assert held == set(demo.sealed)
    now = names(db)
    assert [now[row[0]] for row in rows[:20]] == [" ".join(p for p in row[1:4] if p) for row in rows[:20]]
    assert {now[row[0]] for row in rows[20:]} == {"Петренко Ігор Фёдорович"}

    code, out, _err = run(capsys, "recipients", "decisions", *campaign, "--json")
    decisions = json.loads(out)["decisions"]
    assert code == 0 and len(decisions) == 20
    first, second = decisions[0], decisions[1]
    assert first["changes"][0] == {"field": "surname", "old": rows[0][1], "new": "Петренко"}
    supervisor = ["--user", "Supervisor", "--pin", SUPERVISOR_PIN]
    code, _out, err = run(capsys, "recipients", "decide", str(first["id"]), "accept", *campaign, "--user",
                          "Packer", "--pin", PACKER_PIN)
    assert code == 2 and "supervisor" in err
    code, out, _err = run(capsys, "recipients", "decide", str(first["id"]), "accept", *campaign, *supervisor)
    assert code == 0 and first["package"] in out
    code, out, _err = run(capsys, "recipients", "decide", str(second["id"]), "reject", *campaign, *supervisor)
    assert code == 0
    now = names(db)
    assert now[first["list_number"]] == "Петренко Ігор Фёдорович"
    assert now[second["list_number"]] == " ".join(p for p in rows[1][1:4] if p)

    station = ["--db", db, "--station", "Hub", "--user", "Packer", "--pin", PACKER_PIN]
    code, out, _err = run(capsys, "scan", *station, first["package"])
    assert code == 2 and "print its label again" in out and "Петренко" in out
    batch = new_batch(capsys, db, supervisor)
    code, out, err = run(capsys, "batch", "add", "--batch", batch, first["package"], "--db", db, *supervisor)
    assert code == 2 and "print its label again" in out + err
    label = tmp_path / "relabel.pdf"
    code, out, _err = run(capsys, "reprint", first["package"], *station, "--out", str(label))
    assert code == 0 and label.exists()
    assert first["package"] in {d.value for d in decode_page(label.read_bytes(), 0, 203)}  # 1-bit at 203 dpi
    assert "ПЕТРЕНКО" in normalise(" ".join(page_texts(label.read_bytes()))).upper()
    code, out, err = run(capsys, "batch", "add", "--batch", batch, first["package"], "--db", db, *supervisor)
    assert code == 0, out + err
    assert run(capsys, "check", "--db", db)[0] == 0


def test_a_package_in_a_signed_batch_is_never_voided_and_a_voided_one_is_replaced(tmp_path, capsys):
    demo, db = demo_on_disk(tmp_path)
    supervisor = ["--user", "Supervisor", "--pin", SUPERVISOR_PIN]
    batch = new_batch(capsys, db, supervisor)
    assert run(capsys, "batch", "add", "--batch", batch, *demo.sealed[:5], "--db", db, *supervisor)[0] == 0
    assert run(capsys, "batch", "close", "--batch", batch, "--db", db, *supervisor)[0] == 0
    assert run(capsys, "batch", "sign", "--batch", batch, "--db", db, *supervisor)[0] == 0
    before = dump(open_database(db))
    void = ["void", "--db", db, "--station", "Hub", *supervisor, "--reason", "crushed"]
    code, out, err = run(capsys, *void, demo.sealed[0])
    assert code == 2 and batch in out + err
    assert dump(open_database(db)) == before

    code, out, _err = run(capsys, *void, "--reissue", demo.sealed[7], "--json")
    replacement = json.loads(out)["replacement"]
    assert code == 0 and replacement not in demo.sealed + demo.planned
    code, out, _err = run(capsys, "scan", "--db", db, "--station", "Hub", "--user", "Packer", "--pin", PACKER_PIN,
                          demo.sealed[7])
    assert code == 2 and replacement in out
    code, out, _err = run(capsys, "status", "--db", db, "--json")
    status = json.loads(out)
    assert status["total"] == 30 and status["by_state"]["voided"] == 0 and status["by_state"]["planned"] == 11
    assert run(capsys, "check", "--db", db)[0] == 0
