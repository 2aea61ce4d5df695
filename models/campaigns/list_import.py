"""What writing a recipient list version does to people and their packages (issue 14).

The list number is who a person is across versions. Against the current list (people whose package is not
withdrawn):
- added people get a planned package (a person back after a withdrawal gets the withdrawn one back);
- removed people whose package is only planned have it withdrawn (a `package_withdrawn` event: no label is
  ever issued for it, the plan stops counting it); removed people whose package is being packed or is sealed
  wait for a supervisor's decision, and nothing is done to them without one;
- a change to a person whose package is sealed (its label printed) waits for a supervisor's decision: the
  person keeps what the label says until a supervisor accepts it (`models.campaigns.decisions`); a change to
  an unlabelled package applies at once;
- a number the new list gives to a different person (another surname and another birth date) is a clash:
  the import is refused, never merged.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from models.campaigns.list_versions import ListSource, list_difference
from models.campaigns.save_result import SaveResult
from models.campaigns.sql import list_repo
from models.campaigns.sql import reference_repo as repo
from models.core import codes
from models.core.errors import RefusedInput
from models.core.events import EventType, NewEvent
from models.core.i18n import N_, _, ngettext
from models.core.types import SETUP_USER, Campaign, Recipient, RecipientData
from models.storage import common

if TYPE_CHECKING:
    from sqlite_utils import Database

PRINTED_FIELDS = ("surname", "given_name", "patronymic", "birth_date", "place")
"""What a label or a manifest prints of a person (the list number is the key, it never changes here)."""


class ListOutcome(enum.StrEnum):
    WITHDRAWN = "withdrawn"
    REINSTATED = "reinstated"
    CHANGE_HELD = "change_held"
    REMOVAL_HELD = "removal_held"


OUTCOME_TEXTS = {
    ListOutcome.WITHDRAWN: N_("not in the new list: planned package {package} withdrawn (no label is issued)"),
    ListOutcome.REINSTATED: N_("back in the list: package {package} is planned again"),
    ListOutcome.CHANGE_HELD: N_("package {package} is sealed and its label names the person as before: the "
                                "change waits for a supervisor's decision"),
    ListOutcome.REMOVAL_HELD: N_("not in the new list, but package {package} is {state}: a supervisor decides"),
}
STATE_WORDS = {"open": N_("being packed"), "sealed": N_("sealed")}


@dataclass(frozen=True)
class ListEffect:
    """What the list did to one person's package beyond adding or updating them."""

    list_number: str
    name: str
    package: str
    outcome: ListOutcome
    state: str = ""

    def text(self) -> str:
        return _(OUTCOME_TEXTS[self.outcome]).format(package=self.package, state=_(STATE_WORDS.get(self.state,
                                                                                                  self.state)))

    def to_json(self) -> dict[str, str]:
        return {"list_number": self.list_number, "name": self.name, "package": self.package,
                "outcome": self.outcome.value, "state": self.state}


def _data(person: Recipient) -> RecipientData:
    return RecipientData(**{f.name: getattr(person, f.name) for f in fields(RecipientData)})


def proposed_json(data: RecipientData) -> dict[str, Any]:
    values = {f.name: getattr(data, f.name) for f in fields(RecipientData)}
    values["birth_date"] = data.birth_date.isoformat() if data.birth_date else None
    return values


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def clashes(existing: dict[str, Recipient], recipients: Sequence[RecipientData]) -> list[str]:
    """Numbers the new list gives to someone else: another surname and another birth date."""
    problems = []
    for data in recipients:
        before = existing.get(data.list_number)
        if before is None or _fold(before.surname) == _fold(data.surname):
            continue
        if before.birth_date is not None and data.birth_date is not None and before.birth_date != data.birth_date:
            problems.append(_("Number {number} is {old} (born {old_born}) in the current list but {new} (born "
                              "{new_born}) in this one: a number is never given to another person. Ask the "
                              "mediator which is right.").format(
                number=data.list_number, old=before.full_name, new=data.full_name,
                old_born=before.birth_date.strftime("%d.%m.%Y"), new_born=data.birth_date.strftime("%d.%m.%Y")))
    return problems


def write_list(db: Database, campaign: Campaign, recipients: Sequence[RecipientData], source: ListSource | None,
               user: str) -> SaveResult:
    """Write the list inside the caller's transaction (see the module's docstring)."""
    existing = repo.recipients_by_number(db, campaign.id)
    problems = clashes(existing, recipients)
    if problems:
        raise RefusedInput(ngettext("The recipients were not imported: {count} number belongs to another person "
                                    "in the current list.",
                                    "The recipients were not imported: {count} numbers belong to other people in "
                                    "the current list.", len(problems)).format(count=len(problems)), problems)
    live = list_repo.live_packages(db, campaign.id)
    on_list = {number: person for number, person in existing.items()
               if person.id not in live or not live[person.id].withdrawn}
    difference = list_difference(on_list, recipients)
    version = (repo.insert_list_version(db, campaign.id, source, len(recipients), difference, user) if source
               else list_repo.next_list_version(db, campaign.id))
    who = user or SETUP_USER
    new: list[RecipientData] = []
    updates: list[tuple[int, RecipientData]] = []
    effects: list[ListEffect] = []
    unchanged = 0
    listed_packages: list[int] = []
    for data in recipients:
        known = existing.get(data.list_number)
        if known is None:
            new.append(data)
            continue
        package = live.get(known.id)
        same = _data(known) == data
        if package is not None:
            listed_packages.append(package.package_id)
        if package is not None and package.withdrawn:
            if not same:
                updates.append((known.id, data))
            list_repo.record(db, NewEvent(EventType.PACKAGE_REINSTATED, who, package.package_id,
                                          {"list_version": version}))
            effects.append(ListEffect(data.list_number, data.full_name, package.code, ListOutcome.REINSTATED))
        elif same:
            unchanged += 1
            if package is not None:
                list_repo.settle_superseded_by_list(db, [package.package_id], "changed")
        elif package is not None and package.state == "sealed" and any(
                getattr(known, name) != getattr(data, name) for name in PRINTED_FIELDS):
            list_repo.insert_decision(db, campaign.id, version, data.list_number, package.package_id, "changed",
                                      proposed_json(data))
            effects.append(ListEffect(data.list_number, known.full_name, package.code, ListOutcome.CHANGE_HELD))
        else:
            updates.append((known.id, data))
    list_repo.settle_superseded_by_list(db, listed_packages, "removed")
    kept = list_repo.kept_removals(db, campaign.id)
    for number, name in difference.removed:
        package = live.get(existing[number].id)
        if package is None or package.state == "voided" or package.package_id in kept:
            continue
        if package.state == "planned":
            list_repo.record(db, NewEvent(EventType.PACKAGE_WITHDRAWN, who, package.package_id,
                                          {"campaign_id": campaign.id, "list_version": version}))
            effects.append(ListEffect(number, name, package.code, ListOutcome.WITHDRAWN))
        else:
            list_repo.insert_decision(db, campaign.id, version, number, package.package_id, "removed", {})
            effects.append(ListEffect(number, name, package.code, ListOutcome.REMOVAL_HELD, package.state))
    ids = repo.insert_recipients(db, campaign.id, new)
    package_codes = common.issue_codes(db, codes.CodeKind.PACKAGE, len(ids))
    repo.insert_packages(db, campaign.id, list(zip(ids, package_codes, strict=True)))
    repo.update_recipients(db, updates)
    return SaveResult(len(new), len(updates), unchanged, difference, tuple(effects))
