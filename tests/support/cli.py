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


def enrol_here(capsys: Any, hub: str, station: str, first_file: str, user: str, pin: str) -> None:
    """What a supervisor does for a new station: its first file refused as a request, the fingerprint the station
    shows compared with the request's, and the station enrolled."""
    code, out, err = run_here(capsys, "sync", "import", "--db", hub, first_file)
    assert code == 2 and "not enrolled" in out + err, out + err
    shown = run_json_here(capsys, "sync", "identity", "--db", station)
    (asked,) = run_json_here(capsys, "sync", "enrolment", "list", "--db", hub)["requests"]
    assert asked["fingerprint"] == shown["fingerprint"]
    code, _out, err = run_here(capsys, "sync", "enrol", asked["station_id"], "--fingerprint", shown["fingerprint"],
                               "--db", hub, "--user", user, "--pin", pin)
    assert code == 0, err
