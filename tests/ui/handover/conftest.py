"""The Handover screen alone on a copy of a demo database with 20 sealed packages; a scanner on a fake clock
that types bursts as key events; file dialogs replaced by answers the test gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.handover_fixtures import Demo, packed_demo
from tests.support.handover_screens import Answers, Keyboard, build
from ui.handover.screen import HandoverScreen


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    found = packed_demo(tmp_path)
    yield found
    found.workspace.close()


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def screen(qtbot, demo: Demo, answers: Answers) -> Iterator[tuple[HandoverScreen, Keyboard]]:
    built = build(qtbot, demo.workspace, answers)
    yield built
    built[0].scanner.uninstall()


