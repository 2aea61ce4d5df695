"""The fonts every document uses: DejaVu Sans and DejaVu Sans Bold, embedded from `resources/fonts`.

ReportLab's base-14 fonts (Helvetica and friends) have no Cyrillic glyphs, so no document may use them,
not even as the canvas's initial font: `new_canvas` starts every canvas in DejaVu Sans.
"""

from __future__ import annotations

import threading
from functools import cache
from io import BytesIO

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

import resources

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

PRODUCER = "Packline"


_REGISTER_LOCK = threading.Lock()


def register_fonts() -> tuple[str, str]:
    """Register both faces with ReportLab once per process; returns (regular, bold). Locked: the station loads
    them on a thread of its own (`ui.station.label_output.prepare_labels`) while a label may be drawn, and a
    face registered twice would give one document two font objects of one name."""
    with _REGISTER_LOCK:
        return _register_once()


@cache
def _register_once() -> tuple[str, str]:
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resources.path("fonts", filename))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


def string_width(text: str, font: str, size: float) -> float:
    """Width of `text` in points."""
    register_fonts()
    return float(pdfmetrics.stringWidth(text, font, size))


def missing_glyphs(text: str, font: str = REGULAR) -> set[str]:
    """Characters of `text` the font cannot draw (they would print as empty boxes)."""
    register_fonts()
    face = pdfmetrics.getFont(font).face
    return {char for char in text if not char.isspace() and ord(char) not in face.charToGlyph}


def new_canvas(buffer: BytesIO, pagesize: tuple[float, float], title: str) -> Canvas:
    """A reproducible canvas: `invariant=1` fixes the creation date and document id, so the same input
    gives byte-identical output; DejaVu Sans is the initial font, so no base-14 font enters the file."""
    register_fonts()
    canvas = Canvas(
        buffer,
        pagesize=pagesize,
        invariant=1,
        pageCompression=1,
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    canvas.setTitle(title)
    canvas.setCreator(PRODUCER)
    canvas.setProducer(PRODUCER)
    return canvas


_SAVE_LOCK = threading.Lock()


def finish(canvas: Canvas, buffer: BytesIO) -> bytes:
    """Close the last page, write the file and return its bytes.

    Streams are written zlib-compressed but without ReportLab's ASCII85 layer: binary streams are
    ordinary PDF, a fifth smaller, and skip ReportLab's pure-Python ASCII85 encoder, which took most of
    the time of a 2,000-label run. `useA85` is read while saving, so it is switched only around `save`.
    """
    canvas.showPage()
    with _SAVE_LOCK:
        previous = rl_config.useA85
        rl_config.useA85 = 0
        try:
            canvas.save()
        finally:
            rl_config.useA85 = previous
    return buffer.getvalue()
