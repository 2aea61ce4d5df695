"""Every document embeds DejaVu Sans and nothing else; the font covers the names we print."""

from __future__ import annotations

import pytest

import resources
from printing import demo, fonts
from printing.cartons import render_carton_labels
from printing.commands import render_command_sheet
from printing.labels import render_labels
from printing.letters import render_letter_labels
from printing.manifest import render_manifest
from printing.slips import render_slips
from tests.support.pdfcheck import font_names

DOCUMENTS = {
    "labels": lambda: render_labels(demo.labels(3), "100x150"),
    "sheet labels": lambda: render_labels(demo.labels(3), "a4-21"),
    "letter labels": lambda: render_letter_labels(demo.letter_labels(3)),
    "carton labels": lambda: render_carton_labels(demo.cartons(3)),
    "slips": lambda: render_slips([demo.slip(1)]),
    "command sheet": lambda: render_command_sheet("uk"),
    "manifest": lambda: render_manifest(demo.manifest(5), "ru"),
}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_only_embedded_dejavu(name: str) -> None:
    data = DOCUMENTS[name]()
    names = font_names(data)
    assert names, "no font found in the PDF"
    # Subset fonts are embedded: ReportLab names them with a six-letter tag and writes FontFile2 streams.
    assert all(n.split("+", 1)[-1] in (fonts.REGULAR, fonts.BOLD) and "+" in n for n in names), names
    assert b"/FontFile2" in data
    assert b"Helvetica" not in data and b"Times-Roman" not in data


def test_font_files_and_licence_are_shipped() -> None:
    for filename in fonts.FONT_FILES.values():
        assert resources.path("fonts", filename).stat().st_size > 100_000
    licence = resources.path("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence


def test_font_covers_cyrillic_names_and_apostrophes() -> None:
    text = " ".join(" ".join(name) for name in demo.NAMES) + " ʼ’'ҐґЄєІіЇїЁёЪъЫыЭэ№«»·→—"
    assert fonts.missing_glyphs(text, fonts.REGULAR) == set()
    assert fonts.missing_glyphs(text, fonts.BOLD) == set()
    assert fonts.missing_glyphs("漢") == {"漢"}
