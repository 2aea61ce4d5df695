"""Headless handover through `main.py`: batch commands, manifest, verification, export, receive, reconcile."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import main
from app.workspace import Workspace
from models.handover.manifests import seal_payload
from models.handover.records import MemberRow
from models.storage.opening import open_database
from tests.support.handover_fixtures import SUPERVISOR_PIN, Demo, packed_demo
from tests.support.pdfcheck import decode_page, normalise, page_texts


@pytest.fixture
def demo(tmp_path: Path, monkeypatch) -> Demo:
    monkeypatch.setenv("PACKLINE_PIN", SUPERVISOR_PIN)
    found = packed_demo(tmp_path)
    found.workspace.close()  # the commands open the file themselves
    return found


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def manifest_lines(path: Path, batch: str) -> tuple[MemberRow, ...]:
    """What the closed manifest of `batch` lists, read as another program would (the commands closed theirs)."""
    workspace = Workspace(open_database(path), path)
    try:
        return workspace.manifest_service().content(batch).lines
    finally:
        workspace.db.close()


def as_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, err = run(capsys, *argv, "--json")
    return code, json.loads(out)


def test_a_batch_from_the_command_line(demo: Demo, tmp_path: Path, capsys):
    db = str(tmp_path / "station.db")
    who = ("--db", db, "--user", "Supervisor")
    code, created = as_json(capsys, "batch", "create", *who, "--place", "Київ", "--seal", "0045123",
                            "--receiving", "Учреждение № 12", "--vehicle", "Truck")
    assert code == 0
    batch = created["outcomes"][0]["batch"]
    code, carton = as_json(capsys, "batch", "carton", *who)
    carton_code = carton["outcomes"][0]["carton"]
    code, out, _ = run(capsys, "batch", "add", *who, "--carton", carton_code, *demo.sealed[:4])
    assert code == 0 and out.count("OK [put_in_carton]") == 4
    code, out, _ = run(capsys, "batch", "add", *who, "--batch", batch, carton_code, *demo.sealed[4:8],
                       demo.planned[0])
    assert code == 2 and out.splitlines()[-1].startswith("REFUSED [not_sealed]")
    code, out, err = run(capsys, "batch", "close", "--db", db, "--user", "Packer", "--pin", "1357", "--batch", batch)
    assert code == 2 and "not_supervisor" in out
    code, out, err = run(capsys, "batch", "close", "--db", db, "--user", "Supervisor", "--pin", "0000",
                         "--batch", batch)
    assert code == 2 and "PIN" in err
    code, out, _ = run(capsys, "batch", "close", *who, "--batch", batch, "--out", str(tmp_path / "closed.pdf"))
    assert code == 0 and "Written:" in out and (tmp_path / "closed.pdf").read_bytes().startswith(b"%PDF")

    pdf = tmp_path / "manifest.pdf"
    code, result = as_json(capsys, "manifest", "--db", db, "--batch", batch, "--out", str(pdf), "--lang", "uk")
    assert code == 0 and result["count"] == 8 and pdf.exists()
    (qr,) = [d.text for d in decode_page(pdf.read_bytes(), 0, 300) if d.format == "QR Code"]
    code, verified = as_json(capsys, "verify-manifest", "--db", db, qr)
    assert code == 0 and verified["result"] == "matches" and verified["stored_count"] == 8
    lines = manifest_lines(Path(db), batch)
    code, out, _ = run(capsys, "verify-manifest", "--db", db, seal_payload(batch, 1, lines[:7]))
    assert code == 2 and "does NOT match" in out
    renamed = [replace(lines[0], surname="Иванов"), *lines[1:]]  # a sheet with another person's name on a line
    code, out, _ = run(capsys, "verify-manifest", "--db", db, seal_payload(batch, 1, renamed))
    assert code == 2 and "hash differs" in out

    assert run(capsys, "batch", "sign", *who, "--batch", batch)[0] == 0
    code, out, _ = run(capsys, "batch", "add", *who, "--batch", batch, demo.sealed[9])
    assert code == 2 and "[batch_is_signed]" in out
    sheet = tmp_path / "signed.jpg"
    sheet.write_bytes(b"\xff\xd8\xff a scanned sheet")
    assert run(capsys, "batch", "attach", *who, "--batch", batch, str(sheet))[0] == 0
    assert run(capsys, "batch", "correct", *who, "--batch", batch, "--reason", "one more package")[0] == 0
    assert run(capsys, "batch", "add", *who, "--batch", batch, demo.sealed[9])[0] == 0
    assert run(capsys, "batch", "close", *who, "--batch", batch)[0] == 0
    code, out, _ = run(capsys, "manifest", "--db", db, "--batch", batch, "--out", str(tmp_path / "v2.pdf"))
    assert code == 0 and f"+ {demo.sealed[9]}" in out
    changes = normalise(" ".join(page_texts((tmp_path / "v2-changes.pdf").read_bytes())))
    assert "1 package added" in changes and "one more package" in changes
    assert "This version replaces version 1." in normalise(" ".join(page_texts((tmp_path / "v2.pdf").read_bytes())))
    # The first sheet, scanned now: true to its version, but superseded: refused, naming the current version.
    code, verified = as_json(capsys, "verify-manifest", "--db", db, "]Q1" + qr)
    assert code == 2 and verified["result"] == "superseded" and not verified["ok"]
    assert verified["latest_version"] == 2 and "version 2 replaces it" in verified["message"]

    code, listed = as_json(capsys, "batch", "list", "--db", db)
    found = [(b["code"], b["state"], b["version"], b["packages"]) for b in listed["batches"]]
    assert found == [(batch, "closed", 2, 9)]
    code, shown = as_json(capsys, "batch", "show", "--db", db, "--batch", batch, "--version", "1")
    assert len(shown["members"]) == 8 and shown["versions"][0]["attachment"]
    labels = tmp_path / "labels.pdf"
    assert run(capsys, "batch", "labels", "--db", db, "--batch", batch, "--out", str(labels))[0] == 0
    # 100x150 by default, like the package labels: it decodes at a thermal printer's 203 dpi (A4-21 did not)
    assert [d.value for d in decode_page(labels.read_bytes(), 0, 203)] == [carton_code]


def test_export_receive_and_reconcile(demo: Demo, tmp_path: Path, capsys):
    db = str(tmp_path / "station.db")
    who = ("--db", db, "--user", "Supervisor")
    batch = as_json(capsys, "batch", "create", *who)[1]["outcomes"][0]["batch"]
    run(capsys, "batch", "add", *who, "--batch", batch, *demo.sealed[:5])
    run(capsys, "batch", "close", *who, "--batch", batch)
    code, exported = as_json(capsys, "export-batch", "--db", db, "--batch", batch, "--out", str(tmp_path / "out"))
    stem = f"batch-{batch}-v1"
    assert code == 0 and sorted(Path(f).name for f in exported["files"]) == [
        f"{stem}-checkoff.pdf", f"{stem}-kit.html", f"{stem}.csv", f"{stem}.json"]
    kit = Path(next(f for f in exported["files"] if f.endswith("-kit.html"))).read_text(encoding="utf-8")
    assert all(code in kit for code in demo.sealed[:5]) and demo.sealed[5] not in kit
    batch_file = next(f for f in exported["files"] if f.endswith(".json"))

    other = str(tmp_path / "receiving.db")
    code, out, _ = run(capsys, "receive", "--db", other, "--batch-file", batch_file, "--user", "Petrov",
                       *demo.sealed[:4], demo.sealed[7])
    assert code == 0 and "Batch file imported" in out and "recorded as extra" in out
    code, out, _ = run(capsys, "receive", "--db", other, "--batch", batch, demo.sealed[0])
    assert code == 2 and "already checked in" in out
    csv_out, pdf_out = tmp_path / "rec.csv", tmp_path / "rec.pdf"
    code, rec = as_json(capsys, "reconcile", "--db", other, "--batch", batch, "--csv", str(csv_out),
                        "--pdf", str(pdf_out), "--lang", "ru")
    assert code == 0 and rec["counts"] == {"received": 4, "damaged": 0, "missing": 1, "extra": 1}
    assert [(line["code"], line["status"]) for line in rec["lines"][:2]] == [(demo.sealed[4], "missing"),
                                                                            (demo.sealed[7], "extra")]
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf") and pdf_out.read_bytes().startswith(b"%PDF")
    code, out, _ = run(capsys, "reconcile", "--db", other, "--batch", batch)
    assert "missing 1, extra 1" in out


def test_the_receiving_sides_receipt_comes_back_and_the_hub_reconciles_from_it(demo: Demo, tmp_path: Path, capsys):
    """Hub -> batch file -> receiving database -> receipt -> hub: the same numbers on both sides; partial
    deliveries add up, a repeated receipt changes nothing, and files of the wrong kind are refused."""
    db, other = str(tmp_path / "station.db"), str(tmp_path / "receiving.db")
    who = ("--db", db, "--user", "Supervisor")
    listed = demo.sealed[:19]
    batch = as_json(capsys, "batch", "create", *who)[1]["outcomes"][0]["batch"]
    run(capsys, "batch", "add", *who, "--batch", batch, *listed)
    run(capsys, "batch", "close", *who, "--batch", batch)
    run(capsys, "batch", "sign", *who, "--batch", batch)
    batch_file = next(f for f in as_json(capsys, "export-batch", "--db", db, "--batch", batch, "--out",
                                         str(tmp_path / "out"))[1]["files"] if f.endswith(".json"))
    receiving = ("--db", other, "--batch", batch, "--user", "Petrov")
    assert run(capsys, "receive", "--db", other, "--batch-file", batch_file, "--user", "Petrov", *listed[:10])[0] == 0
    first = as_json(capsys, "export-receipt", "--db", other, "--batch", batch, "--out", str(tmp_path / "r1"))[1]
    assert run(capsys, "receive", *receiving, *listed[10:17], demo.sealed[19])[0] == 0  # the second delivery
    assert run(capsys, "receive", *receiving, "--damaged", "--note", "wet", listed[17])[0] == 0
    code, there = as_json(capsys, "reconcile", "--db", other, "--batch", batch)
    assert there["counts"] == {"received": 17, "damaged": 1, "missing": 1, "extra": 1}
    second = as_json(capsys, "export-receipt", "--db", other, "--batch", batch, "--out", str(tmp_path / "r2"))[1]

    hub = ("reconcile", "--db", db, "--batch", batch, "--user", "Supervisor")  # a user of the hub, with a PIN
    code, _out, err = run(capsys, "reconcile", "--db", db, "--batch", batch, "--receipt", first["file"])
    assert code == 2 and "give yours with --user" in err  # the hub has users: who imports it must sign in
    code, _out, err = run(capsys, *hub, "--pin", "0000", "--receipt", first["file"])
    assert code == 2 and "PIN" in err
    code, partial = as_json(capsys, *hub, "--receipt", first["file"])
    assert code == 0 and partial["counts"] == {"received": 10, "damaged": 0, "missing": 9, "extra": 0}
    code, here = as_json(capsys, *hub, "--receipt", second["file"])
    assert code == 0 and here["counts"] == there["counts"]  # the partial deliveries add up
    assert [(line["code"], line["status"]) for line in here["lines"]] == [
        (line["code"], line["status"]) for line in there["lines"]]
    code, out, _err = run(capsys, *hub, "--receipt", second["file"])  # the same receipt again
    assert code == 0 and "20 lines were recorded before as they are" in out
    code, out, _err = run(capsys, *hub, "--receipt", first["file"])  # the older one again: nothing unreceived
    assert code == 0 and "missing 1, extra 1" in out

    rec_csv = tmp_path / "rec.csv"
    run(capsys, "reconcile", "--db", other, "--batch", batch, "--csv", str(rec_csv))
    before = as_json(capsys, "reconcile", "--db", db, "--batch", batch)[1]["counts"]
    code, _out, err = run(capsys, *hub, "--checklist", str(rec_csv))
    assert code == 2 and "no Received column" in err
    code, _out, err = run(capsys, *hub, "--receipt", batch_file)
    assert code == 2 and "is a batch file" in err
    edited = tmp_path / "edited.json"
    edited.write_text(Path(second["file"]).read_text(encoding="utf-8").replace('"wet"', '"dry"'), encoding="utf-8")
    code, _out, err = run(capsys, *hub, "--receipt", str(edited))
    assert code == 2 and "SHA-256 does not match" in err
    assert as_json(capsys, "reconcile", "--db", db, "--batch", batch)[1]["counts"] == before
    assert run(capsys, "check", "--db", db)[0] == 0
