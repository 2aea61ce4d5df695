"""What receiving works with: the batch file given to the receiving side, receipts, the reconciliation;
and the store protocol behind `models.handover.receiving.ReceivingService`.

The batch file is JSON (format "packline-batch", version 1): the batch, its manifest version, the hash of the
package codes (the same SHA-256 the manifest's QR code holds), the handover details and one entry per package.
A receiving install without the sending side's database imports it and checks packages in against it.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from models.core.events import Event, NewEvent
from models.core.i18n import N_
from models.handover.records import HandoverDetails

FILE_FORMAT = "packline-batch"
FILE_VERSION = 1


class ReceiptStatus(enum.StrEnum):
    RECEIVED = "received"
    DAMAGED = "damaged"
    MISSING = "missing"
    EXTRA = "extra"


class Cause(enum.StrEnum):
    """Why a package has its status (shown as the reason in the reconciliation)."""

    SCANNED = "scanned"
    TICKED = "ticked"
    MARKED_DAMAGED = "marked_damaged"
    MARKED_MISSING = "marked_missing"
    NOT_TICKED = "not_ticked"
    NOT_CHECKED_IN = "not_checked_in"
    NOT_ON_MANIFEST = "not_on_manifest"
    IN_OTHER_BATCH = "in_other_batch"


CAUSE_TEXTS: dict[Cause, str] = {
    Cause.SCANNED: N_("scanned in"),
    Cause.TICKED: N_("ticked on the check-off sheet"),
    Cause.MARKED_DAMAGED: N_("marked damaged"),
    Cause.MARKED_MISSING: N_("marked missing"),
    Cause.NOT_TICKED: N_("not ticked on the check-off sheet"),
    Cause.NOT_CHECKED_IN: N_("never scanned in or ticked off"),
    Cause.NOT_ON_MANIFEST: N_("not on this batch's manifest"),
    Cause.IN_OTHER_BATCH: N_("not on this batch's manifest: it belongs to batch {other}"),
}

STATUS_NAMES: dict[ReceiptStatus, str] = {
    ReceiptStatus.RECEIVED: N_("received"),
    ReceiptStatus.DAMAGED: N_("damaged"),
    ReceiptStatus.MISSING: N_("missing"),
    ReceiptStatus.EXTRA: N_("extra"),
}


@dataclass(frozen=True)
class BatchFileLine:
    code: str
    surname: str
    given_name: str
    patronymic: str = ""
    birth_date: str = ""
    """ISO date or empty."""
    place: str = ""
    carton: str = ""
    """The carton's number, or empty for a package handed over on its own."""
    list_number: str = ""
    """The person's number on the mediator's list (files of earlier versions have none): the receiving side
    matches people by it."""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)


@dataclass(frozen=True)
class BatchFile:
    campaign: str
    batch_code: str
    version: int
    sha256: str
    signed: bool
    details: HandoverDetails
    lines: tuple[BatchFileLine, ...]
    events_included: tuple[tuple[str, int], ...] = ()
    latin_names: str = "none"
    """The sending campaign's scheme of the Latin line under each name (`models.core.latin`): the receiving
    side's check-off sheet and kit print the same line as the manifest."""

    @property
    def codes(self) -> list[str]:
        return [line.code for line in self.lines]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FILE_FORMAT, "format_version": FILE_VERSION, "campaign": self.campaign,
            "batch": self.batch_code, "version": self.version, "count": len(self.lines), "sha256": self.sha256,
            "signed": self.signed, "handover": self.details.to_json(),
            "events_included": [list(mark) for mark in self.events_included], "latin_names": self.latin_names,
            "packages": [{"code": line.code, "surname": line.surname, "given_name": line.given_name,
                          "patronymic": line.patronymic, "birth_date": line.birth_date, "place": line.place,
                          "carton": line.carton, "list_number": line.list_number} for line in self.lines],
        }


@dataclass(frozen=True)
class Receipt:
    code: str
    status: ReceiptStatus
    cause: str
    note: str
    source: str
    user: str
    at: str
    package_id: int | None = None


@dataclass(frozen=True)
class ReconciliationLine:
    code: str
    status: ReceiptStatus
    cause: Cause
    cause_params: tuple[tuple[str, str], ...] = ()
    note: str = ""
    name: str = ""
    place: str = ""
    carton: str = ""
    user: str = ""
    at: str = ""
    expected: bool = True
    list_number: str = ""


@dataclass(frozen=True)
class Reconciliation:
    campaign: str
    batch_code: str
    version: int
    sha256: str
    expected: int
    lines: tuple[ReconciliationLine, ...]
    """Missing, damaged and extra first (in that order), then received; each in manifest order."""

    def of(self, status: ReceiptStatus) -> list[ReconciliationLine]:
        return [line for line in self.lines if line.status is status]

    @property
    def counts(self) -> dict[ReceiptStatus, int]:
        return {status: len(self.of(status)) for status in ReceiptStatus}

    @property
    def complete(self) -> bool:
        """Everything listed arrived undamaged and nothing else came."""
        counts = self.counts
        return counts[ReceiptStatus.RECEIVED] == self.expected and not (
            counts[ReceiptStatus.DAMAGED] or counts[ReceiptStatus.MISSING] or counts[ReceiptStatus.EXTRA])


class ReceivingStore(Protocol):
    """The SQL side (`models.handover.sql.receiving_repo.SqlReceivingStore`)."""

    def transaction(self) -> AbstractContextManager[object]: ...

    def append(self, station_id: str, event: NewEvent) -> Event: ...

    def incoming(self, batch_code: str) -> BatchFile | None:
        """The newest version of an imported batch file, if one was imported."""
        ...

    def incoming_sha256(self, batch_code: str, version: int) -> str | None: ...

    def save_incoming(self, batch: BatchFile, document: str, file_sha256: str) -> None: ...

    def incoming_batches(self) -> list[tuple[str, int, str, int]]:
        """(batch code, version, campaign, count) of every imported batch file."""
        ...

    def receipts(self, batch_code: str) -> list[Receipt]: ...

    def receipt(self, batch_code: str, code: str) -> Receipt | None: ...

    def package_batch(self, code: str) -> tuple[int, str | None] | None:
        """(package id, the batch it is in) for a package this database knows."""
        ...

    def packages_batches(self, codes: Sequence[str]) -> dict[str, str | None]: ...

    def recipients_of(self, codes: Sequence[str]) -> dict[str, tuple[str, str, str]]:
        """(full name, place, list number) of the recipients of those packages this database knows (the packing
        side)."""
        ...
