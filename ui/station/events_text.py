"""The last few events of a package, as short lines a packer can read ("10:42:07  Olena  Tea → line 3")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from models.core.events import Event, EventType
from models.core.i18n import _
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
        return _("Label printed (copy {copy})").format(copy=payload.get("copy", "?"))
    return event.type


def event_lines(view: PackageView) -> list[str]:
    """Newest first, as the view holds them."""
    names = item_names(view)
    return [f"{local_time(event.at)}  {event.user}  {describe(event, names)}" for event in view.recent_events]
