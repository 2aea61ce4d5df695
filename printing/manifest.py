"""The handover manifest (A4): header and parties, one line per package, totals, three signature blocks
and a QR code that seals the list (see `models.handover.seal` for its format).

Every page carries the title, the batch code as a GS1-128 barcode, the table header and "page x of y".
"""

from __future__ import annotations

from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from models.core.codes import CodeKind, classify, grouped, sscc_text
from models.core.i18n import Translator, translator
from models.handover.seal import SealedLine, lines_hash, manifest_hash, parse_qr_payload, qr_payload
from printing import barcodes, fonts, manifest_table, qr
from printing.documents import ManifestData, Party
from printing.layout import A4, MM, Rect, draw_fitted, fit

__all__ = ["render_manifest", "manifest_hash", "manifest_qr_payload", "parse_qr_payload", "PAGE", "INNER"]

PAGE = Rect(0, 0, *A4)
INNER = PAGE.inset(12 * MM)
TOP_BAND = 24 * MM
FOOTER = 8 * MM
CLOSING = 80 * MM


def manifest_qr_payload(data: ManifestData) -> str:
    """The digits the manifest's QR code holds (format in models.handover.seal)."""
    return qr_payload(data.batch_code, data.version, _sealed(data))


def _sealed(data: ManifestData) -> list[SealedLine]:
    return [SealedLine(line.package_code, line.list_number, line.full_name) for line in data.lines]


def _check(data: ManifestData) -> None:
    if classify(data.batch_code).kind is not CodeKind.BATCH or not classify(data.batch_code).ok:
        raise ValueError(f"{data.batch_code!r} is not a batch code")
    seen: set[str] = set()
    for number, line in enumerate(data.lines, start=1):
        scanned = classify(line.package_code)
        if not scanned.ok or scanned.kind is not CodeKind.PACKAGE or scanned.value != line.package_code:
            raise ValueError(f"Line {number}: {line.package_code!r} is not a package code")
        if line.package_code in seen:
            raise ValueError(f"Line {number}: package {line.package_code} is listed twice")
        seen.add(line.package_code)


def _top_band(canvas: Canvas, data: ManifestData, tr: Translator, dpi: int) -> float:
    """Title, campaign, batch and version on the left, the batch barcode on the right; every page."""
    barcode_left = INNER.right - 78 * MM
    width = barcode_left - INNER.x - 4 * MM
    top = draw_fitted(canvas, fit(tr.gettext("Handover manifest"), fonts.BOLD, width, 15, 8), INNER.x, INNER.top)
    top = draw_fitted(canvas, fit(data.campaign, fonts.BOLD, width, 10, 6), INNER.x, top - 3)
    batch = tr.gettext("Batch {code}, version {version}").format(
        code=grouped(data.batch_code), version=data.version)
    draw_fitted(canvas, fit(batch, fonts.REGULAR, width, 9, 6), INNER.x, top - 2)
    barcodes.draw_barcode(canvas, barcodes.sscc_symbol(data.batch_code), left=barcode_left, right=INNER.right,
                          bottom=INNER.top - TOP_BAND + 2 * MM, bar_height=12 * MM, dpi=dpi,
                          text=sscc_text(data.batch_code), font_size=7)
    return INNER.top - TOP_BAND


def _footer(canvas: Canvas, data: ManifestData, tr: Translator, page: int, pages: int) -> None:
    canvas.setLineWidth(0.5)
    canvas.line(INNER.x, INNER.y + FOOTER - 2 * MM, INNER.right, INNER.y + FOOTER - 2 * MM)
    left = f"{data.campaign} · {grouped(data.batch_code)} · " + tr.gettext("version {version}").format(
        version=data.version)
    draw_fitted(canvas, fit(left, fonts.REGULAR, INNER.width * 0.7, 8, 5), INNER.x, INNER.y + 3 * MM)
    text = tr.gettext("Page {page} of {pages}").format(page=page, pages=pages)
    draw_fitted(canvas, fit(text, fonts.BOLD, INNER.width * 0.28, 8, 5), INNER.x, INNER.y + 3 * MM,
                INNER.width, "right")


