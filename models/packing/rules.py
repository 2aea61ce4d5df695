"""Packing operations: open, count an item, enclose a letter, undo, weigh, seal, void, labels.

Each operation checks its rules against the stored state and either records one event (through the
store, which updates the projections in the same transaction) or returns a refusal, changing nothing.
The caller (`models.packing.scanning.ScanService`) owns the transaction, so an operation is all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from models.core.events import Event, EventType, NewEvent
from models.core.i18n import _
from models.core.text import clean
from models.packing import checklist
from models.packing.checklist import LineState, PlacementProblem
from models.packing.records import CampaignPacking, PackageRecord, PackingStore
from models.packing.scan_reasons import Reason
from models.packing.states import PackageState
from models.packing.station import Station
from models.packing.users import User


@dataclass(frozen=True)
class Decision:
    """What an operation decided, before it is turned into a `ScanOutcome` in the user's language."""

    reason: Reason
    params: Mapping[str, Any] = field(default_factory=dict)
    package: PackageRecord | None = None
    state: PackageState | None = None
    line: LineState | None = None
    event: Event | None = None
    copy: int | None = None

    @property
    def accepted(self) -> bool:
        return self.reason.accepted


class Context:
    """One operation's view of the world: the store, the station and the user doing it."""

    def __init__(self, store: PackingStore, station: Station, user: User) -> None:
        self.store, self.station, self.user = store, station, user
        self._campaigns: dict[int, CampaignPacking] = {}

    def record(self, type_: EventType, package_id: int | None, payload: Mapping[str, Any]) -> Event:
        return self.store.append(self.station.instance_id, NewEvent(type_, self.user.name, package_id, payload))

    def current(self) -> PackageRecord | None:
        package_id = self.store.current_package_id(self.station.instance_id)
        return self.store.package(package_id=package_id) if package_id is not None else None

    def recipient_name(self, package: PackageRecord) -> str:
        recipient = self.store.recipient(package.recipient_id)
        return recipient.full_name if recipient else ""

    def campaign_of(self, package: PackageRecord) -> CampaignPacking:
        """The package's campaign, read once per operation (an operation is one transaction: it cannot change
        meanwhile), however many rules ask for it."""
        found = self._campaigns.get(package.campaign_id) or self.store.campaign(package.campaign_id)
        assert found is not None, "packages reference their campaign"
        self._campaigns[package.campaign_id] = found
        return found


def closed_problem(ctx: Context, package: PackageRecord) -> Decision | None:
    """A closed campaign is read-only: nothing is opened, counted, weighed, sealed or voided in it."""
    campaign = ctx.campaign_of(package).campaign
    return None if campaign.writable else refuse(Reason.CAMPAIGN_CLOSED, package, campaign=campaign.name)


def refuse(reason: Reason, record: PackageRecord | None = None, /, **params: Any) -> Decision:
    """A refusal: nothing recorded; `record` is the package it concerns, `params` fill in the message."""
    return Decision(reason, params, record, record.state if record else None)


# -- opening ---------------------------------------------------------------------------------------------


def open_package(ctx: Context, code: str, *, confirmed: bool = False) -> Decision:
    """Open (or resume) the package of a scanned label. Leaving a package that has items in it for another one
    needs the other label scanned twice (`confirmed`): a half-packed box is never parked by a stray scan."""
    package = ctx.store.package(code=code)
    if package is None:
        return refuse(Reason.UNKNOWN_PACKAGE, code=code)
    current = ctx.current()
    if not confirmed and current is not None and current.id != package.id and current.state is PackageState.OPEN:
        counted = sum(sum(per_line.values()) for per_line in ctx.store.contents(current.id).values())
        if counted:
            return refuse(Reason.SWITCH_NEEDS_CONFIRMATION, package, package=package.code, current=current.code,
                          items=counted)
    return _open(ctx, package)


def next_package(ctx: Context) -> Decision:
    if ctx.station.campaign_id is None:
        return refuse(Reason.NO_CAMPAIGN)
    package = next_planned(ctx)
    if package is None:
        return refuse(Reason.QUEUE_EMPTY)
    return _open(ctx, package)


def next_planned(ctx: Context) -> PackageRecord | None:
    """What "Next package" opens: the station's next package in its lot when lots are in force (the hub handed
    them out, `models.sync.lots`), else the campaign's next planned package."""
    campaign_id = ctx.station.campaign_id
    if campaign_id is None:
        return None
    if ctx.store.lots_in_force():
        package_id = ctx.store.next_in_lot(campaign_id, ctx.station.name)
        return ctx.store.package(package_id=package_id) if package_id is not None else None
    return ctx.store.next_planned(campaign_id)


