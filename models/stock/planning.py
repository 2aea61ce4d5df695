"""The campaign plan: what current stock allows, what is missing, who would get a substitute.

Only required lines count (an optional line never stops a package). Packages still open come first (their
remaining needs, under the template version they were opened with), then planned packages in the order of
the recipient list, each needing the current template's required lines in full.

- completable now: the largest number of packages, in that order, that current stock can finish, sharing
  substitutes between lines optimally (`models.stock.allocation`);
- bottleneck items: the items that run out first (the minimum cut at one package more);
- shortages: per line, the units missing to finish every remaining package (of the main item or any of its
  substitutes);
- substitutes needed: packing the completable packages in order, each line taking its main item while
  there is any and then its substitutes in the template's order, which packages would contain a substitute.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from models.core.errors import RefusedInput
from models.core.i18n import _
from models.core.types import Template
from models.stock.allocation import Allocation, allocate
from models.stock.service import StockService

LineKey = tuple[int, int]
"""(template id, line number)."""


@dataclass(frozen=True)
class PackageNeed:
    package_id: int
    template_id: int
    needs: tuple[tuple[int, int], ...]
    """(line number, units still needed) for each required line not yet met."""


@dataclass(frozen=True)
class Shortage:
    template_id: int
    line_no: int
    item_id: int
    """The line's main item (any of its substitutes would do as well)."""
    missing: int


@dataclass(frozen=True)
class SubstituteNeed:
    package_id: int
    lines: tuple[int, ...]
    package_code: str = ""
    list_number: str = ""
    recipient_name: str = ""


@dataclass(frozen=True)
class Plan:
    remaining: int
    open: int
    completable_now: int
    bottleneck_items: tuple[int, ...]
    shortages: tuple[Shortage, ...]
    substitutes_needed: tuple[SubstituteNeed, ...]
    available: Mapping[int, int] = field(default_factory=dict)
    item_names: Mapping[int, str] = field(default_factory=dict)


def template_needs(template: Template, contents: Mapping[int, Mapping[int, int]] | None = None) -> tuple[
        tuple[int, int], ...]:
    contents = contents or {}
    needs = []
    for line in template.lines:
        missing = line.quantity - sum(contents.get(line.line_no, {}).values())
        if line.required and missing > 0:
            needs.append((line.line_no, missing))
    return tuple(needs)


def _runs(queue: Sequence[PackageNeed]) -> list[tuple[PackageNeed, int]]:
    """Consecutive packages with equal needs, as (first package, count): planned packages are one run."""
    runs: list[tuple[PackageNeed, int]] = []
    for need in queue:
        if runs and (runs[-1][0].template_id, runs[-1][0].needs) == (need.template_id, need.needs):
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((need, 1))
    return runs


def _demand(runs: list[tuple[PackageNeed, int]], k: int) -> dict[LineKey, int]:
    demand: dict[LineKey, int] = {}
    for need, count in runs:
        take = min(count, k)
        if take <= 0:
            break
        for line_no, units in need.needs:
            key = (need.template_id, line_no)
            demand[key] = demand.get(key, 0) + units * take
        k -= take
    return demand


def _allowed(templates: Mapping[int, Template]) -> dict[LineKey, tuple[int, ...]]:
    return {(tid, line.line_no): (line.item_id, *line.substitutes)
            for tid, template in templates.items() for line in template.lines}


def make_plan(queue: Sequence[PackageNeed], templates: Mapping[int, Template], supply: Mapping[int, int],
              open_count: int = 0) -> Plan:
    runs = _runs(queue)
    allowed = _allowed(templates)
    stock = {item: max(0, units) for item, units in supply.items()}

    def feasible(k: int) -> Allocation[LineKey]:
        demand = _demand(runs, k)
        return allocate(demand, {key: allowed[key] for key in demand}, stock)

    low, high = 0, len(queue)
    while low < high:  # the largest k whose demands can all be met
        middle = (low + high + 1) // 2
        if feasible(middle).satisfied:
            low = middle
        else:
            high = middle - 1
    bottleneck = feasible(low + 1).bottleneck if low < len(queue) else frozenset()
    everything = _demand(runs, len(queue))
    short = feasible(len(queue)).shortfall(everything) if low < len(queue) else {}
    shortages = tuple(Shortage(tid, line_no, allowed[(tid, line_no)][0], int(missing))
                      for (tid, line_no), missing in sorted(short.items()))
    return Plan(len(queue), open_count, low, tuple(sorted(bottleneck)), shortages,
                substitutes_needed(queue[:low], templates, stock), dict(supply))


