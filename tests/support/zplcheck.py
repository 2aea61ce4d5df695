"""ZPL as a label printer prints it: zplkit (an offline ZPL renderer and checker) draws each format 1-bit at
the printer's resolution, and zxing-cpp reads the barcodes back."""

from __future__ import annotations

import zxingcpp
from PIL import Image
from zplkit import Options, render
from zplkit.rendering import Limits

LIMITS = Limits(graphic_bytes=2_000_000)  # a label's text graphic is larger than zplkit's default allows


def printed(zpl: bytes) -> list[Image.Image]:
    """Each label as the printer prints it, 1-bit; zplkit raises RenderError on anything it cannot take."""
    document = render(zpl, Options(profile="specification"), limits=LIMITS)
    assert document.warnings == []
    images = []
    for label in document.labels:
        raster = label.rasterize()
        images.append(Image.frombytes("L", (raster.width, raster.height), raster.pixels).point(
            lambda value: 0 if value < 128 else 255).convert("1"))
    return images


def decoded(image: Image.Image) -> list[tuple[str, str]]:
    """(text, symbology identifier) of each barcode on a printed label."""
    return [(found.text, found.symbology_identifier) for found in zxingcpp.read_barcodes(image.convert("L"))]
