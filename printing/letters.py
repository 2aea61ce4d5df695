"""Letter labels: stuck on a family letter's envelope, with the letter's own code as a GS1-128 barcode.

Usually printed on A4 sheets of 3x7 (63.5 x 38.1 mm), with a start position for a partly used sheet; any
label layout works. The header names the package the letter goes into, so a packer can check it by eye.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from reportlab.pdfgen.canvas import Canvas

from models.campaigns.queries import RecipientQueries
from models.core.codes import CodeKind, grouped
from models.core.i18n import N_, Translator, translator
from models.packing.letters import Letter
from printing.barcodes import BarPainter
from printing.documents import LetterLabelData
from printing.labels import Band, Design, TranslatedDrawer, by_height, define_form, draw_design, render_sheets
from printing.layout import MM, LabelLayout, Rect, get_layout

LETTER_TALL = Design(3 * MM, 12, (
    Band("surname", 64, 30, 9, 2, bold=True, caption=True),
    Band("given", 46, 22, 8, 2),
    Band("place", 44, 13, 6, 3, caption=True),
    Band("campaign", 20, 11, 6, 1, caption=True),
), digits=11)

LETTER_MEDIUM = Design(2.5 * MM, 9, (
    Band("surname", 32, 16, 6, 2, bold=True),
    Band("given", 24, 12, 6, 2),
    Band("place", 20, 9, 5, 2),
    Band("campaign", 12, 8, 5),
), digits=9)

LETTER_SMALL = Design(1.5 * MM, 6, (
    Band("full_name", 18, 8.5, 4.5, 2, bold=True),
    Band("place", 9.5, 6, 4, 2),
), digits=6, caption_size=0)


def letter_design(layout: LabelLayout) -> Design:
    return by_height(layout, LETTER_TALL, LETTER_MEDIUM, LETTER_SMALL)


def _captions(tr: Translator) -> dict[str, str]:
    return {
        "surname": tr.gettext("Recipient"),
        "place": tr.gettext("Place of detention"),
        "campaign": tr.gettext("Campaign"),
    }


def _values(letter: LetterLabelData) -> dict[str, str]:
    names = (letter.surname, letter.given_name, letter.patronymic)
    return {
        "surname": letter.surname,
        "given": " ".join(part for part in names[1:] if part),
        "full_name": " ".join(part for part in names if part),
        "place": letter.place,
        "campaign": letter.campaign,
    }


def _header_text(letter: LetterLabelData, tr: Translator) -> str:
    if letter.package_code:
        return tr.gettext("For package {code}").format(code=grouped(letter.package_code))
    return letter.campaign


@dataclass(frozen=True)
class LetterLabels(TranslatedDrawer):
    TITLE: ClassVar[str] = N_("Letter labels")

    def define_forms(self, canvas: Canvas) -> None:
        define_form(canvas, f"letter-{self.layout.key}", self.layout, letter_design(self.layout),
                    _captions(self.tr))

    def draw(self, canvas: Canvas, item: LetterLabelData, cell: Rect, paint: BarPainter) -> None:
        lead = self.tr.gettext("No. {number}").format(number=item.list_number) if item.list_number else ""
        draw_design(canvas, letter_design(self.layout), cell, f"letter-{self.layout.key}",
                    _header_text(item, self.tr), [self.tr.gettext("LETTER")], _values(item), item.letter_code,
                    CodeKind.LETTER, self.dpi, lead, layout=self.layout, paint=paint)


def render_letter_labels(letters: Sequence[LetterLabelData], layout: str | LabelLayout = "a4-21", *,
                         dpi: int = 203, start_position: int = 1, language: str = "en") -> bytes:
    """Letter labels in order, the first at `start_position` of the first sheet."""
    chosen = get_layout(layout) if isinstance(layout, str) else layout
    return render_sheets(letters, LetterLabels(chosen, dpi, translator(language)), start_position)


def letter_labels(letters: Sequence[Letter], queries: RecipientQueries, campaign: str) -> list[LetterLabelData]:
    """The envelope labels of these letters: whom each is for, and the package it goes into."""
    labels = []
    for letter in letters:
        detail = queries.detail(letter.recipient_id)
        if detail is None:
            continue
        surname, given, patronymic = detail.name_parts
        labels.append(LetterLabelData(letter.code, surname, given, patronymic, detail.row.place, campaign,
                                      detail.row.package_code, detail.row.number))
    return labels