def _open(ctx: Context, package: PackageRecord) -> Decision:
    if ctx.station.campaign_id is None:
        return refuse(Reason.NO_CAMPAIGN, package)
    closed = closed_problem(ctx, package)
    if closed is not None:
        return closed
    ours = ctx.store.campaign(ctx.station.campaign_id)
    if package.campaign_id != ctx.station.campaign_id or ours is None:
        other = ctx.store.campaign(package.campaign_id)
        return refuse(Reason.OTHER_CAMPAIGN, package, package=package.code,
                      other=other.campaign.name if other else "?", campaign=ours.campaign.name if ours else "?")
    names = {"package": package.code, "recipient": ctx.recipient_name(package)}
    if package.withdrawn:
        return refuse(Reason.PACKAGE_WITHDRAWN, package, **names)
    if package.state is PackageState.SEALED:
        return refuse(Reason.LABEL_NEEDS_REPRINT if package.relabel else Reason.PACKAGE_IS_SEALED, package, **names)
    if package.replaced_by is not None:
        return refuse(Reason.PACKAGE_REPLACED, package, replacement=package.replaced_by, **names)
    if package.state is PackageState.VOIDED:
        return refuse(Reason.PACKAGE_IS_VOIDED, package, **names)
    if package.state is PackageState.OPEN:
        assert package.station_id is not None
        if package.station_id != ctx.station.instance_id:
            return refuse(Reason.OPEN_AT_OTHER_STATION, package, station=ctx.store.station_name(package.station_id),
                          **names)
        event = None
        if ctx.store.current_package_id(ctx.station.instance_id) != package.id:
            event = ctx.record(EventType.PACKAGE_OPENED, package.id, {
                "template_id": package.template_id, "campaign_id": package.campaign_id, "resumed": True,
                "station_name": ctx.station.name})
        return Decision(Reason.PACKAGE_RESUMED, names, package, PackageState.OPEN, event=event)
    in_force, holder = ctx.store.lot_holder(package.id)
    if in_force and holder != ctx.station.name:  # several stations: each claims only packages of its own lot
        return refuse(Reason.OUTSIDE_LOT, package, station=holder or _("none (it is in no station's lot)"), **names)
    template_id = ctx.store.current_template_id(package.campaign_id)
    if template_id is None:
        return refuse(Reason.NO_TEMPLATE, package, campaign=ours.campaign.name)
    event = ctx.record(EventType.PACKAGE_OPENED, package.id, {
        "template_id": template_id, "campaign_id": package.campaign_id, "resumed": False,
        "station_name": ctx.station.name})
    return Decision(Reason.PACKAGE_OPENED, names, package, PackageState.OPEN, event=event)


# -- contents ----------------------------------------------------------------------------------------------


def count_item(ctx: Context, barcode: str) -> Decision:
    package = ctx.current()
    if package is None:
        return refuse(Reason.NO_PACKAGE_OPEN)
    closed = closed_problem(ctx, package)
    if closed is not None:
        return closed
    item = ctx.store.item_by_barcode(barcode)
    if item is None:
        return refuse(Reason.UNKNOWN_ITEM, package, code=barcode)
    rules = ctx.campaign_of(package).campaign.rules
    if item.category in rules.forbidden_categories:
        return refuse(Reason.CATEGORY_FORBIDDEN, package, item=item.name, category=item.category)
    assert package.template_id is not None
    template = ctx.store.template(package.template_id)
    contents = ctx.store.contents(package.id)
    placement = checklist.place_item(template, contents, item.id)
    if placement.problem is PlacementProblem.NOT_IN_TEMPLATE or placement.line_no is None:
        return refuse(Reason.NOT_IN_TEMPLATE, package, item=item.name)
    line = next(line for line in template.lines if line.line_no == placement.line_no)
    if placement.problem is PlacementProblem.LINE_FULL:
        main = ctx.store.items([line.item_id]).get(line.item_id)
        return refuse(Reason.LINE_FULL, package, line=line.line_no, expected=main.name if main else "?",
                      quantity=line.quantity, item=item.name)
    event = ctx.record(EventType.ITEM_SCANNED, package.id,
                       {"barcode": barcode, "item_id": item.id, "line_no": line.line_no})
    per_line = dict(contents.get(line.line_no, {}))
    per_line[item.id] = per_line.get(item.id, 0) + 1
    state = checklist.line_state(line, {line.line_no: per_line})
    return Decision(Reason.ITEM_COUNTED, {"item": item.name, "scanned": state.scanned, "quantity": line.quantity,
                                          "line": line.line_no}, package, PackageState.OPEN, state, event)