def _field(canvas: Canvas, caption: str, value: str, x: float, top: float, width: float) -> float:
    top = draw_fitted(canvas, fit(caption, fonts.REGULAR, width, 6.5, 5), x, top)
    return draw_fitted(canvas, fit(value or "—", fonts.BOLD, width, 9, 5.5, 2), x, top - 1)


def _parties(data: ManifestData, tr: Translator) -> list[tuple[str, Party]]:
    return [(tr.gettext("Sending party"), data.sending_party), (tr.gettext("Mediator"), data.mediator),
            (tr.gettext("Receiving party"), data.receiving_party)]


def _first_page_header(canvas: Canvas, data: ManifestData, tr: Translator, top: float) -> float:
    """Date, place, transport, seals, parties, events included; returns the y under them."""
    half = INNER.width / 2 - 2 * MM
    fields = [
        (tr.gettext("Date and time"), data.created.strftime("%d.%m.%Y %H:%M")),
        (tr.gettext("Place of handover"), data.place),
        (tr.gettext("Transport"), data.transport),
        (tr.gettext("Seal numbers"), ", ".join(data.seal_numbers)),
    ]
    for pair in range(0, len(fields), 2):
        bottoms = [_field(canvas, caption, value, INNER.x + i * (half + 4 * MM), top, half)
                   for i, (caption, value) in enumerate(fields[pair : pair + 2])]
        top = min(bottoms) - 3
    box_width = (INNER.width - 8 * MM) / 3
    bottoms = []
    for index, (role, party) in enumerate(_parties(data, tr)):
        x = INNER.x + index * (box_width + 4 * MM)
        below = draw_fitted(canvas, fit(role, fonts.REGULAR, box_width, 6.5, 5), x, top - 2)
        below = draw_fitted(canvas, fit(party.organisation or "—", fonts.BOLD, box_width, 9, 5.5, 2), x, below - 1)
        person = ", ".join(part for part in (party.representative, party.position) if part)
        bottoms.append(draw_fitted(canvas, fit(person, fonts.REGULAR, box_width, 8, 5, 2), x, below - 1))
    top = min(bottoms) - 3
    if data.events_included:
        stations = "; ".join(tr.gettext("{station} up to event {sequence}").format(station=station, sequence=seq)
                             for station, seq in data.events_included)
        text = tr.gettext("Events included: {stations}").format(stations=stations)
        top = draw_fitted(canvas, fit(text, fonts.REGULAR, INNER.width, 7, 5, 2), INNER.x, top) - 3
    if data.rules_versions:
        text = tr.ngettext("Packed under the campaign rules, version {versions}",
                           "Packed under the campaign rules, versions {versions}", len(data.rules_versions)).format(
            versions=", ".join(str(version) for version in data.rules_versions))
        top = draw_fitted(canvas, fit(text, fonts.REGULAR, INNER.width, 7, 5), INNER.x, top) - 3
    if data.version > 1:
        text = tr.gettext("This version replaces version {previous}.").format(previous=data.version - 1)
        top = draw_fitted(canvas, fit(text, fonts.BOLD, INNER.width, 8, 5), INNER.x, top) - 3
    return top - 2 * MM


def _totals(data: ManifestData, tr: Translator) -> list[str]:
    count = len(data.lines)
    letters = sum(1 for line in data.lines if line.has_letter)
    substituted = sum(1 for line in data.lines if line.substitutions)
    weight = sum(line.weight_g if line.weight_g is not None else line.expected_weight_g or 0 for line in data.lines)
    estimated = sum(1 for line in data.lines if line.weight_g is None)
    return [
        tr.ngettext("{count} package", "{count} packages", count).format(count=count),
        tr.ngettext("{count} with a family letter", "{count} with a family letter", letters).format(count=letters),
        tr.ngettext("{count} with substitutions", "{count} with substitutions", substituted).format(
            count=substituted),
        tr.gettext("Total weight: {weight} kg").format(
            weight=manifest_table.format_weight(weight, tr.language)) if not estimated else
        tr.ngettext("Total weight: {weight} kg, of which {count} package not weighed is counted at its expected "
                    "weight", "Total weight: {weight} kg, of which {count} packages not weighed are counted at their "
                    "expected weight", estimated).format(weight=manifest_table.format_weight(weight, tr.language),
                                                         count=estimated),
    ]


