"""The campaign plan as a document: what can be completed now, what is short, who would get a substitute,
and the stock it was computed from. The same sections feed the CSV export (`plan_sections`).

Drawn on the canvas line by line (no LongTable: the substitute list can run to thousands of rows), A4,
DejaVu Sans embedded so Cyrillic prints, a footer with the campaign and page x of y.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from models.core.i18n import Translator, translator
from printing import fonts
from printing.layout import A4, MM

Section = tuple[str, tuple[str, ...], list[tuple[str, ...]]]
"""(title, column headers, rows)."""


@dataclass(frozen=True)
class PlanReportData:
    campaign: str
    generated_at: str
    """As it should print (dd.mm.yyyy hh:mm)."""
    remaining: int
    open: int
    completable_now: int
    bottlenecks: tuple[str, ...]
    shortages: tuple[tuple[int, str, int], ...]
    """(template line, main item, units missing)."""
    substitutes: tuple[tuple[str, str, str, str], ...]
    """(package code, list number, recipient, lines that get a substitute)."""
    stock: tuple[tuple[str, int, int, int, int], ...]
    """(item, received, in sealed packages, in open packages, available)."""


def summary_lines(data: PlanReportData, tr: Translator) -> list[str]:
    lines = [
        tr.gettext("Packages still to pack: {count} (of them open now: {open})").format(
            count=data.remaining, open=data.open),
        tr.gettext("Can be completed with the stock now: {count}").format(count=data.completable_now),
    ]
    if data.bottlenecks:
        lines.append(tr.gettext("Runs out first: {items}").format(items=", ".join(data.bottlenecks)))
    return lines


def plan_sections(data: PlanReportData, tr: Translator) -> list[Section]:
    return [
        (tr.gettext("Shortages"), (tr.gettext("Line"), tr.gettext("Item"), tr.gettext("Missing")),
         [(str(line), item, str(missing)) for line, item, missing in data.shortages]),
        (tr.gettext("Recipients who would get a substitute"),
         (tr.gettext("Package"), tr.gettext("No."), tr.gettext("Recipient"), tr.gettext("Lines")),
         [tuple(row) for row in data.substitutes]),
        (tr.gettext("Stock"), (tr.gettext("Item"), tr.gettext("Received"), tr.gettext("In sealed packages"),
                               tr.gettext("In open packages"), tr.gettext("Available")),
         [(item, *(str(number) for number in numbers)) for item, *numbers in data.stock]),
    ]


_WIDTHS = {3: (0.12, 0.68, 0.2), 4: (0.3, 0.1, 0.42, 0.18), 5: (0.44, 0.14, 0.14, 0.14, 0.14)}
_MARGIN = 15 * MM
_ROW = 11.0


class _Pages:
    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.y = A4[1] - _MARGIN
        self.page = 1

    def need(self, height: float) -> None:
        if self.y - height < _MARGIN + 12:
            self.canvas.showPage()
            self.page += 1
            self.y = A4[1] - _MARGIN

    def text(self, text: str, size: float = 9, bold: bool = False, x: float = _MARGIN,
             width: float = A4[0] - 2 * _MARGIN) -> None:
        font = fonts.BOLD if bold else fonts.REGULAR
        while text and fonts.string_width(text, font, size) > width:
            text = text[:-2] + "…"
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, self.y, text)

    def row(self, cells: Sequence[str], bold: bool = False) -> None:
        self.need(_ROW)
        width = A4[0] - 2 * _MARGIN
        x = _MARGIN
        for cell, share in zip(cells, _WIDTHS[len(cells)], strict=True):
            self.text(cell, 8, bold, x, width * share - 4)
            x += width * share
        self.y -= _ROW


def render_plan_report(data: PlanReportData, language: str = "en") -> bytes:
    """A4 pages; the footer says page x of y, so the body is laid out once to count pages, then drawn."""
    tr = translator(language)
    total = _draw(_canvas(BytesIO(), data, tr, 0), data, tr)
    buffer = BytesIO()
    canvas = _canvas(buffer, data, tr, total)
    _draw(canvas, data, tr)
    return fonts.finish(canvas, buffer)


def _canvas(buffer: BytesIO, data: PlanReportData, tr: Translator, total: int) -> Canvas:
    class Footed(Canvas):  # type: ignore[misc]  # ReportLab ships no types
        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self.setFont(fonts.REGULAR, 7)
            self.drawString(_MARGIN, _MARGIN - 8, data.campaign)
            self.drawRightString(A4[0] - _MARGIN, _MARGIN - 8, tr.gettext("Page {page} of {pages}").format(
                page=self.getPageNumber(), pages=total))
            super().showPage()

    fonts.register_fonts()
    canvas = Footed(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=fonts.REGULAR,
                    initialFontSize=10)
    canvas.setTitle(tr.gettext("Campaign plan") + f": {data.campaign}")
    canvas.setCreator(fonts.PRODUCER)
    canvas.setProducer(fonts.PRODUCER)
    return canvas


def _draw(canvas: Canvas, data: PlanReportData, tr: Translator) -> int:
    """Draw the body; returns the number of pages."""
    pages = _Pages(canvas)
    pages.text(tr.gettext("Campaign plan") + f": {data.campaign}", 15, bold=True)
    pages.y -= 16
    pages.text(tr.gettext("Computed {time}").format(time=data.generated_at), 9)
    pages.y -= 18
    for line in summary_lines(data, tr):
        pages.text(line, 10)
        pages.y -= 14
    for heading, headers, rows in plan_sections(data, tr):
        pages.y -= 10
        pages.need(3 * _ROW + 14)
        pages.text(heading, 11, bold=True)
        pages.y -= 15
        pages.row(headers, bold=True)
        for row in rows or [(tr.gettext("none"),) + ("",) * (len(headers) - 1)]:
            pages.row(row)
    return pages.page
