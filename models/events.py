"""The event journal's vocabulary: what an event is and which kinds exist.

Every operational fact is an immutable event (DESIGN.md section 2): who did what, at which station, when,
to which package. Package state, contents, stock consumption and station queues are derived from events;
undoing something is a new, compensating event, never a deletion. The SQL side is
`models.storage.events_repo` (append, read) and `models.storage.projections` (derived tables).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ulid import ULID


class EventType(enum.StrEnum):
    PACKAGE_OPENED = "package_opened"
    """Claim (first open) or resumption of a package at a station; payload: template_id, campaign_id, resumed."""
    ITEM_SCANNED = "item_scanned"
    """An item counted toward a checklist line; payload: barcode, item_id, line_no."""
    LETTER_ENCLOSED = "letter_enclosed"
    """A family letter put into the package; payload: letter_id, code."""
    SCAN_UNDONE = "scan_undone"
    """Compensates the last accepted scan; payload: undone (event id), kind, and the undone details."""
    WEIGHT_ENTERED = "weight_entered"
    """The package was weighed; payload: weight_g. Cleared by any later change of contents."""
    PACKAGE_SEALED = "package_sealed"
    """The package is final; payload: weight_g (None when not weighed), expected_weight_g."""
    PACKAGE_VOIDED = "package_voided"
    """A supervisor voided a sealed package; its items return to stock; payload: reason."""
    LABEL_PRINTED = "label_printed"
    """A package label was printed; payload: copy (1 = the original, 2 and up = reprints)."""
    # Recorded by later parts of Packline (cartons, batches, handover, receiving); listed so the names are
    # reserved. The packing projections ignore them.
    PUT_IN_CARTON = "put_in_carton"
    BATCHED = "batched"
    HANDED_OVER = "handed_over"
    RECEIVED = "received"


@dataclass(frozen=True)
class NewEvent:
    """An event about to be recorded: the journal adds id, station, sequence number, time and version."""

    type: EventType
    user: str
    package_id: int | None
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    """A recorded event, exactly as stored."""

    id: str
    station_id: str
    seq: int
    at: str
    user: str
    package_id: int | None
    type: str
    payload: Mapping[str, Any]
    schema_version: int
    pos: int = 0
    """Local journal position (insertion order in this database); replaying in this order rebuilds state."""

    @property
    def event_type(self) -> EventType | None:
        """The known type, or None for a type recorded by a newer Packline."""
        try:
            return EventType(self.type)
        except ValueError:
            return None


def new_event_id() -> str:
    """A ULID: sortable by creation time, unique without coordination between stations."""
    return str(ULID())
