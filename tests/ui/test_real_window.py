"""The whole app in a real window under Xvfb, typed at with physical key presses under real keyboard layouts.

What offscreen tests cannot show: the X server's layout turning a scanner's key presses into characters
(`&é"'(` for the digit row under French), function keys reaching the station's commands through the whole
window, pauses and double reads at the timing of real scanners. The app runs in its own process
(tests.support.app_under_x), built as main.py builds it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.app_under_x import TEA
from tests.support.handover_fixtures import packed_demo
from tests.support.xserver import missing_tools, set_layout, x_environment, xvfb

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def display():
    if missing_tools():
        pytest.fail(f"the real-window tests need {', '.join(missing_tools())} (.ci/run installs them)")
    with xvfb() as name:
        yield name


def run_app(display: str, layout: str, folder: Path) -> dict:
    demo = packed_demo(folder, recipients=30, packages=5)
    created = demo.workspace.batch_service().create_batch(demo.station, demo.supervisor, demo.campaign.id)
    assert created.accepted, created.message
    package = demo.planned[-1]
    surname = demo.db.execute("SELECT r.surname FROM packages p JOIN recipients r ON r.id = p.recipient_id "
                              "WHERE p.code = ?", [package]).fetchone()[0]
    demo.db.close()
    set_layout(display, layout)
    result = folder / "seen.json"
    facts = json.dumps({"package": package, "batch": created.batch_code})
    done = subprocess.run([sys.executable, "-m", "tests.support.app_under_x", str(folder / "station.db"),
                           str(result), facts], cwd=ROOT, env=x_environment(display), timeout=120,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(result.read_text(encoding="utf-8"))
    assert "error" not in seen, seen["error"]
    return seen | {"package": package, "surname": surname, "batch": created.batch_code}


@pytest.mark.parametrize("layout", ["fr", "ru", "ua", "cz"])  # cz: the digit row gives +ěščřžýáíé
def test_scans_under_a_layout_reach_four_screens_whole_and_f5_is_next_package(display, tmp_path, layout):
    seen = run_app(display, layout, tmp_path)
    assert seen["f5_opened"], "F5 did not open the next package"
    # A 65 ms and a 150 ms pause inside a scan: each joined, each counted once.
    assert seen["meat_after_65_ms_pause"] == 1, seen
    assert seen["meat_after_paused_scans"] == 2, seen
    # The scanner read the tea twice at once: counted once, and said; a later scan counts again.
    assert seen["tea_after_double_read"] == 1
    assert seen["station_message"] == f"{TEA} was read twice and counted once."  # the packer's language: English
    assert seen["tea_after_second_scan"] == 2
    assert seen["tea_after_undo"] == 1
    assert seen["recipients_search"] == seen["package"]
    assert seen["surname"] in seen["letters_message"], {k: seen[k] for k in ("letters_entry", "status")}
    assert seen["batch"] in seen["handover_message"]
