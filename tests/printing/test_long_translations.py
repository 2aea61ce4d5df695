"""Translations are often longer than English: with every message doubled, text still stays in its box."""

from __future__ import annotations

import pytest

from models.core.i18n import Translator
from printing import demo
from printing.commands import render_command_sheet
from printing.labels import render_labels
from printing.layout import A4, A6, MM, Rect, get_layout
from printing.manifest import FOOTER, INNER, render_manifest
from printing.manifest_table import column_edges
from printing.slips import render_slips
from tests.support.pdfcheck import decode_page, page_chars, page_count


@pytest.fixture
def long_translations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Translator, "gettext", lambda self, message: f"{message} {message}")
    monkeypatch.setattr(Translator, "ngettext",
                        lambda self, singular, plural, n: f"{singular} {plural}" if n == 1 else f"{plural} {plural}")


def within(pdf: bytes, page: int, boxes: list[Rect]) -> None:
    for char in page_chars(pdf, page):
        assert any(box.x - 0.5 <= char.left and char.right <= box.right + 0.5 and
                   box.y - 0.5 <= char.bottom and char.top <= box.top + 0.5 for box in boxes), char


@pytest.mark.parametrize("key", ["100x150", "a4-8", "a4-21"])
def test_labels(long_translations: None, key: str) -> None:
    labels = [demo.labels(11, copy_every=1)[index] for index in (0, 7, 10)]
    pdf = render_labels(labels, key)
    layout = get_layout(key)
    for page in range(page_count(pdf)):
        within(pdf, page, [layout.cell(position).inset(1 * MM) for position in range(layout.per_page)])
        assert len(decode_page(pdf, page, 203)) == min(layout.per_page, len(labels))


def test_manifest_slip_and_command_sheet(long_translations: None) -> None:
    pdf = render_manifest(demo.manifest(30, version=2), "uk")
    edges = column_edges(INNER.x)
    for page in range(page_count(pdf)):
        within(pdf, page, [INNER])
    chars = page_chars(pdf, 0)
    for char in chars:
        if INNER.y + FOOTER < char.bottom < INNER.top - 120 * MM:  # the table part of the first page
            assert not [edge for edge in edges[1:-1] if char.left + 0.3 < edge < char.right - 0.3], char
    within(render_slips([demo.slip(1)], language="uk"), 0, [Rect(0, 0, *A6).inset(5 * MM)])
    within(render_command_sheet("uk"), 0, [Rect(0, 0, *A4).inset(14 * MM)])
