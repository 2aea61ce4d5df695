"""A4 documents of headings, paragraphs and long tables: measured first, cut into pages, then drawn, so every
page knows "page x of y" and every table page repeats its column titles.

Used by the check-off sheet, the reconciliation report and the list of manifest changes. Drawn straight on
the canvas (no LongTable: thousands of rows stay fast, DESIGN.md section 8); text shrinks and wraps to fit
its cell (`printing.layout.fit`), never leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from models.core.codes import CodeKind, grouped, sscc_text
from models.core.i18n import Translator
from printing import barcodes, fonts
from printing.layout import A4, MM, Fitted, Rect, draw_fitted, fit

PAGE = Rect(0, 0, *A4)
INNER = PAGE.inset(12 * MM)
FOOTER = 8 * MM
PAD = 1.6
TICK = 3.6 * MM


@dataclass(frozen=True)
class Column:
    width: float
    align: str = "left"
    lines: int = 1
    tick: bool = False
    """An empty box to tick by hand instead of text."""


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    titles: tuple[str, ...]
    rows: Sequence[Sequence[str]]
    size: float = 8.0
    shaded: frozenset[int] = field(default_factory=frozenset)
    """Row indexes drawn on a light grey background (problems in a report)."""
    row_height: float = 0.0
    """The least height of a row (room to write by hand)."""


@dataclass(frozen=True)
class Text:
    text: str
    size: float = 9.0
    bold: bool = False
    lines: int = 3
    space_after: float = 2.0


@dataclass(frozen=True)
class Space:
    height: float


@dataclass(frozen=True)
class Drawing:
    """Something drawn by the caller in a box of the full width and `height`, kept on one page."""

    height: float
    draw: Callable[[Canvas, float, float, float], None]
    """(canvas, x, top, width)."""


@dataclass(frozen=True)
class Together:
    """Blocks kept on one page (moved to the next page whole when they do not fit the rest of this one)."""

    blocks: tuple[Table | Text | Space | Drawing, ...]


Block = Table | Text | Space | Drawing | Together
Band = Callable[[Canvas, int, int], float]
"""Draws the top band of page (number, of pages); returns the y under it."""


@dataclass
class _Item:
    kind: str
    height: float
    payload: object


def _rows(table: Table) -> tuple[list[tuple[Fitted, ...]], list[float], tuple[Fitted, ...], float]:
    def measure(texts: Sequence[str], font: str, size: float, lines: int | None) -> tuple[tuple[Fitted, ...], float]:
        cells = tuple(fit("" if column.tick and font == fonts.REGULAR else text, font, column.width - 2 * PAD, size,
                          min(5.0, size), (lines or column.lines) + text.count("\n"))
                      for column, text in zip(table.columns, texts, strict=True))
        height = max([cell.height for cell in cells] + [size * 1.18, TICK if font == fonts.REGULAR else 0.0])
        return cells, height + 2 * PAD

    header, header_height = measure(table.titles, fonts.BOLD, table.size - 0.5, 2)
    rows, heights = [], []
    for texts in table.rows:
        cells, height = measure(texts, fonts.REGULAR, table.size, None)
        rows.append(cells)
        heights.append(max(height, table.row_height))
    return rows, heights, header, header_height


def _measured(block: Block) -> list[_Item]:
    """The items a block becomes; a table's header item is repeated on every page it continues on."""
    if isinstance(block, Together):
        return [item for inner in block.blocks for item in _measured(inner)]
    if isinstance(block, Table):
        rows, heights, header, header_height = _rows(block)
        return [_Item("header", header_height, (block, header))] + [
            _Item("row", height, (block, cells, index))
            for index, (cells, height) in enumerate(zip(rows, heights, strict=True))]
    if isinstance(block, Text):
        fitted = fit(block.text, fonts.BOLD if block.bold else fonts.REGULAR, INNER.width, block.size,
                     min(5.0, block.size), block.lines)
        return [_Item("text", fitted.height + block.space_after, fitted)]
    if isinstance(block, Space):
        return [_Item("space", block.height, None)]
    return [_Item("drawing", block.height, block)]


def _plan(blocks: Sequence[Block], first_top: float, top: float, bottom: float) -> list[list[_Item]]:
    pages: list[list[_Item]] = [[]]
    room = first_top - bottom
    header: _Item | None = None

    def place(item: _Item) -> None:
        nonlocal room
        pages[-1].append(item)
        room -= item.height

    def new_page() -> None:
        nonlocal room
        pages.append([])
        room = top - bottom
        if header is not None:
            place(header)

    for block in blocks:
        items = _measured(block)
        if isinstance(block, Together) and sum(i.height for i in items) > room and pages[-1]:
            header = None
            new_page()
        for index, item in enumerate(items):
            if item.kind == "header":
                following = items[index + 1].height if index + 1 < len(items) else 0.0
                if item.height + following > room:
                    header = None
                    new_page()
                header = item
            elif item.kind == "row" and item.height > room:
                new_page()
            elif item.kind in ("text", "drawing"):
                header = None
                if item.height > room:
                    new_page()
            place(item)
        header = None
    return pages


