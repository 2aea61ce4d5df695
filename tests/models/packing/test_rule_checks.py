"""The hub's rule checks in Python (`models.packing.sql.rule_checks`) find what the SQL formulation of the rules
finds, on random package contents, and do so from the rows in memory as from the database."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.packing.sql import rule_checks
from models.storage.database import Database
from models.storage.opening import open_database
from tests.support.packing_fixtures import template_database

# The rules as they were first written, in SQL: the specification the Python checks are held to.
_NOT_ON_CHECKLIST = """
    SELECT l.package_id, l.line_no, coalesce(i.name, '#' || l.item_id) FROM package_lines l
    JOIN package_state s ON s.package_id = l.package_id
    LEFT JOIN template_lines tl ON tl.template_id = s.template_id AND tl.line_no = l.line_no
    LEFT JOIN items i ON i.id = l.item_id
    WHERE s.state != 'voided' AND (tl.id IS NULL OR (tl.item_id != l.item_id AND NOT EXISTS
        (SELECT 1 FROM template_substitutes ts WHERE ts.line_id = tl.id AND ts.item_id = l.item_id)))"""
_OVER_QUANTITY = """
    SELECT l.package_id, l.line_no, sum(l.quantity), tl.quantity FROM package_lines l
    JOIN package_state s ON s.package_id = l.package_id
    JOIN template_lines tl ON tl.template_id = s.template_id AND tl.line_no = l.line_no
    WHERE s.state != 'voided' GROUP BY l.package_id, l.line_no HAVING sum(l.quantity) > tl.quantity"""
_FORBIDDEN = """
    SELECT l.package_id, i.name, i.category FROM package_lines l JOIN package_state s ON s.package_id = l.package_id
    JOIN campaigns c ON c.id = s.campaign_id JOIN items i ON i.id = l.item_id
    WHERE s.state != 'voided' AND i.category IN (SELECT value FROM json_each(c.forbidden_categories))"""
_SEALED_INCOMPLETE = """
    SELECT s.package_id, group_concat(tl.line_no, ', ' ORDER BY tl.line_no) FROM package_state s
    JOIN template_lines tl ON tl.template_id = s.template_id
    WHERE s.state = 'sealed' AND tl.required = 1 AND coalesce((SELECT sum(l.quantity) FROM package_lines l
        WHERE l.package_id = s.package_id AND l.line_no = tl.line_no), 0) < tl.quantity
    GROUP BY s.package_id"""


def _by_sql(db: Database) -> dict[int, list[str]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for pid, line, item in db.execute(_NOT_ON_CHECKLIST):
        found.setdefault(pid, []).append({"code": "not_on_checklist", "line": line, "item": item})
    for pid, line, scanned, quantity in db.execute(_OVER_QUANTITY):
        found.setdefault(pid, []).append({"code": "line_over", "line": line, "scanned": scanned, "quantity": quantity})
    for pid, item, category in db.execute(_FORBIDDEN):
        found.setdefault(pid, []).append({"code": "forbidden", "item": item, "category": category})
    for pid, lines in db.execute(_SEALED_INCOMPLETE):
        found.setdefault(pid, []).append({"code": "sealed_incomplete", "lines": str(lines)})
    return _comparable(found)


def _comparable(found: dict[int, list[dict[str, Any]]]) -> dict[int, list[str]]:
    return {pid: sorted(json.dumps(p, sort_keys=True) for p in problems) for pid, problems in found.items()}


@pytest.fixture(name="hub", scope="module")
def hub_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("rules") / "hub.db"
    shutil.copyfile(template_database(), path)
    db = open_database(path)
    yield db
    db.close()


_STATES = st.sampled_from(["open", "sealed", "voided"])
_CONTENTS = st.dictionaries(st.tuples(st.integers(1, 5), st.integers(1, 9)), st.integers(1, 6), max_size=8)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(packages=st.lists(st.tuples(_STATES, _CONTENTS), min_size=1, max_size=5))
def test_the_python_checks_find_what_the_sql_rules_find(hub: Database, packages: list[tuple[str, dict]]):
    campaign_id, template_id = hub.execute("SELECT campaign_id, id FROM templates").fetchone()
    package_ids = [row[0] for row in hub.execute("SELECT id FROM packages ORDER BY id LIMIT ?", [len(packages)])]
    hub.execute("BEGIN")
    try:
        for package_id, (state, contents) in zip(package_ids, packages, strict=True):
            hub.execute("INSERT INTO package_state (package_id, campaign_id, state, station_id, template_id, "
                        "opened_by, opened_at, last_pos) VALUES (?, ?, ?, 'S', ?, 'u', 'at', 0)",
                        [package_id, campaign_id, state, template_id])
            hub.conn.executemany("INSERT INTO package_lines (package_id, line_no, item_id, quantity) "
                                 "VALUES (?, ?, ?, ?)", [(package_id, *key, q) for key, q in contents.items()])
        expected = _by_sql(hub)
        checklists = rule_checks.Checklists.load(hub)
        assert _comparable(rule_checks.rule_problems(hub, package_ids, checklists)) == expected
        in_memory = [(pid, campaign_id, template_id, state, contents)
                     for pid, (state, contents) in zip(package_ids, packages, strict=True)]
        assert _comparable(checklists.problems(in_memory)) == expected
    finally:
        hub.execute("ROLLBACK")


def test_the_fixture_breaks_each_rule_somewhere(hub: Database):
    """The random contents reach every rule (else the comparison above proves little)."""
    items = dict(hub.execute("SELECT name, id FROM items").fetchall())
    campaign_id, template_id = hub.execute("SELECT campaign_id, id FROM templates").fetchone()
    contents = {(1, items["tea"]): 3, (2, items["vodka"]): 1, (9, items["soap"]): 1}
    found = rule_checks.Checklists.load(hub).problems([(1, campaign_id, template_id, "sealed", contents)])
    assert {p["code"] for p in found[1]} == {"forbidden", "line_over", "not_on_checklist", "sealed_incomplete"}
    assert {"code": "sealed_incomplete", "lines": "3"} in found[1]
