"""The handover documents from the services' records: manifest, changes, check-off sheet, reconciliation
report, carton labels. No Qt here: the command line (`app.cli.handover`) uses it as the screen does.

The models layer never imports printing, so this is where its records become the printing layer's inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from models.core.i18n import translator
from models.core.latin import latin_name
from models.handover.manifests import ManifestContent, VersionChanges
from models.handover.receiving_files import cause_text
from models.handover.receiving_records import BatchFile, Reconciliation
from models.handover.records import CartonRecord, MemberRow
from printing.cartons import CartonLabels, render_carton_labels
from printing.checkoff import CheckoffData, CheckoffLine, render_checkoff
from printing.checkoff_kit import render_kit
from printing.documents import CartonLabelData, ManifestData, ManifestLine, Party
from printing.layout import get_layout
from printing.manifest import render_manifest
from printing.manifest_changes import ChangedPackage, ManifestChangesData, render_manifest_changes
from printing.reconciliation import ReconciliationData, ReconciliationRow, render_reconciliation
from printing.zpl import render_zpl

CARTON_LAYOUT = "100x150"
"""Carton labels print like package labels (the shipping unit gets a full-size symbol); any layout on request."""


def manifest_data(content: ManifestContent) -> ManifestData:
    details = content.details
    lines = tuple(ManifestLine(row.code, row.surname, row.given_name, row.patronymic, row.birth_date, row.place,
                               row.has_letter, row.weight_g, row.substitutions, row.list_number,
                               row.expected_weight_g, latin_name(row.full_name, content.latin_names))
                  for row in content.lines)
    return ManifestData(
        campaign=content.campaign, batch_code=content.batch_code, version=content.version, created=content.created,
        place=details.place,
        sending_party=Party(details.sending.organisation, details.sending.representative, details.sending.position),
        mediator=Party(details.mediator.organisation, details.mediator.representative, details.mediator.position),
        receiving_party=Party(details.receiving.organisation, details.receiving.representative,
                              details.receiving.position),
        lines=lines, transport=details.transport, seal_numbers=details.seal_numbers,
        events_included=content.events_included, rules_versions=content.rules_versions)


def _changed(row: MemberRow) -> ChangedPackage:
    return ChangedPackage(row.code, row.full_name, row.place,
                          str(row.carton_number) if row.carton_number is not None else "")


def changes_data(changes: VersionChanges, campaign: str, language: str) -> ManifestChangesData:
    t = translator(language)
    return ManifestChangesData(campaign, changes.batch_code, changes.version or changes.previous + 1,
                               changes.previous, tuple(_changed(row) for row in changes.added),
                               tuple(_changed(row) for row in changes.removed),
                               tuple((t.gettext(label), before, after) for label, before, after in changes.details),
                               changes.reason)


def handover_date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d.%m.%Y %H:%M") if iso else ""
    except ValueError:
        return iso


def checkoff_data(batch: BatchFile) -> CheckoffData:
    return CheckoffData(batch.campaign, batch.batch_code, batch.version, batch.sha256,
                        tuple(CheckoffLine(line.code, line.full_name, line.place, line.carton, line.list_number,
                                           latin_name(line.full_name, batch.latin_names))
                              for line in batch.lines),
                        batch.details.place, handover_date(batch.details.handover_at))


def reconciliation_data(rec: Reconciliation, language: str, generated_at: datetime | None = None) -> ReconciliationData:
    t = translator(language)
    rows = []
    for line in rec.lines:
        reason = cause_text(line.cause, dict(line.cause_params), t)
        if line.note:
            reason = f"{reason}: {line.note}"
        rows.append(ReconciliationRow(line.status.value, line.code, line.name, line.carton, reason, line.list_number))
    moment = (generated_at or datetime.now()).strftime("%d.%m.%Y %H:%M")
    return ReconciliationData(rec.campaign, rec.batch_code, rec.version, moment, rec.expected, tuple(rows))


class HandoverDocuments:
    """PDF bytes of every handover document (the renderers are the printing layer's pure functions)."""

    def manifest(self, content: ManifestContent, language: str = "en", *, dpi: int = 300) -> bytes:
        return render_manifest(manifest_data(content), language, dpi=dpi)

    def changes(self, changes: VersionChanges, campaign: str, language: str = "en") -> bytes:
        return render_manifest_changes(changes_data(changes, campaign, language), language)

    def checkoff(self, batch: BatchFile, language: str = "en") -> bytes:
        return render_checkoff(checkoff_data(batch), language)

    def kit(self, batch: BatchFile, language: str = "en") -> bytes:
        return render_kit(batch, language)  # with the Latin line of the batch's campaign

    def reconciliation(self, rec: Reconciliation, language: str = "en") -> bytes:
        return render_reconciliation(reconciliation_data(rec, language), language)

    def carton_labels(self, cartons: Sequence[CartonRecord], campaign: str, *, layout: str = CARTON_LAYOUT,
                      dpi: int = 203, language: str = "en", start_position: int = 1, zpl: bool = False) -> bytes:
        """The cartons' labels as PDF, or with `zpl` in a Zebra-compatible label printer's language."""
        labels = [CartonLabelData(carton.code, carton.number, carton.package_count, campaign, carton.batch_code or "")
                  for carton in cartons]
        if zpl:
            return render_zpl(labels, CartonLabels(get_layout(layout), dpi, translator(language)))
        return render_carton_labels(labels, layout, dpi=dpi, start_position=start_position, language=language)
