"""The last few events of a package, as short lines a packer can read ("10:42:07  Olena  Tea → line 3")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from models.core.events import Event, EventType
from models.core.i18n import N_, _
from models.packing.labels_printed import copy_mark
from models.packing.package_view import PackageView


def item_names(view: PackageView) -> dict[int, str]:
    """Item id -> name, for every item the checklist names (main items and substitutes)."""
    names: dict[int, str] = {}
    for line in view.lines:
        names[line.state.item_id] = line.item_name
        names.update(zip(line.state.substitutes, line.substitute_names, strict=False))
    return names


def local_time(at: str) -> str:
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return at


def describe(event: Event, names: Mapping[int, str]) -> str:
    payload: Mapping[str, Any] = event.payload
    item = names.get(payload.get("item_id") or -1, str(payload.get("barcode", "?")))
    kind = event.event_type
    if kind is EventType.PACKAGE_OPENED:
        return _("Packing continued") if payload.get("resumed") else _("Package opened")
    if kind is EventType.ITEM_SCANNED:
        return _("{item} → line {line}").format(item=item, line=payload.get("line_no", "?"))
    if kind is EventType.LETTER_ENCLOSED:
        return _("Letter {code} enclosed").format(code=payload.get("code", "?"))
    if kind is EventType.SCAN_UNDONE:
        if payload.get("kind") == "letter":
            return _("Undone: the letter was taken out")
        return _("Undone: {item} off line {line}").format(item=item, line=payload.get("line_no", "?"))
    if kind is EventType.WEIGHT_ENTERED:
        return _("Weighed: {weight} g").format(weight=payload.get("weight_g", "?"))
    if kind is EventType.PACKAGE_SEALED:
        return _("Sealed")
    if kind is EventType.PACKAGE_VOIDED:
        return _("Voided: {reason}").format(reason=payload.get("reason", ""))
    if kind is EventType.LABEL_PRINTED:
        mark = copy_mark(int(payload.get("copy", 1) or 1))  # what the label itself says
        return _("Label printed") if mark == 0 else _("Label reprinted (COPY {copy})").format(copy=mark)
    return _handover(kind, payload) or _("Other event: {type}").format(type=event.type)


def _handover(kind: EventType | None, payload: Mapping[str, Any]) -> str | None:
    """The package's way out: cartons, batches, the other side's receipt, a supervisor's decision."""
    if kind is EventType.PUT_IN_CARTON:
        return _("Put into carton {code}").format(code=payload.get("carton", "?"))
    if kind is EventType.REMOVED_FROM_CARTON:
        return _("Taken out of carton {code}").format(code=payload.get("carton", "?"))
    if kind is EventType.BATCHED:
        return _("Put into batch {code}").format(code=payload.get("batch", "?"))
    if kind is EventType.REMOVED_FROM_BATCH:
        return _("Taken out of batch {code}").format(code=payload.get("batch", "?"))
    if kind is EventType.RECEIVED:
        from models.handover.receiving_records import STATUS_NAMES, ReceiptStatus  # rare at a station

        status = payload.get("status", "")
        try:
            shown = _(STATUS_NAMES[ReceiptStatus(status)])
        except ValueError:
            shown = str(status)
        return _("Checked in by the receiving side: {status}").format(status=shown)
    if kind is EventType.WORK_SET_ASIDE:
        return _("Work set aside by a supervisor's decision")
    return _life(kind, payload) or _batch(kind, payload)


_OUTCOMES = {"accepted": N_("the list's change accepted"), "rejected": N_("the list's change rejected"),
             "kept": N_("kept although not on the list"), "withdrawn": N_("withdrawn, not on the list")}


def _life(kind: EventType | None, payload: Mapping[str, Any]) -> str | None:
    """What a corrected list and a replacement did to the package."""
    if kind is EventType.PACKAGE_WITHDRAWN:
        return _("Withdrawn: not on list version {version}").format(version=payload.get("list_version", "?"))
    if kind is EventType.PACKAGE_REINSTATED:
        return _("Back on list version {version}").format(version=payload.get("list_version", "?"))
    if kind is EventType.LIST_DECISION:
        outcome = str(payload.get("outcome", ""))
        return _("Supervisor's decision: {outcome}").format(outcome=_(_OUTCOMES.get(outcome, outcome)))
    if kind is EventType.PACKAGE_REISSUED:
        return _("Replaced by package {code}").format(code=payload.get("replacement_code", "?"))
    return _sign_in(kind, payload)


def _sign_in(kind: EventType | None, payload: Mapping[str, Any]) -> str | None:
    """Wrong PINs and unlocks: the journal's view of sign-in (no package has them, the journal shows them)."""
    if kind is EventType.PIN_REFUSED:
        if payload.get("locked"):
            return _("Wrong PIN ({count} in a row): the user is locked").format(count=payload.get("failures", "?"))
        return _("Wrong PIN ({count} in a row)").format(count=payload.get("failures", "?"))
    if kind is EventType.USER_UNLOCKED:
        return _("User unlocked by {name}").format(name=payload.get("by", "?"))
    return None


_BATCH_TEXTS: dict[EventType, str] = {
    EventType.CARTON_CREATED: N_("Carton {code} made"),
    EventType.BATCH_CREATED: N_("Batch {code} made"),
    EventType.BATCH_DETAILS_SET: N_("Handover details of batch {code} set"),
    EventType.BATCH_CLOSED: N_("Batch {code} closed: its manifest is fixed"),
    EventType.BATCH_REOPENED: N_("Batch {code} opened again"),
    EventType.HANDED_OVER: N_("Batch {code} signed: handed over"),
    EventType.BATCH_CORRECTION: N_("Batch {code} opened for a correction"),
    EventType.MANIFEST_ATTACHED: N_("Signed sheet of batch {code} attached"),
}


def _batch(kind: EventType | None, payload: Mapping[str, Any]) -> str | None:
    text = _BATCH_TEXTS.get(kind) if kind is not None else None
    if text is None:
        return None
    code = payload.get("carton" if kind is EventType.CARTON_CREATED else "batch", "?")
    return _(text).format(code=code)


def event_lines(view: PackageView) -> list[str]:
    """Newest first, as the view holds them."""
    names = item_names(view)
    return [f"{local_time(event.at)}  {event.user}  {describe(event, names)}" for event in view.recent_events]
