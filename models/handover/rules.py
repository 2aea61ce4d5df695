"""The rules of cartons and batches: each operation checks the stored state and records one event, or refuses.

Like `models.packing.rules`, an operation returns a `Decision`; the caller (`models.handover.batches.BatchService`)
owns the transaction and turns the decision into an outcome in the user's language after the commit. Which actions a
batch's state allows is the table in `models.handover.lifecycle`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from models.core.codes import CodeKind, CodeProblem, ScannedCode, classify
from models.core.events import EventType
from models.core.text import clean
from models.core.types import HandoverParties
from models.handover import lifecycle
from models.handover.decision import Context, Decision, refuse
from models.handover.lifecycle import BatchAction
from models.handover.reasons import BatchReason as R
from models.handover.records import (
    BatchRecord,
    BatchState,
    CartonRecord,
    HandoverDetails,
    KeptFile,
    PackagePlace,
    PartyDetails,
)
from models.handover.seal import manifest_hash
from models.packing.states import PackageState

MAX_LISTED_PROBLEMS = 5


def supervisor_problem(ctx: Context) -> Decision | None:
    return None if ctx.user.can_supervise else refuse(R.NOT_SUPERVISOR, user=ctx.user.name)


def code_problem(scanned: ScannedCode) -> Decision | None:
    if scanned.problem is CodeProblem.BAD_CHECK_DIGIT:
        return refuse(R.BAD_CHECK_DIGIT, code=scanned.value)
    if not scanned.ok:
        return refuse(R.UNREADABLE, code=scanned.value or scanned.raw.strip())
    return None


def state_problem(batch: BatchRecord, action: BatchAction = BatchAction.EDIT) -> Decision | None:
    """Refuse what the batch's state does not allow (`models.handover.lifecycle`), saying why."""
    if lifecycle.allowed(batch.state, action):
        return None
    if action in (BatchAction.CORRECT, BatchAction.ATTACH):
        return refuse(R.BATCH_NOT_SIGNED, batch=batch.code)
    if batch.state is BatchState.SIGNED:
        return refuse(R.BATCH_IS_SIGNED, batch=batch.code, next=batch.version + 1)
    if batch.state is BatchState.OPEN:
        return refuse(R.BATCH_NOT_CLOSED, batch=batch.code)
    return refuse(R.BATCH_IS_CLOSED, batch=batch.code)


def unfit(ctx: Context, package: PackagePlace, campaign_id: int) -> Decision | None:
    """Why this package cannot be handed over in a batch of `campaign_id`, or None."""
    names = {"package": package.code}
    if package.campaign_id != campaign_id:
        return refuse(R.OTHER_CAMPAIGN, what_kind="package", other=ctx.store.campaign_name(package.campaign_id) or "?",
                      campaign=ctx.store.campaign_name(campaign_id) or "?", **names)
    if package.replaced_by is not None:
        return refuse(R.REPLACED, replacement=package.replaced_by, **names)
    if package.state is PackageState.VOIDED:
        return refuse(R.VOIDED, **names)
    if package.state is not PackageState.SEALED:
        return refuse(R.NOT_SEALED, state=package.state.value, **names)
    if package.relabel:
        return refuse(R.RELABEL_NEEDED, **names)
    if ctx.store.conflicted([package.id]):
        return refuse(R.CONFLICT, **names)
    return None


def members_problems(ctx: Context, members: Sequence[PackagePlace], campaign_id: int) -> list[Decision]:
    """Every member that cannot be handed over (voided since, or flagged as a conflict)."""
    flagged = ctx.store.conflicted([member.id for member in members])
    problems = []
    for member in members:
        problem = refuse(R.CONFLICT, package=member.code) if member.id in flagged else unfit(ctx, member, campaign_id)
        if problem is not None:
            problems.append(problem)
    return problems


def contents_problem(ctx: Context, batch: BatchRecord, members: Sequence[PackagePlace]) -> Decision | None:
    """Why the batch's contents cannot become a manifest or be handed over: its code, or a carton's in it, came
    again from a station for another thing (a conflict), or members that cannot be handed over."""
    clashing = ctx.store.clashing_codes() & {batch.code, *(member.carton_code for member in members)}
    if clashing:
        return refuse(R.CODE_CLASH, batch=batch.code, code=min(str(code) for code in clashing))
    problems = members_problems(ctx, members, batch.campaign_id)
    return refuse(R.BATCH_HOLDS_UNFIT, batch=batch.code, problems=nested(problems), count=len(problems)) if problems \
        else None


def nested(problems: Sequence[Decision]) -> list[dict[str, Any]]:
    return [{"reason": problem.reason.value, "params": dict(problem.params)}
            for problem in problems[:MAX_LISTED_PROBLEMS]]


