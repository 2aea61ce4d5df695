"""A label drawn 1-bit at a label printer's resolution, for the printer's own language (`printing.zpl`).

`RasterCanvas` takes the few ReportLab canvas calls the label designs make (text, rules, boxes, forms) and
draws them with Pillow in the same fonts (DejaVu Sans from `resources/fonts`), so a ZPL label carries the
same text as the PDF label, Cyrillic included, as a graphic the printer needs no font for. Each point of the
page is `dpi / 72` dots; the image's top-left corner is the label's.

Text is drawn in grey and thresholded at half, which is what a thermal head does with a PDF's edges too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from PIL import Image, ImageDraw, ImageFont

import resources
from printing import fonts


@cache
def _font(name: str, pixels: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resources.path("fonts", fonts.FONT_FILES[name])), pixels)


_Call = tuple[Callable[..., None], tuple[object, ...], dict[str, object]]


@dataclass(frozen=True)
class _State:
    x: float = 0.0
    y: float = 0.0
    font: str = fonts.REGULAR
    size: float = 10.0
    fill: int = 0
    line_width: float = 1.0


class RasterCanvas:
    """The canvas calls of `printing.labels.draw_design` and `printing.layout`, drawn on a `size`-point label."""

    def __init__(self, size: tuple[float, float], dpi: int) -> None:
        self.dpi = dpi
        self.scale = dpi / 72
        self.width, self.height = (round(side * self.scale) for side in size)  # ^PW and ^LL: whole dots
        self.image = Image.new("L", (self.width, self.height), 255)
        self._draw = ImageDraw.Draw(self.image)
        self._state = _State()
        self._saved: list[_State] = []
        self._forms: dict[str, list[_Call]] = {}
        self._recording: list[_Call] | None = None

    # -- forms and state ----------------------------------------------------------------------------------------

    def beginForm(self, name: str) -> None:  # noqa: N802 (ReportLab's names)
        self._recording = self._forms.setdefault(name, [])

    def endForm(self) -> None:  # noqa: N802
        self._recording = None

    def doForm(self, name: str) -> None:  # noqa: N802
        self.saveState()
        for method, args, options in self._forms[name]:
            method(*args, **options)
        self.restoreState()

    def _recorded(self, method: Callable[..., None], *args: object, **options: object) -> bool:
        """While a form is being defined, its calls are kept for `doForm` instead of drawn."""
        if self._recording is None:
            return False
        self._recording.append((method, args, options))
        return True

    def saveState(self) -> None:  # noqa: N802
        if not self._recorded(self.saveState):
            self._saved.append(self._state)

    def restoreState(self) -> None:  # noqa: N802
        if not self._recorded(self.restoreState):
            self._state = self._saved.pop()

    def translate(self, dx: float, dy: float) -> None:
        if not self._recorded(self.translate, dx, dy):
            self._state = replace(self._state, x=self._state.x + dx, y=self._state.y + dy)

    def setFont(self, name: str, size: float) -> None:  # noqa: N802
        if not self._recorded(self.setFont, name, size):
            self._state = replace(self._state, font=name, size=size)

    def setFillGray(self, gray: float) -> None:  # noqa: N802
        if not self._recorded(self.setFillGray, gray):
            self._state = replace(self._state, fill=round(gray * 255))

    def setLineWidth(self, width: float) -> None:  # noqa: N802
        if not self._recorded(self.setLineWidth, width):
            self._state = replace(self._state, line_width=width)

    # -- drawing --------------------------------------------------------------------------------------------------

    def _point(self, x: float, y: float) -> tuple[float, float]:
        return (x + self._state.x) * self.scale, self.height - (y + self._state.y) * self.scale

    def _text(self, x: float, y: float, text: str, anchor: str) -> None:
        font = _font(self._state.font, self._state.size * self.scale)
        self._draw.text(self._point(x, y), text, font=font, fill=self._state.fill, anchor=anchor)

    def drawString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        if not self._recorded(self.drawString, x, y, text):
            self._text(x, y, text, "ls")

    def drawCentredString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        if not self._recorded(self.drawCentredString, x, y, text):
            self._text(x, y, text, "ms")

    def drawRightString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        if not self._recorded(self.drawRightString, x, y, text):
            self._text(x, y, text, "rs")

    def _pen(self) -> int:
        return max(1, round(self._state.line_width * self.scale))

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        if not self._recorded(self.line, x1, y1, x2, y2):
            self._draw.line([self._point(x1, y1), self._point(x2, y2)], fill=0, width=self._pen())

    def rect(self, x: float, y: float, width: float, height: float, stroke: int = 1, fill: int = 0) -> None:
        if self._recorded(self.rect, x, y, width, height, stroke=stroke, fill=fill):
            return
        left, bottom = self._point(x, y)
        right, top = self._point(x + width, y + height)
        box = (left, top, right, bottom)
        if fill:
            self._draw.rectangle(box, fill=self._state.fill)
        if stroke:
            self._draw.rectangle(box, outline=0, width=self._pen())

    def dark_dots(self) -> Image.Image:
        """The dots a printer heats, 1-bit (1: dark): where the drawing is darker than half."""
        return self.image.point(lambda value: 255 if value < 128 else 0).convert("1")
