"""A supervisor's decisions on what a recipient list version could not do alone (`models.campaigns.list_import`).

- A change to the person of a sealed package: *accept* (the person changes; the label is flagged for reprint and
  every station refuses the old label until it is printed again) or *reject* (the person stays as labelled).
  Accepting is refused while the package is on a closed or signed manifest: that paper names the old person.
- A person the list left out while their package is being packed or sealed: *keep* (the package goes on as it
  is) or *withdraw* (a sealed package is voided, its items back in stock; a package in a carton or batch is
  taken out first; one being packed is sealed or abandoned at its station first).
Each decision is a `list_decision` event of the journal: who decided what, when.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from models.campaigns.list_import import PRINTED_FIELDS
from models.campaigns.list_versions import FieldChange, field_text
from models.campaigns.sql import list_repo
from models.campaigns.sql import reference_repo as repo
from models.core.errors import RefusedInput
from models.core.events import EventType, NewEvent
from models.core.i18n import N_, _
from models.core.text import clean
from models.core.types import Campaign, RecipientData
from models.packing.users import User
from models.storage.db import write_transaction

if TYPE_CHECKING:
    from models.storage.database import Database


class Outcome(enum.StrEnum):
    ACCEPT = "accepted"
    REJECT = "rejected"
    KEEP = "kept"
    WITHDRAW = "withdrawn"


STATUS_WORDS = {"waiting": N_("waiting"), "accepted": N_("accepted"), "rejected": N_("rejected"),
                "kept": N_("kept"), "withdrawn": N_("withdrawn"), "superseded": N_("superseded by a later list")}
"""A decision's status as people read it."""

ALLOWED = {"changed": (Outcome.ACCEPT, Outcome.REJECT), "removed": (Outcome.KEEP, Outcome.WITHDRAW)}


@dataclass(frozen=True)
class PendingDecision:
    """One decision waiting for a supervisor, as the screen and `recipients decisions` show it."""

    id: int
    kind: str
    list_version: int
    list_number: str
    name: str
    """The person as the current list (and the label) names them."""
    package: str
    state: str
    place: str | None
    changes: tuple[FieldChange, ...]
    status: str = "waiting"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "list_version": self.list_version,
                "list_number": self.list_number, "name": self.name, "package": self.package, "state": self.state,
                "place": self.place, "status": self.status,
                "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in self.changes]}


def _proposed(values: dict[str, Any]) -> RecipientData:
    born = values.get("birth_date")
    return RecipientData(**{**values, "birth_date": date.fromisoformat(born) if born else None})


class DecisionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def pending(self, campaign: Campaign, *, waiting_only: bool = True) -> list[PendingDecision]:
        rows = list_repo.decisions(self.db, campaign.id, waiting_only=waiting_only)
        people = repo.recipients_by_number(self.db, campaign.id)
        found = []
        for row in rows:
            person = people.get(row.list_number)
            package = list_repo.live_package(self.db, row.package_id)
            changes: tuple[FieldChange, ...] = ()
            if row.kind == "changed" and person is not None:
                new = _proposed(row.proposed)
                changes = tuple(FieldChange(name, field_text(getattr(person, name)), field_text(getattr(new, name)))
                                for name in PRINTED_FIELDS + ("service_number", "notes")
                                if getattr(person, name) != getattr(new, name))
            found.append(PendingDecision(row.id, row.kind, row.list_version, row.list_number,
                                         person.full_name if person else "", package.code if package else "",
                                         package.state if package else "", package.place if package else None,
                                         changes, row.status))
        return found

    def decide(self, campaign: Campaign, decision_id: int, outcome: Outcome, supervisor: User,
               note: str = "") -> str:
        """Carry out one decision; returns what was done, in a sentence. Refused (nothing written) with the reason
        when the decision cannot be carried out as things stand."""
        if not supervisor.can_supervise:
            raise RefusedInput(_("{user} is not a supervisor: a list's decisions are a supervisor's.").format(
                user=supervisor.name))
        with write_transaction(self.db):
            row = list_repo.decision(self.db, decision_id)
            if row is None or row.campaign_id != campaign.id:
                raise RefusedInput(_("There is no decision {id} in campaign {campaign}.").format(
                    id=decision_id, campaign=campaign.name))
            if row.status != "waiting":
                raise RefusedInput(_("Decision {id} was already taken: {status}.").format(
                    id=decision_id, status=_(STATUS_WORDS[row.status])))
            if outcome not in ALLOWED[row.kind]:
                raise RefusedInput(_("Decision {id} is {choices}.").format(
                    id=decision_id, choices=_(" or ").join(choice.name.lower() for choice in ALLOWED[row.kind])))
            package = list_repo.live_package(self.db, row.package_id)
            assert package is not None
            payload: dict[str, Any] = {"decision": row.id, "kind": row.kind, "outcome": outcome.value,
                                       "list_version": row.list_version, "list_number": row.list_number,
                                       "note": clean(note)}
            done = self._carry_out(row, package, outcome, payload, supervisor.name)
            list_repo.record(self.db, NewEvent(EventType.LIST_DECISION, supervisor.name, row.package_id, payload))
            list_repo.settle_decision(self.db, row.id, outcome.value, supervisor.name, clean(note))
        return done

    def _carry_out(self, row: list_repo.DecisionRow, package: list_repo.LivePackage, outcome: Outcome,
                   payload: dict[str, Any], user: str) -> str:
        if outcome is Outcome.ACCEPT:
            if package.handed_over:
                raise RefusedInput(_("Package {package} is on the closed or signed manifest of batch {batch}, "
                                     "which names the person as before: reopen the batch (or correct the signed "
                                     "one) first.").format(package=package.code, batch=package.place))
            person = repo.recipients_by_ids(self.db, [package.recipient_id])[package.recipient_id]
            new = _proposed(row.proposed)
            payload["changes"] = [{"field": name, "old": field_text(getattr(person, name)),
                                   "new": field_text(getattr(new, name))}
                                  for name in PRINTED_FIELDS if getattr(person, name) != getattr(new, name)]
            repo.update_recipients(self.db, [(package.recipient_id, new)])
            if package.state == "sealed":
                return _("Number {number} is now {name}; print the label of package {package} again and stick it "
                         "over the old one: until then every station refuses the old label.").format(
                    number=row.list_number, name=new.full_name, package=package.code)
            return _("Number {number} is now {name}.").format(number=row.list_number, name=new.full_name)
        if outcome is Outcome.WITHDRAW:
            if package.place is not None:
                raise RefusedInput(_("Package {package} is in carton or batch {place}: take it out first.").format(
                    package=package.code, place=package.place))
            if package.state == "open":
                raise RefusedInput(_("Package {package} is being packed: seal it at its station first, then "
                                     "withdraw it.").format(package=package.code))
            if package.state == "sealed":
                list_repo.record(self.db, NewEvent(EventType.PACKAGE_VOIDED, user, package.package_id, {
                    "reason": _("not in recipient list version {version}").format(version=row.list_version)}))
                return _("Package {package} voided: its items are back in stock; unpack the box.").format(
                    package=package.code)
            return _("Package {package} withdrawn.").format(package=package.code)
        if outcome is Outcome.REJECT:
            return _("Number {number} stays as the label names them.").format(number=row.list_number)
        return _("Package {package} is kept for number {number}.").format(package=package.code,
                                                                         number=row.list_number)
