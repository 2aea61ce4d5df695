"""The command line as a user meets it: `main.py` in a process of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[Any]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=env)


def run_here(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """`main.main(argv)` in this process (fast), with what it printed: (exit code, stdout, stderr)."""
    from main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json_here(capsys: Any, *argv: str) -> Any:
    """`run_here` with --json, which must succeed: the parsed output."""
    import json

    code, out, err = run_here(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)