def substitutes_needed(queue: Sequence[PackageNeed], templates: Mapping[int, Template],
                       supply: Mapping[int, int]) -> tuple[SubstituteNeed, ...]:
    """Packages (in order) that would contain a substitute when every line takes its main item first.

    Equal packages are handled in batches: a batch keeps the same choice until one of its items runs out.
    """
    stock = dict(supply)
    found: list[SubstituteNeed] = []
    allowed = _allowed(templates)
    index = 0
    while index < len(queue):
        need = queue[index]
        pattern, substituted = _greedy(need, allowed, stock)
        if pattern is None:
            break
        same = 1
        while index + same < len(queue) and (queue[index + same].template_id, queue[index + same].needs) == (
                need.template_id, need.needs):
            same += 1
        batch = min([same] + [stock[item] // used for item, used in pattern.items() if used])
        batch = max(batch, 1)
        for item, used in pattern.items():
            stock[item] -= used * batch
        if substituted:
            found += [SubstituteNeed(queue[index + offset].package_id, substituted) for offset in range(batch)]
        index += batch
    return tuple(found)


def _greedy(need: PackageNeed, allowed: Mapping[LineKey, tuple[int, ...]],
            stock: Mapping[int, int]) -> tuple[dict[int, int] | None, tuple[int, ...]]:
    left = dict(stock)
    used: dict[int, int] = {}
    substituted: list[int] = []
    for line_no, units in need.needs:
        items = allowed[(need.template_id, line_no)]
        for position, item in enumerate(items):
            take = min(units, left.get(item, 0))
            if take <= 0:
                continue
            left[item] -= take
            used[item] = used.get(item, 0) + take
            units -= take
            if position > 0 and line_no not in substituted:
                substituted.append(line_no)
            if units == 0:
                break
        if units > 0:
            return None, ()
    return used, tuple(substituted)


class PlanStore(Protocol):
    """The SQL side (`models.stock.sql.stock_repo.SqlStockStore`)."""

    def current_template_id(self, campaign_id: int) -> int | None: ...

    def template(self, template_id: int) -> Template: ...

    def open_packages(self, campaign_id: int) -> list[tuple[int, int, dict[int, dict[int, int]]]]:
        """(package id, template id, contents) of the campaign's open packages, oldest first."""
        ...

    def planned_packages(self, campaign_id: int) -> list[int]:
        """Ids of packages not yet opened, in the order of the recipient list."""
        ...

    def package_labels(self, package_ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        """Package code, list number and recipient name by package id."""
        ...

    def item_names(self) -> dict[int, str]: ...


class PlanService:
    def __init__(self, store: PlanStore, stock: StockService) -> None:
        self._store, self._stock = store, stock

    def plan(self, campaign_id: int) -> Plan:
        template_id = self._store.current_template_id(campaign_id)
        if template_id is None:
            raise RefusedInput(_("The campaign has no content template, so there is nothing to plan."))
        templates = {template_id: self._store.template(template_id)}
        queue: list[PackageNeed] = []
        open_packages = self._store.open_packages(campaign_id)
        for package_id, tid, contents in open_packages:
            templates.setdefault(tid, self._store.template(tid))
            queue.append(PackageNeed(package_id, tid, template_needs(templates[tid], contents)))
        full = template_needs(templates[template_id])
        queue += [PackageNeed(package_id, template_id, full)
                  for package_id in self._store.planned_packages(campaign_id)]
        plan = make_plan(queue, templates, self._stock.available(campaign_id), len(open_packages))
        labels = self._store.package_labels([need.package_id for need in plan.substitutes_needed])
        named = tuple(replace(need, package_code=labels[need.package_id][0], list_number=labels[need.package_id][1],
                              recipient_name=labels[need.package_id][2]) for need in plan.substitutes_needed)
        return replace(plan, substitutes_needed=named, item_names=self._store.item_names())
