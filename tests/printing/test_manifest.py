"""The handover manifest: header and page numbers on every page, every package exactly once, a sealed QR."""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import replace

import pytest

from models.core.codes import CodeKind, classify, grouped, make_code
from models.handover.seal import SealedLine, lines_hash
from printing import demo
from printing.documents import ManifestData
from printing.manifest import FOOTER, INNER, manifest_hash, manifest_qr_payload, parse_qr_payload, render_manifest
from printing.manifest_table import column_edges
from tests.support.pdfcheck import decode_page, normalise, page_chars, page_count, page_texts

HEADER = ["No.", "List number", "Package code", "Recipient", "Date of birth", "Place of detention", "Letter",
          "Weight, kg", "Substitutions"]
GROUPED = re.compile(r"\b1 \d{7} \d{9} \d\b")


@pytest.fixture(scope="module")
def big() -> tuple[bytes, float]:
    data = demo.manifest(2000)
    started = time.perf_counter()
    pdf = render_manifest(data, "en")
    return pdf, time.perf_counter() - started


def test_hash_is_sha256_of_sorted_codes_joined_by_newlines() -> None:
    codes = ["100000000000000021", "100000000000000014"]
    expected = hashlib.sha256(b"100000000000000014\n100000000000000021").hexdigest()
    assert manifest_hash(codes) == expected == manifest_hash(reversed(codes))


def printed_lines(data: ManifestData) -> list[SealedLine]:
    return [SealedLine(line.package_code, line.list_number, line.full_name) for line in data.lines]


def test_qr_payload_round_trip() -> None:
    data = demo.manifest(12, version=3)
    payload = manifest_qr_payload(data)
    assert payload.isdigit() and len(payload) == 106
    seal = parse_qr_payload(payload)
    assert (seal.batch_code, seal.version, seal.count) == (data.batch_code, 3, 12)
    assert seal.format == "2" and seal.sha256 == lines_hash(printed_lines(data))
    with pytest.raises(ValueError):
        parse_qr_payload("2" + payload[1:-1])


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_small_manifest_reads_back(language: str) -> None:
    data = demo.manifest(40, version=2)
    pdf = render_manifest(data, language)
    pages = page_count(pdf)
    assert pages >= 2
    texts = [normalise(text) for text in page_texts(pdf)]
    for dpi in (203, 300):
        found = [decode_page(pdf, page, dpi) for page in range(pages)]
        for page_found in found:  # the batch code, as GS1-128, on every page
            batch = [d for d in page_found if d.format == "Code 128"]
            assert [d.value for d in batch] == [data.batch_code] and batch[0].symbology == "]C1"
            assert classify(batch[0].text).kind is CodeKind.BATCH
        qr = [d for page_found in found for d in page_found if d.format == "QR Code"]
        assert len(qr) == 1 and qr[0].text == manifest_qr_payload(data)
    joined = " ".join(texts)
    for number, line in enumerate(data.lines, start=1):
        name = " ".join(part for part in (line.surname, line.given_name, line.patronymic) if part)
        assert name in joined
        # The mediator's list number beside the line number: the receiving side matches people by it.
        assert f"{number} {line.list_number} {grouped(line.package_code)}" in joined
    for field in (data.campaign, data.place, data.transport, data.sending_party.organisation,
                  data.mediator.representative, data.receiving_party.organisation, "0045123, 0045124"):
        assert normalise(field) in joined
    assert lines_hash(printed_lines(data)) in joined.replace(" ", "")  # the QR's digest, printed beside it


def test_english_texts() -> None:
    pdf = render_manifest(demo.manifest(40, version=2), "en")
    texts = [normalise(text) for text in page_texts(pdf)]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert "Handover manifest" in text
        for title in HEADER:
            assert title in text
    last = texts[-1]
    for words in ("40 packages", "20 with a family letter", "Sending party", "Mediator", "Receiving party",
                  "Signature", "Date and time", "This version replaces version 1.",
                  "Packed under the campaign rules, versions 1, 2",
                  "of which 4 packages not weighed are counted at their expected weight"):
        assert words in " ".join(texts), words
    assert last.count("Signature") == 3
    assert " ".join(texts).count("not weighed") == 4 + 1  # the four lines and the total


def test_two_thousand_lines(big) -> None:
    pdf, seconds = big
    assert seconds < 10  # the bench has the real goal (about 1 s); this only catches a collapse
    texts = [normalise(text) for text in page_texts(pdf)]
    pages = len(texts)
    assert pages > 40
    codes = []
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert grouped(demo.manifest(1).batch_code) in text
        listed = GROUPED.findall(text)
        # Every page with packages repeats the table header; only the totals may stand on a page alone.
        assert listed or number == pages
        assert all(title in text for title in HEADER) or not listed
        codes += listed
    expected = [grouped(make_code(CodeKind.PACKAGE, index + 1)) for index in range(2000)]
    assert codes == expected  # every package exactly once, in order
    assert "2000 packages" in texts[-1]


def test_text_stays_in_its_column(big) -> None:
    """On pages of rows (the longest demo names are on the first), no character crosses a column edge."""
    pdf, _ = big
    edges = column_edges(INNER.x)
    for page in (0, 1, page_count(pdf) // 2, page_count(pdf) - 2):
        chars = page_chars(pdf, page)
        for char in chars:
            assert INNER.x - 0.5 <= char.left and char.right <= INNER.right + 0.5
            assert INNER.y - 0.5 <= char.bottom and char.top <= INNER.top + 0.5
        # The "P" of the "Package code" column title marks the top of the table.
        table_top = max(c.top for c in chars if c.char == "P" and abs(c.left - edges[2] - 1.6) < 1)
        for char in chars:
            if INNER.y + FOOTER < char.bottom and char.top <= table_top + 0.5:
                crossing = [edge for edge in edges[1:-1] if char.left + 0.3 < edge < char.right - 0.3]
                assert not crossing, (page, char)


def test_bad_lines_are_refused() -> None:
    data = demo.manifest(3)
    with pytest.raises(ValueError, match="twice"):
        render_manifest(replace(data, lines=data.lines + data.lines[:1]))
    with pytest.raises(ValueError, match="not a package code"):
        render_manifest(replace(data, lines=(replace(data.lines[0], package_code=make_code(CodeKind.LETTER, 1)),)))
    with pytest.raises(ValueError, match="batch"):
        render_manifest(replace(data, batch_code=make_code(CodeKind.CARTON, 1)))
