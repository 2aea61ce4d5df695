"""Cartons and handover batches: `BatchService`, one supervisor action in, one `BatchOutcome` out.

Sealed packages are scanned into cartons, and cartons or packages into a batch. Each action is one
`BEGIN IMMEDIATE` ... `COMMIT` recording one event (or a refusal that changes nothing, with the reason), and
the outcome is handed back only after the commit. A batch is open (packages come and go; taking one out is
an event), then closed (its contents become manifest version n, with the hash of the package codes and the
point up to which each station's events were included), then signed: from then on it is immutable, and a
correction opens version n+1, whose manifest lists what changed since version n (`models.handover.manifests`).

Rules: `models.handover.rules`; reasons and their sentences: `models.handover.reasons`; SQL:
`models.handover.sql.batches_repo`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.core.codes import normalise
from models.core.i18n import translator
from models.handover import rules
from models.handover.decision import Context, Decision, refuse
from models.handover.reasons import BatchReason, render
from models.handover.records import (
    BatchRecord,
    BatchStore,
    CartonRecord,
    HandoverDetails,
    ManifestVersion,
    MemberRow,
)
from models.packing.station import Station
from models.packing.users import User

MAX_SHEET_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class BatchOutcome:
    """What an action did, for the screen or the command line to show (they re-derive nothing)."""

    accepted: bool
    reason: BatchReason
    message: str
    """In the language of the user (or the one asked for)."""
    code: str = ""
    """The scanned code, normalised ('' for an action from a button)."""
    batch_code: str | None = None
    carton_code: str | None = None
    package_code: str | None = None
    version: int | None = None
    event_id: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return not self.accepted


Action = Callable[[Context], Decision]


class BatchService:
    def __init__(self, store: BatchStore) -> None:
        self._store = store

    # -- creating ---------------------------------------------------------------------------------------------

    def create_carton(self, station: Station, user: User, campaign_id: int | None, *,
                      language: str | None = None) -> BatchOutcome:
        return self._run(station, user, lambda ctx: rules.create_carton(ctx, campaign_id), language)

    def create_batch(self, station: Station, user: User, campaign_id: int | None,
                     details: HandoverDetails | None = None, *, language: str | None = None) -> BatchOutcome:
        return self._run(station, user, lambda ctx: rules.create_batch(ctx, campaign_id, details or HandoverDetails()),
                         language)

    # -- scanning in and out ----------------------------------------------------------------------------------

    def put_in_carton(self, station: Station, user: User, carton_code: str, raw: str, *,
                      language: str | None = None) -> BatchOutcome:
        """A scanned package label into the carton."""
        carton = normalise(carton_code)
        return self._run(station, user, lambda ctx: rules.put_in_carton(ctx, carton, raw), language)

    def remove_from_carton(self, station: Station, user: User, carton_code: str, raw: str, *,
                           language: str | None = None) -> BatchOutcome:
        carton = normalise(carton_code)
        return self._run(station, user, lambda ctx: rules.remove_from_carton(ctx, carton, raw), language)

    def add(self, station: Station, user: User, batch_code: str, raw: str, *,
            language: str | None = None) -> BatchOutcome:
        """A scanned package or carton label into the batch."""
        return self._on_batch(station, user, batch_code, lambda ctx, batch: rules.add_to_batch(ctx, batch, raw),
                              language)

    def remove(self, station: Station, user: User, batch_code: str, raw: str, *,
               language: str | None = None) -> BatchOutcome:
        """Take a package (out of its carton too) or a whole carton out of an open batch: an event."""
        return self._on_batch(station, user, batch_code, lambda ctx, batch: rules.remove_from_batch(ctx, batch, raw),
                              language)

    # -- the batch's life -----------------------------------------------------------------------------------------

    def set_details(self, station: Station, user: User, batch_code: str, details: HandoverDetails, *,
                    language: str | None = None) -> BatchOutcome:
        return self._on_batch(station, user, batch_code, lambda ctx, batch: rules.set_details(ctx, batch, details),
                              language)

    def close(self, station: Station, user: User, batch_code: str, *, language: str | None = None) -> BatchOutcome:
        return self._on_batch(station, user, batch_code, rules.close, language)

    def reopen(self, station: Station, user: User, batch_code: str, *, language: str | None = None) -> BatchOutcome:
        return self._on_batch(station, user, batch_code, rules.reopen, language)

    def sign(self, station: Station, user: User, batch_code: str, *, language: str | None = None) -> BatchOutcome:
        """Mark the closed manifest version signed by the three parties: the batch is handed over."""
        return self._on_batch(station, user, batch_code, rules.sign, language)

    def correct(self, station: Station, user: User, batch_code: str, reason: str, *,
                language: str | None = None) -> BatchOutcome:
        """Open a signed batch as version n+1 (the signed version stays as it was)."""
        return self._on_batch(station, user, batch_code, lambda ctx, batch: rules.correct(ctx, batch, reason),
                              language)

    def attach_sheet(self, station: Station, user: User, batch_code: str, sheet: Path, *, version: int | None = None,
                     language: str | None = None) -> BatchOutcome:
        """Keep the scanned signed sheet beside the database (`manifests/`, 0600) and record its SHA-256."""
        code = normalise(batch_code)
        batch = self._store.batch(code)
        wanted = version if version is not None else (batch.version if batch else 0)
        problem = self._sheet_problem(sheet)
        if problem is not None:
            return self._run(station, user, lambda ctx: refuse(problem, file=str(sheet),
                                                                     limit=MAX_SHEET_BYTES // 2**20), language)
        try:
            kept = self._store.keep_file(sheet, f"batch-{code}-v{wanted}-signed")
        except OSError as error:
            why = error.strerror or str(error)
            return self._run(station, user, lambda ctx: refuse(BatchReason.FILE_UNREADABLE, file=str(sheet),
                                                                     problem=why), language)
        try:
            outcome = self._on_batch(station, user, code,
                                     lambda ctx, found: rules.attach(ctx, found, wanted, kept), language)
        except BaseException:
            self._store.discard_file(kept)
            raise
        if outcome.refused:
            self._store.discard_file(kept)
        return outcome

    @staticmethod
    def _sheet_problem(sheet: Path) -> BatchReason | None:
        if not sheet.is_file():
            return BatchReason.FILE_MISSING
        if sheet.stat().st_size > MAX_SHEET_BYTES:
            return BatchReason.FILE_TOO_LARGE
        return None

    # -- reading ------------------------------------------------------------------------------------------------

    def batches(self, campaign_id: int | None = None) -> list[BatchRecord]:
        """Batches of the campaign (every batch when None), newest first."""
        return self._store.batches(campaign_id)

    def batch(self, code: str) -> BatchRecord | None:
        return self._store.batch(normalise(code))

    def cartons(self, campaign_id: int, batch_code: str | None = None) -> list[CartonRecord]:
        return self._store.cartons(campaign_id, batch_code)

    def carton(self, code: str) -> CartonRecord | None:
        return self._store.carton(normalise(code))

    def members(self, batch_code: str, version: int | None = None) -> list[MemberRow]:
        """The batch's packages now, or as listed in manifest version `version`."""
        return self._store.members(normalise(batch_code), version)

    def versions(self, batch_code: str) -> list[ManifestVersion]:
        return self._store.versions(normalise(batch_code))

    # -- the one path every action takes ------------------------------------------------------------------------

    def _on_batch(self, station: Station, user: User, batch_code: str,
                  action: Callable[[Context, BatchRecord], Decision], language: str | None) -> BatchOutcome:
        code = normalise(batch_code)

        def run(ctx: Context) -> Decision:
            batch = ctx.store.batch(code)
            if batch is None:
                return refuse(BatchReason.UNKNOWN_BATCH, code=code)
            return rules.campaign_problem(ctx, batch.campaign_id) or action(ctx, batch)

        return self._run(station, user, run, language)

    def _run(self, station: Station, user: User, action: Action, language: str | None) -> BatchOutcome:
        with self._store.transaction():
            ctx = Context(self._store, station, user)
            decision = rules.supervisor_problem(ctx) or action(ctx)
        # Committed: only now is the outcome handed back.
        t = translator(language or user.language)
        return BatchOutcome(decision.accepted, decision.reason, render(decision.reason, decision.params, t),
                            decision.code, decision.batch_code, decision.carton_code, decision.package_code,
                            decision.version, decision.event.id if decision.event else None, decision.params)
