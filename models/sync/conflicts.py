"""Conflicts: packages worked at two stations, or whose merged scans break a rule.

The hub flags them after each import (`models.sync.sql.merge`); a flagged package is kept out of batches
and manifests (`is_flagged`, `flagged_package_ids`: the handover code asks these) until a supervisor
resolves the conflict with compensating events. Timestamps never decide: the supervisor chooses.

- Two stations: choose which station's work stands. Keeping the work the hub already merged sets the other
  stations' held events aside. Keeping a held station's work records a `work_set_aside` event (the package
  as if never opened; a sealed one's items back to stock: its box is to be unpacked) and merges the held
  events. Not while the package is in a carton or a batch: it is taken out first.
- Rule broken: accept the work as it is, or void the sealed package (its items go back to stock).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.campaigns.sql import reference_repo as repo
from models.core.errors import NotFound, RefusedInput
from models.core.events import EventType
from models.core.i18n import N_, _, ngettext
from models.journal.sql.stations import station_names
from models.packing.sql.packing_store import handover_place
from models.packing.users import User
from models.storage.db import write_transaction
from models.sync.roles import identity
from models.sync.sql import conflicts_repo, sync_repo
from models.sync.sql import resolve as sync_resolve
from models.sync.sql.conflicts_repo import CODE_CLASH, HANDOVER, RULE, TWO_STATIONS, ConflictRow
from models.sync.sql.merge import GUARDED_TYPES

if TYPE_CHECKING:
    from models.storage.database import Database

PROBLEMS = {
    "not_on_checklist": N_("{item} is on line {line}, which does not take it."),
    "line_over": N_("Line {line} holds {scanned}, but takes {quantity}."),
    "forbidden": N_("{item} is in the category {category}, which this campaign forbids."),
    "sealed_incomplete": N_("Sealed with line {lines} not complete."),
    "letter_other_recipient": N_("Letter {letter} is for another recipient."),
    "letter_elsewhere": N_("Letter {letter} is already in package {package}."),
    "unknown_letter": N_("Letter {letter} is not registered at the hub."),
    "code_clash": N_("The station's carton or batch {thing} has a code this hub already has for another one: the "
                     "station's events about it are not merged. At the station, put the package into a new "
                     "carton or batch."),
    "handed_over": N_("It is on the closed or signed manifest of batch {batch}: the station's change to its carton, "
                      "batch or state is not merged, so the manifest stays as signed."),
}
ACCEPT, VOID, KEEP, KEEP_HANDOVER = "accept", "void", "keep:", "keep_handover"


def is_flagged(db: Database, package_id: int) -> bool:
    """True while the package has an unresolved conflict: batches and manifests must refuse it."""
    return conflicts_repo.is_flagged(db, package_id)


def flagged_package_ids(db: Database, campaign_id: int | None = None) -> set[int]:
    return conflicts_repo.flagged_ids(db, campaign_id)


def describe_problem(problem: dict[str, Any]) -> str:
    text = PROBLEMS.get(str(problem.get("code")))
    if text is None:
        return str(problem)
    values = {key: value for key, value in problem.items() if key != "code"}
    try:
        return _(text).format(**values)
    except (KeyError, IndexError, ValueError):
        return text.format(**values)


@dataclass(frozen=True)
class StationWork:
    """What one station did with the package, from its events (merged or held)."""

    station_id: str
    name: str
    merged: bool
    """True: this station's work is the one in the hub's records; False: its events are held."""
    opened_at: str = ""
    opened_by: str = ""
    items: int = 0
    letters: int = 0
    sealed_at: str = ""
    sealed_by: str = ""
    weight_g: int | None = None
    voided: bool = False
    events: int = 0

    def summary(self) -> str:
        parts = [_("opened {at} by {user}").format(at=self.opened_at[:16].replace("T", " "), user=self.opened_by)
                 if self.opened_at else _("not opened")]
        parts.append(ngettext("{count} item", "{count} items", self.items).format(count=self.items))
        if self.letters:
            parts.append(ngettext("{count} letter", "{count} letters", self.letters).format(count=self.letters))
        if self.sealed_at:
            parts.append(_("sealed {at} by {user}").format(at=self.sealed_at[:16].replace("T", " "),
                                                           user=self.sealed_by))
        if self.voided:
            parts.append(_("voided"))
        return ", ".join(parts)


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    allowed: bool = True
    why_not: str = ""


@dataclass(frozen=True)
class ConflictView:
    id: int
    package_id: int
    package_code: str
    recipient: str
    kind: str
    summary: str
    problems: tuple[str, ...]
    stations: tuple[StationWork, ...]
    detected_at: str
    choices: tuple[Choice, ...]
    resolution: str | None = None
    resolved_by: str | None = None
    resolved_at: str | None = None


@dataclass(frozen=True)
class Resolved:
    conflict_id: int
    event_id: str
    message: str
    flagged_again: bool = False
    """The work kept breaks a rule: the package is flagged anew for that."""


def _work(station_id: str, name: str, merged: bool, events: Iterable[Any]) -> StationWork:
    values: dict[str, Any] = {"items": 0, "letters": 0, "events": 0}
    for event in events:
        values["events"] += 1
        kind, payload = event.type, event.payload
        if kind == EventType.PACKAGE_OPENED and "opened_at" not in values:
            values.update(opened_at=event.at, opened_by=event.user)
        elif kind == EventType.ITEM_SCANNED:
            values["items"] += 1
        elif kind == EventType.LETTER_ENCLOSED:
            values["letters"] += 1
        elif kind == EventType.SCAN_UNDONE:
            values["items" if payload.get("kind") == "item" else "letters"] -= 1
        elif kind == EventType.PACKAGE_SEALED:
            values.update(sealed_at=event.at, sealed_by=event.user, weight_g=payload.get("weight_g"))
        elif kind == EventType.PACKAGE_VOIDED:
            values["voided"] = True
    return StationWork(station_id, name, merged, **values)


class ConflictService:
    """The hub's flagged packages, what happened at each station, and a supervisor's resolution."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def conflicts(self, *, open_only: bool = True) -> list[ConflictView]:
        return [self._view(row) for row in conflicts_repo.conflicts(self.db, open_only=open_only)]

    def count(self) -> int:
        return len(conflicts_repo.conflicts(self.db))

    def conflict(self, conflict_id: int) -> ConflictView:
        row = conflicts_repo.conflict(self.db, conflict_id)
        if row is None:
            raise NotFound(_("There is no conflict number {id}.").format(id=conflict_id))
        return self._view(row)

    def _view(self, row: ConflictRow) -> ConflictView:
        recipient = repo.recipients_by_ids(self.db, [row.recipient_id]).get(row.recipient_id)
        owner = sync_resolve.owner(self.db, row.package_id)
        names = station_names(self.db, row.stations)
        merged = [e for e in _package_events(self.db, row.package_id)]
        merged_ids = {e.id for e in merged}
        # Held events a resolution merged are in the journal too: each event counts once.
        held = [h for h in sync_repo.held_events(self.db, row.package_id, unsettled_only=row.resolution_event is None)
                if h.id not in merged_ids]
        stations = tuple(
            _work(sid, names[sid], sid == owner,
                  [e for e in merged if e.station_id == sid] + [h.event() for h in held if h.station_id == sid])
            for sid in row.stations)
        if row.kind == TWO_STATIONS:
            summary = _("Package {package} was worked at {count} stations: {stations}.").format(
                package=row.package_code, count=len(stations), stations=", ".join(w.name for w in stations))
        elif row.kind == HANDOVER and _clashes(row):
            summary = _("{station} put package {package} into {codes}, a code this hub has for another carton or "
                        "batch.").format(package=row.package_code, station=", ".join(w.name for w in stations),
                                         codes=", ".join(_clashes(row)))
        elif row.kind == HANDOVER:
            summary = _("{station} changed package {package} after its batch was closed or signed here.").format(
                package=row.package_code, station=", ".join(w.name for w in stations))
        else:
            summary = _("Scans of package {package} at {station} break a campaign rule.").format(
                package=row.package_code, station=", ".join(w.name for w in stations))
        return ConflictView(row.id, row.package_id, row.package_code, recipient.full_name if recipient else "",
                            row.kind, summary, tuple(describe_problem(p) for p in row.problems), stations,
                            row.detected_at, self._choices(row, stations, owner), row.resolution, row.resolved_by,
                            row.resolved_at)

    def _choices(self, row: ConflictRow, stations: tuple[StationWork, ...], owner: str | None) -> tuple[Choice, ...]:
        state = sync_resolve.package_state(self.db, row.package_id)
        if row.kind == HANDOVER and _clashes(row):
            return (Choice(KEEP_HANDOVER, _("Keep this hub's cartons and batches (the station's events about {codes} "
                                            "are not merged)").format(codes=", ".join(_clashes(row)))),)
        if row.kind == HANDOVER:
            return (Choice(KEEP_HANDOVER, _("Keep the handover as the manifest says (the station's change is not "
                                            "merged; take the package out with a correction if it must change)")),)
        if row.kind == RULE:
            sealed = state == "sealed"
            return (Choice(ACCEPT, _("Accept the work as it is")),
                    Choice(VOID, _("Void the package (its items go back to stock)"), sealed,
                           "" if sealed else _("Only a sealed package can be voided.")))
        choices = []
        place = handover_place(self.db, row.package_id)
        owner_name = next((w.name for w in stations if w.station_id == owner), owner or "?")
        for work in stations:
            allowed = work.station_id == owner or place is None
            why_not = "" if allowed else _(
                "The package is in {place}: take it out there first, then keep the work of {station}.").format(
                place=place, station=work.name)
            label = _("Keep the work of {station}").format(station=work.name)
            if work.station_id != owner and state == "sealed":
                label = _("Keep the work of {station} (the box sealed at {other} is to be unpacked)").format(
                    station=work.name, other=owner_name)
            choices.append(Choice(KEEP + work.station_id, label, allowed, why_not))
        return tuple(choices)

    def resolve(self, conflict_id: int, choice: str, supervisor: User, note: str = "") -> Resolved:
        """Resolve with compensating events, in one transaction; refused (nothing changed) if not allowed."""
        if not supervisor.can_supervise:
            raise RefusedInput(_("Only a supervisor can resolve conflicts; {user} is not one.").format(
                user=supervisor.name))
        view = self.conflict(conflict_id)
        if view.resolution is not None:
            raise RefusedInput(_("Conflict {id} is already resolved.").format(id=conflict_id))
        picked = next((c for c in view.choices if c.key == choice), None)
        if picked is None:
            raise RefusedInput(_("{choice} is not a way to resolve conflict {id}.").format(choice=choice,
                                                                                          id=conflict_id))
        if not picked.allowed:
            raise RefusedInput(picked.why_not)
        hub = identity(self.db).instance_id
        with write_transaction(self.db):
            row = conflicts_repo.conflict(self.db, conflict_id)
            assert row is not None
            if row.resolution_event is not None:
                raise RefusedInput(_("Conflict {id} is already resolved.").format(id=conflict_id))
            event_id, again = self._apply(row, choice, supervisor.name, hub, note)
        return Resolved(conflict_id, event_id, _("Conflict {id} resolved: {choice}.").format(
            id=conflict_id, choice=picked.label), again)

    def _apply(self, row: ConflictRow, choice: str, user: str, hub: str, note: str) -> tuple[str, bool]:
        db, package_id = self.db, row.package_id
        details: dict[str, Any] = {"note": note}
        held = sync_repo.held_events(db, package_id)
        if row.kind == HANDOVER:  # only what was held for the manifest's sake
            held = [event for event in held if event.type in GUARDED_TYPES]
        released: list[str] = []
        again = False
        if choice.startswith(KEEP):
            kept = choice[len(KEEP):]
            details["kept_station"] = kept
            owner = sync_resolve.owner(db, package_id)
            if kept != owner:
                if sync_resolve.package_state(db, package_id) is not None:
                    details["set_aside"] = sync_resolve.set_aside(
                        db, hub, user, package_id, owner or "", note or _("two stations worked on the package"))
                released = sync_resolve.release(db, [e for e in held if e.station_id == kept])
        elif choice == VOID:
            details["voided"] = sync_resolve.void(db, hub, user, package_id,
                                                  note or _("a conflict: {problems}").format(
                                                      problems="; ".join(describe_problem(p) for p in row.problems)))
        discarded = [e.id for e in held if e.id not in released]
        event = sync_resolve.record_resolution(db, hub, user, row, choice, details, released, discarded)
        if released:
            again = sync_resolve.recheck_rules(db, package_id, choice[len(KEEP):])
        return event.id, again


def _clashes(row: ConflictRow) -> list[str]:
    """The codes a handover conflict's station brought that this hub has for other things."""
    return [str(problem.get("thing")) for problem in row.problems if problem.get("code") == CODE_CLASH]


def _package_events(db: Database, package_id: int) -> list[Any]:
    from models.journal.sql import events_repo

    return list(events_repo.read(db, package_id=package_id))
