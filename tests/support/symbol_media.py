"""Every label kind on every layout, printed 1-bit at its printer's resolution with a dot of print gain or loss,
and its codes read back: for tests/printing/test_symbol_media.py and the decode table of bench/print_bench.py."""

from __future__ import annotations

from collections.abc import Callable

import zxingcpp
from PIL import Image, ImageChops

from printing import demo
from printing.cartons import render_carton_labels
from printing.labels import render_labels
from printing.layout import LAYOUTS, Medium
from printing.letters import render_letter_labels
from tests.support.pdfcheck import page_count, page_image

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


def decoded_codes(pdf: bytes, dpi: int, gain: int) -> list[str]:
    """The Code 128 codes read off every page printed at `dpi` with `gain` dots of spread."""
    found = []
    for page in range(page_count(pdf)):
        image = printed(page_image(pdf, page, dpi), gain)
        found += [barcode.text.removeprefix("(00)") for barcode in zxingcpp.read_barcodes(image)
                  if barcode.format in (zxingcpp.BarcodeFormat.Code128,)]
    return found
