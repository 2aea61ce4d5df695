"""The headless printing sub-commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from app.cli import documents as cli
from models.core.codes import SCANNER_TEST_CODE, Command, command_code
from tests.support.pdfcheck import decode_page, page_count, page_texts


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_command_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheet.pdf"
    assert run(["command-sheet", "--out", str(out), "--lang", "uk", "--json"]) == cli.EXIT_OK
    assert json.loads(capsys.readouterr().out) == {"ok": True, "files": [str(out)]}
    found = sorted(decode_page(out.read_bytes(), 0, 203), key=lambda d: d.center[1])
    assert [d.text for d in found] == [command_code(command) for command in Command]


@pytest.mark.parametrize("dpi", [300, 600])
def test_the_scanner_test_sheet_gives_its_code_from_both_symbols(tmp_path: Path, dpi: int) -> None:
    out = tmp_path / "scanner.pdf"
    assert run(["scanner-sheet", "--out", str(out), "--lang", "ru", "--dpi", "300"]) == cli.EXIT_OK
    found = sorted(decode_page(out.read_bytes(), 0, dpi), key=lambda d: d.center[1])  # 1-bit, as printed
    assert [d.text for d in found] == [SCANNER_TEST_CODE, SCANNER_TEST_CODE]
    assert found[0].height > 2 * found[1].height  # the large one, then the label-sized one
    assert "Тестовый лист сканера" in page_texts(out.read_bytes())[0]


def test_sample_labels_on_a_partly_used_sheet(tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    assert run(["sample-labels", "--out", str(out), "--layout", "a4-21", "--count", "5", "--start", "20"]) == 0
    assert page_count(out.read_bytes()) == 2
    assert not list(tmp_path.glob(".*.tmp"))


def test_long_sample_runs_go_into_numbered_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "labels.pdf"
    assert run(["sample-labels", "--out", str(out), "--count", "1001"]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["labels-001.pdf", "labels-002.pdf"]
    assert page_count((tmp_path / "labels-002.pdf").read_bytes()) == 1
    assert "2/2" in capsys.readouterr().err


def test_refused_start_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "labels.pdf"
    assert run(["sample-labels", "--out", str(out), "--layout", "a4-8", "--start", "9"]) == cli.EXIT_REFUSED
    assert "Start position must be 1 to 8" in capsys.readouterr().err
    assert not out.exists()


def test_sample_documents(tmp_path: Path) -> None:
    assert run(["sample-documents", "--out-dir", str(tmp_path), "--lang", "ru", "--manifest-lines", "5"]) == 0
    assert len(list(tmp_path.glob("*.pdf"))) == 7
