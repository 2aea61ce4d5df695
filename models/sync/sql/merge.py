"""The hub's merge of one station's new events, inside the import's transaction.

Each new event is either merged (inserted into the journal at the next position and applied with the effect of
the projection code of a local event: `bulk_projections`, held to `projections.apply` by a test) or held. A
package's events are merged from one station only, its *owner*: the station whose opening of it the hub merged
first, or the station a supervisor's resolution kept. Another station's events for that package are held
verbatim in `sync_held_events` and the package is flagged: the projections key everything by package, so
merging two stations' work on one package would mix two boxes' contents into one. Held events are merged (the
merged work set aside first, a `work_set_aside` event) or left aside when a supervisor resolves the conflict
(`models.sync.sql.resolve`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from models.core.event_payloads import PayloadRefused, payload_problem
from models.core.events import EventType
from models.packing.sql import rule_checks
from models.storage.database import Database, sqlite3
from models.sync.sql import bulk_projections, conflicts_repo, sync_repo
from models.sync.sql.sync_repo import RawEvent

RESOLVED_EVENT = "conflict_resolved"


def _written() -> None:
    """Nothing to wait for: the journal is written."""


def _in_thread(work: Callable[[], None]) -> Callable[[], None]:
    """Start `work` in a thread; the function returned waits for it to end and raises what it raised."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
            failure.append(error)

    thread = threading.Thread(target=run, name="journal-writer")
    thread.start()

    def wait() -> None:
        thread.join()
        if failure:
            raise failure[0]
    return wait


@dataclass
class MergeOutcome:
    merged: int = 0
    held: int = 0
    packages: set[int] = field(default_factory=set)
    """Packages whose merged work changed."""
    newly_flagged: list[int] = field(default_factory=list)
    held_events: list[RawEvent] = field(default_factory=list)
    handed_over: dict[int, str] = field(default_factory=dict)
    """Packages on a closed or signed manifest (their batch) whose handover a station's events would change."""
    clashes: dict[int, str] = field(default_factory=dict)
    """Packages a station put into a carton or batch whose code the hub has for another one (that code)."""
    clashing_codes: set[str] = field(default_factory=set)
    """Carton and batch codes of the station's whose events are held: the hub has them for other things."""


GUARDED_TYPES = frozenset({EventType.PUT_IN_CARTON.value, EventType.REMOVED_FROM_CARTON.value,
                           EventType.BATCHED.value, EventType.REMOVED_FROM_BATCH.value,
                           EventType.PACKAGE_VOIDED.value, EventType.WORK_SET_ASIDE.value})
"""What would change a closed or signed manifest's package: moving it between cartons and batches, voiding it."""

CREATING_TYPES = frozenset({EventType.CARTON_CREATED.value, EventType.BATCH_CREATED.value})
CODE_TYPES = CREATING_TYPES | {EventType.PUT_IN_CARTON.value, EventType.REMOVED_FROM_CARTON.value,
                               EventType.BATCHED.value, EventType.REMOVED_FROM_BATCH.value,
                               EventType.BATCH_DETAILS_SET.value, EventType.BATCH_CLOSED.value,
                               EventType.BATCH_REOPENED.value, EventType.HANDED_OVER.value,
                               EventType.BATCH_CORRECTION.value, EventType.MANIFEST_ATTACHED.value,
                               EventType.RECEIVED.value}
"""Events that name a carton or a batch by its code (payload `carton`, `batch`)."""


def clashing_codes(db: Database, rows: Sequence[tuple[Any, ...]]) -> set[str]:
    """Codes of cartons and batches these events create that the hub already has for another: never merged
    into the hub's (a station issued a code that is not its own: one from before code blocks, or a forged
    file); the station's events naming them are held."""
    created = [json.loads(row[7]) for row in rows if row[6] in CREATING_TYPES]
    codes = [str(payload.get("carton") or payload.get("batch")) for payload in created if isinstance(payload, dict)]
    return conflicts_repo.taken_codes(db, codes) if codes else set()


def _codes_named(type_: str, payload_text: str) -> set[str]:
    payload = json.loads(payload_text) if type_ in CODE_TYPES else None
    if not isinstance(payload, dict):
        return set()
    return {str(payload[key]) for key in ("carton", "batch") if payload.get(key) is not None}


