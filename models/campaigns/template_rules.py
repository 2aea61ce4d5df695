"""The campaign's rules held against a content template, before any package is packed with it.

The station refuses a forbidden item and an over-weight package at the scan and at the seal
(`models.packing.rules`); a template that breaks the rules would make every package of the campaign
unsealable, so it is refused where it is made: at template import, in the template editor, and when a rule
change would break the template in force.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from models.core.i18n import _
from models.core.types import CampaignRules, Item, TemplateLineData


def minimum_weight(lines: Sequence[TemplateLineData], items: Mapping[int, Item], tare_g: int) -> int:
    """The lightest package the template allows: the box and every required line with its main item."""
    return tare_g + sum(line.quantity * items[line.item_id].unit_weight_g
                        for line in lines if line.required and line.item_id in items)


def template_rule_problems(lines: Sequence[TemplateLineData], items: Mapping[int, Item],
                           rules: CampaignRules) -> list[str]:
    """Each way the template breaks the rules, with the figures; empty when it keeps them."""
    problems: list[str] = []
    forbidden = set(rules.forbidden_categories)
    for line in sorted(lines, key=lambda line: line.line_no):
        for item_id in (line.item_id, *line.substitutes):
            item = items.get(item_id)
            if item is not None and item.category in forbidden:
                problems.append(_("Line {line}: {item} is in the category {category}, which the campaign "
                                  "forbids.").format(line=line.line_no, item=item.name, category=item.category))
    maximum = rules.max_package_weight_g
    if maximum is not None:
        weight = minimum_weight(lines, items, rules.box_tare_g)
        if weight > maximum:
            problems.append(_("The required lines weigh {items} g and the box {tare} g: {weight} g, over the "
                              "campaign's maximum of {maximum} g.").format(
                items=weight - rules.box_tare_g, tare=rules.box_tare_g, weight=weight, maximum=maximum))
    return problems
