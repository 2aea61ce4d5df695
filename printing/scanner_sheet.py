"""The scanner test sheet (A4): the code the scanner test (Settings > Test a scanner) expects, twice.

Once with wide bars, as a command sheet prints them, and once with the narrowest bars Packline's labels use
(0.25 mm), so a scanner that reads only the large one is told apart from one that reads both. The code is
every digit, 18 long, with a wrong check digit (`models.core.codes.SCANNER_TEST_CODE`): scanned at a station
it is refused, never taken for a package.
"""

from __future__ import annotations

from io import BytesIO

from models.core.codes import SCANNER_TEST_CODE
from models.core.i18n import translator
from printing import barcodes, fonts
from printing.layout import A4, MM, Rect, draw_fitted, fit

MARGIN = 15 * MM
LARGE_MODULE, SMALL_MODULE = 0.5 * MM, 0.25 * MM


def render_scanner_sheet(language: str = "en", *, dpi: int = 300) -> bytes:
    """The A4 test sheet, its words in `language`."""
    tr = translator(language)
    buffer = BytesIO()
    width, height = A4
    canvas = fonts.new_canvas(buffer, A4, tr.gettext("Scanner test sheet"))
    inner = Rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    below = draw_fitted(canvas, fit(tr.gettext("Scanner test sheet"), fonts.BOLD, inner.width, 20, 10),
                        inner.x, inner.top)
    steps = (tr.gettext("1. In Packline, open Settings and press \"Test a scanner\"."),
             tr.gettext("2. Scan the large code once, then the small one once."),
             tr.gettext("3. Packline says what the scanner does well and what to set on it: the keyboard layout, "
                        "what it adds before or after a code, its speed, reading a code twice."))
    for step in steps:
        below = draw_fitted(canvas, fit(step, fonts.REGULAR, inner.width, 12, 7, 3), inner.x, below - 6)
    symbol = barcodes.digits_symbol(SCANNER_TEST_CODE)
    text = SCANNER_TEST_CODE  # no Packline code: shown whole, not in its groups
    for caption, module, bars in ((tr.gettext("Large"), LARGE_MODULE, 30 * MM),
                                  (tr.gettext("Small, as on a label"), SMALL_MODULE, 15 * MM)):
        below = draw_fitted(canvas, fit(caption, fonts.BOLD, inner.width, 12, 7), inner.x, below - 14 * MM)
        span = symbol.modules_with_quiet_zones * module
        left = inner.x + (inner.width - span) / 2
        max_dots = round(module / barcodes.dot(dpi))
        barcodes.draw_barcode(canvas, symbol, left=left, right=left + span + barcodes.dot(dpi),
                              bottom=below - bars - 10 * MM, bar_height=bars, dpi=dpi, text=text,
                              font_size=10, max_dots=max_dots)
        below -= bars + 12 * MM
    return fonts.finish(canvas, buffer)