def enclose_letter(ctx: Context, code: str) -> Decision:
    package = ctx.current()
    if package is None:
        return refuse(Reason.NO_PACKAGE_OPEN)
    closed = closed_problem(ctx, package)
    if closed is not None:
        return closed
    letter = ctx.store.letter_by_code(code)
    if letter is None:
        return refuse(Reason.UNKNOWN_LETTER, package, code=code)
    if not ctx.campaign_of(package).campaign.rules.letters_allowed:
        return refuse(Reason.LETTERS_NOT_ALLOWED, package)
    if letter.recipient_id != package.recipient_id:
        other = ctx.store.recipient(letter.recipient_id)
        return refuse(Reason.LETTER_OTHER_RECIPIENT, package, other=other.full_name if other else "?",
                      recipient=ctx.recipient_name(package), letter=code)
    if letter.enclosed_in is not None:
        holder = ctx.store.package(package_id=letter.enclosed_in)
        return refuse(Reason.LETTER_ALREADY_ENCLOSED, package, letter=code, package=holder.code if holder else "?")
    event = ctx.record(EventType.LETTER_ENCLOSED, package.id, {"letter_id": letter.id, "code": code})
    return Decision(Reason.LETTER_ENCLOSED, {"letter": code}, package, PackageState.OPEN, event=event)


def undo_last(ctx: Context) -> Decision:
    package = ctx.current()
    if package is None:
        return refuse(Reason.NO_PACKAGE_OPEN)
    closed = closed_problem(ctx, package)
    if closed is not None:
        return closed
    scan = ctx.store.last_live_scan(package.id)
    if scan is None:
        return refuse(Reason.NOTHING_TO_UNDO, package, package=package.code)
    event = ctx.record(EventType.SCAN_UNDONE, package.id, {
        "undone": scan.event_id, "kind": scan.kind, "line_no": scan.line_no, "item_id": scan.item_id,
        "letter_id": scan.letter_id})
    if scan.kind == "letter":
        letter = next((x for x in ctx.store.letters_of_recipient(package.recipient_id) if x.id == scan.letter_id),
                      None)
        return Decision(Reason.SCAN_UNDONE, {"kind": "letter", "letter": letter.code if letter else "?"},
                        package, PackageState.OPEN, event=event)
    assert package.template_id is not None and scan.item_id is not None
    template = ctx.store.template(package.template_id)
    line = next(line for line in template.lines if line.line_no == scan.line_no)
    item = ctx.store.items([scan.item_id]).get(scan.item_id)
    state = checklist.line_state(line, ctx.store.contents(package.id))
    return Decision(Reason.SCAN_UNDONE, {"kind": "item", "item": item.name if item else "?", "line": line.line_no},
                    package, PackageState.OPEN, state, event)


# -- weight and seal ---------------------------------------------------------------------------------------


def _valid_weight(weight_g: object) -> bool:
    return isinstance(weight_g, int) and not isinstance(weight_g, bool) and weight_g > 0


def expected_weight(ctx: Context, package: PackageRecord) -> int:
    contents = ctx.store.contents(package.id)
    weights = {item_id: item.unit_weight_g
               for item_id, item in ctx.store.items(list(checklist.item_totals(contents))).items()}
    return checklist.expected_weight(contents, weights, ctx.campaign_of(package).campaign.rules.box_tare_g)


def enter_weight(ctx: Context, weight_g: int) -> Decision:
    package = ctx.current()
    if package is None:
        return refuse(Reason.NO_PACKAGE_OPEN)
    closed = closed_problem(ctx, package)
    if closed is not None:
        return closed
    if not _valid_weight(weight_g):
        return refuse(Reason.INVALID_WEIGHT, package)
    expected = expected_weight(ctx, package)
    wrong = weight_problem(ctx, package, weight_g, expected)
    if wrong is not None:  # refused when entered, not only at sealing: the packer sees it while the box is open
        return wrong
    event = ctx.record(EventType.WEIGHT_ENTERED, package.id, {"weight_g": weight_g})
    return Decision(Reason.WEIGHT_ENTERED, {"weight": weight_g, "expected": expected},
                    package, PackageState.OPEN, event=event)


