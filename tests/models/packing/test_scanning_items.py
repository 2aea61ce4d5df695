"""Item scans: which line an item counts toward, and every refusal with its reason code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.core.types import Template, TemplateLineData
from models.packing import checklist
from models.packing.checklist import PlacementProblem
from models.packing.scan_reasons import Reason
from tests.support.packing_fixtures import ACK, Packing, bad_check_digit, ean13, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)


def test_an_item_counts_toward_its_line(packing: Packing):
    _, first, second = packing.scan(packing.packages[0], packing.item("tea"), packing.item("tea"))
    assert first.reason is Reason.ITEM_COUNTED and first.line.line_no == 1
    assert (first.line.scanned, first.line.quantity, first.line.met) == (1, 2, False)
    assert (second.line.scanned, second.line.met) == (2, True)
    assert second.message == "tea: 2 of 2 (line 1)."


def test_a_substitute_counts_toward_the_line_it_substitutes_for(packing: Packing):
    _, _tea, coffee = packing.scan(packing.packages[0], packing.item("tea"), packing.item("coffee"))
    assert coffee.accepted and coffee.line.line_no == 1 and coffee.line.met and coffee.line.substituted
    assert packing.store.contents(coffee.package_id) == {1: {packing.item_ids["tea"]: 1, packing.item_ids["coffee"]: 1}}


def test_a_full_line_refuses_one_more_even_as_substitute(packing: Packing):
    outcomes = packing.scan(packing.packages[0], packing.item("tea"), packing.item("tea"), packing.item("coffee"))
    assert outcomes[-1].reason is Reason.LINE_FULL
    assert "Line 1 (tea)" in outcomes[-1].message and "coffee" in outcomes[-1].message
    packing.scan(ACK)
    [tea] = packing.scan(packing.item("tea"))
    assert tea.reason is Reason.LINE_FULL
    assert packing.store.contents(outcomes[0].package_id)[1] == {packing.item_ids["tea"]: 2}


def test_an_item_not_in_the_template_is_refused(packing: Packing):
    _, outcome = packing.scan(packing.packages[0], packing.item("batteries"))
    assert outcome.reason is Reason.NOT_IN_TEMPLATE and "batteries" in outcome.message
    assert packing.store.contents(outcome.package_id) == {}


def test_a_forbidden_category_is_refused(packing: Packing):
    _, outcome = packing.scan(packing.packages[0], packing.item("vodka"))
    assert outcome.reason is Reason.CATEGORY_FORBIDDEN and "alcohol" in outcome.message


def test_forbidden_category_wins_even_when_the_template_lists_the_item(packing: Packing):
    """A template naming a forbidden item is refused when it is saved; the station still refuses the item when
    the catalog put it in a forbidden category after the template was saved."""
    from dataclasses import replace

    from models.campaigns import reference

    template = packing.store.template(packing.template_id)
    lines = template.lines[:1] + (TemplateLineData(2, packing.item_ids["soap"], 1, True, (packing.item_ids["vodka"],)),)
    assert not checklist.place_item(Template(0, 0, "x", 1, lines), {}, packing.item_ids["vodka"]).problem
    campaign = reference.get_campaign(packing.db, "Зима")
    vodka = next(item for item in reference.list_items(packing.db) if item.name == "vodka")
    reference.save_items(packing.db, [replace(vodka, category="drinks")])
    reference.save_template(packing.db, campaign, "Winter", lines)
    reference.save_items(packing.db, [replace(vodka, category="alcohol")])  # the catalog corrected afterwards
    _, outcome = packing.scan(packing.packages[0], packing.item("vodka"))
    assert outcome.reason is Reason.CATEGORY_FORBIDDEN


def test_an_unknown_barcode_is_refused(packing: Packing):
    _, outcome = packing.scan(packing.packages[0], ean13(424242))
    assert outcome.reason is Reason.UNKNOWN_ITEM and ean13(424242) in outcome.message


def test_a_wrong_check_digit_is_refused_never_corrected(packing: Packing):
    _, outcome = packing.scan(packing.packages[0], bad_check_digit(packing.item("tea")))
    assert outcome.reason is Reason.BAD_CHECK_DIGIT
    assert packing.store.contents(outcome.package_id or packing.package_ids[packing.packages[0]]) == {}


def test_an_item_without_an_open_package_is_refused(packing: Packing):
    [outcome] = packing.scan(packing.item("tea"))
    assert outcome.reason is Reason.NO_PACKAGE_OPEN


def test_the_package_keeps_the_template_version_it_was_opened_with(packing: Packing):
    from models.campaigns import reference

    _, _first = packing.scan(packing.packages[0], packing.item("tea"))
    campaign = reference.get_campaign(packing.db, "Зима")
    new, _result = reference.save_template(packing.db, campaign, "Winter", [
        TemplateLineData(1, packing.item_ids["batteries"], 1, True)])
    opened = packing.db.execute("SELECT payload FROM events WHERE type = 'package_opened'").fetchone()[0]
    assert f'"template_id":{packing.template_id}' in opened
    [tea, batteries] = packing.scan(packing.item("tea"), packing.item("batteries"))
    assert tea.accepted and batteries.reason is Reason.NOT_IN_TEMPLATE  # the old version still rules
    packing.scan(ACK)
    *_switch, on_new = packing.scan(packing.packages[1], packing.packages[1], packing.item("batteries"))
    assert on_new.accepted and on_new.line.line_no == 1
    assert packing.store.package(code=packing.packages[1]).template_id == new.id


# -- the pure placement rule ---------------------------------------------------------------------------


def _template(*lines: TemplateLineData) -> Template:
    return Template(1, 1, "t", 1, tuple(lines))


def test_main_line_first_then_a_line_it_substitutes_for():
    template = _template(TemplateLineData(1, 10, 1, True, (20,)), TemplateLineData(2, 20, 1, True))
    assert checklist.place_item(template, {}, 20).line_no == 2  # its own line first
    assert checklist.place_item(template, {2: {20: 1}}, 20).line_no == 1  # then as a substitute
    full = checklist.place_item(template, {1: {20: 1}, 2: {20: 1}}, 20)
    assert full.problem is PlacementProblem.LINE_FULL and full.line_no == 2


@pytest.mark.parametrize("item", [30, 99])
def test_items_outside_the_template_have_no_line(item):
    template = _template(TemplateLineData(1, 10, 1, True, (20,)))
    assert checklist.place_item(template, {}, item).problem is PlacementProblem.NOT_IN_TEMPLATE


def test_expected_weight_is_items_plus_tare():
    assert checklist.expected_weight({1: {10: 2, 20: 1}, 2: {30: 1}}, {10: 100, 20: 200, 30: 5}, 300) == 705


def test_messages_come_in_the_packers_language(packing: Packing):
    from models.packing.sql.users_repo import SqlUserStore
    from models.packing.users import UserService

    oksana = UserService(SqlUserStore(packing.db)).get("Оксана")
    _, counted = packing.scan(packing.packages[0], packing.item("tea"), user=oksana)
    assert counted.reason is Reason.ITEM_COUNTED
    assert "рядок 1" in counted.message and "line" not in counted.message
