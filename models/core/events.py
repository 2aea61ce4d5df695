"""The event journal's vocabulary: what an event is and which kinds exist.

Every operational fact is an immutable event (DESIGN.md section 2): who did what, at which station, when,
to which package. Package state, contents, stock consumption and station queues are derived from events;
undoing something is a new, compensating event, never a deletion. The SQL side is
`models.journal.sql.events_repo` (append, read) and `models.journal.sql.projections` (derived tables).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SETTING_INSTANCE_ID = "station.instance_id"
"""The settings key of the identity this database records its events under (`models.packing.station`)."""
SETTING_NAME = "station.name"
"""The settings key of this station's name, as people call it."""


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
    """The package is final; payload: weight_g (None when not weighed), expected_weight_g, rules_version (the
    campaign rules it was checked against)."""
    PACKAGE_VOIDED = "package_voided"
    """A supervisor voided a sealed package; its items return to stock; payload: reason."""
    LABEL_PRINTED = "label_printed"
    """A package label was printed; payload: copy (1 = the original, 2 and up = reprints)."""
    WORK_SET_ASIDE = "work_set_aside"
    """On the hub, resolving a package worked at two stations: the work merged so far is set aside so that
    another station's can be merged instead. The package is as if never opened (a sealed package's items go
    back to stock); the box packed by that work is to be unpacked. Payload: station (whose work), reason."""
    # A package's life across recipient list versions and replacements (issue 14; see models.campaigns.life).
    PACKAGE_WITHDRAWN = "package_withdrawn"
    """A planned package of a person a new list version left out: no label is issued for it and the plan no
    longer counts it; payload: campaign_id, list_version."""
    PACKAGE_REINSTATED = "package_reinstated"
    """A withdrawn package's person is back in a later list version; payload: list_version."""
    LIST_DECISION = "list_decision"
    """A supervisor's decision on what an import could not do alone; payload: decision (id), kind (changed,
    removed), outcome (accepted, rejected, kept, withdrawn), list_version, list_number, changes. An accepted
    change of a labelled package's person flags its label for reprint until the next label_printed."""
    PACKAGE_REISSUED = "package_reissued"
    """A voided package's person got a replacement package; payload: replacement_id, replacement_code,
    reason."""
    # Sign-in (issue 17): no package; `user` is the person whose PIN was tried. No projection reads them: the
    # lock itself is kept in the users table (`models.packing.users`), the journal says what happened.
    PIN_REFUSED = "pin_refused"
    """A wrong PIN for a user; payload: failures (in a row), locked (this one locked the user)."""
    USER_UNLOCKED = "user_unlocked"
    """A supervisor unlocked a user locked by wrong PINs (or gave a new PIN); payload: by, failures."""
    # Recorded by later parts of Packline (cartons, batches, handover, receiving); listed so the names are
    # reserved. The packing projections ignore them.
    PUT_IN_CARTON = "put_in_carton"
    """A sealed package put into a carton; payload: carton."""
    BATCHED = "batched"
    """A package (package_id) or a carton (payload carton, no package) put into a batch; payload: batch."""
    HANDED_OVER = "handed_over"
    """A batch's manifest version was marked signed: the batch is handed over and immutable; payload: batch,
    version."""
    RECEIVED = "received"
    """The receiving side's finding about one code of a batch; payload: batch, code, status (received,
    damaged, missing, extra), cause, note, source."""
    # Cartons, batches and manifests (issue 7); see models.handover.batches. Batch-level events carry no package.
    CARTON_CREATED = "carton_created"
    """payload: carton, campaign_id, number."""
    REMOVED_FROM_CARTON = "removed_from_carton"
    """A package taken out of its carton before its batch was closed; payload: carton."""
    BATCH_CREATED = "batch_created"
    """payload: batch, campaign_id, details (handover details)."""
    BATCH_DETAILS_SET = "batch_details_set"
    """Handover details (place, parties, transport, seals) changed before signing; payload: batch, details."""
    REMOVED_FROM_BATCH = "removed_from_batch"
    """A package (package_id, also leaving its carton) or a carton (payload carton) taken out of an open batch."""
    BATCH_CLOSED = "batch_closed"
    """The batch's contents became manifest version `version`; payload: batch, version, count, sha256,
    events_included."""
    BATCH_REOPENED = "batch_reopened"
    """A closed, unsigned batch opened again for changes; its unsigned manifest version is withdrawn."""
    BATCH_CORRECTION = "batch_correction"
    """A signed batch opened as version n+1 for a correction; payload: batch, version (the new one), reason."""
    MANIFEST_ATTACHED = "manifest_attached"
    """The scanned signed sheet of a manifest version, kept beside the database; payload: batch, version,
    file, sha256."""


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
    from ulid import ULID  # imported when an event is first made: a read-only command never pays for it

    return str(ULID())
