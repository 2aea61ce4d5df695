"""The window's check at start, on a worker (`ui.main_window.MainWindow.check_papers`)."""

from __future__ import annotations

from typing import Any


def checked_at_start(workspace: Any, _flag: object) -> list[str]:
    """The start's background check (`MainWindow.check_papers`): DatabaseCorrupt when SQLite finds damage,
    otherwise the differences between the papers and the journal."""
    workspace.quick_check()
    return [finding.message for finding in workspace.consistency_findings()]
