"""The contracts in pyproject.toml ([tool.importlinter]) hold: ui and app above printing above models; inside
models, features above the journal above storage above core, with no cycles; only sql/ folders and storage touch
SQLite; the packing, handover and stock rules reach neither SQL nor the exchange; models, printing and app never
import Qt. Modules stay small; tests mirror the source; the types check and the linter passes."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = 9
PACKAGES = ("models", "printing", "ui", "app")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(lint), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=300)


def test_import_linter_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {CONTRACTS} kept, 0 broken." in result.stdout


@pytest.mark.parametrize(("scratches", "broken"), [
    ([("models/packing/rules.py", "import sqlite_utils")], "import neither sqlite-utils nor sync"),
    ([("models/handover/rules.py", "from models.sync import lots")], "import neither sqlite-utils nor sync"),
    ([("models/storage/db.py", "from models.campaigns import reference")], "Storage imports no feature"),
    ([("models/campaigns/reference.py", "from models.storage.database import sqlite3")], "touch SQLite"),
    ([("models/journal/registry.py", "from models.handover import batches")], "features above the journal"),
    ([("printing/labels.py", "from ui import tables")], "ui and app (independent) above printing"),
    ([("app/cli/output.py", "from ui import tables")], "ui and app (independent) above printing"),
    ([("ui/conflicts/model.py", "from ui.stations import model as _stations"),
      ("ui/stations/model.py", "from ui.conflicts import model as _conflicts")], "No cycles"),
    ([("app/cli/output.py", "import PySide6")], "never import Qt"),
    ([("printing/labels.py", "from models.storage import db")], "Printing never touches SQLite"),
    ([("ui/tables.py", "import sqlite_utils")], "UI never touches SQLite itself"),
])
def test_a_deliberate_violation_breaks_a_contract(tmp_path, scratches, broken):
    """The contracts are not vacuous: scratch imports in a copy of the tree break the one they should."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for module, scratch in scratches:
        target = tmp_path / module
        target.write_text(target.read_text(encoding="utf-8") + f"\n{scratch}  # scratch\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    assert any(broken in line and line.endswith("BROKEN") for line in result.stdout.splitlines()), result.stdout
    assert f"Contracts: {CONTRACTS} kept" not in result.stdout, result.stdout


def test_tests_mirror_the_source():
    """Each test folder under tests/models and tests/app names a folder of the source; no test module imports
    another test module (shared helpers live in tests/support)."""
    for folder in (ROOT / "tests").glob("*/**/"):
        relative = folder.relative_to(ROOT / "tests")
        if relative.parts[0] in ("models", "app", "printing") and folder.name != "__pycache__":
            assert (ROOT / relative).is_dir(), f"tests/{relative} mirrors no source folder"
    for path in (ROOT / "tests").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith(("from tests.", "import tests.")):
                assert stripped.split()[1].startswith("tests.support"), f"{path.relative_to(ROOT)}: {stripped}"
    for path in (ROOT / "bench").rglob("*.py"):
        assert "from tests" not in path.read_text(encoding="utf-8"), f"{path.relative_to(ROOT)} imports test code"


def test_no_module_is_too_long():
    """House style: small modules with one job (none over 400 lines)."""
    too_long = [
        f"{path.relative_to(ROOT)}: {count} lines"
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
        and path.relative_to(ROOT) != Path("models/demo/names.py")  # data, not logic
    ]
    assert not too_long, too_long


def test_the_domain_and_printing_check_strictly():
    """`mypy --strict` over models and printing (STYLE.md rule 13), as [tool.mypy]'s overrides also ask."""
    mypy = Path(sys.executable).with_name("mypy")
    result = subprocess.run([str(mypy), "--strict", "--no-incremental", "models", "printing"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_types_check():
    """mypy over models, printing, ui, app and main.py ([tool.mypy]): type hints that are wrong are defects."""
    mypy = Path(sys.executable).with_name("mypy")
    result = subprocess.run([str(mypy), "--no-incremental"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_linter_passes():
    """ruff with the rules in [tool.ruff] (line length, pyflakes, bugbear, pyupgrade, import order,
    simplifications, return statements, tidy imports)."""
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
