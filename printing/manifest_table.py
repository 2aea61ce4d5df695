"""The manifest's package table: columns, row layout, pagination and drawing, straight on the canvas.

Rows are measured first (a long name or place wraps to two lines and shrinks, never leaves its cell), then
cut into pages, so the document knows its page count before it draws "page x of y". Drawing on the canvas
rather than with a platypus LongTable keeps 2,000 rows fast (DESIGN.md section 8).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from models.core.codes import grouped
from models.core.i18n import Translator
from printing import fonts
from printing.documents import ManifestLine
from printing.labels import format_date
from printing.layout import MM, Fitted, draw_fitted, fit

PAD = 1.6
ROW_SIZE = 7.5
ROW_MIN = 5.5
HEADER_SIZE = 7.0


@dataclass(frozen=True)
class Column:
    key: str
    width: float
    align: str = "left"
    lines: int = 1


COLUMNS: tuple[Column, ...] = (
    Column("number", 10 * MM, "right"),
    Column("list_number", 14 * MM, "right"),
    Column("code", 31 * MM),
    Column("name", 42 * MM, lines=2),
    Column("birth_date", 16 * MM),
    Column("place", 34 * MM, lines=2),
    Column("letter", 10 * MM, "center"),
    Column("weight", 12 * MM, "right", lines=2),
    Column("substitutions", 17 * MM, lines=2),
)
TABLE_WIDTH = sum(column.width for column in COLUMNS)


def column_edges(left: float) -> list[float]:
    """x of every column boundary, from the table's left edge to its right edge."""
    edges = [left]
    for column in COLUMNS:
        edges.append(edges[-1] + column.width)
    return edges


def titles(tr: Translator) -> dict[str, str]:
    return {
        "number": tr.gettext("No."),
        "list_number": tr.gettext("List number"),
        "code": tr.gettext("Package code"),
        "name": tr.gettext("Recipient"),
        "birth_date": tr.gettext("Date of birth"),
        "place": tr.gettext("Place of detention"),
        "letter": tr.gettext("Letter"),
        "weight": tr.gettext("Weight, kg"),
        "substitutions": tr.gettext("Substitutions"),
    }


def format_weight(grams: int | None, language: str) -> str:
    if grams is None:
        return ""
    text = f"{grams / 1000:.2f}"
    return text.replace(".", ",") if language in ("ru", "uk") else text


@dataclass(frozen=True)
class Row:
    cells: tuple[Fitted, ...]
    height: float


def _cell_texts(number: int, line: ManifestLine, tr: Translator, yes: str, no: str) -> tuple[str, ...]:
    name = " ".join(part for part in (line.surname, line.given_name, line.patronymic) if part)
    if line.latin_name:
        name = f"{name}\n{line.latin_name}"  # its own line under the Cyrillic
    return (str(number), line.list_number, grouped(line.package_code), name, format_date(line.birth_date),
            line.place, yes if line.has_letter else no,
            format_weight(line.weight_g, tr.language) if line.weight_g is not None else tr.gettext("not weighed"),
            line.substitutions)


def measure_rows(lines: Sequence[ManifestLine], tr: Translator) -> list[Row]:
    yes, no = tr.gettext("yes"), tr.gettext("no")
    rows = []
    for number, line in enumerate(lines, start=1):
        cells = tuple(
            fit(text, fonts.REGULAR, column.width - 2 * PAD, ROW_SIZE, ROW_MIN, column.lines + text.count("\n"))
            for column, text in zip(COLUMNS, _cell_texts(number, line, tr, yes, no), strict=True))
        tallest = max((cell.height for cell in cells), default=0.0)
        rows.append(Row(cells, max(tallest, ROW_SIZE * 1.18) + 2 * PAD))
    return rows


def header_cells(tr: Translator) -> tuple[tuple[Fitted, ...], float]:
    names = titles(tr)
    cells = tuple(fit(names[column.key], fonts.BOLD, column.width - 2 * PAD, HEADER_SIZE, 4.5, 2)
                  for column in COLUMNS)
    return cells, max(cell.height for cell in cells) + 2 * PAD


def paginate(rows: Sequence[Row], first_room: float, room: float) -> list[range]:
    """Cut rows into pages: the first page has `first_room` points for rows, the others `room`."""
    pages: list[range] = []
    start, left = 0, first_room
    for index, row in enumerate(rows):
        if row.height > left and index > start:
            pages.append(range(start, index))
            start, left = index, room
        left -= row.height
    pages.append(range(start, len(rows)))
    return pages


def _draw_cells(canvas: Canvas, cells: Sequence[Fitted], left: float, top: float) -> None:
    x = left
    for column, cell in zip(COLUMNS, cells, strict=True):
        draw_fitted(canvas, cell, x + PAD, top - PAD, column.width - 2 * PAD, column.align)
        x += column.width


def draw_table(canvas: Canvas, header: tuple[tuple[Fitted, ...], float], rows: Sequence[Row],
               indexes: range, left: float, top: float) -> float:
    """The header row and rows `indexes`; returns the y under the last row."""
    cells, header_height = header
    canvas.setFillGray(0.88)
    canvas.rect(left, top - header_height, TABLE_WIDTH, header_height, stroke=0, fill=1)
    canvas.setFillGray(0)
    _draw_cells(canvas, cells, left, top)
    y = top - header_height
    rules = canvas.beginPath()
    for edge in column_edges(left):
        rules.moveTo(edge, top)
        rules.lineTo(edge, top - header_height - sum(rows[index].height for index in indexes))
    for index in indexes:
        row = rows[index]
        _draw_cells(canvas, row.cells, left, y)
        y -= row.height
        rules.moveTo(left, y)
        rules.lineTo(left + TABLE_WIDTH, y)
    canvas.setLineWidth(0.3)
    canvas.setStrokeGray(0.55)
    canvas.drawPath(rules, stroke=1, fill=0)
    canvas.setStrokeGray(0)
    canvas.setLineWidth(0.8)
    canvas.line(left, top, left + TABLE_WIDTH, top)
    canvas.line(left, top - header_height, left + TABLE_WIDTH, top - header_height)
    return y
