"""User badges (A4, ten cards of 85 x 54 mm): a user's name, role and a Code 128 barcode of their badge code,
scanned at a station's sign-in to sign in without typing a name.

The badge code is digits only (GS1 restricted circulation prefix 29 when Packline makes it), so the
barcode is Code 128 set C; the digits are printed under the bars for typing by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from printing import barcodes, fonts
from printing.labels import render_sheets
from printing.layout import A4, MM, LabelLayout, Medium, Rect, draw_fitted, fit

CARD_WIDTH, CARD_HEIGHT = 85 * MM, 54 * MM
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
_PAD = 4 * MM

SHEET = LabelLayout("badges-a4", A4, CARD_WIDTH, CARD_HEIGHT, COLUMNS, ROWS, (A4[0] - COLUMNS * CARD_WIDTH) / 2,
                    (A4[1] - ROWS * CARD_HEIGHT) / 2, CARD_WIDTH, CARD_HEIGHT, Medium.SHEET)
"""Ten cards to an A4 page, with cutting lines, for an office printer and a laminator."""
ROLL = LabelLayout("badge-85x54", (CARD_WIDTH, CARD_HEIGHT), CARD_WIDTH, CARD_HEIGHT)
"""One card to a label of a roll, for a label printer (ZPL)."""


@dataclass(frozen=True)
class BadgeData:
    name: str
    role: str
    """Already in the document's language."""
    badge_code: str
    campaign: str = ""


def card(index: int) -> Rect:
    """The card at `index` (0-based) on its page, row by row from the top left."""
    return SHEET.cell(index % PER_PAGE)


@dataclass(frozen=True)
class BadgeCards:
    """The badge drawer (`printing.labels.LabelDrawer`): on A4 sheets as PDF, or on a roll as ZPL."""

    layout: LabelLayout
    dpi: int
    title: str = "Badges"

    def define_forms(self, canvas: Canvas) -> None:
        """Every card differs but for its cutting line, drawn with it."""

    def draw(self, canvas: Canvas, item: BadgeData, cell: Rect, paint: barcodes.BarPainter) -> None:
        if not (item.badge_code.isascii() and item.badge_code.isdigit()):
            raise ValueError(f"{item.badge_code!r} is not a badge code")
        if self.layout.medium is Medium.SHEET:
            canvas.setDash(2, 2)
            canvas.setLineWidth(0.3)
            canvas.rect(cell.x, cell.y, cell.width, cell.height, stroke=1, fill=0)
            canvas.setDash()
        inner = cell.inset(_PAD)
        below = draw_fitted(canvas, fit(item.campaign or "Packline", fonts.REGULAR, inner.width, 7, 5),
                            inner.x, inner.top)
        below = draw_fitted(canvas, fit(item.name, fonts.BOLD, inner.width, 16, 8, 2), inner.x, below - 2)
        draw_fitted(canvas, fit(item.role, fonts.REGULAR, inner.width, 9, 6), inner.x, below - 1)
        barcodes.draw_barcode(canvas, barcodes.digits_symbol(item.badge_code), left=inner.x, right=inner.right,
                              bottom=inner.y, bar_height=14 * MM, dpi=self.dpi, text=item.badge_code, font_size=8,
                              paint=paint)


def render_badges(badges: Sequence[BadgeData], title: str = "Badges", *, dpi: int = 300) -> bytes:
    """The badges as PDF bytes, ten to a page with cutting lines; ValueError for a code that is not digits."""
    return render_sheets(badges, BadgeCards(SHEET, dpi, title))
