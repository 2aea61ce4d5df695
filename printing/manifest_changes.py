"""What a corrected manifest changed: version n+1 against version n, printed with the new manifest.

A4: the reason for the correction, the packages added and taken out, and every handover detail that changed
(before and after). The batch code as GS1-128 on every page, "page x of y".
"""

from __future__ import annotations

from dataclasses import dataclass

from models.core.codes import CodeKind, classify, grouped
from models.core.i18n import Translator, translator
from printing.flow import Column, Space, Table, Text, batch_band, batch_footer, render_flow
from printing.layout import MM


@dataclass(frozen=True)
class ChangedPackage:
    package_code: str
    name: str
    place: str = ""
    carton: str = ""


@dataclass(frozen=True)
class ManifestChangesData:
    campaign: str
    batch_code: str
    version: int
    previous: int
    added: tuple[ChangedPackage, ...]
    removed: tuple[ChangedPackage, ...]
    details: tuple[tuple[str, str, str], ...] = ()
    """(what, before, after), already in the document's language."""
    reason: str = ""


PACKAGE_COLUMNS = (Column(10 * MM, "right"), Column(33 * MM), Column(70 * MM, lines=2), Column(58 * MM, lines=2),
                   Column(15 * MM, "center"))
DETAIL_COLUMNS = (Column(50 * MM, lines=2), Column(68 * MM, lines=3), Column(68 * MM, lines=3))


def _packages(lines: tuple[ChangedPackage, ...], tr: Translator) -> Table | Text:
    if not lines:
        return Text(tr.gettext("none"), 9, space_after=4)
    titles = (tr.gettext("No."), tr.gettext("Package code"), tr.gettext("Recipient"), tr.gettext("Place"),
              tr.gettext("Carton"))
    return Table(PACKAGE_COLUMNS, titles, [(str(number), grouped(line.package_code), line.name, line.place,
                                            line.carton) for number, line in enumerate(lines, start=1)])


def render_manifest_changes(data: ManifestChangesData, language: str = "en", *, dpi: int = 300) -> bytes:
    scanned = classify(data.batch_code)
    if not scanned.ok or scanned.kind is not CodeKind.BATCH:
        raise ValueError(f"{data.batch_code!r} is not a batch code")
    tr = translator(language)
    title = tr.gettext("Changes in version {version}").format(version=data.version)
    blocks: list[Table | Text | Space] = [
        Text(tr.gettext("Version {version} replaces version {previous}. It differs from it as follows.").format(
            version=data.version, previous=data.previous), 10, True, space_after=3)]
    if data.reason:
        blocks.append(Text(tr.gettext("Reason for the correction: {reason}").format(reason=data.reason), 9,
                           space_after=5))
    blocks += [Text(tr.ngettext("{count} package added", "{count} packages added", len(data.added)).format(
                   count=len(data.added)), 11, True, space_after=3), _packages(data.added, tr), Space(5 * MM),
               Text(tr.ngettext("{count} package taken out", "{count} packages taken out", len(data.removed)).format(
                   count=len(data.removed)), 11, True, space_after=3), _packages(data.removed, tr), Space(5 * MM),
               Text(tr.gettext("Handover details changed"), 11, True, space_after=3)]
    if data.details:
        blocks.append(Table(DETAIL_COLUMNS, (tr.gettext("Detail"), tr.gettext("Before"), tr.gettext("After")),
                            [tuple(row) for row in data.details]))
    else:
        blocks.append(Text(tr.gettext("none"), 9))
    band = batch_band(title, data.campaign, data.batch_code, data.version, tr, dpi)
    return render_flow(title, blocks, band, batch_footer(data.campaign, data.batch_code, data.version, tr), tr)
