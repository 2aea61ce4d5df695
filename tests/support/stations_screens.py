"""The Stations screen on a real database, shown, its folder dialog answered with `folder` (no tests here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.workspace import Workspace
from ui.stations import StationsScreen, build_stations_screen


def stations_screen(qtbot: Any, workspace: Workspace, folder: Path, size: tuple[int, int] = (1300, 700)
                    ) -> StationsScreen:
    widget = build_stations_screen(workspace)
    widget.choose_folder = lambda *_args: str(folder)  # type: ignore[method-assign]
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
