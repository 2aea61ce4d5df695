"""Code 128 and GS1-128 symbols drawn as vectors on a ReportLab canvas.

python-barcode does the encoding (code sets, FNC1, check symbol); `_BarCollector`, a python-barcode
writer, receives its module callbacks and keeps the dark runs as (start, width) in modules. Each symbol is
then drawn as one filled path of rectangles: no raster images, no SVG round trip.

Module widths are a whole number of printer dots (203 or 300 dpi), and the symbol's left edge sits on the
dot grid of the page, so a thermal printer never has to round a bar (DESIGN.md section 8).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from barcode.codex import Code128, Gs1_128
from barcode.writer import BaseWriter
from reportlab.pdfgen.canvas import Canvas

from models.core.codes import AI_SSCC, CodeKind, classify
from printing import fonts

QUIET_ZONE_MODULES = 10
MM = 72 / 25.4
MAX_MODULE = 0.495 * MM
"""GS1's X for logistics labels: wider bars only lengthen the symbol."""
PRINTER_DPI = (203, 300)


@dataclass(frozen=True)
class Symbol:
    """A linear barcode: its dark bars as (start, width) in modules, and its width without quiet zones."""

    value: str
    bars: tuple[tuple[int, int], ...]
    modules: int
    gs1: bool = False
    """GS1-128: FNC1 and AI 00 before the value (a Packline code); else plain Code 128 of the value."""

    @property
    def modules_with_quiet_zones(self) -> int:
        return self.modules + 2 * QUIET_ZONE_MODULES


class _BarCollector(BaseWriter):  # type: ignore[misc]  # python-barcode ships no types
    """A python-barcode writer that keeps the dark modules instead of painting them."""

    def __init__(self) -> None:
        super().__init__(None, self._paint_module, None, self._finish)
        self._bars: list[tuple[int, int]] = []
        self._end = 0.0

    def _paint_module(self, xpos: float, ypos: float, width: float, color: object) -> None:
        if color == self.foreground:
            self._bars.append((round(xpos), round(width)))
        self._end = xpos + width

    def _finish(self) -> tuple[tuple[tuple[int, int], ...], int]:
        return tuple(self._bars), round(self._end)


_UNIT_OPTIONS = {"module_width": 1, "quiet_zone": 0, "write_text": False, "text": ""}


def _symbol(encoder: Code128, value: str, gs1: bool = False) -> Symbol:
    bars, modules = encoder.render(dict(_UNIT_OPTIONS))
    return Symbol(value, bars, modules, gs1)


def sscc_symbol(code: str, kind: CodeKind | None = None) -> Symbol:
    """GS1-128 with AI (00) for an 18-digit Packline code: FNC1, "00", the code. With `kind`, a code of
    another kind is refused (a letter code on a package label is a bug, not a label).

    Scanners may send it as "00…", "]C1 00…" or with a GS; models.core.codes.classify accepts each form.
    """
    _check_own_code(code, kind)
    return _symbol(Gs1_128(AI_SSCC + code, writer=_BarCollector()), code, gs1=True)


@lru_cache(maxsize=64)
def code128_symbol(value: str) -> Symbol:
    """Plain Code 128 (command codes): python-barcode picks code set C for the digits."""
    _check_own_code(value, CodeKind.COMMAND)
    return _symbol(Code128(value, writer=_BarCollector()), value)


def digits_symbol(value: str) -> Symbol:
    """Plain Code 128 of digits that are no Packline code (a user's badge): code set C."""
    if not (value.isascii() and value.isdigit()):
        raise ValueError(f"{value!r} is not digits")
    return _symbol(Code128(value, writer=_BarCollector()), value)


def _check_own_code(code: str, kind: CodeKind | None = None) -> None:
    scanned = classify(code)
    if not scanned.ok or scanned.value != code:
        raise ValueError(f"{code!r} is not a valid 18-digit Packline code")
    if kind is not None and scanned.kind is not kind:
        raise ValueError(f"{code} is a {scanned.kind.value} code, not a {kind.value} code")


def dot(dpi: int) -> float:
    """One printer dot in points."""
    if dpi <= 0:
        raise ValueError("dpi must be positive")
    return 72 / dpi


def module_width(available: float, modules: int, dpi: int, max_dots: int | None = None,
                 min_module: float = 0.0) -> float:
    """The widest whole-dot module (in points) for which `modules` fit in `available` points, at most about
    GS1's logistics X (`MAX_MODULE`: the whole number of dots nearest to it).

    Raises ValueError when even one dot per module, or `min_module`, does not fit.
    """
    dots = min(math.floor(available / (modules * dot(dpi)) + 1e-9), max(1, round(MAX_MODULE / dot(dpi))))
    if max_dots is not None:
        dots = min(dots, max_dots)
    if dots < 1 or dots * dot(dpi) < min_module - 1e-9:
        raise ValueError(f"{modules} modules do not fit in {available / MM:.1f} mm at {dpi} dpi"
                         + (f" with bars of {min_module / MM:.2f} mm or more" if min_module else ""))
    return dots * dot(dpi)


def snap(value: float, dpi: int) -> float:
    """Round a position up to the next printer dot."""
    step = dot(dpi)
    return math.ceil(value / step - 1e-9) * step


def draw_symbol(canvas: Canvas, symbol: Symbol, x: float, y: float, module: float, height: float) -> None:
    """Draw the bars (without quiet zones) with the left edge at x, bottom at y, as one filled path in the
    current fill colour. The operators are written directly: formatting each number through ReportLab's
    path object cost more than all the label's text."""
    parts = [f"{x + start * module:.4f} {y:.4f} {width * module:.4f} {height:.4f} re" for start, width in symbol.bars]
    parts.append("f")
    canvas.addLiteral("\n".join(parts))


BarPainter = Callable[[Canvas, Symbol, float, float, float, float], None]
"""Draws a symbol's bars: (canvas, symbol, left x, bottom y, module, bar height), in points. `draw_symbol` paints
them into the PDF; a ZPL label records them as the printer's own barcode command instead (`printing.zpl`)."""


@dataclass(frozen=True)
class Placed:
    """Where a barcode went: symbol left edge, module width, total width with quiet zones, text baseline."""

    x: float
    module: float
    width: float
    text_baseline: float


def draw_barcode(
    canvas: Canvas,
    symbol: Symbol,
    *,
    left: float,
    right: float,
    bottom: float,
    bar_height: float,
    dpi: int,
    text: str,
    font_size: float = 9,
    max_dots: int | None = None,
    min_module: float = 0.0,
    paint: BarPainter = draw_symbol,
) -> Placed:
    """Draw a symbol centred between `left` and `right` (quiet zones included in that span), with
    `text` under the bars. `bottom` is the bottom of the text; the bars stand above it."""
    module = module_width(right - left, symbol.modules_with_quiet_zones, dpi, max_dots, min_module)
    total = symbol.modules_with_quiet_zones * module
    x = snap(left + (right - left - total) / 2 + QUIET_ZONE_MODULES * module, dpi)
    size = font_size
    bars_width = symbol.modules * module
    while size > 5 and fonts.string_width(text, fonts.REGULAR, size) > total - 2 * module:
        size -= 0.5
    baseline = bottom + 0.25 * size
    bars_bottom = snap(bottom + size * 1.25, dpi)
    paint(canvas, symbol, x, bars_bottom, module, bar_height)
    if text:
        canvas.setFont(fonts.REGULAR, size)
        canvas.drawCentredString(x + bars_width / 2, baseline, text)
    return Placed(x, module, total, baseline)
