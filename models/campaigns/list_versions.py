"""A recipient list against the campaign's current one: who is added, removed, changed (field by field) or
unchanged. An import shows it before anything is written (`import recipients --dry-run`, the wizard's check
page) and records each list it writes as a list version (file, SHA-256, who, when, the counts).

People in the old list but not in the new one are only reported: nothing is done to them by an import, and
what becomes of their packages is a supervisor's decision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from models.core.collation import number_key
from models.core.i18n import _
from models.core.types import RecipientData

COMPARED = tuple(f.name for f in fields(RecipientData) if f.name != "list_number")
"""The fields a list can change for a person (the list number is who the person is)."""


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class PersonChange:
    list_number: str
    name: str
    """As the current list names the person."""
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ListDifference:
    added: tuple[tuple[str, str], ...] = ()
    """(list number, name) of people new to the list."""
    removed: tuple[tuple[str, str], ...] = ()
    """(list number, name) of people in the current list whom the new one leaves out."""
    changed: tuple[PersonChange, ...] = ()
    unchanged: int = 0

    def summary(self) -> str:
        """One sentence of counts, for the wizard and `import recipients`."""
        return _("Against the current list: {added} added, {removed} removed, {changed} changed, {unchanged} "
                 "unchanged.").format(added=len(self.added), removed=len(self.removed), changed=len(self.changed),
                                      unchanged=self.unchanged)

    def to_json(self) -> dict[str, Any]:
        return {"added": [list(pair) for pair in self.added], "removed": [list(pair) for pair in self.removed],
                "changed": [{"list_number": person.list_number, "name": person.name,
                             "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in person.changes]}
                            for person in self.changed],
                "unchanged": self.unchanged}


@dataclass(frozen=True)
class ListSource:
    """Where a list came from: the file's name and the SHA-256 of its bytes."""

    file: str
    sha256: str


def field_text(value: object) -> str:
    """A field's value as a list writes it (dates as dd.mm.yyyy), for differences and decisions."""
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y") if isinstance(value, date) else str(value)  # dates as the list writes them


def list_difference(current: Mapping[str, RecipientData], new: Sequence[RecipientData]) -> ListDifference:
    """`new` against `current` (by list number), in the new list's order; removed ones in list-number order."""
    added: list[tuple[str, str]] = []
    changed: list[PersonChange] = []
    unchanged = 0
    listed = set()
    for person in new:
        listed.add(person.list_number)
        before = current.get(person.list_number)
        if before is None:
            added.append((person.list_number, person.full_name))
            continue
        changes = tuple(FieldChange(name, field_text(getattr(before, name)), field_text(getattr(person, name)))
                        for name in COMPARED if getattr(before, name) != getattr(person, name))
        if changes:
            changed.append(PersonChange(person.list_number, before.full_name, changes))
        else:
            unchanged += 1
    gone = sorted((number for number in current if number not in listed),
                  key=lambda number: (number_key(number) is None, number_key(number) or 0, number))
    removed = tuple((number, current[number].full_name) for number in gone)
    return ListDifference(tuple(added), removed, tuple(changed), unchanged)
