"""Receiving: the batch export for the other side, checking packages in, and the reconciliation per batch.

Export (`export`): the batch list as CSV for any spreadsheet, the batch file (JSON with the batch data and
the hash of the package codes) and, when a renderer is given, a printable check-off sheet, so a receiving
side without Packline can tick packages off. A Packline install on the receiving side imports the batch file
(`import_batch_file`) and scans packages in (`scan`); or the sending side imports the receiving side's ticked
list (`import_checklist`). Each finding is a `received` event (status received, damaged, missing or extra),
and `reconcile` says per batch what was received, what is missing, damaged or extra, each with a reason.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from models.core.codes import CodeKind, CodeProblem, classify, normalise
from models.core.errors import NotFound, RefusedInput
from models.core.events import EventType, NewEvent
from models.core.files import write_private
from models.core.i18n import N_, _, translator
from models.core.text import clean
from models.handover.manifests import VERIFY_MESSAGES, ManifestService, Verification, VerifyResult, parse_seal
from models.handover.receipt_files import read_receipt, receipt_json
from models.handover.receiving_checklist import read_checklist
from models.handover.receiving_files import batch_json, list_csv, read_batch_file, reconciliation_csv
from models.handover.receiving_records import (
    STATUS_NAMES,
    BatchFile,
    BatchFileLine,
    Cause,
    ReceiptStatus,
    ReceivingStore,
    Reconciliation,
    ReconciliationLine,
)
from models.handover.records import BatchStore
from models.handover.seal import ManifestSeal as Seal
from models.handover.seal import lines_hash, sealed_lines
from models.packing.station import Station

CheckoffRenderer = Callable[[BatchFile, str], bytes]
"""(batch, language) -> bytes of a document for the receiving side: the check-off sheet's PDF (`printing.checkoff`)
or the check-off kit's HTML (`printing.checkoff_kit`), wired by the caller."""


class ReceiveReason(enum.StrEnum):
    RECEIVED = "received"
    DAMAGED = "damaged"
    MISSING = "missing"
    EXTRA = "extra"
    ALREADY_RECEIVED = "already_received"
    UNREADABLE = "unreadable"
    BAD_CHECK_DIGIT = "bad_check_digit"
    NOT_A_PACKAGE = "not_a_package"
    UNKNOWN_BATCH = "unknown_batch"

    @property
    def accepted(self) -> bool:
        return self in (ReceiveReason.RECEIVED, ReceiveReason.DAMAGED, ReceiveReason.MISSING, ReceiveReason.EXTRA)


RECEIVE_MESSAGES: dict[ReceiveReason, str] = {
    ReceiveReason.RECEIVED: N_("Package {code} received ({done} of {expected})."),
    ReceiveReason.DAMAGED: N_("Package {code} recorded as damaged."),
    ReceiveReason.MISSING: N_("Package {code} recorded as missing."),
    ReceiveReason.EXTRA: N_("Package {code} is not on the manifest of batch {batch}: recorded as extra."),
    ReceiveReason.ALREADY_RECEIVED: N_("Package {code} was already checked in ({status})."),
    ReceiveReason.UNREADABLE: N_("The code {code} cannot be read: scan it again or type it from the label."),
    ReceiveReason.BAD_CHECK_DIGIT: N_("The code {code} has a wrong check digit: scan it again or type it from the "
                                      "label."),
    ReceiveReason.NOT_A_PACKAGE: N_("{code} is not a package code."),
    ReceiveReason.UNKNOWN_BATCH: N_("Batch {batch} is unknown here: import its batch file first."),
}


@dataclass(frozen=True)
class ReceiveOutcome:
    accepted: bool
    reason: ReceiveReason
    message: str
    code: str = ""
    batch_code: str = ""
    status: ReceiptStatus | None = None
    event_id: str | None = None


@dataclass(frozen=True)
class ExportResult:
    batch: BatchFile
    files: tuple[Path, ...]