# -- creating ------------------------------------------------------------------------------------------------


def campaign_problem(ctx: Context, campaign_id: int) -> Decision | None:
    """No such campaign, or a closed one (read-only: no carton, batch or manifest changes in it)."""
    campaign = ctx.store.campaign(campaign_id)
    if campaign is None:
        return refuse(R.NO_CAMPAIGN)
    return None if campaign.writable else refuse(R.CAMPAIGN_CLOSED, campaign=campaign.name)


def create_carton(ctx: Context, campaign_id: int | None) -> Decision:
    if campaign_id is None:
        return refuse(R.NO_CAMPAIGN)
    problem = campaign_problem(ctx, campaign_id)
    if problem is not None:
        return problem
    code = ctx.store.issue_code(CodeKind.CARTON.value)
    if code is None:
        return refuse(R.NO_CODES_YET)
    number = ctx.store.next_carton_number(campaign_id)
    event = ctx.record(EventType.CARTON_CREATED, None, {"carton": code, "campaign_id": campaign_id, "number": number})
    return Decision(R.CARTON_CREATED, {"carton": code, "number": number}, carton_code=code, event=event)


def create_batch(ctx: Context, campaign_id: int | None, details: HandoverDetails) -> Decision:
    if campaign_id is None:
        return refuse(R.NO_CAMPAIGN)
    problem = campaign_problem(ctx, campaign_id)
    campaign = ctx.store.campaign(campaign_id)
    if problem is not None or campaign is None:
        return problem or refuse(R.NO_CAMPAIGN)
    details = with_campaign_parties(details, campaign.parties)
    code = ctx.store.issue_code(CodeKind.BATCH.value)
    if code is None:
        return refuse(R.NO_CODES_YET)
    event = ctx.record(EventType.BATCH_CREATED, None,
                       {"batch": code, "campaign_id": campaign_id, "details": details.to_json()})
    return Decision(R.BATCH_CREATED, {"batch": code}, batch_code=code, version=1, event=event)


def with_campaign_parties(details: HandoverDetails, parties: HandoverParties) -> HandoverDetails:
    """The campaign's parties (from the handover agreement) where the batch names no organisation."""
    def party(given: PartyDetails, default: str) -> PartyDetails:
        return given if given.organisation or not default else replace(given, organisation=default)

    return replace(details, sending=party(details.sending, parties.sending),
                   mediator=party(details.mediator, parties.mediator),
                   receiving=party(details.receiving, parties.receiving))


# -- cartons ---------------------------------------------------------------------------------------------------


def _carton_batch_problem(ctx: Context, carton: CartonRecord) -> Decision | None:
    closed = campaign_problem(ctx, carton.campaign_id)
    if closed is not None or carton.batch_code is None:
        return closed
    batch = ctx.store.batch(carton.batch_code)
    return state_problem(batch) if batch is not None else None


def put_in_carton(ctx: Context, carton_code: str, raw: str) -> Decision:
    scanned = classify(raw)
    problem = code_problem(scanned)
    if problem is not None:
        return problem
    if scanned.kind is not CodeKind.PACKAGE:
        return refuse(R.NOT_A_PACKAGE, code=scanned.value)
    carton = ctx.store.carton(carton_code)
    if carton is None:
        return refuse(R.UNKNOWN_CARTON, code=carton_code)
    problem = _carton_batch_problem(ctx, carton)
    package = ctx.store.package(scanned.value)
    if problem is None and package is None:
        problem = refuse(R.UNKNOWN_PACKAGE, code=scanned.value)
    if problem is None and package is not None:
        problem = unfit(ctx, package, carton.campaign_id) or _place_problem(ctx, package, carton=carton)
    if problem is not None:
        return Decision(problem.reason, problem.params, scanned.value, carton_code=carton.code)
    assert package is not None
    event = ctx.record(EventType.PUT_IN_CARTON, package.id, {"carton": carton.code})
    return Decision(R.PUT_IN_CARTON, {"package": package.code, "number": carton.number}, scanned.value,
                    carton.batch_code, carton.code, package.code, event=event)


def _place_problem(ctx: Context, package: PackagePlace, *, carton: CartonRecord | None = None,
                   batch: BatchRecord | None = None) -> Decision | None:
    """A package goes into a carton or a batch only from nowhere."""
    names = {"package": package.code, "what_kind": "package"}
    if carton is not None and package.carton_code == carton.code:
        return refuse(R.ALREADY_IN_CARTON, **names)
    if batch is not None and package.batch_code == batch.code:
        return refuse(R.ALREADY_IN_BATCH, **names)
    if package.carton_code is not None:
        other = ctx.store.carton(package.carton_code)
        return refuse(R.IN_OTHER_CARTON, number=other.number if other else package.carton_code, **names)
    if package.batch_code is not None:
        return refuse(R.IN_OTHER_BATCH, other=package.batch_code, **names)
    return None


