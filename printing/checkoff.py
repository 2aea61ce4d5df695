"""The check-off sheet: the batch's packages with boxes to tick, for a receiving side without Packline.

A4, the batch code as GS1-128 on every page (a Packline install can scan it to choose the batch), one row per
package with "received" and "damaged" boxes and room for a note, rows for packages that came but are not
listed, totals and a signature at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from models.core.codes import CodeKind, classify, grouped
from models.core.i18n import Translator, translator
from printing import fonts
from printing.flow import (
    Block,
    Column,
    Drawing,
    Space,
    Table,
    Text,
    Together,
    batch_band,
    batch_footer,
    render_flow,
)
from printing.layout import MM, draw_fitted, fit

EXTRA_ROWS = 8


@dataclass(frozen=True)
class CheckoffLine:
    package_code: str
    name: str
    place: str = ""
    carton: str = ""
    list_number: str = ""
    latin_name: str = ""
    """The name in Latin letters by the campaign's scheme, printed under it; "" for none."""


@dataclass(frozen=True)
class CheckoffData:
    campaign: str
    batch_code: str
    version: int
    sha256: str
    lines: tuple[CheckoffLine, ...]
    place: str = ""
    date: str = ""
    """The handover date as it should print."""


COLUMNS = (
    Column(10 * MM, "right"), Column(14 * MM, "right"), Column(15 * MM, tick=True), Column(15 * MM, tick=True),
    Column(33 * MM), Column(40 * MM, lines=2), Column(30 * MM, lines=2), Column(11 * MM, "center"),
    Column(18 * MM),
)
EXTRA_COLUMNS = (Column(10 * MM, "right"), Column(60 * MM), Column(18 * MM, tick=True), Column(98 * MM))


def _closing(tr: Translator) -> Drawing:
    def draw(canvas: Canvas, x: float, top: float, width: float) -> None:
        canvas.setLineWidth(0.5)
        totals = [tr.gettext("Received"), tr.gettext("Damaged"), tr.gettext("Missing"), tr.gettext("Extra")]
        cell = width / len(totals)
        for index, caption in enumerate(totals):
            left = x + index * cell
            draw_fitted(canvas, fit(caption + ":", fonts.BOLD, cell * 0.5, 9, 6), left, top)
            canvas.line(left + cell * 0.5, top - 9, left + cell - 4 * MM, top - 9)
        captions = [tr.gettext("Checked by (name, position)"), tr.gettext("Signature"), tr.gettext("Date and time")]
        box = (width - 8 * MM) / 3
        for index, caption in enumerate(captions):
            left = x + index * (box + 4 * MM)
            canvas.line(left, top - 26 * MM, left + box, top - 26 * MM)
            draw_fitted(canvas, fit(caption, fonts.REGULAR, box, 7, 5), left, top - 26 * MM - 1.5)

    return Drawing(32 * MM, draw)


def render_checkoff(data: CheckoffData, language: str = "en", *, dpi: int = 300) -> bytes:
    """The check-off sheet as PDF bytes; ValueError for a code that is not a batch or package code."""
    scanned = classify(data.batch_code)
    if not scanned.ok or scanned.kind is not CodeKind.BATCH:
        raise ValueError(f"{data.batch_code!r} is not a batch code")
    for line in data.lines:
        found = classify(line.package_code)
        if not found.ok or found.kind is not CodeKind.PACKAGE or found.value != line.package_code:
            raise ValueError(f"{line.package_code!r} is not a package code")
    tr = translator(language)
    count = len(data.lines)
    intro = [
        Text(tr.ngettext("{count} package", "{count} packages", count).format(count=count)
             + (f" · {data.place}" if data.place else "") + (f" · {data.date}" if data.date else ""), 10, True),
        Text(tr.gettext("Tick “Received” for every package that arrived, “Damaged” for one that arrived damaged "
                        "(say how in the note), nothing for one that did not arrive. Write packages that arrived "
                        "but are not listed in the table at the end."), 8.5),
        Text(tr.gettext("SHA-256 of the sorted package codes: {digest}").format(digest=data.sha256), 7, lines=2,
             space_after=4),
    ]
    titles = (tr.gettext("No."), tr.gettext("List number"), tr.gettext("Received"), tr.gettext("Damaged"),
              tr.gettext("Package code"), tr.gettext("Recipient"), tr.gettext("Place"), tr.gettext("Carton"),
              tr.gettext("Note"))
    rows = [(str(number), line.list_number, "", "", grouped(line.package_code),
             f"{line.name}\n{line.latin_name}" if line.latin_name else line.name, line.place,
             line.carton, "") for number, line in enumerate(data.lines, start=1)]
    extra_titles = (tr.gettext("No."), tr.gettext("Package code"), tr.gettext("Damaged"), tr.gettext("Note"))
    extra = Table(EXTRA_COLUMNS, extra_titles, [(str(n), "", "", "") for n in range(1, EXTRA_ROWS + 1)], 9,
                  row_height=8 * MM)
    blocks: list[Block] = [*intro, Table(COLUMNS, titles, rows), Space(6 * MM),
              Together((Text(tr.gettext("Packages that arrived but are not on this list"), 10, True), extra,
                        Space(8 * MM), _closing(tr)))]
    band = batch_band(tr.gettext("Check-off sheet"), data.campaign, data.batch_code, data.version, tr, dpi)
    footer = batch_footer(data.campaign, data.batch_code, data.version, tr)
    return render_flow(tr.gettext("Check-off sheet"), blocks, band, footer, tr)
