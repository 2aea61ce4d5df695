"""Package labels: 100x150 mm thermal, 4x6 in, A6, and A4 sheets (2x4 and 3x7) with a start position.

What is the same on every label of a run (captions, rules) is drawn once as a ReportLab form and reused;
each label then adds its own text and its barcode as one path. Long runs can be written as several files
(`render_label_files`), since one ReportLab document keeps every page in memory (DESIGN.md section 8).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from io import BytesIO
from typing import ClassVar, Protocol, TypeVar

from reportlab.pdfgen.canvas import Canvas

from models.core.codes import CodeKind, sscc_text
from models.core.i18n import N_, Translator, translator
from models.packing.letters import LetterStatus
from models.packing.package_view import PackageView
from printing import barcodes, fonts
from printing.documents import LabelData
from printing.layout import MM, LabelLayout, Rect, check_start, draw_box_text, draw_fitted, fit, get_layout

LABELS_PER_FILE = 1000

Item = TypeVar("Item", contravariant=True)


@dataclass(frozen=True)
class Band:
    """A horizontal strip of the label: what goes there, its height, font sizes and line count."""

    field: str
    height: float
    max_size: float
    min_size: float
    lines: int = 1
    bold: bool = False
    caption: bool = False


@dataclass(frozen=True)
class Design:
    """A label design for one size class: margins, header, bands top-down, barcode at the bottom."""

    margin: float
    header: float
    bands: tuple[Band, ...]
    digits: float
    min_bar_height: float = 15 * MM
    caption_size: float = 6.5


TALL = Design(3 * MM, 12, (
    Band("surname", 64, 30, 9, 2, bold=True, caption=True),
    Band("given", 46, 22, 8, 2),
    Band("birth_date", 20, 15, 8, caption=True),
    Band("place", 44, 13, 6, 3, caption=True),
    Band("summary", 40, 11, 5, 3, caption=True),
), digits=11)

MEDIUM = Design(2.5 * MM, 9, (  # A4-8: 70 mm of its 74 printed (5 mm from the sheet's edges)
    Band("surname", 32, 16, 6, 2, bold=True),
    Band("given", 22, 12, 6, 2),
    Band("birth_date", 11, 9, 5),
    Band("place", 18, 8, 5, 2),
    Band("summary", 13, 7, 4, 2),
), digits=9)

SMALL = Design(1.5 * MM, 6, (
    Band("full_name", 18, 8.5, 4.5, 2, bold=True),
    Band("birth_place", 9.5, 6, 4, 2),
), digits=6, caption_size=0)


# With a Latin line under the name (the campaign's scheme, `models.core.latin`): the same label, the other bands
# a little smaller on the medium and small sizes so that the bars keep their 15 mm.
TALL_LATIN = replace(TALL, bands=(*TALL.bands[:2], Band("latin", 18, 12, 6, 2), *TALL.bands[2:]))
MEDIUM_LATIN = replace(MEDIUM, bands=(
    Band("surname", 28, 16, 6, 2, bold=True),
    Band("given", 18, 12, 6, 2),
    Band("latin", 9, 8, 4.5),
    Band("birth_date", 11, 9, 5),
    Band("place", 16, 8, 5, 2),
    Band("summary", 11, 7, 4, 2),
))
SMALL_LATIN = replace(SMALL, bands=(
    Band("full_name", 13.5, 7, 4.5, 2, bold=True),
    Band("latin", 5.5, 5, 4),
    Band("birth_place", 7, 5.5, 4, 2),
))


def design_for(layout: LabelLayout, latin: bool = False) -> Design:
    """The package label design for the layout's size, with the Latin line's band if `latin`."""
    if latin:
        return by_height(layout, TALL_LATIN, MEDIUM_LATIN, SMALL_LATIN)
    return by_height(layout, TALL, MEDIUM, SMALL)


def by_height(layout: LabelLayout, tall: Design, medium: Design, small: Design) -> Design:
    """The design for the layout's label height: tall from 100 mm, medium from 60 mm, else small (every kind of
    label follows the same sizes)."""
    if layout.label_height >= 100 * MM:
        return tall
    return medium if layout.label_height >= 60 * MM else small


def format_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _captions(tr: Translator) -> dict[str, str]:
    return {
        "surname": tr.gettext("Recipient"),
        "birth_date": tr.gettext("Date of birth"),
        "place": tr.gettext("Place of detention"),
        "summary": tr.gettext("Contents"),
    }


def _band_boxes(design: Design, cell: Rect) -> list[tuple[Band, Rect, float]]:
    """(band, value box, caption baseline) for each band, top-down below the header."""
    inner = cell.inset(design.margin)
    top = inner.top - design.header * 1.3 - 4.5  # room for the upturn of Ґ under the rule
    boxes = []
    for band in design.bands:
        caption_baseline = 0.0
        if band.caption and design.caption_size:
            caption_baseline = top - design.caption_size
            top -= design.caption_size * 1.35 + 2.5
        boxes.append((band, Rect(inner.x, top - band.height, inner.width, band.height), caption_baseline))
        top -= band.height + 2
    return boxes


def _barcode_area(design: Design, cell: Rect) -> tuple[float, float]:
    """(bottom, bar height): the bars fill what the bands leave, at least 15 mm."""
    boxes = _band_boxes(design, cell)
    lowest = boxes[-1][1].y
    inner = cell.inset(design.margin)
    digits_room = design.digits * 1.25 + 1
    bar_height = lowest - 4 - inner.y - digits_room
    return inner.y, max(bar_height, design.min_bar_height)


def define_form(canvas: Canvas, name: str, layout: LabelLayout, design: Design, captions: dict[str, str]) -> str:
    """Captions and rules, drawn once for a label whose corner is at the origin."""
    cell = Rect(0, 0, *layout.content_size)
    inner = cell.inset(design.margin)
    canvas.beginForm(name)
    canvas.setLineWidth(0.8)
    rule = inner.top - design.header * 1.3 - 1.5
    canvas.line(inner.x, rule, inner.right, rule)
    for band, _box, caption_baseline in _band_boxes(design, cell):
        if band.caption and design.caption_size:
            canvas.setFont(fonts.REGULAR, design.caption_size)
            canvas.drawString(inner.x, caption_baseline + design.caption_size * 0.2, captions[band.field])
    canvas.endForm()
    return name


def _values(label: LabelData) -> dict[str, str]:
    birth = format_date(label.birth_date)
    place = label.place
    return {
        "surname": label.surname,
        "given": " ".join(part for part in (label.given_name, label.patronymic) if part),
        "full_name": " ".join(part for part in (label.surname, label.given_name, label.patronymic) if part),
        "birth_date": birth,
        "place": place,
        "birth_place": " · ".join(part for part in (birth, place) if part),
        "summary": label.content_summary,
        "latin": label.latin_name,
    }


def _header(canvas: Canvas, design: Design, inner: Rect, campaign: str, marks: Sequence[str],
            lead: str = "") -> None:
    """Marks (COPY, LETTER) boxed at the right; at the left `lead` (the list number) in bold, then the campaign."""
    size = design.header
    top = inner.top
    right = inner.right
    # Marks take at most 70% of the width (long translations shrink them), the campaign the rest.
    marks_width = sum(fonts.string_width(mark, fonts.BOLD, size) + size * 1.1 for mark in marks)
    mark_size = min(size, size * 0.7 * inner.width / marks_width) if marks else size
    for mark in marks:
        right = draw_box_text(canvas, mark, fonts.BOLD, mark_size, right, top) - size * 0.4
    left = inner.x
    if lead:
        fitted = fit(lead, fonts.BOLD, (right - inner.x) * 0.5, size, size * 0.5, 1)
        draw_fitted(canvas, fitted, left, top - (size * 1.3 - fitted.size) / 2)
        left += fonts.string_width(fitted.lines[0], fonts.BOLD, fitted.size) + size * 0.8
    if campaign:
        fitted = fit(campaign, fonts.REGULAR if lead else fonts.BOLD, right - left, size, size * 0.5, 1)
        draw_fitted(canvas, fitted, left, top - (size * 1.3 - fitted.size) / 2)


def marks_for(has_letter: bool, copy_number: int, tr: Translator) -> list[str]:
    marks = []
    if copy_number > 0:
        marks.append(tr.gettext("COPY {number}").format(number=copy_number))
    if has_letter:
        marks.append(tr.gettext("LETTER"))
    return marks


class LabelDrawer(Protocol[Item]):
    """How one kind of label is drawn (package, carton, letter): the PDF sheets (`render_sheets`) and the
    ZPL labels (`printing.zpl`) are drawn by the same code, so both print the same label."""

    @property
    def title(self) -> str: ...

    @property
    def layout(self) -> LabelLayout: ...

    @property
    def dpi(self) -> int:
        """The label printer's resolution."""

    def define_forms(self, canvas: Canvas) -> None:
        """Draw the parts every label of the run shares as the canvas's forms."""

    def draw(self, canvas: Canvas, item: Item, cell: Rect, paint: barcodes.BarPainter) -> None:
        """One label in `cell`, its bars drawn by `paint`."""