def handed_over(db: Database, package_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """{package id: (batch code, the station that made the batch)} of these packages that are on a closed or
    signed manifest at the hub: only the batch's own station goes on changing it (in its own order)."""
    return {package_id: (batch, station or "") for package_id, batch, station in db.execute(
        "SELECT h.package_id, b.code, (SELECT e.station_id FROM events e WHERE e.type = 'batch_created' AND "
        "json_extract(e.payload, '$.batch') = b.code LIMIT 1) FROM package_handover h "
        "JOIN batches b ON b.code = h.batch_code WHERE b.state IN ('closed', 'signed') "
        "AND h.package_id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(set(package_ids)))])}


def owners(db: Database, package_ids: Iterable[int]) -> dict[int, str]:
    """Which station's work the hub's journal holds, of these packages."""
    wanted = set(package_ids)
    found: dict[int, str] = dict(db.execute(
        "SELECT package_id, station_id FROM package_state WHERE package_id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(wanted))]).fetchall())
    # Resolutions through the conflicts that name them (the journal's index on ids, not a scan of every event).
    for package_id, kept in db.execute(
            "SELECT e.package_id, json_extract(e.payload, '$.kept_station') FROM sync_conflicts c "
            "JOIN events e ON e.id = c.resolution_event WHERE c.kind = 'two_stations' ORDER BY e.pos"):
        if kept and package_id in wanted:
            found[package_id] = str(kept)
    return found


@dataclass(frozen=True)
class JournalText:
    """The events given to `merge` as SQLite reads them into the journal (`sync_repo.append_json`)."""

    text: bytes
    path: str
    first: int
    """The index in the text of the first event given to `merge` (those before it the hub has)."""


class MergeRefused(Exception):
    """An event breaks a constraint of the journal (its id is there already, say); the text is SQLite's."""


def merge(db: Database, rows: Sequence[tuple[Any, ...]], journal: JournalText | None = None) -> MergeOutcome:
    """Merge or hold `rows` (new events of one station as `RawEvent` fields, in sequence order), then flag what
    needs a supervisor.

    With `journal`, SQLite writes the merged events into the journal from that text in a thread of its own
    while the projections are worked out in memory here (they do not read the journal): the two run on both
    cores. MergeRefused, KeyError, TypeError or ValueError: an event cannot be merged."""
    try:
        return _merge(db, rows, journal)
    except sqlite3.IntegrityError as error:
        raise MergeRefused(str(error)) from None


def _merge(db: Database, rows: Sequence[tuple[Any, ...]], journal: JournalText | None) -> MergeOutcome:
    outcome = MergeOutcome()
    station = rows[0][1] if rows else ""
    owner = owners(db, {row[5] for row in rows if row[5] is not None})
    guarded = {package_id: batch for package_id, (batch, maker) in handed_over(
        db, {row[5] for row in rows if row[5] is not None and row[6] in GUARDED_TYPES}).items() if maker != station}
    position = sync_repo.max_pos(db)
    bulk = bulk_projections.BulkApply(db, bulk_projections.package_ids(rows))
    checklists = rule_checks.Checklists.load(db)
    # Merged events take the next positions, position + 1 onwards, in this order (the journal's rowid). When no
    # package of the file is another station's, none of its events is held: the journal is written at once.
    outcome.clashing_codes = clashing_codes(db, rows)
    at_once = (journal is not None and all(holder == station for holder in owner.values()) and not guarded
               and not outcome.clashing_codes)
    wait = _journal_in_thread(db, journal, station, [], position, len(rows)) if journal and at_once else _written
    try:
        to_merge, contested = _split(rows, owner, outcome, guarded)
        if journal is None or not to_merge:
            sync_repo.append(db, to_merge, position)
        elif not at_once:
            skip = [journal.first + e.seq - rows[0][2] for e in outcome.held_events]
            wait = _journal_in_thread(db, journal, station, skip, position, len(to_merge))
        # One parse for every payload (a call of json.loads per event costs more than the projections' SQL).
        payloads = json.loads("[" + ",".join([row[7] for row in to_merge]) + "]")
        _check_payloads(to_merge, payloads, outcome.held_events)
        positions = range(position + 1, position + 1 + len(to_merge))
        # In bulk, with the effect of `projections.apply` on each event in turn (a test holds the two together).
        bulk.apply(zip(positions, to_merge, payloads, strict=True), wait, check=payload_problem)
        # The rules on the merged packages as they are in memory, while the journal may still be written.
        contents = bulk.contents(outcome.packages)
        problems = checklists.problems(contents) if contents is not None else None
        bulk.flush()
    finally:
        wait()
    if problems is None:
        problems = rule_checks.rule_problems(db, outcome.packages, checklists)
    enclosed = EventType.LETTER_ENCLOSED.value
    letters: list[tuple[int, int]] = [(row[5], int(payload["letter_id"]))
                                      for row, payload in zip(to_merge, payloads, strict=True)
                                      if row[6] == enclosed and row[5] is not None]
    sync_repo.hold(db, outcome.held_events)
    outcome.merged, outcome.held = len(to_merge), len(outcome.held_events)
    for package_id, stations in contested.items():
        if conflicts_repo.flag_two_stations(db, package_id, stations):
            outcome.newly_flagged.append(package_id)
    for package_id, batch in outcome.handed_over.items():
        if conflicts_repo.flag_handover(db, package_id, station, batch):
            outcome.newly_flagged.append(package_id)
    for package_id, code in outcome.clashes.items():
        if conflicts_repo.flag_code_clash(db, package_id, station, code):
            outcome.newly_flagged.append(package_id)
    for package_id, letter_id in letters:
        problem = conflicts_repo.letter_problem(db, package_id, letter_id)
        if problem is not None:
            problems.setdefault(package_id, []).append(problem)
    for package_id, found in sorted(problems.items()):
        if conflicts_repo.flag_rule(db, package_id, station, found):
            outcome.newly_flagged.append(package_id)
    return outcome


def _check_payloads(to_merge: Sequence[tuple[Any, ...]], payloads: Sequence[Any], held: Sequence[RawEvent]) -> None:
    """The merged events' payloads are checked as they are applied (`BulkApply.apply`); here that they parsed one
    by one, and the held events' (merged when a supervisor keeps their station's work)."""
    if len(payloads) != len(to_merge):
        raise ValueError("the payloads do not parse one by one")
    for event in held:
        problem = payload_problem(event.type, json.loads(event.payload))
        if problem is not None:
            raise PayloadRefused(event.seq, problem)


def _split(rows: Sequence[tuple[Any, ...]], owner: dict[int, str], outcome: MergeOutcome,
           guarded: dict[int, str]) -> tuple[list[tuple[Any, ...]], dict[int, list[str]]]:
    """The events to merge; those to hold go to `outcome.held_events`, their packages' stations to the second
    result; the packages of merged events to `outcome.packages`. An event that would change the handover of a
    package on a closed or signed manifest (`guarded`: its batch) is held, and the package to
    `outcome.handed_over`."""
    to_merge: list[tuple[Any, ...]] = []
    contested: dict[int, list[str]] = {}
    opened = EventType.PACKAGE_OPENED.value
    merge_one, hold_one, touch = to_merge.append, outcome.held_events.append, outcome.packages.add
    clashing = set(outcome.clashing_codes)
    for row in rows:
        # (id, station id, seq, at, user, package id, type, payload, schema version): unpacked, not read by
        # attribute, as this runs for every event of a file.
        _id, station_id, _seq, _at, _user, package_id, type_, payload, _version = row
        if clashing and type_ in CODE_TYPES and (named := _codes_named(type_, payload)) & clashing:
            clashing |= named  # the station's batch of a clashing carton is held too, and so on
            hold_one(RawEvent(*row))
            if package_id is not None:
                # named for the code the hub has, where the event names one (else the station's code it held)
                outcome.clashes.setdefault(package_id, min((named & outcome.clashing_codes) or named))
            continue
        if package_id is not None and package_id in guarded and type_ in GUARDED_TYPES:
            hold_one(RawEvent(*row))
            outcome.handed_over[package_id] = guarded[package_id]
            continue
        if package_id is not None:
            holder = owner.get(package_id)
            if holder is None and type_ == opened:
                owner[package_id] = holder = station_id
            if holder is not None and holder != station_id:
                hold_one(RawEvent(*row))
                contested.setdefault(package_id, [holder])
                if station_id not in contested[package_id]:
                    contested[package_id].append(station_id)
                continue
            touch(package_id)
        merge_one(row)
    return to_merge, contested


def _journal_in_thread(db: Database, journal: JournalText, station: str, skip: list[int], position: int,
                       count: int) -> Callable[[], None]:
    return _in_thread(lambda: sync_repo.append_json(db, station, journal.text, journal.path, journal.first, skip,
                                                    position, count))
