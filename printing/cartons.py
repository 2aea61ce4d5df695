"""Carton labels: the carton's own code as a GS1-128 barcode, its number and how many packages it holds.

Same label layouts and start position as the other labels; usually A4 sheets of 3x7 or 2x4.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from reportlab.pdfgen.canvas import Canvas

from models.core.codes import CodeKind, grouped
from models.core.i18n import N_, Translator, translator
from printing.barcodes import BarPainter
from printing.documents import CartonLabelData
from printing.labels import Band, Design, TranslatedDrawer, by_height, define_form, draw_design, render_sheets
from printing.layout import MM, LabelLayout, Rect, get_layout

CARTON_TALL = Design(3 * MM, 12, (
    Band("number", 70, 48, 12, 1, bold=True),
    Band("count", 30, 20, 8, 1),
    Band("batch", 20, 12, 6, 1),
), digits=11)

CARTON_MEDIUM = Design(2.5 * MM, 9, (
    Band("number", 40, 30, 8, 1, bold=True),
    Band("count", 16, 12, 6, 1),
    Band("batch", 12, 9, 5, 1),
), digits=9)

CARTON_SMALL = Design(1.5 * MM, 6, (
    Band("number", 16, 13, 5, 1, bold=True),
    Band("count", 10, 8, 4, 1),
), digits=6, caption_size=0)


def carton_design(layout: LabelLayout) -> Design:
    return by_height(layout, CARTON_TALL, CARTON_MEDIUM, CARTON_SMALL)


def _values(carton: CartonLabelData, tr: Translator) -> dict[str, str]:
    batch = ""
    if carton.batch_code:
        batch = tr.gettext("Batch {code}").format(code=grouped(carton.batch_code))
    return {
        "number": tr.gettext("Carton {number}").format(number=carton.carton_number),
        "count": tr.ngettext("{count} package", "{count} packages", carton.package_count).format(
            count=carton.package_count),
        "batch": batch,
    }


@dataclass(frozen=True)
class CartonLabels(TranslatedDrawer):
    TITLE: ClassVar[str] = N_("Carton labels")

    def define_forms(self, canvas: Canvas) -> None:
        define_form(canvas, f"carton-{self.layout.key}", self.layout, carton_design(self.layout), {})

    def draw(self, canvas: Canvas, item: CartonLabelData, cell: Rect, paint: BarPainter) -> None:
        draw_design(canvas, carton_design(self.layout), cell, f"carton-{self.layout.key}", item.campaign,
                    [self.tr.gettext("CARTON")], _values(item, self.tr), item.carton_code, CodeKind.CARTON, self.dpi,
                    layout=self.layout, paint=paint)


def render_carton_labels(cartons: Sequence[CartonLabelData], layout: str | LabelLayout = "a4-8", *,
                         dpi: int = 203, start_position: int = 1, language: str = "en") -> bytes:
    """Carton labels in order, the first at `start_position` of the first sheet."""
    chosen = get_layout(layout) if isinstance(layout, str) else layout
    return render_sheets(cartons, CartonLabels(chosen, dpi, translator(language)), start_position)
