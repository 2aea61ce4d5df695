"""Lots: the hub assigns packages to stations; a station refuses to open a package outside its lot.

An assignment is a hub event (`lot_assigned`: station name, package ids, lot version) recorded in the
hub's journal; `sync_lots` is derived from those events on the hub and travels whole to every station in
the next campaign pack, so a reassignment reaches both stations with the next exchange. Lots name stations
by name, not instance id: a station restored from a backup takes a new id but keeps its name and its lot.

The rule that a station claims only packages of its own lot stands in `models.packing.rules._open`, which asks
the packing store (`lot_holder`). With no lot rows at all nothing is refused (one station, or no lots handed out).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models.core.codes import normalise
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.core.text import clean
from models.packing.sql import lots_queries
from models.storage.db import write_transaction
from models.sync.roles import ensure_hub, identity
from models.sync.sql import lots_repo, sync_repo

if TYPE_CHECKING:
    from models.packing.users import User
    from models.storage.database import Database

_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–—]|\.\.)\s*(\d+)\s*$")


@dataclass(frozen=True)
class LotChange:
    station: str | None
    """None: the packages were taken out of every lot."""
    packages: int
    version: int
    moved_from: dict[str, int] = field(default_factory=dict)
    """Stations that had some of these packages before, with how many."""
    already_worked: dict[str, int] = field(default_factory=dict)
    """Packages the hub already knows to be open or sealed, by state: the old station may finish them."""


@dataclass(frozen=True)
class LotSummary:
    station: str
    packages: int
    first_number: str
    last_number: str
    ranges: str = ""
    """The list numbers the lot holds, as runs: "1–1000, 1999" (not the span from the lowest to the highest)."""


def parse_range(text: str) -> tuple[int, int]:
    """'1-500' (also '1..500', '1–500') -> (1, 500)."""
    found = _RANGE.match(text)
    if not found:
        raise RefusedInput(_("{text} is not a range of list numbers such as 1-500.").format(text=text))
    low, high = int(found.group(1)), int(found.group(2))
    return (low, high) if low <= high else (high, low)


def check_may_assign(user: User) -> None:
    """Handing out lots is a supervisor's decision (it decides which station may open which package)."""
    if not user.can_supervise:
        raise RefusedInput(_("Only a supervisor can hand out lots; {user} is not one.").format(user=user.name))


def assign(db: Database, station: str | None, campaign_id: int, *, ranges: Sequence[str] = (),
           numbers: Sequence[str] = (), codes: Sequence[str] = (), user: str = "hub") -> LotChange:
    """Give packages (list-number ranges, list numbers, package codes) to a station's lot; None: to no lot.

    All or nothing: an unknown number or code is refused and nothing is recorded.
    """
    name = clean(station) if station else None
    ids: list[int] = []
    problems: list[str] = []
    for text in ranges:
        low, high = parse_range(text)
        found = lots_repo.packages_by_numbers(db, campaign_id, low, high)
        if not found:
            problems.append(_("No recipient has a list number from {low} to {high}.").format(low=low, high=high))
        ids.extend(found)
    for number in numbers:
        package_id = lots_repo.package_by_number(db, campaign_id, clean(number))
        if package_id is None:
            problems.append(_("No recipient has the list number {number}.").format(number=number))
        else:
            ids.append(package_id)
    for code in codes:
        found_code = lots_repo.package_by_code(db, normalise(code))
        if found_code is None or found_code[1] != campaign_id:
            problems.append(_("Package {code} is not in this campaign.").format(code=code))
        else:
            ids.append(found_code[0])
    if problems:
        raise RefusedInput(_("The lot was not changed."), problems)
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise RefusedInput(_("Name the packages: list-number ranges, list numbers or package codes."))
    with write_transaction(db):
        ensure_hub(db)
        hub_station = identity(db)
        before = lots_repo.current_owners(db, ids)
        version = lots_repo.next_version(db)
        event = sync_repo.record(db, hub_station.instance_id, lots_repo.LOT_EVENT, user, None,
                                 {"station": name, "packages": ids, "version": version})
        lots_repo.apply_lot_event(db, event)
        worked = lots_repo.states(db, ids)
    moved: dict[str, int] = {}
    for owner in before.values():
        if owner != name:
            moved[owner] = moved.get(owner, 0) + 1
    states: dict[str, int] = {}
    for state, _station in worked.values():
        states[state] = states.get(state, 0) + 1
    return LotChange(name, len(ids), version, moved, states)


def summaries(db: Database) -> list[LotSummary]:
    numbers = lots_repo.lot_numbers(db)
    return [LotSummary(*row, ranges=number_ranges(numbers.get(row[0], []))) for row in lots_repo.summary(db)]


def number_ranges(numbers: Sequence[tuple[int | None, str]]) -> str:
    """Runs of consecutive list numbers ("1–1000, 1999"); numbers that are not whole numbers one by one."""
    runs: list[str] = []
    start = end = None
    for key, text in numbers:
        if key is not None and end is not None and key == end + 1:
            end = key
            continue
        if start is not None:
            runs.append(str(start) if start == end else f"{start}–{end}")
            start = end = None
        if key is None:
            runs.append(text)
        else:
            start = end = key
    if start is not None:
        runs.append(str(start) if start == end else f"{start}–{end}")
    return ", ".join(runs)


def owner(db: Database, package_id: int) -> str | None:
    return lots_queries.lot_owner(db, package_id)[1]


def next_in_lot(db: Database, campaign_id: int, station_name: str) -> int | None:
    """The first planned package of a station's lot, in the order of the recipient list (None: lot done)."""
    return lots_queries.next_in_lot(db, campaign_id, station_name)
