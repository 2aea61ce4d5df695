"""Texts shared by the campaign screens: event descriptions, times and numbers as the UI language writes them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale

from models.campaigns.queries import PackageEvent
from models.core.i18n import N_, _, current_language

EVENT_LABELS: dict[str, str] = {
    "package_opened": N_("Opened"),
    "item_scanned": N_("Item scanned"),
    "letter_enclosed": N_("Letter enclosed"),
    "scan_undone": N_("Scan undone"),
    "weight_entered": N_("Weighed"),
    "package_sealed": N_("Sealed"),
    "package_voided": N_("Voided"),
    "label_printed": N_("Label printed"),
    "put_in_carton": N_("Put into a carton"),
    "batched": N_("Put into a batch"),
    "handed_over": N_("Handed over"),
    "received": N_("Received"),
    "package_withdrawn": N_("Withdrawn: not on the list"),
    "package_reinstated": N_("Back on the list"),
    "list_decision": N_("A supervisor's decision on the list"),
    "package_reissued": N_("Replaced by a new package"),
}


def locale() -> QLocale:
    languages = {"ru": QLocale.Language.Russian, "uk": QLocale.Language.Ukrainian}
    return QLocale(languages.get(current_language(), QLocale.Language.English))


def format_number(value: int | float, decimals: int = 0) -> str:
    """Thousands grouped and decimals as the UI language writes them (2,000.5 / 2 000,5)."""
    if decimals == 0:
        return locale().toString(int(round(value)))
    return locale().toString(float(value), "f", decimals)


def format_time(iso: str) -> str:
    """A stored UTC timestamp in local time, dd.mm.yyyy hh:mm."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def event_text(event: PackageEvent) -> str:
    """What happened, in a few words."""
    label = _(EVENT_LABELS.get(event.type, event.type)) if event.type in EVENT_LABELS else event.type
    payload = event.payload
    if event.type == "item_scanned" and event.item_name:
        return f"{label}: {event.item_name}"
    if event.type == "scan_undone" and event.item_name:
        return f"{label}: {event.item_name}"
    if event.type == "letter_enclosed":
        return f"{label}: {payload.get('code', '')}"
    if event.type in ("weight_entered", "package_sealed") and payload.get("weight_g"):
        return _("{event}: {weight} g").format(event=label, weight=format_number(payload["weight_g"]))
    if event.type == "package_voided":
        return _("{event}: {reason}").format(event=label, reason=payload.get("reason", ""))
    if event.type == "label_printed" and payload.get("copy", 1) > 1:
        return _("{event}: copy {copy}").format(event=label, copy=payload["copy"])
    return label
