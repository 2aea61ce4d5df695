"""Applying a whole file of events at once (the hub's import), with the effect of `projections.apply` on each.

Split from `projections` because it is a second, faster route to the same tables: a property test
(tests/models/sync/test_sync_bulk_projections.py) holds the two to each other on random journals.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from models.core.event_payloads import PayloadRefused
from models.core.events import Event
from models.handover.sql import projections as handover_projections
from models.packing.sql import projections as packing_projections
from models.packing.sql.projections import HANDLED_TYPES
from models.packing.sql.rule_checks import PackageRows
from models.storage.database import Database
from models.sync.sql.packing_overlay import (
    INT_MAX,
    INT_MIN,
    S_CAMPAIGN,
    S_LAST_POS,
    S_STATE,
    S_TEMPLATE,
    S_WEIGHT,
    Overlay,
    no_wait,
)

Journaled = tuple[int, tuple[Any, ...], Any]
"""An event in the journal: (pos, (id, station id, seq, at, user, package id, type, payload as stored JSON
text, schema version), payload as parsed): the middle one a row as stored, `sync_repo.RawEvent` for one."""

def apply_many(db: Database, events: Iterable[Journaled]) -> None:
    """Apply events already in the journal, in journal order, with the effect of `apply` on each in turn.

    The packing tables of the packages the events touch are read once, changed in memory by the same rules as
    the handlers above, and written back once (one statement per changed row, in executemany batches), instead
    of several statements per event. An event whose values the in-memory rules do not take as they are (a
    value SQLite would convert or refuse: not a 64-bit integer where an id is expected, a missing claim's
    null) goes through `apply` itself, after the changes so far are written. The handover tables are disjoint
    from the packing ones, so handover events go through `apply` as they come. A test holds `apply_many` to
    `apply` event by event on random journals, on top of existing rows."""
    events = list(events)
    bulk = BulkApply(db, package_ids(row for _pos, row, _payload in events))
    bulk.apply(events)
    bulk.flush()


def package_ids(rows: Iterable[tuple[Any, ...]]) -> set[int]:
    """The packages whose packing rows events (as stored: `Journaled`'s middle) may change."""
    return {row[5] for row in rows if row[5] is not None and row[6] in HANDLED_TYPES}


class BulkApply:
    """`apply_many` in steps, so that other work may use the database in between (the hub writes the journal
    meanwhile, `models.sync.sql.merge`): making one reads the packages' rows; `apply` changes them in
    memory, calling `ready` (which waits for that other work to end) before it uses the database again, as
    `flush` does before it writes them back."""

    def __init__(self, db: Database, package_ids: Iterable[int]) -> None:
        self.db = db
        self.overlay = self.first = Overlay(db)
        self.overlay.preload(package_ids)

    def apply(self, events: Iterable[Journaled], ready: Callable[[], None] = no_wait, *,
              check: Callable[[str, Any], str | None] | None = None) -> None:
        """`check` (the hub's import: `event_payloads.payload_problem`): an event whose payload it finds a
        problem with raises `PayloadRefused` instead of being applied. The common item scan whose numbers
        the in-memory rules take as they are passes it by construction and is not asked about."""
        db, overlay = self.db, self.overlay
        overlay.ready = ready
        for pos, (event_id, station_id, seq, at, user, package_id, type_, _text, version), payload in events:
            if (type_ == "item_scanned" and type(package_id) is int and type(pos) is int and type(event_id) is str
                    and type(station_id) is str and type(user) is str and type(at) is str
                    and INT_MIN <= package_id <= INT_MAX and INT_MIN <= pos <= INT_MAX
                    and package_id in overlay.states):
                # Most of a file: `Overlay.apply`'s item_scanned branch, without its calls.
                line_no, item_id = payload["line_no"], payload["item_id"]
                if (type(line_no) is int and type(item_id) is int and INT_MIN <= line_no <= INT_MAX
                        and INT_MIN <= item_id <= INT_MAX):
                    lines = overlay.lines[package_id]
                    key = (line_no, item_id)
                    lines[key] = lines.get(key, 0) + 1
                    overlay.scans[event_id] = (package_id, pos, "item", line_no, item_id, None)
                    overlay.package_scans[package_id].add(event_id)
                    overlay.count_items(package_id, user, 1)
                    state = overlay.states[package_id]
                    if state is not None:
                        state[S_WEIGHT] = None
                        state[S_LAST_POS] = pos
                    continue
            if check is not None and (problem := check(type_, payload)) is not None:
                raise PayloadRefused(seq, problem)
            if package_id is not None and type_ in HANDLED_TYPES:
                if overlay.apply(pos, event_id, station_id, user, at, package_id, type_, payload):
                    continue
                # This one as `apply` does it, on the rows as they are by now; then read them afresh.
                overlay.flush()
                event = Event(event_id, station_id, seq, at, user, package_id, type_, payload, version, pos)
                packing_projections.apply(db, event)
                overlay = Overlay(db)
            elif type_ in handover_projections.HANDOVER_TYPES:
                overlay.ready()
                event = Event(event_id, station_id, seq, at, user, package_id, type_, payload, version, pos)
                handover_projections.apply(db, event)
            # else: what `apply` ignores
        self.overlay = overlay

    def contents(self, package_ids: Collection[int]) -> list[PackageRows] | None:
        """(package id, campaign id, template id, state, contents by line and item) of those packages with a
        state, as `apply` left them; None when some were not kept in memory throughout (read them after `flush`)."""
        overlay = self.overlay
        if overlay is not self.first or any(pid not in overlay.states for pid in package_ids):
            return None
        return [(pid, state[S_CAMPAIGN], state[S_TEMPLATE], state[S_STATE], overlay.lines[pid])
                for pid in package_ids if (state := overlay.states[pid]) is not None]

    def flush(self) -> None:
        """Write the rows back (after `ready`)."""
        self.overlay.flush()