@dataclass(frozen=True)
class ChecklistReport:
    batch_code: str
    counts: dict[ReceiptStatus, int]
    rows: int
    unchanged: int = 0
    """A receipt's lines already recorded as they are (a repeated receipt changes nothing)."""


class ReceivingService:
    def __init__(self, store: ReceivingStore, batches: BatchStore) -> None:
        self._store = store
        self._manifests = ManifestService(batches)

    # -- the batch as the receiving side gets it ------------------------------------------------------------------

    def batch_file(self, batch_code: str, version: int | None = None) -> BatchFile:
        """The batch file of a batch of this database (its latest closed manifest version by default)."""
        content = self._manifests.content(batch_code, version)
        lines = tuple(BatchFileLine(row.code, row.surname, row.given_name, row.patronymic,
                                    row.birth_date.isoformat() if row.birth_date else "", row.place,
                                    str(row.carton_number) if row.carton_number is not None else "",
                                    row.list_number)
                      for row in content.lines)
        return BatchFile(content.campaign, content.batch_code, content.version, content.sha256, content.signed,
                         content.details, lines, content.events_included, content.latin_names)

    def expected(self, batch_code: str) -> BatchFile:
        """What the receiving side expects: an imported batch file, else this database's own manifest."""
        code = normalise(batch_code)
        found = self._store.incoming(code)
        if found is not None:
            return found
        try:
            return self.batch_file(code)
        except RefusedInput:
            message = _("Batch {batch} is unknown here: import its batch file first.").format(batch=code)
            raise NotFound(message) from None

    def export(self, batch_code: str, folder: Path, *, language: str = "en",
               checkoff: CheckoffRenderer | None = None, kit: CheckoffRenderer | None = None,
               version: int | None = None) -> ExportResult:
        """Write the batch list (CSV), the batch file (JSON), the check-off sheet (PDF) and the check-off kit
        (HTML, for a receiving side with a browser and a USB scanner) into `folder`."""
        batch = self.batch_file(batch_code, version)
        t = translator(language)
        stem = f"batch-{batch.batch_code}-v{batch.version}"
        files = [write_private(folder / f"{stem}.csv", list_csv(batch, t)),
                 write_private(folder / f"{stem}.json", batch_json(batch))]
        if checkoff is not None:
            files.append(write_private(folder / f"{stem}-checkoff.pdf", checkoff(batch, language)))
        if kit is not None:
            files.append(write_private(folder / f"{stem}-kit.html", kit(batch, language)))
        return ExportResult(batch, tuple(files))

    def import_batch_file(self, path: Path) -> BatchFile:
        """Import a batch file on the receiving side (again: nothing changes); refused when damaged or when a
        different file for the same batch version was imported before."""
        batch, document, file_sha256 = read_batch_file(path)
        with self._store.transaction():
            known = self._store.incoming_sha256(batch.batch_code, batch.version)
            if known is not None and known != batch.sha256:
                raise RefusedInput(_("A different version {version} of batch {batch} was imported before; this file "
                                     "does not match it.").format(version=batch.version, batch=batch.batch_code))
            self._store.save_incoming(batch, document, file_sha256)
        return batch

    def imported(self) -> list[tuple[str, int, str, int]]:
        """(batch code, version, campaign, count) of the batch files imported here."""
        return self._store.incoming_batches()

    def verify(self, payload: str, *, language: str | None = None) -> Verification:
        """Check a manifest's QR code against the imported batch file (on a receiving install)."""
        seal = parse_seal(payload)
        imported = self._store.incoming(seal.batch_code) if seal else None
        if seal is None or imported is None:
            return self._manifests.verify(payload, language=language)
        t = translator(language) if language else None
        result = (VerifyResult.COUNT_DIFFERS if seal.count != len(imported.lines) else
                  VerifyResult.HASH_DIFFERS if seal.sha256 != self._imported_digest(seal, imported) else
                  VerifyResult.SUPERSEDED if seal.version < imported.version else
                  VerifyResult.UNKNOWN_VERSION if seal.version > imported.version else VerifyResult.MATCHES)
        text = VERIFY_MESSAGES[result]
        message = (t.gettext(text) if t else _(text)).format(
            batch=seal.batch_code, version=seal.version, count=len(imported.lines), printed=seal.count,
            stored=len(imported.lines), latest=imported.version)
        return Verification(result, message, seal.batch_code, seal.version, seal.count, len(imported.lines),
                            seal.sha256, imported.sha256, imported.version, imported.signed)

    @staticmethod
    def _imported_digest(seal: Seal, imported: BatchFile) -> str:
        """The imported version's digest of the kind the sheet's code holds (format 2: its lines)."""
        return lines_hash(sealed_lines(imported.lines)) if seal.covers_lines else imported.sha256

    # -- checking in ----------------------------------------------------------------------------------------------

    def scan(self, station: Station, user: str, batch_code: str, raw: str, *, damaged: bool = False,
             note: str = "", language: str | None = None) -> ReceiveOutcome:
        """One scanned package of the batch: received (or damaged), or extra when the manifest does not list it."""
        t = translator(language) if language else None
        scanned = classify(raw)
        code = scanned.value or raw.strip()
        batch = normalise(batch_code)
        reason: ReceiveReason
        params: dict[str, object] = {"code": code, "batch": batch}
        status: ReceiptStatus | None = None
        event_id = None
        if scanned.problem is CodeProblem.BAD_CHECK_DIGIT:
            reason = ReceiveReason.BAD_CHECK_DIGIT
        elif not scanned.ok:
            reason = ReceiveReason.UNREADABLE
        elif scanned.kind is not CodeKind.PACKAGE:
            reason = ReceiveReason.NOT_A_PACKAGE
        else:
            try:
                expected = self.expected(batch)
            except NotFound:
                expected = None
            if expected is None:
                reason = ReceiveReason.UNKNOWN_BATCH
            else:
                with self._store.transaction():
                    reason, status, event_id = self._check_in(station, user, expected, code, damaged, clean(note),
                                                              params)
        message_id = RECEIVE_MESSAGES[reason]
        if "status" in params:
            params["status"] = (t.gettext if t else _)(STATUS_NAMES[ReceiptStatus(str(params["status"]))])
        message = (t.gettext(message_id) if t else _(message_id)).format(**params)
        return ReceiveOutcome(reason.accepted, reason, message, code, batch, status, event_id)

    def _check_in(self, station: Station, user: str, expected: BatchFile, code: str, damaged: bool, note: str,
                  params: dict[str, object]) -> tuple[ReceiveReason, ReceiptStatus | None, str | None]:
        before = self._store.receipt(expected.batch_code, code)
        listed = code in set(expected.codes)
        upgrade = damaged and before is not None and before.status is ReceiptStatus.RECEIVED
        if before is not None and before.status is not ReceiptStatus.MISSING and not upgrade:
            params["status"] = before.status.value
            return ReceiveReason.ALREADY_RECEIVED, None, None
        if not listed:
            status, reason = ReceiptStatus.EXTRA, ReceiveReason.EXTRA
            cause = self._extra_cause(expected.batch_code, code)
        elif damaged:
            status, cause, reason = ReceiptStatus.DAMAGED, Cause.MARKED_DAMAGED, ReceiveReason.DAMAGED
        else:
            status, cause, reason = ReceiptStatus.RECEIVED, Cause.SCANNED, ReceiveReason.RECEIVED
        event = self._record(station, user, expected.batch_code, code, status, cause, note, "scan")
        params.update(done=self._done(expected), expected=len(expected.lines))
        return reason, status, event

    def _done(self, expected: BatchFile) -> int:
        """Listed packages checked in so far (received or damaged)."""
        listed = set(expected.codes)
        return sum(1 for receipt in self._store.receipts(expected.batch_code) if receipt.code in listed
                   and receipt.status in (ReceiptStatus.RECEIVED, ReceiptStatus.DAMAGED))

    def _extra_cause(self, batch_code: str, code: str) -> Cause:
        found = self._store.package_batch(code)
        return Cause.IN_OTHER_BATCH if found and found[1] not in (None, batch_code) else Cause.NOT_ON_MANIFEST

    def _record(self, station: Station, user: str, batch_code: str, code: str, status: ReceiptStatus, cause: Cause,
                note: str, source: str) -> str:
        found = self._store.package_batch(code)
        payload = {"batch": batch_code, "code": code, "status": status.value, "cause": cause.value, "note": note,
                   "source": source}
        event = self._store.append(station.instance_id,
                                   NewEvent(EventType.RECEIVED, user, found[0] if found else None, payload))
        return event.id

    def mark(self, station: Station, user: str, batch_code: str, code: str, status: ReceiptStatus, note: str = "",
             *, language: str | None = None) -> ReceiveOutcome:
        """Record a finding by hand (damaged or missing with a note, or received)."""
        expected = self.expected(batch_code)
        value = normalise(code)
        cause = {ReceiptStatus.DAMAGED: Cause.MARKED_DAMAGED, ReceiptStatus.MISSING: Cause.MARKED_MISSING,
                 ReceiptStatus.RECEIVED: Cause.SCANNED}.get(status, Cause.NOT_ON_MANIFEST)
        if value not in set(expected.codes):
            status, cause = ReceiptStatus.EXTRA, self._extra_cause(expected.batch_code, value)
        with self._store.transaction():
            event_id = self._record(station, user, expected.batch_code, value, status, cause, clean(note), "hand")
        reason = ReceiveReason(status.value)
        t = translator(language) if language else None
        message = (t.gettext if t else _)(RECEIVE_MESSAGES[reason]).format(
            code=value, batch=expected.batch_code, done=self._done(expected), expected=len(expected.lines))
        return ReceiveOutcome(True, reason, message, value, expected.batch_code, status, event_id)

    def import_checklist(self, station: Station, user: str, batch_code: str, path: Path) -> ChecklistReport:
        """The receiving side's ticked list, all rows or none: ticked received or damaged, not ticked (missing),
        and rows it added (extra)."""
        expected = self.expected(batch_code)
        rows = read_checklist(path)
        listed = set(expected.codes)
        counts = dict.fromkeys(ReceiptStatus, 0)
        with self._store.transaction():
            for row in rows:
                if row.code not in listed:
                    status, cause = ReceiptStatus.EXTRA, self._extra_cause(expected.batch_code, row.code)
                elif row.damaged:
                    status, cause = ReceiptStatus.DAMAGED, Cause.MARKED_DAMAGED
                elif row.received:
                    status, cause = ReceiptStatus.RECEIVED, Cause.TICKED
                else:
                    status, cause = ReceiptStatus.MISSING, Cause.MARKED_MISSING if row.note else Cause.NOT_TICKED
                self._record(station, user, expected.batch_code, row.code, status, cause, row.note, "sheet")
                counts[status] += 1
        return ChecklistReport(expected.batch_code, counts, len(rows))

    # -- the receipt: the receiving side's result, back at the sending side ------------------------------------

    def export_receipt(self, batch_code: str, folder: Path, station: Station) -> Path:
        """The receiving side's reconciliation of the batch as a receipt file for the sending side."""
        rec = self.reconcile(batch_code)
        exported = datetime.now(UTC).isoformat(timespec="seconds")
        return write_private(folder / f"receipt-{rec.batch_code}-v{rec.version}.json",
                             receipt_json(rec, station.name, exported))

    def import_receipt(self, station: Station, user: str, path: Path) -> ChecklistReport:
        """The receiving side's receipt, all lines or none. Receipts of one batch version add up (a partial
        delivery's missing package may arrive with the next); a package received is never made missing again,
        and a line recorded before as it is changes nothing."""
        receipt = read_receipt(path)
        expected = self.expected(receipt.batch_code)
        if (receipt.version, receipt.manifest_sha256) != (expected.version, expected.sha256):
            raise RefusedInput(_("{file} is the receipt of batch {batch}, version {version}, but the batch was handed "
                                 "over here as version {current} with another list: it is not imported.").format(
                file=path.name, batch=receipt.batch_code, version=receipt.version, current=expected.version))
        listed = set(expected.codes)
        wrong = [line.code for line in receipt.lines if (line.code in listed) == (line.status is ReceiptStatus.EXTRA)]
        if wrong:
            raise RefusedInput(_("{file} does not agree with the manifest of batch {batch}: {codes}.").format(
                file=path.name, batch=expected.batch_code, codes=", ".join(wrong[:10])))
        counts, unchanged = dict.fromkeys(ReceiptStatus, 0), 0
        with self._store.transaction():
            for line in receipt.lines:
                before = self._store.receipt(expected.batch_code, line.code)
                if before is not None and (before.status is line.status and before.note == line.note or (
                        line.status is ReceiptStatus.MISSING and before.status is not ReceiptStatus.MISSING)):
                    unchanged += 1
                    continue
                cause = self._extra_cause(expected.batch_code, line.code) if line.status is ReceiptStatus.EXTRA \
                    else line.cause
                self._record(station, line.user or user, expected.batch_code, line.code, line.status, cause,
                             line.note, "receipt")
                counts[line.status] += 1
        return ChecklistReport(expected.batch_code, counts, len(receipt.lines), unchanged)

    # -- reconciliation ------------------------------------------------------------------------------------------

    def reconcile(self, batch_code: str) -> Reconciliation:
        expected = self.expected(batch_code)
        receipts = {receipt.code: receipt for receipt in self._store.receipts(expected.batch_code)}
        lines: list[ReconciliationLine] = []
        for line in expected.lines:
            found = receipts.pop(line.code, None)
            if found is None:
                lines.append(ReconciliationLine(line.code, ReceiptStatus.MISSING, Cause.NOT_CHECKED_IN,
                                                name=line.full_name, place=line.place, carton=line.carton,
                                                list_number=line.list_number))
                continue
            status = found.status if found.status is not ReceiptStatus.EXTRA else ReceiptStatus.RECEIVED
            lines.append(ReconciliationLine(line.code, status, Cause(found.cause), (), found.note, line.full_name,
                                            line.place, line.carton, found.user, found.at,
                                            list_number=line.list_number))
        others = self._store.packages_batches(list(receipts))
        recipients = self._store.recipients_of(list(receipts))  # known on the packing side only
        for code, found in receipts.items():
            other = others.get(code)
            cause, params = (Cause.IN_OTHER_BATCH, (("other", other),)) if other and other != expected.batch_code \
                else (Cause.NOT_ON_MANIFEST, ())
            name, place, number = recipients.get(code, ("", "", ""))
            lines.append(ReconciliationLine(code, ReceiptStatus.EXTRA, cause, params, found.note, name, place,
                                            user=found.user, at=found.at, expected=False, list_number=number))
        order = {ReceiptStatus.MISSING: 0, ReceiptStatus.DAMAGED: 1, ReceiptStatus.EXTRA: 2, ReceiptStatus.RECEIVED: 3}
        lines.sort(key=lambda item: order[item.status])  # stable: manifest order within each status
        return Reconciliation(expected.campaign, expected.batch_code, expected.version, expected.sha256,
                              len(expected.lines), tuple(lines))

    @staticmethod
    def reconciliation_csv(rec: Reconciliation, language: str = "en") -> bytes:
        return reconciliation_csv(rec, translator(language))