def _closing(canvas: Canvas, data: ManifestData, tr: Translator, top: float, dpi: int) -> None:
    """Totals and the QR code, then three signature blocks."""
    qr_size = 30 * MM
    text_width = INNER.width - qr_size - 4 * MM
    below = draw_fitted(canvas, fit(tr.gettext("Totals"), fonts.BOLD, text_width, 10, 6), INNER.x, top)
    for line in _totals(data, tr):
        below = draw_fitted(canvas, fit(line, fonts.REGULAR, text_width, 9, 5), INNER.x, below - 1.5)
    note = tr.gettext("The QR code holds the batch code, the package count and the SHA-256 of the lines "
                      "(code, list number and name), sorted by code: {digest}").format(digest=lines_hash(_sealed(data)))
    draw_fitted(canvas, fit(note, fonts.REGULAR, text_width, 6.5, 4.5, 3), INNER.x, below - 3)
    qr.draw_qr(canvas, manifest_qr_payload(data), INNER.right - qr_size, top - qr_size, qr_size, dpi)
    top -= qr_size + 4 * MM
    box_width = (INNER.width - 8 * MM) / 3
    captions = [tr.gettext("Name"), tr.gettext("Position"), tr.gettext("Signature"), tr.gettext("Date and time")]
    canvas.setLineWidth(0.5)
    for index, (role, party) in enumerate(_parties(data, tr)):
        x = INNER.x + index * (box_width + 4 * MM)
        below = draw_fitted(canvas, fit(role, fonts.BOLD, box_width, 9, 5), x, top)
        below = draw_fitted(canvas, fit(party.organisation, fonts.REGULAR, box_width, 7, 4.5, 2), x, below - 1)
        values = [party.representative, party.position, "", ""]
        for caption, value in zip(captions, values, strict=True):
            below -= 9 * MM
            canvas.line(x, below, x + box_width, below)
            draw_fitted(canvas, fit(caption, fonts.REGULAR, box_width, 6, 4.5), x, below - 1.5)
            if value:
                draw_fitted(canvas, fit(value, fonts.REGULAR, box_width, 8.5, 5), x, below + 10)


def render_manifest(data: ManifestData, language: str = "en", *, dpi: int = 300) -> bytes:
    """The manifest as PDF bytes. Raises ValueError for a bad batch code, a line whose code is not a
    package code, or a package listed twice."""
    _check(data)
    tr = translator(language)
    rows = manifest_table.measure_rows(data.lines, tr)
    header = manifest_table.header_cells(tr)
    buffer = BytesIO()
    canvas = fonts.new_canvas(buffer, A4, tr.gettext("Handover manifest"))
    table_top = _top_band(canvas, data, tr, dpi)
    first_top = _first_page_header(canvas, data, tr, table_top)
    bottom = INNER.y + FOOTER
    pages = manifest_table.paginate(rows, first_top - header[1] - bottom, table_top - header[1] - bottom)
    last_room = (first_top if len(pages) == 1 else table_top) - header[1] - sum(rows[i].height for i in pages[-1])
    closing_alone = last_room - bottom < CLOSING
    total = len(pages) + (1 if closing_alone else 0)
    for number, indexes in enumerate(pages, start=1):
        if number > 1:
            canvas.showPage()
            _top_band(canvas, data, tr, dpi)
        y = manifest_table.draw_table(canvas, header, rows, indexes, INNER.x, first_top if number == 1 else table_top)
        if number == len(pages) and not closing_alone:
            _closing(canvas, data, tr, y - 5 * MM, dpi)
        _footer(canvas, data, tr, number, total)
    if closing_alone:
        canvas.showPage()
        _closing(canvas, data, tr, _top_band(canvas, data, tr, dpi), dpi)
        _footer(canvas, data, tr, total, total)
    return fonts.finish(canvas, buffer)
