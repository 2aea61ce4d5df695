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

from models.campaigns.list_versions import ListDifference, ListSource, list_difference
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
    from models.storage.database import Database

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
SHORT_TEXTS = {
    ListOutcome.WITHDRAWN: N_("withdrawn, no label"),
    ListOutcome.REINSTATED: N_("planned again"),
    ListOutcome.CHANGE_HELD: N_("sealed: waits for a decision"),
    ListOutcome.REMOVAL_HELD: N_("{state}: waits for a decision"),
}
"""The same, in a table's cell."""
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

    def short(self) -> str:
        return _(SHORT_TEXTS[self.outcome]).format(state=_(STATE_WORDS.get(self.state, self.state)))

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
    withdrawn = list_repo.withdrawn_recipients(db, campaign.id)
    on_list = {number: person for number, person in existing.items() if person.id not in withdrawn}
    difference = list_difference(on_list, recipients)
    changed = {person.list_number for person in difference.changed}
    back = [data for data in recipients if data.list_number in existing and data.list_number not in on_list]
    problems = clashes(existing, [data for data in recipients if data.list_number in changed] + back)
    if problems:
        raise RefusedInput(ngettext("The recipients were not imported: {count} number belongs to another person "
                                    "in the current list.",
                                    "The recipients were not imported: {count} numbers belong to other people in "
                                    "the current list.", len(problems)).format(count=len(problems)), problems)
    version = (repo.insert_list_version(db, campaign.id, source, len(recipients), difference, user) if source
               else list_repo.next_list_version(db, campaign.id))
    # Only the people whose package the list may touch are looked up, not the whole campaign's.
    touched = {*changed, *(data.list_number for data in back), *(number for number, _name in difference.removed)}
    live = list_repo.live_packages(db, [existing[number].id for number in touched])
    writer = _ListWriter(db, campaign, version, user or SETUP_USER, list_repo.waiting_decisions(db, campaign.id))
    for data in recipients:
        known = existing.get(data.list_number)
        package = live.get(known.id) if known is not None else None
        if known is None:
            writer.new.append(data)
        elif data.list_number not in on_list:
            writer.back_on_list(known, data, package)
        elif data.list_number not in changed:
            writer.unchanged(data.list_number)
        else:
            writer.changed(known, data, package)
    kept = list_repo.kept_removals(db, campaign.id)
    for number, name in difference.removed:
        package = live.get(existing[number].id)
        if package is not None and package.state != "voided" and package.package_id not in kept:
            writer.removed(number, name, package)
    return writer.finish(difference)


class _ListWriter:
    """What a list version does, person by person, collected and then written in bulk."""

    def __init__(self, db: Database, campaign: Campaign, version: int, who: str,
                 waiting: dict[str, dict[str, int]]) -> None:
        """`waiting`: {list number: {kind of decision waiting: package id}}: a newer list may make them moot."""
        self.db, self.campaign, self.version, self.who, self.waiting = db, campaign, version, who, waiting
        self.new: list[RecipientData] = []
        self.updates: list[tuple[int, RecipientData]] = []
        self.effects: list[ListEffect] = []
        self.moot: dict[str, list[int]] = {"changed": [], "removed": []}
        self.unchanged_count = 0

    def _listed(self, number: str, *, same: bool) -> None:
        """The person is on the new list (a removal waiting for a decision is moot), unchanged (a change too)."""
        for kind, package_id in self.waiting.get(number, {}).items():
            if kind == "removed" or same:
                self.moot[kind].append(package_id)

    def back_on_list(self, known: Recipient, data: RecipientData, package: list_repo.LivePackage | None) -> None:
        assert package is not None
        self._listed(data.list_number, same=False)
        if _data(known) != data:
            self.updates.append((known.id, data))
        list_repo.record(self.db, NewEvent(EventType.PACKAGE_REINSTATED, self.who, package.package_id,
                                           {"list_version": self.version}))
        self.effects.append(ListEffect(data.list_number, data.full_name, package.code, ListOutcome.REINSTATED))

    def unchanged(self, number: str) -> None:
        self.unchanged_count += 1
        self._listed(number, same=True)

    def changed(self, known: Recipient, data: RecipientData, package: list_repo.LivePackage | None) -> None:
        self._listed(data.list_number, same=False)
        if package is not None and package.state == "sealed" and any(
                getattr(known, name) != getattr(data, name) for name in PRINTED_FIELDS):
            list_repo.insert_decision(self.db, self.campaign.id, self.version, data.list_number, package.package_id,
                                      "changed", proposed_json(data))
            self.effects.append(ListEffect(data.list_number, known.full_name, package.code,
                                           ListOutcome.CHANGE_HELD))
        else:
            self.updates.append((known.id, data))

    def removed(self, number: str, name: str, package: list_repo.LivePackage) -> None:
        if package.state == "planned":
            list_repo.record(self.db, NewEvent(EventType.PACKAGE_WITHDRAWN, self.who, package.package_id,
                                               {"campaign_id": self.campaign.id, "list_version": self.version}))
            self.effects.append(ListEffect(number, name, package.code, ListOutcome.WITHDRAWN))
        else:
            list_repo.insert_decision(self.db, self.campaign.id, self.version, number, package.package_id,
                                      "removed", {})
            self.effects.append(ListEffect(number, name, package.code, ListOutcome.REMOVAL_HELD, package.state))

    def finish(self, difference: ListDifference) -> SaveResult:
        db, campaign_id = self.db, self.campaign.id
        for kind, package_ids in self.moot.items():
            list_repo.settle_superseded_by_list(db, package_ids, kind)
        ids = repo.insert_recipients(db, campaign_id, self.new)
        package_codes = common.issue_codes(db, codes.CodeKind.PACKAGE, len(ids))
        repo.insert_packages(db, campaign_id, zip(ids, package_codes, strict=True))
        repo.update_recipients(db, self.updates)
        return SaveResult(len(self.new), len(self.updates), self.unchanged_count, difference, tuple(self.effects))
