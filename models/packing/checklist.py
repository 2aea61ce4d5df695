"""The content checklist of one package: pure rules, no storage.

A package's contents are kept per checklist line: `{line_no: {item_id: quantity}}`, so an item that is the
main item of one line and a substitute on another is counted where it was placed, and undo takes it back
from exactly there.

The same rules are written twice, on purpose: here for the scan path (one package, as a packer scans), and in
`models.packing.sql.rule_checks` for the hub, over the projection rows of thousands of merged packages at once.
`tests/models/packing/test_checklist_twins.py` holds the two to each other.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from models.core.types import Template, TemplateLineData

Contents = Mapping[int, Mapping[int, int]]
"""line_no -> item_id -> quantity counted toward that line."""


@dataclass(frozen=True)
class LineState:
    """One checklist line and what has been counted toward it (main item first, then substitutes)."""

    line_no: int
    item_id: int
    quantity: int
    required: bool
    substitutes: tuple[int, ...]
    counted: tuple[tuple[int, int], ...] = ()

    @property
    def scanned(self) -> int:
        return sum(quantity for _item, quantity in self.counted)

    @property
    def met(self) -> bool:
        return self.scanned >= self.quantity

    @property
    def remaining(self) -> int:
        return max(0, self.quantity - self.scanned)

    @property
    def substituted(self) -> bool:
        return any(item_id != self.item_id for item_id, _quantity in self.counted)


class PlacementProblem(enum.Enum):
    NOT_IN_TEMPLATE = "not_in_template"
    LINE_FULL = "line_full"


@dataclass(frozen=True)
class Placement:
    """Where a scanned item goes: a line number, or why it cannot go anywhere (and the line that is full)."""

    line_no: int | None
    problem: PlacementProblem | None = None


def line_state(line: TemplateLineData, contents: Contents) -> LineState:
    counted = contents.get(line.line_no, {})
    order = tuple(dict.fromkeys((line.item_id, *line.substitutes)))  # a substitute equal to the item counts once
    pairs = [(item_id, counted[item_id]) for item_id in order if counted.get(item_id)]
    pairs += sorted((item_id, qty) for item_id, qty in counted.items() if item_id not in order and qty)
    return LineState(line.line_no, line.item_id, line.quantity, line.required, line.substitutes, tuple(pairs))


def line_states(template: Template, contents: Contents) -> tuple[LineState, ...]:
    return tuple(line_state(line, contents) for line in template.lines)


def allowed_on(line: TemplateLineData, item_id: int) -> bool:
    """May this item count toward this line: it is the line's item or one of its substitutes."""
    return item_id == line.item_id or item_id in line.substitutes


def place_item(template: Template, contents: Contents, item_id: int) -> Placement:
    """The line a scanned item counts toward.

    A line where it is the main item comes first, then a line it may substitute for, each in line order;
    the first that is not yet full wins. When every such line is full the item is refused naming the first.
    """
    main = [line for line in template.lines if line.item_id == item_id]
    substitute = [line for line in template.lines if item_id in line.substitutes and line.item_id != item_id]
    candidates = main + substitute
    if not candidates:
        return Placement(None, PlacementProblem.NOT_IN_TEMPLATE)
    for line in candidates:
        if not line_state(line, contents).met:
            return Placement(line.line_no)
    return Placement(candidates[0].line_no, PlacementProblem.LINE_FULL)


def missing_required(states: tuple[LineState, ...]) -> tuple[LineState, ...]:
    return tuple(state for state in states if state.required and not state.met)


def item_totals(contents: Contents) -> dict[int, int]:
    totals: dict[int, int] = {}
    for per_item in contents.values():
        for item_id, quantity in per_item.items():
            totals[item_id] = totals.get(item_id, 0) + quantity
    return totals


def expected_weight(contents: Contents, unit_weights: Mapping[int, int], box_tare_g: int) -> int:
    """Sum of the unit weights of what is inside, plus the empty box."""
    return box_tare_g + sum(unit_weights.get(item_id, 0) * quantity
                            for item_id, quantity in item_totals(contents).items())


def template_violations(template: Template, contents: Contents) -> list[str]:
    """Why these contents break the template (empty when they fit): for checks and tests, in English."""
    problems: list[str] = []
    lines = {line.line_no: line for line in template.lines}
    for line_no, per_item in contents.items():
        line = lines.get(line_no)
        if line is None:
            problems.append(f"line {line_no} is not in template {template.id}")
            continue
        problems += [f"line {line_no}: item {item} is not allowed" for item in per_item if not allowed_on(line, item)]
        problems += [f"line {line_no}: negative count of item {item}" for item, qty in per_item.items() if qty < 0]
        if sum(per_item.values()) > line.quantity:
            problems.append(f"line {line_no}: {sum(per_item.values())} counted, {line.quantity} allowed")
    return problems
