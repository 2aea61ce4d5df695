"""The content slip (A6) that goes inside a package: recipient, items and quantities, substitutions.

Each slip starts on a new page; a long item list continues on further pages of the same slip, each page
repeating the recipient line and saying "page x of y".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from models.core.codes import grouped
from models.core.i18n import Translator, translator
from models.packing.letters import LetterStatus
from models.packing.package_view import PackageView
from printing import fonts
from printing.documents import SlipData, SlipLine
from printing.labels import format_date
from printing.layout import A6, MM, Fitted, Rect, ascent, draw_fitted, fit

MARGIN = 6 * MM
QTY_WIDTH = 14 * MM
ITEM_SIZE = 9.0


@dataclass(frozen=True)
class _Row:
    item: Fitted
    note: Fitted | None
    quantity: str

    @property
    def height(self) -> float:
        return self.item.height + (self.note.height if self.note else 0) + 3


def _rows(slip: SlipData, tr: Translator, width: float) -> list[_Row]:
    rows = []
    for line in slip.lines:
        note = None
        if line.substitute_for:
            text = tr.gettext("instead of {item}").format(item=line.substitute_for)
            note = fit(text, fonts.REGULAR, width - 3 * MM, 7, 5, 3)
        rows.append(_Row(fit(line.item, fonts.REGULAR, width, ITEM_SIZE, 6, 3), note, str(line.quantity)))
    return rows


def _header(canvas: Canvas, slip: SlipData, tr: Translator, inner: Rect) -> float:
    """Campaign, title, recipient and package code; returns the y under them."""
    title = tr.gettext("Content slip")
    title_fit = fit(title, fonts.BOLD, inner.width * 0.45, 10, 6)
    draw_fitted(canvas, title_fit, inner.x, inner.top, inner.width, "right")
    title_width = fonts.string_width(title_fit.lines[0], fonts.BOLD, title_fit.size)
    campaign = fit(slip.campaign, fonts.REGULAR, inner.width - title_width - 3 * MM, 9, 5)
    top = min(draw_fitted(canvas, campaign, inner.x, inner.top), inner.top - title_fit.height) - 5
    name = " ".join(part for part in (slip.surname, slip.given_name, slip.patronymic) if part)
    top = draw_fitted(canvas, fit(name, fonts.BOLD, inner.width, 15, 7, 2), inner.x, top) - 3
    package = tr.gettext("Package {code}").format(code=grouped(slip.package_code))
    if slip.list_number:
        package = tr.gettext("List number {number}").format(number=slip.list_number) + " · " + package
    top = draw_fitted(canvas, fit(package, fonts.REGULAR, inner.width, 9, 6), inner.x, top) - 4
    canvas.setLineWidth(0.8)
    canvas.line(inner.x, top, inner.right, top)
    canvas.setFont(fonts.BOLD, 8)
    canvas.drawString(inner.x, top - 10, tr.gettext("Item"))
    canvas.drawRightString(inner.right, top - 10, tr.gettext("Quantity"))
    canvas.setLineWidth(0.4)
    canvas.line(inner.x, top - 14, inner.right, top - 14)
    return top - 17


def _footer_lines(slip: SlipData, tr: Translator, items: int) -> list[str]:
    lines = [tr.ngettext("{count} item in total", "{count} items in total", items).format(count=items)]
    if slip.has_letter:
        lines.append(tr.gettext("A family letter is enclosed."))
    if slip.packed_on:
        lines.append(tr.gettext("Packed on {date}").format(date=format_date(slip.packed_on)))
    return lines


FOOTER = 50.0


def _paginate(rows: Sequence[_Row], first_room: float, room: float) -> list[list[_Row]]:
    pages: list[list[_Row]] = [[]]
    left = first_room
    for row in rows:
        if row.height > left and pages[-1]:
            pages.append([])
            left = room
        pages[-1].append(row)
        left -= row.height
    return pages


def _draw_slip(canvas: Canvas, slip: SlipData, tr: Translator) -> None:
    inner = Rect(0, 0, *A6).inset(MARGIN)
    item_width = inner.width - QTY_WIDTH
    rows = _rows(slip, tr, item_width)
    # The header has the same height on every page, so measure it once by drawing the first page's.
    table_top = _header(canvas, slip, tr, inner)
    pages = _paginate(rows, table_top - inner.y - FOOTER, table_top - inner.y - FOOTER)
    for number, page_rows in enumerate(pages, start=1):
        if number > 1:
            canvas.showPage()
            _header(canvas, slip, tr, inner)
        top = table_top
        for row in page_rows:
            canvas.setFont(fonts.BOLD, ITEM_SIZE)
            canvas.drawRightString(inner.right, top - ascent(fonts.BOLD, ITEM_SIZE), row.quantity)
            top = draw_fitted(canvas, row.item, inner.x, top)
            if row.note:
                top = draw_fitted(canvas, row.note, inner.x + 3 * MM, top)
            top -= 3
        footer = _footer_lines(slip, tr, sum(line.quantity for line in slip.lines)) if number == len(pages) else []
        if len(pages) > 1:
            footer.append(tr.gettext("Page {page} of {pages}").format(page=number, pages=len(pages)))
        y = inner.y + 2
        for text in reversed(footer):
            draw_fitted(canvas, fit(text, fonts.REGULAR, inner.width, 8, 5), inner.x, y + 8)
            y += 11
        canvas.setLineWidth(0.4)
        canvas.line(inner.x, y + 2, inner.right, y + 2)


def render_slips(slips: Sequence[SlipData], *, language: str = "en") -> bytes:
    """Content slips on A6, one slip (one or more pages) after the other."""
    if not slips:
        raise ValueError("No content slips to print")
    tr = translator(language)
    buffer = BytesIO()
    canvas = fonts.new_canvas(buffer, A6, tr.gettext("Content slips"))
    for index, slip in enumerate(slips):
        if index:
            canvas.showPage()
        _draw_slip(canvas, slip, tr)
    return fonts.finish(canvas, buffer)



def slip_for_package(view: PackageView, campaign: str, packed_on: date | None = None) -> SlipData:
    """The slip of a package as packed: each item counted in with its quantity, and what it replaces when it
    went in as a substitute."""
    assert view.recipient is not None
    lines = tuple(SlipLine(name, quantity, "" if name == line.item_name else line.item_name)
                  for line in view.lines for name, quantity in line.counted_names)
    has_letter = any(letter.status is LetterStatus.ENCLOSED for letter in view.letters)
    person = view.recipient
    return SlipData(view.code, person.surname, person.given_name, person.patronymic, campaign, lines, has_letter,
                    packed_on, person.list_number)
