"""Every label layout, for every kind of label, scans on the medium it is printed on: rendered 1-bit at the
printer's resolution (a thermal label printer's 203 and 300 dpi; an office printer's 600 dpi for A4 sheets),
exactly, and with one dot of print gain and of print loss on every bar, each barcode decodes to its code."""

from __future__ import annotations

import pytest

from printing.layout import LAYOUTS, MM, Medium
from tests.support.pdfcheck import filled_rects, page_chars, page_count
from tests.support.symbol_media import DOCUMENTS, decoded_codes, targets


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
@pytest.mark.parametrize("key, dpi", targets())
def test_every_code_decodes_at_the_printer_s_resolution_with_a_dot_of_gain_or_loss(document: str, key: str,
                                                                                    dpi: int) -> None:
    render, codes = DOCUMENTS[document]
    pdf = render(key, dpi)
    grid = LAYOUTS[key].grid_dpi(dpi)
    assert grid == (dpi if LAYOUTS[key].medium is Medium.THERMAL else 600)
    for gain in (0, 1, -1):
        assert sorted(decoded_codes(pdf, grid, gain)) == sorted(codes()), (document, key, dpi, gain)


EDGE = 5 * MM
"""What office lasers leave unprinted round a sheet."""


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
@pytest.mark.parametrize("key", [key for key, layout in LAYOUTS.items() if layout.medium is Medium.SHEET])
def test_what_a_sheet_prints_keeps_5_mm_from_its_edges(document: str, key: str) -> None:
    render, _codes = DOCUMENTS[document]
    pdf = render(key, 203)
    width, height = LAYOUTS[key].page_size
    boxes = [(x, y, x + w, y + h) for x, y, w, h in filled_rects(pdf)]  # the bars, on every page
    for page in range(page_count(pdf)):
        boxes += [(c.left, c.bottom, c.right, c.top) for c in page_chars(pdf, page)]
    assert boxes
    for left, bottom, right, top in boxes:
        assert min(left, bottom, width - right, height - top) >= EDGE - 0.1, (document, key, left / MM,
                                                                              bottom / MM, right / MM, top / MM)