def remove_from_carton(ctx: Context, carton_code: str, raw: str) -> Decision:
    scanned = classify(raw)
    problem = code_problem(scanned)
    if problem is not None:
        return problem
    carton = ctx.store.carton(carton_code)
    if carton is None:
        return refuse(R.UNKNOWN_CARTON, code=carton_code)
    problem = _carton_batch_problem(ctx, carton)
    if problem is not None:
        return problem
    package = ctx.store.package(scanned.value) if scanned.kind is CodeKind.PACKAGE else None
    if package is None or package.carton_code != carton.code:
        return refuse(R.NOT_IN_CARTON, package=scanned.value, number=carton.number)
    event = ctx.record(EventType.REMOVED_FROM_CARTON, package.id, {"carton": carton.code})
    return Decision(R.REMOVED_FROM_CARTON, {"package": package.code, "number": carton.number}, scanned.value,
                    carton.batch_code, carton.code, package.code, event=event)


# -- batches -----------------------------------------------------------------------------------------------------


def add_to_batch(ctx: Context, batch: BatchRecord, raw: str) -> Decision:
    scanned = classify(raw)
    problem = code_problem(scanned) or state_problem(batch)
    if problem is None and scanned.kind is CodeKind.PACKAGE:
        return _add_package(ctx, batch, scanned.value)
    if problem is None and scanned.kind is CodeKind.CARTON:
        return _add_carton(ctx, batch, scanned.value)
    problem = problem or refuse(R.WRONG_KIND, code=scanned.value)
    return Decision(problem.reason, problem.params, scanned.value, batch.code)


def _add_package(ctx: Context, batch: BatchRecord, code: str) -> Decision:
    package = ctx.store.package(code)
    problem = refuse(R.UNKNOWN_PACKAGE, code=code) if package is None else (
        unfit(ctx, package, batch.campaign_id) or _place_problem(ctx, package, batch=batch))
    if problem is not None:
        return Decision(problem.reason, problem.params, code, batch.code, package_code=code)
    assert package is not None
    event = ctx.record(EventType.BATCHED, package.id, {"batch": batch.code})
    return Decision(R.PACKAGE_BATCHED, {"package": code, "batch": batch.code}, code, batch.code,
                    package_code=code, event=event)


def _add_carton(ctx: Context, batch: BatchRecord, code: str) -> Decision:
    carton = ctx.store.carton(code)
    problem = refuse(R.UNKNOWN_CARTON, code=code) if carton is None else _carton_problem(ctx, batch, carton)
    if problem is not None:
        return Decision(problem.reason, problem.params, code, batch.code, carton_code=code)
    assert carton is not None
    event = ctx.record(EventType.BATCHED, None, {"batch": batch.code, "carton": code})
    return Decision(R.CARTON_BATCHED, {"number": carton.number, "batch": batch.code}, code, batch.code, code,
                    event=event)


def _carton_problem(ctx: Context, batch: BatchRecord, carton: CartonRecord) -> Decision | None:
    names = {"number": carton.number, "what_kind": "carton"}
    if carton.campaign_id != batch.campaign_id:
        return refuse(R.OTHER_CAMPAIGN, other=ctx.store.campaign_name(carton.campaign_id) or "?",
                      campaign=ctx.store.campaign_name(batch.campaign_id) or "?", **names)
    if carton.batch_code == batch.code:
        return refuse(R.ALREADY_IN_BATCH, **names)
    if carton.batch_code is not None:
        return refuse(R.IN_OTHER_BATCH, other=carton.batch_code, **names)
    members = ctx.store.packages_of_carton(carton.code)
    if not members:
        return refuse(R.CARTON_EMPTY, number=carton.number)
    problems = members_problems(ctx, members, batch.campaign_id)
    if problems:
        first = problems[0]
        return refuse(R.CARTON_HOLDS_UNFIT, number=carton.number, package=first.params.get("package", "?"),
                      problem=nested(problems)[0])
    return None


