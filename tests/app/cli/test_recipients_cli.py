"""`recipients find` and `recipients show`: the Recipients screen's search and detail, headless."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_main as run


def test_find_by_name_number_and_code_then_show(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run("demo", "--db", db, "--recipients", "40").returncode == 0
    by_name = json.loads(run("recipients", "find", "--db", db, "--json", "вдовиченко").stdout)
    assert by_name["count"] >= 1 and by_name["recipients"][0]["full_name"].startswith("Вдовиченко")
    person = by_name["recipients"][0]
    by_code = json.loads(run("recipients", "find", "--db", db, "--json", person["package_code"]).stdout)
    assert [r["number"] for r in by_code["recipients"]] == [person["number"]]
    shown = run("recipients", "show", "--db", db, person["number"])
    assert shown.returncode == 0 and person["package_code"] in shown.stdout and "Вдовиченко" in shown.stdout
    nobody = run("recipients", "find", "--db", db, "Zzzz")
    assert nobody.returncode == 0 and "Nobody matches" in nobody.stdout
    missing = run("recipients", "show", "--db", db, "9999")
    assert missing.returncode == 2 and "9999" in missing.stderr
