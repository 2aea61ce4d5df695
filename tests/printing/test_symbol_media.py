"""Every label layout, for every kind of label, scans on the medium it is printed on: rendered 1-bit at the
printer's resolution (a thermal label printer's 203 and 300 dpi; an office printer's 600 dpi for A4 sheets),
exactly, and with one dot of print gain and of print loss on every bar, each barcode decodes to its code."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import zxingcpp
from PIL import Image, ImageChops

from printing import demo
from printing.cartons import render_carton_labels
from printing.labels import render_labels
from printing.layout import LAYOUTS, MM, Medium
from printing.letters import render_letter_labels
from tests.support.pdfcheck import filled_rects, page_chars, page_count, page_image

DOCUMENTS: dict[str, tuple[Callable[[str, int], bytes], Callable[[], list[str]]]] = {
    "package": (lambda key, dpi: render_labels(demo.labels(6), key, dpi=dpi),
                lambda: [label.package_code for label in demo.labels(6)]),
    "carton": (lambda key, dpi: render_carton_labels(demo.cartons(6), key, dpi=dpi),
               lambda: [carton.carton_code for carton in demo.cartons(6)]),
    "letter": (lambda key, dpi: render_letter_labels(demo.letter_labels(6), key, dpi=dpi),
               lambda: [letter.letter_code for letter in demo.letter_labels(6)]),
}


def targets() -> list[tuple[str, int]]:
    """(layout, printer resolution): thermal layouts at both label printers' resolutions, sheets at 600 dpi."""
    found = []
    for key, layout in LAYOUTS.items():
        found += [(key, dpi) for dpi in ((203, 300) if layout.medium is Medium.THERMAL else (600,))]
    return found


def printed(image: Image.Image, gain: int) -> Image.Image:
    """`image` (1-bit, black bars) as a printer with `gain` dots of spread prints it: +1 every bar a dot wider,
    -1 a dot narrower (the image shifted by one dot, and the two combined)."""
    if gain == 0:
        return image
    grey = image.convert("L")
    shifted = ImageChops.offset(grey, 1, 0)
    return (ImageChops.darker if gain > 0 else ImageChops.lighter)(grey, shifted)


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
@pytest.mark.parametrize("key, dpi", targets())
def test_every_code_decodes_at_the_printer_s_resolution_with_a_dot_of_gain_or_loss(document: str, key: str,
                                                                                    dpi: int) -> None:
    render, codes = DOCUMENTS[document]
    pdf = render(key, dpi)
    grid = LAYOUTS[key].grid_dpi(dpi)
    assert grid == (dpi if LAYOUTS[key].medium is Medium.THERMAL else 600)
    for gain in (0, 1, -1):
        found = []
        for page in range(page_count(pdf)):
            image = printed(page_image(pdf, page, grid), gain)
            found += [barcode.text for barcode in zxingcpp.read_barcodes(image)
                      if barcode.format in (zxingcpp.BarcodeFormat.Code128,)]
        assert sorted(code.removeprefix("(00)") for code in found) == sorted(codes()), (document, key, dpi, gain)


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