@dataclass(frozen=True)
class TranslatedDrawer:
    """What every label kind's drawer holds: its layout, the label printer's resolution and the language."""

    layout: LabelLayout
    dpi: int
    tr: Translator
    TITLE: ClassVar[str] = ""
    """The run's document title, marked N_ and translated by `title`."""

    @property
    def title(self) -> str:
        return self.tr.gettext(self.TITLE)


@dataclass(frozen=True)
class PackageLabels(TranslatedDrawer):
    TITLE: ClassVar[str] = N_("Package labels")

    def _form(self, latin: bool) -> str:
        return f"package-{self.layout.key}-{'latin' if latin else 'plain'}"

    def define_forms(self, canvas: Canvas) -> None:
        for latin in (False, True):
            define_form(canvas, self._form(latin), self.layout, design_for(self.layout, latin), _captions(self.tr))

    def draw(self, canvas: Canvas, item: LabelData, cell: Rect, paint: barcodes.BarPainter) -> None:
        lead = self.tr.gettext("No. {number}").format(number=item.list_number) if item.list_number else ""
        latin = bool(item.latin_name)
        draw_design(canvas, design_for(self.layout, latin), cell, self._form(latin), item.campaign,
                    marks_for(item.has_letter, item.copy_number, self.tr), _values(item), item.package_code,
                    CodeKind.PACKAGE, self.dpi, lead, layout=self.layout, paint=paint)


