"""The rule checks the hub runs on merged work: what in a package's contents breaks its checklist or its
campaign's rules.

In Python over a package's projection rows (its state and its contents by line and item), so that the hub's
import can check the packages it merged from the rows it holds in memory, while the journal is written
(`models.sync.sql.merge`); `rule_problems` reads the rows from the database instead. The checklists are
read once per import. A package that is voided, or that has no state (never opened), breaks no rule.

The checklist rules are those of `models.packing.checklist` (the scan path), written again for rows in bulk;
`tests/models/packing/test_checklist_twins.py` holds the two to each other.

Problems, as stored in a conflict (`sync_conflicts.problems`):
- not_on_checklist: an item on a line the checklist does not have, or neither the line's item nor one of its
  substitutes (line, item name);
- line_over: more items on a line than the checklist asks (line, scanned, quantity);
- forbidden: an item of a category the campaign forbids (item, category), once per line it is on;
- sealed_incomplete: a sealed package short on required lines (lines: their numbers, "1, 3").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from models.storage.database import Database

Contents = Mapping[tuple[int, int], int]
"""Quantity by (line number, item id): a package's `package_lines`."""
PackageRows = tuple[int, int, int, str, Contents]
"""(package id, campaign id, template id, state, contents)."""


@dataclass(frozen=True)
class ChecklistLine:
    id: int
    item_id: int
    quantity: int
    required: bool


@dataclass(frozen=True)
class Checklists:
    """Every checklist's lines, substitutes, items and campaigns' forbidden categories, as the rules need them."""

    lines: dict[int, dict[int, ChecklistLine]]
    """By template id, then line number."""
    substitutes: frozenset[tuple[int, int]]
    """(template line id, item id)."""
    items: dict[int, tuple[str, str]]
    """Name and category by item id."""
    forbidden: dict[int, frozenset[str]]
    """By campaign id."""

    @classmethod
    def load(cls, db: Database) -> Checklists:
        lines: dict[int, dict[int, ChecklistLine]] = {}
        for line_id, template_id, line_no, item_id, quantity, required in db.execute(
                "SELECT id, template_id, line_no, item_id, quantity, required FROM template_lines"):
            lines.setdefault(template_id, {})[line_no] = ChecklistLine(line_id, item_id, quantity, bool(required))
        substitutes = frozenset(db.execute("SELECT line_id, item_id FROM template_substitutes").fetchall())
        items = {item_id: (name, category) for item_id, name, category in
                 db.execute("SELECT id, name, category FROM items")}
        forbidden = {campaign_id: _categories(text) for campaign_id, text in
                     db.execute("SELECT id, forbidden_categories FROM campaigns")}
        return cls(lines, substitutes, items, forbidden)

    def problems(self, packages: Iterable[PackageRows]) -> dict[int, list[dict[str, Any]]]:
        """What breaks a rule, by package (a package with none is not in the result)."""
        found: dict[int, list[dict[str, Any]]] = {}
        for package_id, campaign_id, template_id, state, contents in packages:
            if state == "voided":
                continue
            problems = self._of_package(self.lines.get(template_id, {}), self.forbidden.get(campaign_id, frozenset()),
                                        state, contents)
            if problems:
                found[package_id] = problems
        return found

    def _of_package(self, checklist: dict[int, ChecklistLine], forbidden: frozenset[str], state: str,
                    contents: Contents) -> list[dict[str, Any]]:
        problems: list[dict[str, Any]] = []
        on_line: dict[int, int] = {}
        for (line_no, item_id), quantity in contents.items():
            on_line[line_no] = on_line.get(line_no, 0) + quantity
            line = checklist.get(line_no)
            if line is None or (line.item_id != item_id and (line.id, item_id) not in self.substitutes):
                name = self.items[item_id][0] if item_id in self.items else f"#{item_id}"
                problems.append({"code": "not_on_checklist", "line": line_no, "item": name})
            item = self.items.get(item_id)
            if item is not None and item[1] in forbidden:
                problems.append({"code": "forbidden", "item": item[0], "category": item[1]})
        for line_no, scanned in on_line.items():
            line = checklist.get(line_no)
            if line is not None and scanned > line.quantity:
                problems.append({"code": "line_over", "line": line_no, "scanned": scanned, "quantity": line.quantity})
        if state == "sealed":
            short = [str(line_no) for line_no, line in sorted(checklist.items())
                     if line.required and on_line.get(line_no, 0) < line.quantity]
            if short:
                problems.append({"code": "sealed_incomplete", "lines": ", ".join(short)})
        return problems


def _categories(text: str) -> frozenset[str]:
    try:
        values = json.loads(text)
    except ValueError:
        return frozenset()
    return frozenset(value for value in values if isinstance(value, str)) if isinstance(values, list) else frozenset()


def package_rows(db: Database, package_ids: Iterable[int]) -> list[PackageRows]:
    """The rows the rules read, of those packages that have a state."""
    ids = json.dumps(sorted(set(package_ids)))
    contents: dict[int, dict[tuple[int, int], int]] = {}
    for package_id, line_no, item_id, quantity in db.execute(
            "SELECT package_id, line_no, item_id, quantity FROM package_lines WHERE package_id IN "
            "(SELECT value FROM json_each(?))", [ids]):
        contents.setdefault(package_id, {})[(line_no, item_id)] = quantity
    return [(package_id, campaign_id, template_id, state, contents.get(package_id, {}))
            for package_id, campaign_id, template_id, state in db.execute(
                "SELECT package_id, campaign_id, template_id, state FROM package_state WHERE package_id IN "
                "(SELECT value FROM json_each(?))", [ids])]


def rule_problems(db: Database, package_ids: Iterable[int],
                  checklists: Checklists | None = None) -> dict[int, list[dict[str, Any]]]:
    """What breaks a rule in these packages as the database holds them, by package."""
    return (checklists or Checklists.load(db)).problems(package_rows(db, package_ids))
