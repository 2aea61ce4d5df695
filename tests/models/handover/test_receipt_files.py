"""The receipt file: what is written is read back as it was; a receipt edited, cut short, of another kind or of a
newer format is refused with the reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.core.codes import CodeKind, make_code
from models.core.errors import RefusedInput
from models.handover.receipt_files import read_receipt, receipt_json
from models.handover.receiving_records import Cause, ReceiptStatus, Reconciliation, ReconciliationLine

STATUSES = st.sampled_from(list(ReceiptStatus))


def reconciliation(statuses: list[ReceiptStatus], note: str = "") -> Reconciliation:
    lines = tuple(ReconciliationLine(make_code(CodeKind.PACKAGE, number), status, Cause.SCANNED, (), note,
                                     user="Петров", at="2026-12-02T10:00:00+00:00")
                  for number, status in enumerate(statuses, start=1))
    return Reconciliation("Зима", make_code(CodeKind.BATCH, 1), 2, "ab" * 32, len(lines), lines)


@given(st.lists(STATUSES, max_size=30), st.text(max_size=40))
def test_a_receipt_reads_back_as_written(tmp_path_factory, statuses, note) -> None:
    path = tmp_path_factory.mktemp("receipt") / "receipt.json"
    path.write_bytes(receipt_json(reconciliation(statuses, note), "Приём", "2026-12-02T11:00:00+00:00"))
    found = read_receipt(path)
    assert (found.batch_code, found.version, found.manifest_sha256) == (make_code(CodeKind.BATCH, 1), 2, "ab" * 32)
    assert [(line.status, line.note) for line in found.lines] == [(status, note[:500]) for status in statuses]


@pytest.mark.parametrize(("change", "reason"), [
    (lambda d: d["packages"][0].update(status="received"), "SHA-256 does not match"),
    (lambda d: d.update(format="packline-batch"), "is a batch file"),
    (lambda d: d.update(format="something"), "not a Packline receipt"),
    (lambda d: d.update(format_version=9), "format version 9"),
])
def test_a_changed_or_foreign_file_is_refused(tmp_path: Path, change, reason) -> None:
    document = json.loads(receipt_json(reconciliation([ReceiptStatus.MISSING]), "Приём", "now"))
    change(document)
    path = tmp_path / "receipt.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(RefusedInput, match=reason):
        read_receipt(path)


def test_a_csv_is_refused_as_not_json(tmp_path: Path) -> None:
    path = tmp_path / "reconcile.csv"
    path.write_bytes(b"\xef\xbb\xbfStatus;Package code\r\n")
    with pytest.raises(RefusedInput, match="not JSON text"):
        read_receipt(path)