def draw_design(canvas: Canvas, design: Design, cell: Rect, form: str, campaign: str, marks: Sequence[str],
                values: dict[str, str], code: str, kind: CodeKind, dpi: int, lead: str = "", *,
                layout: LabelLayout, paint: barcodes.BarPainter = barcodes.draw_symbol) -> None:
    """One label of `design` in `cell`: the shared form, the header, each band's value, the barcode (on the
    dot grid of `layout`'s medium: `dpi` is the label printer's), its bars drawn by `paint`."""
    canvas.saveState()
    canvas.translate(cell.x, cell.y)
    canvas.doForm(form)
    canvas.restoreState()
    inner = cell.inset(design.margin)
    _header(canvas, design, inner, campaign, marks, lead)
    boxes = _band_boxes(design, cell)
    flow = boxes[0][1].top + 2
    for band, box, _caption in boxes:
        text = values.get(band.field, "")
        # Without a caption a band moves up under the text above it, so short names leave no holes.
        top = box.top if band.caption else flow - 2
        if text:
            font = fonts.BOLD if band.bold else fonts.REGULAR
            fitted = fit(text, font, box.width, band.max_size, band.min_size, band.lines, top - box.y)
            flow = draw_fitted(canvas, fitted, box.x, top)
        else:
            flow = top
    bottom, bar_height = _barcode_area(design, cell)
    barcodes.draw_barcode(
        canvas, barcodes.sscc_symbol(code, kind), left=cell.x + 1 * MM, right=cell.right - 1 * MM,
        bottom=bottom, bar_height=bar_height, dpi=layout.grid_dpi(dpi), text=sscc_text(code),
        font_size=design.digits, min_module=layout.min_module, paint=paint)


