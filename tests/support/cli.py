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
