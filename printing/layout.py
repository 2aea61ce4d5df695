"""Page and label geometry, and text that shrinks and wraps to fit its box (never clipped).

All measures are PDF points (1/72 in); `MM` converts. Rectangles have their origin bottom-left, as on the
ReportLab canvas.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from printing import fonts

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
A6 = (105 * MM, 148 * MM)
LEADING = 1.18
SMALLEST = 4.0
"""Below its own minimum, text keeps shrinking down to this size rather than leave its box."""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, self.width - 2 * dx, self.height - 2 * dy)


class Medium(enum.StrEnum):
    """What a layout is printed on, which decides the dot grid its bars are laid on."""

    THERMAL = "thermal"
    """A label printer's roll, 203 or 300 dpi: the printer's own resolution."""
    SHEET = "sheet"
    """A4 label sheets, which go to office printers (lasers, 600 dpi and up)."""


OFFICE_DPI = 600
MIN_SHEET_MODULE = 0.33 * MM
"""The narrowest bar on an office sheet: below it a laser's toner spread closes the gaps (GS1's minimum X for
general retail is 0.264 mm; logistics wants more, and sheets are scanned at a distance in a warehouse)."""


@dataclass(frozen=True)
class LabelLayout:
    """Labels on a page: `columns` x `rows` of label_width x label_height, the first one `left` and `top`
    from the page's top-left corner, the next ones `column_pitch` / `row_pitch` further on."""

    key: str
    page_size: tuple[float, float]
    label_width: float
    label_height: float
    columns: int = 1
    rows: int = 1
    left: float = 0.0
    top: float = 0.0
    column_pitch: float = 0.0
    row_pitch: float = 0.0
    medium: Medium = Medium.THERMAL
    content_inset: tuple[float, float] = (0.0, 0.0)
    """What is printed stays this far inside each label (across, up and down): on a sheet whose labels reach
    its edges, it keeps the print out of an office printer's unprintable margin (5 mm from the sheet's edge)."""

    def grid_dpi(self, printer_dpi: int) -> int:
        """The dot grid the bars are laid on: the label printer's for thermal labels; for sheets an office
        printer's 600 dpi, whatever a label printer's resolution says (203 dpi left an A4-21 code 2 dots a bar,
        which no office laser prints true)."""
        return printer_dpi if self.medium is Medium.THERMAL else OFFICE_DPI

    @property
    def min_module(self) -> float:
        """The narrowest bar this medium prints true (0: any whole number of the printer's dots)."""
        return MIN_SHEET_MODULE if self.medium is Medium.SHEET else 0.0

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def cell(self, position: int) -> Rect:
        """The label at `position` (0-based, row by row) on a page."""
        row, column = divmod(position, self.columns)
        x = self.left + column * self.column_pitch
        top = self.page_size[1] - self.top - row * self.row_pitch
        return Rect(x, top - self.label_height, self.label_width, self.label_height).inset(*self.content_inset)

    @property
    def content_size(self) -> tuple[float, float]:
        """The width and height of a label's printed part (`cell` of any position has it)."""
        return self.label_width - 2 * self.content_inset[0], self.label_height - 2 * self.content_inset[1]


def _single(key: str, width_mm: float, height_mm: float) -> LabelLayout:
    return LabelLayout(key, (width_mm * MM, height_mm * MM), width_mm * MM, height_mm * MM)


LAYOUTS: dict[str, LabelLayout] = {
    "100x150": _single("100x150", 100, 150),
    "4x6": _single("4x6", 101.6, 152.4),
    "a6": _single("a6", 105, 148),
    # A4, 2 x 4 labels of 105 x 74 mm, no gaps (296 mm used, 0.5 mm top margin).
    # The labels reach the sheet's edges: what is printed stays 2.5 mm further inside across and 2 mm up and
    # down (with the design's own 2.5 mm and the sheet's 0.5 mm at top and bottom: 5 mm from every edge).
    "a4-8": LabelLayout("a4-8", A4, 105 * MM, 74 * MM, 2, 4, 0, 0.5 * MM, 105 * MM, 74 * MM, Medium.SHEET,
                        (2.5 * MM, 2 * MM)),
    # A4, 3 x 7 labels of 63.5 x 38.1 mm (the common L7160 sheet: 2.5 mm between columns).
    "a4-21": LabelLayout("a4-21", A4, 63.5 * MM, 38.1 * MM, 3, 7, 7.25 * MM, 15.15 * MM, 66 * MM, 38.1 * MM,
                         Medium.SHEET),
}


def get_layout(key: str) -> LabelLayout:
    try:
        return LAYOUTS[key]
    except KeyError:
        raise ValueError(f"Unknown label layout {key!r}; choose one of {', '.join(LAYOUTS)}") from None