def _draw_cells(canvas: Canvas, table: Table, cells: Sequence[Fitted], top: float, height: float,
                ticks: bool) -> None:
    x = INNER.x
    for column, cell in zip(table.columns, cells, strict=True):
        if column.tick and ticks:
            canvas.setLineWidth(0.8)
            canvas.rect(x + (column.width - TICK) / 2, top - (height + TICK) / 2, TICK, TICK, stroke=1, fill=0)
        else:
            draw_fitted(canvas, cell, x + PAD, top - PAD, column.width - 2 * PAD, column.align)
        x += column.width


def _draw_item(canvas: Canvas, item: _Item, y: float) -> float:
    if item.kind == "text":
        assert isinstance(item.payload, Fitted)
        draw_fitted(canvas, item.payload, INNER.x, y)
    elif item.kind == "drawing":
        assert isinstance(item.payload, Drawing)
        item.payload.draw(canvas, INNER.x, y, INNER.width)
    elif item.kind in ("header", "row"):
        table = item.payload[0]  # type: ignore[index]
        cells = item.payload[1]  # type: ignore[index]
        width = sum(column.width for column in table.columns)
        header = item.kind == "header"
        shaded = not header and item.payload[2] in table.shaded  # type: ignore[index]
        if header or shaded:
            canvas.setFillGray(0.88 if header else 0.94)
            canvas.rect(INNER.x, y - item.height, width, item.height, stroke=0, fill=1)
            canvas.setFillGray(0)
        _draw_cells(canvas, table, cells, y, item.height, ticks=not header)
        canvas.setLineWidth(0.8 if header else 0.3)
        canvas.setStrokeGray(0 if header else 0.55)
        canvas.line(INNER.x, y - item.height, INNER.x + width, y - item.height)
        if header:
            canvas.line(INNER.x, y, INNER.x + width, y)
        canvas.setStrokeGray(0)
    return y - item.height


def _footer(canvas: Canvas, text: str, tr: Translator, page: int, pages: int) -> None:
    canvas.setLineWidth(0.5)
    canvas.line(INNER.x, INNER.y + FOOTER - 2 * MM, INNER.right, INNER.y + FOOTER - 2 * MM)
    draw_fitted(canvas, fit(text, fonts.REGULAR, INNER.width * 0.7, 8, 5), INNER.x, INNER.y + 3 * MM)
    number = tr.gettext("Page {page} of {pages}").format(page=page, pages=pages)
    draw_fitted(canvas, fit(number, fonts.BOLD, INNER.width * 0.28, 8, 5), INNER.x, INNER.y + 3 * MM, INNER.width,
                "right")


def batch_band(title: str, campaign: str, batch_code: str, version: int, tr: Translator, dpi: int) -> Band:
    """Title, campaign, batch and version on the left, the batch code as GS1-128 on the right; every page."""

    def draw(canvas: Canvas, page: int, pages: int) -> float:
        barcode_left = INNER.right - 74 * MM
        width = barcode_left - INNER.x - 4 * MM
        top = draw_fitted(canvas, fit(title, fonts.BOLD, width, 15, 8), INNER.x, INNER.top)
        top = draw_fitted(canvas, fit(campaign, fonts.BOLD, width, 10, 6), INNER.x, top - 3)
        batch = tr.gettext("Batch {code}, version {version}").format(code=grouped(batch_code),
                                                                     version=version)
        draw_fitted(canvas, fit(batch, fonts.REGULAR, width, 9, 6), INNER.x, top - 2)
        barcodes.draw_barcode(canvas, barcodes.sscc_symbol(batch_code, CodeKind.BATCH), left=barcode_left,
                              right=INNER.right, bottom=INNER.top - 22 * MM, bar_height=11 * MM, dpi=dpi,
                              text=sscc_text(batch_code), font_size=7)
        return INNER.top - 25 * MM

    return draw


def batch_footer(campaign: str, batch_code: str, version: int, tr: Translator) -> str:
    return f"{campaign} · {grouped(batch_code)} · " + tr.gettext("version {version}").format(version=version)


def render_flow(title: str, blocks: Sequence[Block], band: Band, footer: str, tr: Translator) -> bytes:
    """The blocks on A4 pages under `band`, with `footer` and "page x of y" at the bottom of every page."""
    probe = fonts.new_canvas(BytesIO(), A4, title)  # the bands' heights, before the page count is known
    first_top, top = band(probe, 1, 0), band(probe, 2, 0)
    pages = _plan(blocks, first_top, top, INNER.y + FOOTER)
    buffer = BytesIO()
    canvas = fonts.new_canvas(buffer, A4, title)
    for number, items in enumerate(pages, start=1):
        if number > 1:
            canvas.showPage()
        y = band(canvas, number, len(pages))
        for item in items:
            y = _draw_item(canvas, item, y)
        _footer(canvas, footer, tr, number, len(pages))
    return fonts.finish(canvas, buffer)
