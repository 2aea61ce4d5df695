"""The checklist rule stands twice: for the scan path (`models.packing.checklist`) and for the hub's checks of
merged work (`models.packing.sql.rule_checks`). For any checklist and any contents they find the same lines with
a wrong item, the same over-full lines, and (when sealed) the same short required lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from models.core.types import Template, TemplateLineData
from models.packing import checklist
from models.packing.sql.rule_checks import ChecklistLine, Checklists

ITEMS = st.integers(1, 6)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Template, dict[int, dict[int, int]]]:
    count = draw(st.integers(1, 4))
    lines = tuple(
        TemplateLineData(line_no, draw(ITEMS), draw(st.integers(1, 3)), draw(st.booleans()),
                         tuple(draw(st.sets(ITEMS, max_size=2))))
        for line_no in range(1, count + 1))
    contents = draw(st.dictionaries(st.integers(1, count + 1), st.dictionaries(ITEMS, st.integers(1, 4),
                                                                                 min_size=1, max_size=3),
                                    max_size=count + 1))
    return Template(7, 1, "Winter", 1, lines), contents


def hub_checklists(template: Template) -> Checklists:
    lines = {line.line_no: ChecklistLine(100 + line.line_no, line.item_id, line.quantity, line.required)
             for line in template.lines}
    substitutes = frozenset((100 + line.line_no, item) for line in template.lines for item in line.substitutes)
    return Checklists({template.id: lines}, substitutes, {}, {})


@given(cases(), st.sampled_from(["open", "sealed"]))
def test_the_scan_path_and_the_hub_find_the_same_faults(case: tuple[Template, dict[int, dict[int, int]]],
                                                         state: str) -> None:
    template, contents = case
    rows = {(line_no, item): qty for line_no, per_item in contents.items() for item, qty in per_item.items()}
    found = hub_checklists(template).problems([(1, 1, template.id, state, rows)]).get(1, [])

    lines = {line.line_no: line for line in template.lines}
    wrong = {(line_no, item) for line_no, per_item in contents.items() for item in per_item
             if line_no not in lines or not checklist.allowed_on(lines[line_no], item)}
    assert {(p["line"], int(p["item"].lstrip("#"))) for p in found if p["code"] == "not_on_checklist"} == wrong

    over = {line_no for line_no, line in lines.items() if checklist.line_state(line, contents).scanned > line.quantity}
    assert {p["line"] for p in found if p["code"] == "line_over"} == over

    short = [p["lines"] for p in found if p["code"] == "sealed_incomplete"]
    missing = checklist.missing_required(checklist.line_states(template, contents))
    expected = ", ".join(str(s.line_no) for s in missing)
    assert short == ([expected] if state == "sealed" and missing else [])
