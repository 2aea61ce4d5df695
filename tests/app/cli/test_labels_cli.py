"""`main.py labels`: package labels from the database, as a coordinator prints them from the command line."""

import os

from app.workspace import Workspace
from main import main
from models.demo.campaign import create_demo
from tests.support.pdfcheck import decode_page, normalise, page_count, page_texts


def demo_database(tmp_path, packages=6):
    path = tmp_path / "demo.db"
    workspace = Workspace.open(path)
    create_demo(workspace.db, "Demo", recipients=packages)
    codes = [row[0] for row in workspace.db.execute(
        "SELECT p.code FROM packages p JOIN recipients r ON r.id = p.recipient_id ORDER BY r.number_key")]
    surnames = [row[0] for row in workspace.db.execute("SELECT surname FROM recipients ORDER BY number_key")]
    workspace.close()
    return path, codes, surnames


def test_labels_of_all_packages_name_every_recipient_and_decode_to_their_codes(tmp_path, capsys):
    path, codes, surnames = demo_database(tmp_path)
    out = tmp_path / "labels.pdf"
    assert main(["labels", "--db", str(path), "--campaign", "Demo", "--out", str(out), "--lang", "uk"]) == 0
    pdf = out.read_bytes()
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"  # personal data
    assert page_count(pdf) == len(codes)
    texts = [normalise(text) for text in page_texts(pdf)]
    for index, (code, surname) in enumerate(zip(codes, surnames, strict=True)):
        assert normalise(surname) in texts[index]
        assert code in {decoded.text[-18:] for decoded in decode_page(pdf, index, dpi=203)}


def test_labels_for_listed_codes_and_refusals(tmp_path, capsys):
    path, codes, surnames = demo_database(tmp_path)
    out = tmp_path / "two.pdf"
    assert main(["labels", "--db", str(path), "--campaign", "Demo", "--out", str(out), "--layout", "a4-8",
                 "--start", "3", "--packages", codes[1], f"00{codes[4]}"]) == 0
    text = normalise(page_texts(out.read_bytes())[0])
    assert normalise(surnames[1]) in text and normalise(surnames[4]) in text and normalise(surnames[0]) not in text
    assert main(["labels", "--db", str(path), "--campaign", "Demo", "--out", str(out), "--packages", "12345"]) == 2
    assert "12345 is not a package of this campaign" in capsys.readouterr().err
    assert main(["labels", "--db", str(path), "--campaign", "Demo", "--out", str(out), "--packages", "sealed"]) == 2
    assert "No package of campaign Demo matches" in capsys.readouterr().err
