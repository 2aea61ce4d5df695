"""What the packing projections read from each event's payload, and of which JSON type.

Packline writes these payloads itself; an events file from another station is checked against them before the
hub merges it (`models.sync.sql.merge`). A value of another type (a line number as text, a fraction, a
number past SQLite's integers) is refused rather than applied: SQLite would convert some of them on the way
into a table, and the journal replayed (`models.journal.sql.rebuild`) would then not give the same rows.
"""

from __future__ import annotations

from typing import Any

from models.core.events import EventType
from models.core.i18n import N_, _

INT_MIN, INT_MAX = -2**63, 2**63 - 1

_INT, _OPTIONAL_INT, _TEXT = N_("a whole number"), N_("a whole number or nothing"), N_("text")

FIELDS: dict[str, dict[str, str]] = {
    EventType.PACKAGE_OPENED.value: {"campaign_id": _INT, "template_id": _INT},
    EventType.ITEM_SCANNED.value: {"line_no": _INT, "item_id": _INT},
    EventType.LETTER_ENCLOSED.value: {"letter_id": _INT},
    EventType.SCAN_UNDONE.value: {"undone": _TEXT},
    EventType.WEIGHT_ENTERED.value: {"weight_g": _OPTIONAL_INT},
    EventType.LABEL_PRINTED.value: {"copy": _INT},
}
"""Fields each event type must have."""
OPTIONAL: dict[str, dict[str, str]] = {
    EventType.PACKAGE_SEALED.value: {"weight_g": _OPTIONAL_INT, "expected_weight_g": _OPTIONAL_INT,
                                     "rules_version": _INT},
    EventType.PACKAGE_VOIDED.value: {"reason": _TEXT},
}
"""Fields an event type may leave out."""


class PayloadRefused(ValueError):
    """An event's payload is not what the projections read (`payload_problem`)."""

    def __init__(self, seq: int, problem: str) -> None:
        super().__init__(f"event {seq}: {problem}")
        self.seq, self.problem = seq, problem


def _is(kind: str, value: Any) -> bool:
    if kind == _TEXT:
        return type(value) is str
    if value is None:
        return kind == _OPTIONAL_INT
    return type(value) is int and INT_MIN <= value <= INT_MAX


def payload_problem(type_: str, payload: Any) -> str | None:
    """What is wrong with a payload the projections read ("line_no is not a whole number"), or None. Types the
    projections do not read pass."""
    if type(payload) is not dict:
        return _("its details are not a JSON object")
    for field, kind in FIELDS.get(type_, {}).items():
        if field not in payload:
            return _("{field} is missing").format(field=field)
        if not _is(kind, payload[field]):
            return _("{field} is not {kind}").format(field=field, kind=_(kind))
    for field, kind in OPTIONAL.get(type_, {}).items():
        if field in payload and not _is(kind, payload[field]):
            return _("{field} is not {kind}").format(field=field, kind=_(kind))
    return None
