"""The layer contracts in pyproject.toml ([tool.importlinter]) hold: models and printing never import Qt,
ui and printing never touch SQLite, dependencies point ui -> printing -> models; modules stay small; the types
check and the linter passes."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_no_module_is_too_long():
    """House style: small modules with one job (none over 400 lines)."""
    too_long = [
        f"{path.relative_to(ROOT)}: {count} lines"
        for package in ("models", "printing", "ui")
        for path in (ROOT / package).rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
        and path.name != "demo_names.py"  # data, not logic
    ]
    assert not too_long, too_long


def test_the_types_check():
    """mypy over models, printing, ui and main.py ([tool.mypy]): type hints that are wrong are defects."""
    mypy = Path(sys.executable).with_name("mypy")
    result = subprocess.run([str(mypy), "--no-incremental"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_linter_passes():
    """ruff with the rules in [tool.ruff] (line length, pyflakes, bugbear, pyupgrade)."""
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