def remove_from_batch(ctx: Context, batch: BatchRecord, raw: str) -> Decision:
    scanned = classify(raw)
    problem = code_problem(scanned) or state_problem(batch)
    if problem is not None:
        return Decision(problem.reason, problem.params, scanned.value, batch.code)
    if scanned.kind is CodeKind.CARTON:
        carton = ctx.store.carton(scanned.value)
        if carton is None or carton.batch_code != batch.code:
            return refuse(R.NOT_IN_BATCH, what_kind="carton", number=carton.number if carton else scanned.value,
                          batch=batch.code)
        event = ctx.record(EventType.REMOVED_FROM_BATCH, None, {"batch": batch.code, "carton": carton.code})
        return Decision(R.CARTON_REMOVED, {"number": carton.number, "batch": batch.code}, scanned.value, batch.code,
                        carton.code, event=event)
    package = ctx.store.package(scanned.value) if scanned.kind is CodeKind.PACKAGE else None
    if package is None or package.batch_code != batch.code:
        return refuse(R.NOT_IN_BATCH, what_kind="package", package=scanned.value, batch=batch.code)
    event = ctx.record(EventType.REMOVED_FROM_BATCH, package.id, {"batch": batch.code})
    return Decision(R.PACKAGE_REMOVED, {"package": package.code, "batch": batch.code}, scanned.value, batch.code,
                    package.carton_code, package.code, event=event)


def set_details(ctx: Context, batch: BatchRecord, details: HandoverDetails) -> Decision:
    problem = state_problem(batch, BatchAction.SET_DETAILS)
    if problem is not None:
        return problem
    event = ctx.record(EventType.BATCH_DETAILS_SET, None, {"batch": batch.code, "details": details.to_json()})
    return Decision(R.DETAILS_SAVED, {"batch": batch.code}, batch_code=batch.code, event=event)


def close(ctx: Context, batch: BatchRecord) -> Decision:
    problem = state_problem(batch, BatchAction.CLOSE)
    if problem is not None:
        return problem
    members = ctx.store.packages_of_batch(batch.code)
    if not members:
        return refuse(R.BATCH_EMPTY, batch=batch.code)
    problem = contents_problem(ctx, batch, members)
    if problem is not None:
        return problem
    codes = [member.code for member in members]
    event = ctx.record(EventType.BATCH_CLOSED, None, {
        "batch": batch.code, "version": batch.version, "count": len(codes), "sha256": manifest_hash(codes),
        "events_included": [list(mark) for mark in ctx.store.watermarks()]})
    return Decision(R.BATCH_CLOSED, {"batch": batch.code, "version": batch.version, "count": len(codes)},
                    batch_code=batch.code, version=batch.version, event=event)


def reopen(ctx: Context, batch: BatchRecord) -> Decision:
    problem = state_problem(batch, BatchAction.REOPEN)
    if problem is not None:
        return problem
    event = ctx.record(EventType.BATCH_REOPENED, None, {"batch": batch.code, "version": batch.version})
    return Decision(R.BATCH_REOPENED, {"batch": batch.code}, batch_code=batch.code, version=batch.version,
                    event=event)


def sign(ctx: Context, batch: BatchRecord) -> Decision:
    problem = state_problem(batch, BatchAction.SIGN)
    if problem is not None:
        return problem
    problem = contents_problem(ctx, batch, ctx.store.packages_of_batch(batch.code))
    if problem is not None:
        return problem
    event = ctx.record(EventType.HANDED_OVER, None, {"batch": batch.code, "version": batch.version})
    return Decision(R.BATCH_SIGNED, {"batch": batch.code, "version": batch.version}, batch_code=batch.code,
                    version=batch.version, event=event)


def correct(ctx: Context, batch: BatchRecord, reason: str) -> Decision:
    problem = state_problem(batch, BatchAction.CORRECT)
    if problem is not None:
        return problem
    reason = clean(reason)
    if not reason:
        return refuse(R.REASON_REQUIRED)
    version = batch.version + 1
    event = ctx.record(EventType.BATCH_CORRECTION, None, {"batch": batch.code, "version": version, "reason": reason})
    return Decision(R.CORRECTION_OPENED, {"batch": batch.code, "version": version}, batch_code=batch.code,
                    version=version, event=event)


def attach(ctx: Context, batch: BatchRecord, version: int, kept: KeptFile) -> Decision:
    found = next((v for v in ctx.store.versions(batch.code) if v.version == version), None)
    if found is None:
        return refuse(R.NO_SUCH_VERSION, batch=batch.code, version=version)
    if not found.signed:
        return refuse(R.BATCH_NOT_SIGNED, batch=batch.code)
    if found.attachment:
        return refuse(R.ALREADY_ATTACHED, batch=batch.code, version=version, file=found.attachment)
    event = ctx.record(EventType.MANIFEST_ATTACHED, None,
                       {"batch": batch.code, "version": version, "file": kept.name, "sha256": kept.sha256})
    return Decision(R.SHEET_ATTACHED, {"batch": batch.code, "version": version, "sha256": kept.sha256},
                    batch_code=batch.code, version=version, event=event)
