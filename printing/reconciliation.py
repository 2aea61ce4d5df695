"""The reconciliation report of a batch: how many packages were listed, received, damaged, missing and
extra, then every package with its status and the reason (problems first, shaded).

A4, the batch code as GS1-128 on every page, "page x of y", DejaVu Sans so Cyrillic names print.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from models.core.codes import CodeKind, classify, grouped
from models.core.i18n import N_, Translator, translator
from printing import fonts
from printing.flow import Block, Column, Drawing, Space, Table, Text, batch_band, batch_footer, render_flow
from printing.layout import MM, draw_fitted, fit

STATUSES = ("received", "damaged", "missing", "extra")
STATUS_TITLES = {"received": N_("Received"), "damaged": N_("Damaged"), "missing": N_("Missing"),
                 "extra": N_("Extra")}
"""Status keys as `models.handover.receiving_records.ReceiptStatus` values; titles as they print."""


@dataclass(frozen=True)
class ReconciliationRow:
    status: str
    """One of STATUSES."""
    package_code: str
    name: str = ""
    carton: str = ""
    reason: str = ""
    """Already in the report's language (the caller translates the reasons)."""
    list_number: str = ""


@dataclass(frozen=True)
class ReconciliationData:
    campaign: str
    batch_code: str
    version: int
    generated_at: str
    """As it should print (dd.mm.yyyy hh:mm)."""
    expected: int
    rows: tuple[ReconciliationRow, ...]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)


COLUMNS = (Column(10 * MM, "right"), Column(22 * MM), Column(37 * MM), Column(14 * MM, "right"),
           Column(45 * MM, lines=2), Column(12 * MM, "center"), Column(46 * MM, lines=2))


def _summary(data: ReconciliationData, tr: Translator) -> Drawing:
    figures = [(tr.gettext("Listed"), data.expected)] + [(tr.gettext(STATUS_TITLES[s]), data.count(s))
                                                         for s in STATUSES]

    def draw(canvas: Canvas, x: float, top: float, width: float) -> None:
        cell = width / len(figures)
        canvas.setLineWidth(0.5)
        for index, (caption, number) in enumerate(figures):
            left = x + index * cell
            canvas.rect(left + 1, top - 15 * MM, cell - 2, 15 * MM, stroke=1, fill=0)
            draw_fitted(canvas, fit(caption, fonts.REGULAR, cell - 4 * MM, 8, 5), left + 2 * MM, top - 2 * MM)
            draw_fitted(canvas, fit(str(number), fonts.BOLD, cell - 4 * MM, 16, 8), left + 2 * MM, top - 7 * MM)

    return Drawing(18 * MM, draw)


def render_reconciliation(data: ReconciliationData, language: str = "en", *, dpi: int = 300) -> bytes:
    """The report as PDF bytes; ValueError for a batch code that is not one or an unknown status."""
    scanned = classify(data.batch_code)
    if not scanned.ok or scanned.kind is not CodeKind.BATCH:
        raise ValueError(f"{data.batch_code!r} is not a batch code")
    unknown = {row.status for row in data.rows} - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown statuses {sorted(unknown)}")
    tr = translator(language)
    problems = data.count("missing") + data.count("damaged") + data.count("extra")
    verdict = (tr.gettext("Everything listed arrived undamaged, and nothing else came.") if not problems else
               tr.ngettext("{count} package needs attention: see the shaded rows.",
                           "{count} packages need attention: see the shaded rows.", problems).format(count=problems))
    titles = (tr.gettext("No."), tr.gettext("Status"), tr.gettext("Package code"), tr.gettext("List number"),
              tr.gettext("Recipient"), tr.gettext("Carton"), tr.gettext("Reason"))
    rows = [(str(number), tr.gettext(STATUS_TITLES[row.status]), grouped(row.package_code),
             row.list_number, row.name, row.carton, row.reason) for number, row in enumerate(data.rows, start=1)]
    shaded = frozenset(index for index, row in enumerate(data.rows) if row.status != "received")
    blocks: list[Block] = [Text(tr.gettext("Computed {time}").format(time=data.generated_at), 8.5), Space(2 * MM),
              _summary(data, tr), Text(verdict, 10, True, space_after=5), Table(COLUMNS, titles, rows, shaded=shaded)]
    band = batch_band(tr.gettext("Reconciliation report"), data.campaign, data.batch_code, data.version, tr, dpi)
    footer = batch_footer(data.campaign, data.batch_code, data.version, tr)
    return render_flow(tr.gettext("Reconciliation report"), blocks, band, footer, tr)
