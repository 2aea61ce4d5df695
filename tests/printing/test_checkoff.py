"""The check-off sheet, the reconciliation report and the manifest changes: rendered, read back, decoded."""

from __future__ import annotations

import re

import pytest

from models.core.codes import CodeKind, grouped, make_code
from printing import demo
from printing.checkoff import CheckoffData, CheckoffLine, render_checkoff
from printing.flow import INNER
from printing.manifest_changes import ChangedPackage, ManifestChangesData, render_manifest_changes
from printing.reconciliation import ReconciliationData, ReconciliationRow, render_reconciliation
from tests.support.pdfcheck import decode_page, normalise, page_chars, page_count, page_texts

BATCH = make_code(CodeKind.BATCH, 17)
GROUPED = re.compile(r"\b1 \d{7} \d{9} \d\b")


def checkoff(count: int) -> CheckoffData:
    lines = []
    for index in range(count):
        surname, given, patronymic = demo.recipient(index)
        lines.append(CheckoffLine(make_code(CodeKind.PACKAGE, index + 1), f"{surname} {given} {patronymic}".strip(),
                                  demo.PLACES[index % len(demo.PLACES)], str(index // 12 + 1) if index % 5 else "",
                                  demo.list_number(index)))
    return CheckoffData(demo.CAMPAIGN, BATCH, 2, "ab" * 32, tuple(lines), "м. Київ, склад № 2", "27.11.2026 14:30")


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_checkoff_sheet_reads_back(language: str):
    data = checkoff(45)
    pdf = render_checkoff(data, language)
    pages = page_count(pdf)
    assert pages >= 2
    texts = [normalise(text) for text in page_texts(pdf)]
    for page in range(pages):
        assert [d.value for d in decode_page(pdf, page, 203)] == [BATCH]
    joined = " ".join(texts)
    for number, line in enumerate(data.lines, start=1):
        assert line.name in joined
        assert f"{number} {line.list_number} {grouped(line.package_code)}" in joined
    assert GROUPED.findall(joined) == [grouped(line.package_code) for line in data.lines]
    assert "ab" * 32 in joined.replace(" ", "")
    if language == "en":
        for number, text in enumerate(texts, start=1):
            assert f"Page {number} of {pages}" in text
        assert "45 packages" in texts[0] and "Packages that arrived but are not on this list" in texts[-1]
        assert "Checked by (name, position)" in texts[-1]


def test_checkoff_rows_stay_inside_the_page_and_repeat_the_titles():
    pdf = render_checkoff(checkoff(400), "en")
    texts = [normalise(text) for text in page_texts(pdf)]
    assert len(texts) > 8
    listed = [GROUPED.findall(text) for text in texts]
    assert sum(len(found) for found in listed) == 400
    for text, found in zip(texts, listed, strict=True):
        assert not found or ("Received" in text and "Package code" in text)
    for page in (0, len(texts) // 2, len(texts) - 1):
        for char in page_chars(pdf, page):
            assert INNER.x - 0.5 <= char.left and char.right <= INNER.right + 0.5
            assert INNER.y - 0.5 <= char.bottom


def test_checkoff_refuses_what_is_not_a_batch_or_package_code():
    data = checkoff(2)
    with pytest.raises(ValueError, match="batch"):
        render_checkoff(CheckoffData(data.campaign, make_code(CodeKind.CARTON, 1), 1, "", data.lines))
    with pytest.raises(ValueError, match="package"):
        render_checkoff(CheckoffData(data.campaign, BATCH, 1, "", (CheckoffLine(BATCH, "x"),)))


def reconciliation() -> ReconciliationData:
    rows = [ReconciliationRow("missing", make_code(CodeKind.PACKAGE, 5), "Шевченко Тарас Григорович", "1",
                              "never scanned in or ticked off", "1007"),
            ReconciliationRow("damaged", make_code(CodeKind.PACKAGE, 6), "Ґудзь Їжена Євгенівна", "1",
                              "marked damaged: мокрий кут", "1009"),
            ReconciliationRow("extra", make_code(CodeKind.PACKAGE, 99), "", "", "not on this batch's manifest")]
    rows += [ReconciliationRow("received", make_code(CodeKind.PACKAGE, n), f"Отримувач {n}", "2", "scanned in")
             for n in range(7, 25)]
    return ReconciliationData(demo.CAMPAIGN, BATCH, 1, "28.11.2026 09:15", 20, tuple(rows))


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_reconciliation_report_reads_back(language: str):
    data = reconciliation()
    pdf = render_reconciliation(data, language)
    text = normalise(" ".join(page_texts(pdf)))
    assert [d.value for d in decode_page(pdf, 0, 203)] == [BATCH]
    for row in data.rows:
        assert grouped(row.package_code) in text
        assert row.name in text
        if row.list_number:
            assert f"{grouped(row.package_code)} {row.list_number} {row.name}" in text
    assert "мокрий кут" in text
    if language == "en":
        assert "3 packages need attention" in text and "Listed 20" in text and "Missing 1" in text
        assert "Page 1 of 1" in text


def test_a_complete_reconciliation_says_so():
    rows = tuple(ReconciliationRow("received", make_code(CodeKind.PACKAGE, n), f"Name {n}") for n in range(1, 4))
    pdf = render_reconciliation(ReconciliationData("Demo", BATCH, 1, "now", 3, rows))
    assert "Everything listed arrived undamaged" in normalise(" ".join(page_texts(pdf)))
    with pytest.raises(ValueError, match="status"):
        lost = (ReconciliationRow("lost", rows[0].package_code),)
        render_reconciliation(ReconciliationData("Demo", BATCH, 1, "now", 3, lost))


def test_manifest_changes_list_what_was_added_taken_out_and_changed():
    data = ManifestChangesData(
        demo.CAMPAIGN, BATCH, 2, 1, (ChangedPackage(make_code(CodeKind.PACKAGE, 30), "Возняк Марʼяна Іванівна"),),
        (ChangedPackage(make_code(CodeKind.PACKAGE, 4), "Иванов Сергей Петрович", "Place 7", "3"),),
        (("Place of handover", "Київ", "Склад № 3"),), "package 4 stays behind")
    pdf = render_manifest_changes(data, "en")
    text = normalise(" ".join(page_texts(pdf)))
    for words in ("Changes in version 2", "Version 2 replaces version 1", "1 package added", "1 package taken out",
                  "Возняк Марʼяна Іванівна", "Иванов Сергей Петрович", "Склад № 3",
                  "Reason for the correction: package 4 stays behind"):
        assert words in text, words
    assert [d.value for d in decode_page(pdf, 0, 300)] == [BATCH]
    empty = render_manifest_changes(ManifestChangesData("Demo", BATCH, 3, 2, (), ()), "uk")
    assert page_count(empty) == 1
