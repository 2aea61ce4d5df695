"""The plan: completable packages with substitutes shared optimally, bottlenecks, shortages, substitutes."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.core.types import StockReceipt, Template, TemplateLineData
from models.stock.allocation import allocate
from models.stock.planning import (
    PackageNeed,
    PlanService,
    make_plan,
    name_substitutes,
    substitutes_needed,
    template_needs,
)
from models.stock.service import StockService
from models.stock.sql.stock_repo import SqlStockStore
from tests.support.packing_fixtures import SEAL, Packing, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)

TEA, COFFEE, SOAP, SOCKS = 1, 2, 3, 4
TEMPLATE = Template(7, 1, "t", 1, (
    TemplateLineData(1, TEA, 2, True, (COFFEE,)),
    TemplateLineData(2, SOAP, 1, True),
    TemplateLineData(3, SOCKS, 1, False),  # optional: never needed
))


def planned(count: int, start: int = 100) -> list[PackageNeed]:
    return [PackageNeed(start + n, 7, template_needs(TEMPLATE)) for n in range(count)]


def counted(count: int) -> PackageNeed:
    """The same packages as `planned(count)`, as the plan service queues them: one need, counted."""
    return PackageNeed(None, 7, template_needs(TEMPLATE), count)


def planned_ids(offset: int, count: int, start: int = 100) -> list[int]:
    """The ids `planned` gives, as the store reads them for a counted need."""
    return list(range(start + offset, start + offset + count))


def substituted(queue: list[PackageNeed], supply: dict[int, int], limit: int | None = None) -> list[tuple]:
    runs = substitutes_needed(queue, {7: TEMPLATE}, supply)
    return [(need.package_id, need.lines) for need in name_substitutes(runs, queue, planned_ids, limit)]


def test_substitutes_count_toward_what_can_be_completed():
    plan = make_plan(planned(5), {7: TEMPLATE}, {TEA: 3, COFFEE: 3, SOAP: 10})
    assert plan.completable_now == 3  # (3 tea + 3 coffee) / 2
    assert plan.bottleneck_items == (TEA, COFFEE)
    assert [(s.line_no, s.item_id, s.missing) for s in plan.shortages] == [(1, TEA, 4)]


def test_the_bottleneck_is_the_item_that_runs_out_first():
    plan = make_plan(planned(5), {7: TEMPLATE}, {TEA: 100, SOAP: 2})
    assert (plan.completable_now, plan.bottleneck_items) == (2, (SOAP,))
    assert [(s.line_no, s.missing) for s in plan.shortages] == [(2, 3)]


def test_enough_stock_means_no_bottleneck_and_no_shortage():
    plan = make_plan(planned(4), {7: TEMPLATE}, {TEA: 8, SOAP: 4})
    assert (plan.completable_now, plan.bottleneck_items, plan.shortages) == (4, (), ())


def test_a_substitute_shared_by_two_lines_is_shared_optimally():
    template = Template(8, 1, "t", 1, (TemplateLineData(1, 10, 1, True, (30,)),
                                       TemplateLineData(2, 20, 1, True, (30,))))
    queue = [PackageNeed(n, 8, template_needs(template)) for n in range(5)]
    plan = make_plan(queue, {8: template}, {10: 1, 20: 3, 30: 2})
    assert plan.completable_now == 3  # line 1: 10 once, 30 twice; line 2: 20 three times


def test_which_packages_would_get_a_substitute_in_list_order():
    plan = make_plan(planned(4), {7: TEMPLATE}, {TEA: 3, COFFEE: 5, SOAP: 10})
    assert plan.completable_now == 4 and plan.substitutes_count == 3
    named = name_substitutes(plan.substitute_runs, planned(4), planned_ids)
    assert [(need.package_id, need.lines) for need in named] == [(101, (1,)), (102, (1,)),
                                                                                   (103, (1,))]


def test_open_packages_come_first_with_what_they_still_need():
    half = PackageNeed(1, 7, template_needs(TEMPLATE, {1: {TEA: 1}, 2: {SOAP: 1}}))
    assert half.needs == ((1, 1),)
    plan = make_plan([half, *planned(2)], {7: TEMPLATE}, {TEA: 3, SOAP: 5}, open_count=1)
    assert (plan.remaining, plan.open, plan.completable_now) == (3, 1, 2)


def naive_substitutes(queue, templates, supply):
    stock, found = dict(supply), []
    for need in queue:
        left, used_sub = dict(stock), []
        for line_no, units in need.needs:
            line = next(line for line in templates[need.template_id].lines if line.line_no == line_no)
            for position, item in enumerate((line.item_id, *line.substitutes)):
                take = min(units, left.get(item, 0))
                if take:
                    left[item] -= take
                    units -= take
                    if position and line_no not in used_sub:
                        used_sub.append(line_no)
                if not units:
                    break
            if units:
                return found
        stock = left
        if used_sub:
            found.append((need.package_id, tuple(used_sub)))
    return found


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 30), st.dictionaries(st.sampled_from([TEA, COFFEE, SOAP]), st.integers(0, 40)))
def test_batched_substitute_simulation_equals_package_by_package(count, supply):
    queue = [PackageNeed(1, 7, ((1, 1),))] + planned(count)
    assert substituted(queue, supply) == naive_substitutes(queue, {7: TEMPLATE}, supply)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 30), st.dictionaries(st.sampled_from([TEA, COFFEE, SOAP]), st.integers(0, 40)),
       st.integers(0, 12))
def test_the_planned_packages_counted_give_the_plan_they_give_one_by_one(count, supply, limit):
    """Issue 19: the plan service queues the planned packages as one counted need (no list of them); the plan,
    and the packages it names, are those of the packages queued one by one."""
    one_by_one = [PackageNeed(1, 7, ((1, 1),))] + planned(count)
    as_counted = [PackageNeed(1, 7, ((1, 1),))] + ([counted(count)] if count else [])
    by_one = make_plan(one_by_one, {7: TEMPLATE}, supply, open_count=1)
    by_count = make_plan(as_counted, {7: TEMPLATE}, supply, open_count=1)
    assert (by_count.remaining, by_count.completable_now, by_count.bottleneck_items, by_count.shortages,
            by_count.substitutes_count) == (by_one.remaining, by_one.completable_now, by_one.bottleneck_items,
                                            by_one.shortages, by_one.substitutes_count)
    assert substituted(as_counted, supply, limit) == substituted(one_by_one, supply)[:limit]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True)),
                min_size=1, max_size=4),
       st.lists(st.integers(0, 8), min_size=4, max_size=4))
def test_allocation_meets_all_demands_exactly_when_halls_condition_holds(lines, supplies):
    demands = {n: need for n, (need, _items) in enumerate(lines)}
    allowed = {n: items for n, (_need, items) in enumerate(lines)}
    supply = dict(enumerate(supplies))
    result = allocate(demands, allowed, supply)
    hall = all(sum(demands[n] for n in subset) <= sum(supply[i] for i in {i for n in subset for i in allowed[n]})
               for size in range(1, len(lines) + 1) for subset in combinations(demands, size))
    assert result.satisfied == hall
    used: dict[int, int] = {}
    for key, per_item in result.flow.items():
        assert sum(per_item.values()) <= demands[key] and set(per_item) <= set(allowed[key])
        for item, units in per_item.items():
            used[item] = used.get(item, 0) + units
    assert all(units <= supply[item] for item, units in used.items())


def test_the_plan_service_reads_stock_packages_and_names(packing: Packing):
    stock = StockService(SqlStockStore(packing.db))
    ids = packing.item_ids
    stock.intake(packing.campaign_id, [StockReceipt(ids["tea"], 6), StockReceipt(ids["coffee"], 2),
                                       StockReceipt(ids["soap"], 4), StockReceipt(ids["socks"], 15)])
    packing.scan(packing.packages[0], *packing.full_package(), SEAL)
    plan = PlanService(SqlStockStore(packing.db), stock).plan(packing.campaign_id)
    assert (plan.remaining, plan.open) == (4, 0)
    assert plan.completable_now == 3  # tea: 4 left + 2 coffee = 3 packages; soap 3 left; socks 12 left
    assert {plan.item_names[i] for i in plan.bottleneck_items} == {"tea", "coffee", "soap"}
    assert [(s.line_no, plan.item_names[s.item_id], s.missing) for s in plan.shortages] == [(1, "tea", 2),
                                                                                            (2, "soap", 1)]
    [need] = plan.substitutes_needed
    assert (need.list_number, need.recipient_name, need.lines) == ("4", "Петров Пётр", (1,))
    assert need.package_code == packing.packages[3]
