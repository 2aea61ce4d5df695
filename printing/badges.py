"""User badges (A4, ten cards of 85 x 54 mm): a user's name, role and a Code 128 barcode of their badge code,
scanned at a station's sign-in to sign in without typing a name.

The badge code is digits only (GS1 restricted circulation prefix 29 when Packline makes it), so the
barcode is Code 128 set C; the digits are printed under the bars for typing by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from printing import barcodes, fonts
from printing.layout import A4, MM, Rect, draw_fitted, fit

CARD_WIDTH, CARD_HEIGHT = 85 * MM, 54 * MM
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
_LEFT = (A4[0] - COLUMNS * CARD_WIDTH) / 2
_TOP = A4[1] - (A4[1] - ROWS * CARD_HEIGHT) / 2
_PAD = 4 * MM


@dataclass(frozen=True)
class BadgeData:
    name: str
    role: str
    """Already in the document's language."""
    badge_code: str
    campaign: str = ""


def card(index: int) -> Rect:
    """The card at `index` (0-based) on its page, row by row from the top left."""
    row, column = divmod(index % PER_PAGE, COLUMNS)
    return Rect(_LEFT + column * CARD_WIDTH, _TOP - (row + 1) * CARD_HEIGHT, CARD_WIDTH, CARD_HEIGHT)


def render_badges(badges: Sequence[BadgeData], title: str = "Badges", *, dpi: int = 300) -> bytes:
    """The badges as PDF bytes, ten to a page with cutting lines; ValueError for a code that is not digits."""
    for badge in badges:
        if not (badge.badge_code.isascii() and badge.badge_code.isdigit()):
            raise ValueError(f"{badge.badge_code!r} is not a badge code")
    buffer = BytesIO()
    canvas = fonts.new_canvas(buffer, A4, title)
    for index, badge in enumerate(badges):
        if index and index % PER_PAGE == 0:
            canvas.showPage()
        cell = card(index)
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.3)
        canvas.rect(cell.x, cell.y, cell.width, cell.height, stroke=1, fill=0)
        canvas.setDash()
        inner = cell.inset(_PAD)
        below = draw_fitted(canvas, fit(badge.campaign or "Packline", fonts.REGULAR, inner.width, 7, 5),
                            inner.x, inner.top)
        below = draw_fitted(canvas, fit(badge.name, fonts.BOLD, inner.width, 16, 8, 2), inner.x, below - 2)
        draw_fitted(canvas, fit(badge.role, fonts.REGULAR, inner.width, 9, 6), inner.x, below - 1)
        barcodes.draw_barcode(canvas, barcodes.digits_symbol(badge.badge_code), left=inner.x, right=inner.right,
                              bottom=inner.y, bar_height=14 * MM, dpi=dpi, text=badge.badge_code, font_size=8)
    return fonts.finish(canvas, buffer)