def check_start(layout: LabelLayout, start_position: int) -> None:
    if not 1 <= start_position <= layout.per_page:
        raise ValueError(f"Start position must be 1 to {layout.per_page} on layout {layout.key}")


@dataclass(frozen=True)
class Fitted:
    """Text broken into lines at one font size."""

    lines: tuple[str, ...]
    font: str
    size: float

    @property
    def leading(self) -> float:
        return self.size * LEADING

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading if self.lines else 0.0


def _tokens(text: str) -> list[tuple[str, str]]:
    """Pieces a line may break after: words, and the parts of hyphenated words (double surnames), each
    with the separator that joins it to the next piece on the same line."""
    pieces: list[tuple[str, str]] = []
    for word in text.split():
        parts = word.split("-")
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            pieces.append((part if last else part + "-", " " if last else ""))
    return [(piece, sep) for piece, sep in pieces if piece]


def _wrap(text: str, font: str, size: float, width: float) -> tuple[list[str], bool]:
    """Greedy wrap at spaces and after hyphens, each paragraph (a line break of `text`) on lines of its own; a
    piece wider than the box is split between characters (then the flag is set)."""
    if "\n" in text:
        wrapped = [_wrap(paragraph, font, size, width) for paragraph in text.split("\n") if paragraph.strip()]
        return [line for lines, _broke in wrapped for line in lines], any(broke for _lines, broke in wrapped)
    lines: list[str] = []
    current = ""
    joiner = ""
    broke_word = False
    for piece, separator in _tokens(text):
        candidate = f"{current}{joiner}{piece}" if current else piece
        if fonts.string_width(candidate, font, size) <= width:
            current, joiner = candidate, separator
            continue
        if current:
            lines.append(current)
        current, joiner = piece, separator
        while fonts.string_width(current, font, size) > width and len(current) > 1:
            broke_word = True
            cut = len(current) - 1
            while cut > 1 and fonts.string_width(current[:cut], font, size) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines, broke_word


@lru_cache(maxsize=8192)
def fit(text: str, font: str, width: float, max_size: float, min_size: float, max_lines: int = 1,
        height: float | None = None) -> Fitted:
    """The largest size (in half points, from `max_size` down) at which `text` fits `width` in at most
    `max_lines` lines (and `height`, if given), breaking only between words; a line break in `text` starts a
    line (a name's Latin line under it). Below `min_size` it keeps
    shrinking to `SMALLEST`, then breaks inside words, so the text stays inside its box in every case."""
    if not text.strip():
        return Fitted((), font, max_size)
    size = max_size
    while size >= SMALLEST:
        lines, broke_word = _wrap(text, font, size, width)
        if not broke_word and len(lines) <= max_lines and (height is None or len(lines) * size * LEADING <= height):
            return Fitted(tuple(lines), font, size)
        size -= 0.5 if size > min_size else 0.25
    lines, _ = _wrap(text, font, SMALLEST, width)
    return Fitted(tuple(lines), font, SMALLEST)


def ascent(font: str, size: float) -> float:
    return float(pdfmetrics.getAscent(font, size))


def draw_fitted(canvas: Canvas, fitted: Fitted, x: float, top: float, width: float = 0.0,
                align: str = "left") -> float:
    """Draw the lines with the first line's ascender at `top`; returns the y below the last line."""
    if not fitted.lines:
        return top
    canvas.setFont(fitted.font, fitted.size)
    baseline = top - ascent(fitted.font, fitted.size)
    for line in fitted.lines:
        if align == "center":
            canvas.drawCentredString(x + width / 2, baseline, line)
        elif align == "right":
            canvas.drawRightString(x + width, baseline, line)
        else:
            canvas.drawString(x, baseline, line)
        baseline -= fitted.leading
    return top - fitted.height


def draw_box_text(canvas: Canvas, text: str, font: str, size: float, right: float, top: float,
                  inverse: bool = True) -> float:
    """A mark such as "COPY 2" in a filled box whose right edge is at `right`; returns the box's left."""
    pad = size * 0.35
    width = fonts.string_width(text, font, size) + 2 * pad
    height = size * 1.3
    canvas.saveState()
    if inverse:
        canvas.rect(right - width, top - height, width, height, stroke=0, fill=1)
        canvas.setFillGray(1)
    else:
        canvas.setLineWidth(1)
        canvas.rect(right - width, top - height, width, height, stroke=1, fill=0)
    canvas.setFont(font, size)
    canvas.drawString(right - width + pad, top - height + size * 0.3, text)
    canvas.restoreState()
    return right - width