def weight_problem(ctx: Context, package: PackageRecord, weight: int | None, expected: int) -> Decision | None:
    """Why a package of this weight (None: not weighed, judged by `expected`) cannot be sealed: over the
    campaign's maximum, or too far from what its contents weigh."""
    rules = ctx.campaign_of(package).campaign.rules
    judged = weight if weight is not None else expected
    if rules.max_package_weight_g is not None and judged > rules.max_package_weight_g:
        return refuse(Reason.WEIGHT_OVER_MAXIMUM, package, weight=judged, maximum=rules.max_package_weight_g)
    if weight is not None and abs(weight - expected) > rules.weight_tolerance_g:
        return refuse(Reason.WEIGHT_OUT_OF_TOLERANCE, package, weight=weight, expected=expected,
                      tolerance=rules.weight_tolerance_g)
    return None


def seal(ctx: Context, weight_g: int | None = None) -> Decision:
    """Seal the open package: every required line met, the letter rule kept, the weight plausible.

    Without a weighing the expected weight is held against the campaign maximum instead, so a package that
    must be too heavy is never sealed just because nobody weighed it.
    """
    package = ctx.current()
    if package is None:
        return refuse(Reason.NO_PACKAGE_OPEN)
    closed = closed_problem(ctx, package)
    if closed is not None:
        return closed
    if weight_g is not None and not _valid_weight(weight_g):
        return refuse(Reason.INVALID_WEIGHT, package)
    assert package.template_id is not None
    packing = ctx.campaign_of(package)
    rules = packing.campaign.rules
    states = checklist.line_states(ctx.store.template(package.template_id), ctx.store.contents(package.id))
    missing = checklist.missing_required(states)
    if missing:
        return refuse(Reason.REQUIRED_LINES_MISSING, package, count=len(missing),
                      lines=", ".join(str(state.line_no) for state in missing))
    if rules.letters_allowed and packing.letters_must_be_enclosed:
        for letter in ctx.store.letters_of_recipient(package.recipient_id):
            if letter.received and letter.enclosed_in != package.id:
                return refuse(Reason.LETTER_NOT_ENCLOSED, package, letter=letter.code,
                              recipient=ctx.recipient_name(package))
    expected = expected_weight(ctx, package)
    weight = weight_g if weight_g is not None else package.weight_g
    wrong = weight_problem(ctx, package, weight, expected)
    if wrong is not None:
        return wrong
    event = ctx.record(EventType.PACKAGE_SEALED, package.id, {"weight_g": weight, "expected_weight_g": expected,
                                                              "rules_version": packing.campaign.rules_version})
    return Decision(Reason.PACKAGE_SEALED, {"package": package.code, "recipient": ctx.recipient_name(package)},
                    package, PackageState.SEALED, event=event)


# -- after sealing -----------------------------------------------------------------------------------------


def void(ctx: Context, code: str, reason: str) -> Decision:
    """A supervisor voids a sealed package that is in no carton or batch; the projections return its items to
    stock."""
    if not ctx.user.can_supervise:
        return refuse(Reason.NOT_SUPERVISOR, user=ctx.user.name)
    reason = clean(reason)
    if not reason:
        return refuse(Reason.VOID_REASON_REQUIRED)
    package = ctx.store.package(code=code)
    if package is None:
        return refuse(Reason.UNKNOWN_PACKAGE, code=code)
    closed = closed_problem(ctx, package)
    if closed is not None:
        return closed
    if package.state is PackageState.VOIDED:
        return refuse(Reason.PACKAGE_IS_VOIDED, package, package=package.code)
    if package.state is not PackageState.SEALED:
        return refuse(Reason.PACKAGE_NOT_SEALED, package, package=package.code)
    place = ctx.store.handover_place(package.id)
    if place is not None:  # a carton or batch still counts it: the manifest would list a voided package
        return refuse(Reason.PACKAGE_IN_HANDOVER, package, package=package.code, place=place)
    event = ctx.record(EventType.PACKAGE_VOIDED, package.id, {"reason": reason})
    return Decision(Reason.PACKAGE_VOIDED, {"package": package.code, "reason": reason}, package,
                    PackageState.VOIDED, event=event)