def sheet_cells(layout: LabelLayout, count: int, start_position: int = 1) -> Iterator[tuple[bool, Rect]]:
    """For each of `count` labels: (starts a new page, its cell). The first page starts at
    `start_position` (1-based) for a partly used sheet."""
    check_start(layout, start_position)
    position = start_position - 1
    for index in range(count):
        if position == layout.per_page:
            position = 0
        yield (index == 0 or position == 0), layout.cell(position)
        position += 1


def render_sheets(items: Sequence[Item], drawer: LabelDrawer[Item], start_position: int = 1) -> bytes:
    """One PDF with a label of `drawer`'s kind for each item, in order; on sheets the first label goes to
    `start_position`."""
    if not items:
        raise ValueError("No labels to print")
    buffer = BytesIO()
    canvas = fonts.new_canvas(buffer, drawer.layout.page_size, drawer.title)
    drawer.define_forms(canvas)
    for index, (new_page, cell) in enumerate(sheet_cells(drawer.layout, len(items), start_position)):
        if new_page and index:
            canvas.showPage()
        drawer.draw(canvas, items[index], cell, barcodes.draw_symbol)
    return fonts.finish(canvas, buffer)


def render_labels(labels: Sequence[LabelData], layout: str | LabelLayout = "100x150", *, dpi: int = 203,
                  start_position: int = 1, language: str = "en") -> bytes:
    """One PDF with every label, in order; on sheets the first label goes to `start_position`."""
    chosen = get_layout(layout) if isinstance(layout, str) else layout
    return render_sheets(labels, PackageLabels(chosen, dpi, translator(language)), start_position)


def file_sizes(count: int, layout: LabelLayout, start_position: int = 1,
               per_file: int = LABELS_PER_FILE) -> list[int]:
    """How many labels each file of `render_label_files` holds: whole sheets, about `per_file` each."""
    check_start(layout, start_position)
    per_file = max(layout.per_page, per_file - per_file % layout.per_page)
    sizes = [min(count, per_file - (start_position - 1))]
    while sum(sizes) < count:
        sizes.append(min(per_file, count - sum(sizes)))
    return sizes


def render_label_files(labels: Sequence[LabelData], layout: str | LabelLayout = "100x150", *,
                       dpi: int = 203, start_position: int = 1, language: str = "en",
                       per_file: int = LABELS_PER_FILE) -> Iterator[bytes]:
    """The same labels as `render_labels`, as PDFs of about `per_file` labels each (whole sheets), so a
    long run never holds more than one file's pages in memory."""
    chosen = get_layout(layout) if isinstance(layout, str) else layout
    offset = 0
    for index, size in enumerate(file_sizes(len(labels), chosen, start_position, per_file)):
        yield render_labels(labels[offset : offset + size], chosen, dpi=dpi,
                            start_position=start_position if index == 0 else 1, language=language)
        offset += size


def label_for_package(view: PackageView, campaign: str, copy_number: int = 0, language: str = "en",
                      latin: str = "none") -> LabelData:
    """The label of a package as the station shows it: its recipient, what was counted in, the letter mark, and
    the name's Latin line by the campaign's scheme `latin` (`models.core.latin`)."""
    assert view.recipient is not None
    items = sum(quantity for line in view.lines for _name, quantity in line.counted_names)
    tr = translator(language)
    summary = tr.ngettext("{count} item", "{count} items", items).format(count=items) if items else ""
    has_letter = any(letter.status is LetterStatus.ENCLOSED for letter in view.letters)
    return LabelData.for_recipient(view.code, view.recipient, campaign=campaign, content_summary=summary,
                                   has_letter=has_letter, copy_number=copy_number, latin=latin)
