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

The planned packages are one entry of the queue, counted (they all need the same), so the plan costs the same
at 2,000 packages as at 100,000: no list of them is built, and only the packages the plan names (the first
few for `plan`, all for the Stock screen's list and report) are read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
    """What `count` packages in a row still need: one open package, or the planned packages (all alike)."""

    package_id: int | None
    """None for the planned packages: their ids are read, in list order, only for those the plan names."""
    template_id: int
    needs: tuple[tuple[int, int], ...]
    """(line number, units still needed) for each required line not yet met."""
    count: int = 1


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
class SubstituteRun:
    """`count` packages in a row, from the `offset`-th of the queue's `entry`-th need, that would each contain a
    substitute on `lines`."""

    entry: int
    offset: int
    count: int
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Plan:
    remaining: int
    open: int
    completable_now: int
    bottleneck_items: tuple[int, ...]
    shortages: tuple[Shortage, ...]
    substitute_runs: tuple[SubstituteRun, ...]
    substitutes_needed: tuple[SubstituteNeed, ...] = ()
    """The packages of `substitute_runs` by name, in order: all of them, or the first few asked for."""
    available: Mapping[int, int] = field(default_factory=dict)
    item_names: Mapping[int, str] = field(default_factory=dict)

    @property
    def substitutes_count(self) -> int:
        """How many packages would contain a substitute (named or not)."""
        return sum(run.count for run in self.substitute_runs)


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
    """Consecutive packages with equal needs, as (first need, count of packages)."""
    runs: list[tuple[PackageNeed, int]] = []
    for need in queue:
        if runs and (runs[-1][0].template_id, runs[-1][0].needs) == (need.template_id, need.needs):
            runs[-1] = (runs[-1][0], runs[-1][1] + need.count)
        else:
            runs.append((need, need.count))
    return runs


def _first(queue: Sequence[PackageNeed], packages: int) -> list[PackageNeed]:
    """The queue cut after its first `packages` packages."""
    kept: list[PackageNeed] = []
    for need in queue:
        if packages <= 0:
            break
        kept.append(need if need.count <= packages else replace(need, count=packages))
        packages -= need.count
    return kept


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

    total = sum(need.count for need in queue)
    low, high = 0, total
    while low < high:  # the largest k whose demands can all be met
        middle = (low + high + 1) // 2
        if feasible(middle).satisfied:
            low = middle
        else:
            high = middle - 1
    bottleneck = feasible(low + 1).bottleneck if low < total else frozenset()
    everything = _demand(runs, total)
    short = feasible(total).shortfall(everything) if low < total else {}
    shortages = tuple(Shortage(tid, line_no, allowed[(tid, line_no)][0], int(missing))
                      for (tid, line_no), missing in sorted(short.items()))
    return Plan(total, open_count, low, tuple(sorted(bottleneck)), shortages,
                substitutes_needed(_first(queue, low), templates, stock), available=dict(supply))


def substitutes_needed(queue: Sequence[PackageNeed], templates: Mapping[int, Template],
                       supply: Mapping[int, int]) -> tuple[SubstituteRun, ...]:
    """The packages (in order, as runs) that would contain a substitute when every line takes its main item
    first, until a package cannot be completed.

    Packages alike are handled in batches: a batch keeps the same choice until one of its items runs out.
    """
    stock = dict(supply)
    found: list[SubstituteRun] = []
    allowed = _allowed(templates)
    for entry, need in enumerate(queue):
        done = 0
        while done < need.count:
            pattern, substituted = _greedy(need, allowed, stock)
            if pattern is None:
                return tuple(found)
            batch = max(1, min([need.count - done] + [stock[item] // used for item, used in pattern.items() if used]))
            for item, used in pattern.items():
                stock[item] -= used * batch
            if substituted:
                last = found[-1] if found else None
                if last is not None and (last.entry, last.offset + last.count, last.lines) == (entry, done,
                                                                                              substituted):
                    found[-1] = replace(last, count=last.count + batch)
                else:
                    found.append(SubstituteRun(entry, done, batch, substituted))
            done += batch
    return tuple(found)


def name_substitutes(runs: Sequence[SubstituteRun], queue: Sequence[PackageNeed],
                     planned_ids: Callable[[int, int], Sequence[int]], limit: int | None = None) -> tuple[
        SubstituteNeed, ...]:
    """The packages of `runs` (the first `limit`, or all), by id: an open package's own, the planned ones' read by
    `planned_ids(offset, count)` in list order."""
    named: list[SubstituteNeed] = []
    for run in runs:
        left = run.count if limit is None else min(run.count, limit - len(named))
        if left <= 0:
            break
        need = queue[run.entry]
        ids = [need.package_id] if need.package_id is not None else planned_ids(run.offset, left)
        named += [SubstituteNeed(package_id, run.lines) for package_id in ids[:left]]
    return tuple(named)


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

    def planned_count(self, campaign_id: int) -> int:
        """How many packages are not yet opened (withdrawn ones not counted)."""
        ...

    def planned_packages(self, campaign_id: int, offset: int = 0, limit: int | None = None) -> list[int]:
        """Ids of packages not yet opened, in the order of the recipient list: `limit` of them (or all) from the
        `offset`-th."""
        ...

    def package_labels(self, package_ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        """Package code, list number and recipient name by package id."""
        ...

    def item_names(self) -> dict[int, str]: ...


class PlanService:
    def __init__(self, store: PlanStore, stock: StockService) -> None:
        self._store, self._stock = store, stock

    def plan(self, campaign_id: int, named: int | None = None) -> Plan:
        """The plan, naming the first `named` packages that would get a substitute (None: all of them)."""
        template_id = self._store.current_template_id(campaign_id)
        if template_id is None:
            raise RefusedInput(_("The campaign has no content template, so there is nothing to plan."))
        templates = {template_id: self._store.template(template_id)}
        queue: list[PackageNeed] = []
        open_packages = self._store.open_packages(campaign_id)
        for package_id, tid, contents in open_packages:
            templates.setdefault(tid, self._store.template(tid))
            queue.append(PackageNeed(package_id, tid, template_needs(templates[tid], contents)))
        planned = self._store.planned_count(campaign_id)
        if planned:
            queue.append(PackageNeed(None, template_id, template_needs(templates[template_id]), planned))
        plan = make_plan(queue, templates, self._stock.available(campaign_id), len(open_packages))
        if named is None and any(run.entry == len(queue) - 1 and planned for run in plan.substitute_runs):
            every = self._store.planned_packages(campaign_id)  # the whole list is asked for: read it once

            def planned_ids(offset: int, count: int) -> Sequence[int]:
                return every[offset:offset + count]
        else:
            def planned_ids(offset: int, count: int) -> Sequence[int]:
                return self._store.planned_packages(campaign_id, offset, count)
        needs = name_substitutes(plan.substitute_runs, queue, planned_ids, named)
        labels = self._store.package_labels([need.package_id for need in needs])
        needs = tuple(replace(need, package_code=labels[need.package_id][0], list_number=labels[need.package_id][1],
                              recipient_name=labels[need.package_id][2]) for need in needs)
        return replace(plan, substitutes_needed=needs, item_names=self._store.item_names())
