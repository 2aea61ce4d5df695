"""The life of a handover batch: which actions each state allows.

    open ──close──▶ closed ──sign──▶ signed ──correct──▶ open (version n+1)
      ▲               │
      └────reopen─────┘

An open batch takes packages and cartons; closing fixes its contents as the next manifest version, which can
be printed; a closed batch is reopened to change it, or signed: handed over, immutable, and changed only by a
correction that opens version n+1. The rules (`models.handover.rules`) refuse what this table does not allow,
and the Handover screen enables its buttons from it, so the two never disagree.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from models.handover.records import BatchState


class BatchAction(enum.StrEnum):
    EDIT = "edit"
    """Add or remove packages and cartons."""
    SET_DETAILS = "set_details"
    """Place, time, parties, transport, seals."""
    CLOSE = "close"
    REOPEN = "reopen"
    SIGN = "sign"
    CORRECT = "correct"
    ATTACH = "attach"
    """Attach the scanned signed sheet of the current version."""


ALLOWED: Mapping[BatchState, frozenset[BatchAction]] = {
    BatchState.OPEN: frozenset({BatchAction.EDIT, BatchAction.SET_DETAILS, BatchAction.CLOSE}),
    BatchState.CLOSED: frozenset({BatchAction.SET_DETAILS, BatchAction.REOPEN, BatchAction.SIGN}),
    BatchState.SIGNED: frozenset({BatchAction.CORRECT, BatchAction.ATTACH}),
}


def allowed(state: BatchState, action: BatchAction) -> bool:
    return action in ALLOWED[state]


def has_manifest(state: BatchState, version: int) -> bool:
    """Is there a manifest version to print or export: the batch was closed at least once."""
    return state is not BatchState.OPEN or version > 1
