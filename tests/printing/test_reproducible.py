"""The same input gives byte-identical PDFs, in this process and in fresh ones with other hash seeds."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import hashlib, json
from printing import demo
from printing.commands import render_command_sheet
from printing.labels import render_labels
from printing.letters import render_letter_labels
from printing.manifest import render_manifest
from printing.slips import render_slips
documents = {
    "labels": render_labels(demo.labels(12, 5), "100x150", language="uk"),
    "sheet": render_labels(demo.labels(12), "a4-21", start_position=4, dpi=300),
    "letters": render_letter_labels(demo.letter_labels(5), language="ru"),
    "slips": render_slips([demo.slip(2)], language="uk"),
    "commands": render_command_sheet("ru"),
    "manifest": render_manifest(demo.manifest(60, version=2), "uk"),
}
print(json.dumps({name: hashlib.sha256(pdf).hexdigest() for name, pdf in documents.items()}))
"""


def digests_in_subprocess(seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True, timeout=120)
    return json.loads(done.stdout)


def test_byte_identical_across_processes() -> None:
    here = {}
    exec(compile(SCRIPT.replace("print(json.dumps(", "result = (("), "<script>", "exec"), here)
    first = digests_in_subprocess("1")
    assert first == digests_in_subprocess("12345")
    assert first == here["result"]
    assert hashlib.sha256(b"").hexdigest() not in first.values()
