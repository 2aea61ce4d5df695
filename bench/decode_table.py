"""The decode table: every label layout x kind (package, carton, letter) x printer resolution (203 and 300 dpi
for rolls, 600 for A4 sheets), rasterised 1-bit exactly and with one dot of print gain and of print loss, with
how many of its codes zxing-cpp reads back. Printed by `bench/print_bench.py --decode`, or alone:

    uv run python bench/decode_table.py

tests/printing/test_symbol_media.py asserts the same cases; this prints them, for the record.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdfium2  # noqa: E402
import zxingcpp  # noqa: E402
from PIL import Image, ImageChops  # noqa: E402

from printing import demo  # noqa: E402
from printing.cartons import render_carton_labels  # noqa: E402
from printing.labels import render_labels  # noqa: E402
from printing.layout import LAYOUTS, Medium  # noqa: E402
from printing.letters import render_letter_labels  # noqa: E402

KINDS = {
    "package": (lambda key, dpi: render_labels(demo.labels(6), key, dpi=dpi), [x.package_code for x in demo.labels(6)]),
    "carton": (lambda key, dpi: render_carton_labels(demo.cartons(6), key, dpi=dpi),
               [x.carton_code for x in demo.cartons(6)]),
    "letter": (lambda key, dpi: render_letter_labels(demo.letter_labels(6), key, dpi=dpi),
               [x.letter_code for x in demo.letter_labels(6)]),
}


def pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Each page 1-bit at `dpi`, thresholded without smoothing, as a printer's head prints it."""
    document = pypdfium2.PdfDocument(pdf)
    return [page.render(scale=dpi / 72, grayscale=True, no_smoothpath=True).to_pil().convert("L").point(
        lambda value: 255 if value > 127 else 0) for page in document]


def spread(image: Image.Image, dots: int) -> Image.Image:
    """One dot of print gain (+1: every bar a dot wider) or loss (-1: a dot narrower)."""
    if dots == 0:
        return image
    return (ImageChops.darker if dots > 0 else ImageChops.lighter)(image, ImageChops.offset(image, 1, 0))


def read(images: list[Image.Image]) -> list[str]:
    return [found.text.removeprefix("(00)") for image in images for found in zxingcpp.read_barcodes(image)]


def print_table() -> None:
    print(f"{'layout':9} {'dpi':>4} {'kind':8} {'exact':>7} {'+1 dot':>7} {'-1 dot':>7}")
    for key, layout in LAYOUTS.items():
        for dpi in (203, 300) if layout.medium is Medium.THERMAL else (600,):
            for kind, (render, codes) in KINDS.items():
                images = pages(render(key, dpi), layout.grid_dpi(dpi))
                cells = []
                for dots in (0, 1, -1):
                    found = read([spread(image, dots) for image in images])
                    cells.append(f"{sum(code in codes for code in found)}/{len(codes)}"
                                 + ("" if sorted(found) == sorted(codes) else "!"))
                print(f"{key:9} {dpi:>4} {kind:8} {cells[0]:>7} {cells[1]:>7} {cells[2]:>7}")


if __name__ == "__main__":
    print_table()
