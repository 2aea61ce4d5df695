"""Labels in ZPL II, for Zebra-compatible label printers, drawn by the same code as the PDF labels.

Each label is one `^XA … ^XZ` format with two fields:
- everything but the bars (names, captions, rules, the marks' boxes, the digits under the bars) as one `^GFA`
  graphic at the printer's resolution (`printing.raster`), compressed with ZPL's ASCII compression. The
  printer needs no font of its own, so a Cyrillic name prints exactly as on the PDF label;
- the barcode as the printer's own Code 128 command in GS1 form: `^BC` with `>;>8` (code set C, FNC1), then
  AI 00 and the code. Its module is a whole number of the printer's dots (`^BY`), at the place and height
  the PDF label gives it, so the printer draws every bar itself and nothing is resampled.

Only roll layouts print in ZPL: an A4 sheet goes to an office printer, as PDF. The printer's resolution
must be the one the label is made for: a 203-dpi label on a 300-dpi head prints at two thirds of its size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from models.core.codes import AI_SSCC, classify
from models.core.errors import RefusedInput
from models.core.i18n import _
from printing.barcodes import PRINTER_DPI, Symbol
from printing.labels import Item, LabelDrawer
from printing.layout import Medium
from printing.raster import RasterCanvas


class NotForZpl(RefusedInput):
    """The layout or resolution cannot be printed by a ZPL label printer; the message says why."""


@dataclass(frozen=True)
class _Bars:
    symbol: Symbol
    x: float
    y: float
    module: float
    height: float


def render_zpl(items: Sequence[Item], drawer: LabelDrawer[Item]) -> bytes:
    """One ZPL format per item, in order (ASCII)."""
    return b"".join(zpl_formats(items, drawer))


def zpl_formats(items: Sequence[Item], drawer: LabelDrawer[Item]) -> Iterator[bytes]:
    """The ZPL of each label in turn, so a long run is never held whole."""
    layout = drawer.layout
    if layout.medium is not Medium.THERMAL:
        raise NotForZpl(_("ZPL is for label printers: layout {layout} is a sheet for an office printer, print it "
                          "as PDF.").format(layout=layout.key))
    if drawer.dpi not in PRINTER_DPI:
        raise NotForZpl(_("A ZPL label printer prints at 203 or 300 dpi, not {dpi}.").format(dpi=drawer.dpi))
    if not items:
        raise ValueError("No labels to print")
    for item in items:
        canvas = RasterCanvas(layout.page_size, drawer.dpi)
        drawer.define_forms(canvas)
        recorder = _BarsRecorder()
        drawer.draw(canvas, item, layout.cell(0), recorder.paint)
        yield _format(canvas, recorder.bars).encode("ascii")


class _BarsRecorder:
    """A `BarPainter` that keeps where the bars go instead of drawing them: the printer draws them."""

    def __init__(self) -> None:
        self.bars: list[_Bars] = []

    def paint(self, _canvas: Canvas, symbol: Symbol, x: float, y: float, module: float, height: float) -> None:
        self.bars.append(_Bars(symbol, x, y, module, height))


def _format(canvas: RasterCanvas, bars: Sequence[_Bars]) -> str:
    parts = ["^XA", f"^PW{canvas.width}", f"^LL{canvas.height}", "^LH0,0"]
    dots = canvas.dark_dots()
    printed = dots.getbbox()  # only the part with something on it travels
    if printed is not None:
        parts.append(f"^FO{printed[0]},{printed[1]}" + graphic_field(dots.crop(printed)) + "^FS")
    for placed in bars:
        parts.append(_barcode(placed, canvas))
    parts.append("^XZ")
    return "\n".join(parts) + "\n"


def _barcode(placed: _Bars, canvas: RasterCanvas) -> str:
    module = round(placed.module * canvas.scale)
    height = round(placed.height * canvas.scale)
    left = round(placed.x * canvas.scale)
    top = canvas.height - round((placed.y + placed.height) * canvas.scale)
    # ^BY: the narrow bar in dots. ^BC: normal orientation, the height, no interpretation line (ours is in the
    # graphic, grouped as on screen), no check digit of its own.
    return f"^FO{left},{top}^BY{module}^BCN,{height},N,N,N,N^FD{_field_data(placed.symbol)}^FS"


def _field_data(symbol: Symbol) -> str:
    """What ^BC encodes, in the code sets our symbol uses: >; starts code set C, >8 is FNC1 (GS1-128), >6 goes
    to code set B for an odd last digit."""
    if symbol.gs1:
        if not classify(symbol.value).ok:
            raise ValueError(f"{symbol.value!r} is not a Packline code")  # the designs draw only Packline codes
        return f">;>8{AI_SSCC}{symbol.value}"
    digits = symbol.value
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"{digits!r} is not digits")  # badges: digits only
    return f">;{digits}" if len(digits) % 2 == 0 else f">;{digits[:-1]}>6{digits[-1]}"


def graphic_field(dots: Image.Image) -> str:
    """`^GFA` of 1-bit dots (1: dark), rows in ZPL's ASCII compression."""
    width, height = dots.size
    row_bytes = (width + 7) // 8
    packed = dots.tobytes()
    rows = [packed[index * row_bytes:(index + 1) * row_bytes].hex().upper() for index in range(height)]
    total = row_bytes * height
    return f"^GFA,{total},{total},{row_bytes}," + "".join(_compressed_rows(rows))


def _compressed_rows(rows: Sequence[str]) -> Iterator[str]:
    """ZPL's ASCII compression: ":" repeats the row above, "," ends a row with zeros, and a count letter before a
    digit repeats it (G-Y: 1-19 times, g-z: 20-400 times in twenties)."""
    previous = None
    for row in rows:
        if row == previous:
            yield ":"
            continue
        previous = row
        kept = row.rstrip("0")
        runs = _RUN.sub(lambda run: _count(len(run.group(0))) + run.group(1), kept)
        yield runs + ("," if len(kept) < len(row) else "")


_RUN = re.compile(r"(.)\1+")
"""A digit repeated: written once, after the letters that count it."""


def _count(repeat: int) -> str:
    letters = "z" * (repeat // 400)
    repeat %= 400
    if repeat >= 20:
        letters += chr(ord("g") + repeat // 20 - 1)
        repeat %= 20
    if repeat:
        letters += chr(ord("G") + repeat - 1)
    return letters
