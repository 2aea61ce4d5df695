"""The window's check at start, on a worker (`ui.main_window.MainWindow.check_papers`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from models.core.cancel import CancelFlag, Cancelled
from models.core.errors import DatabaseCorrupt
from models.core.i18n import _, ngettext


def checked_at_start(workspace: Any, flag: CancelFlag) -> list[str]:
    """The start's background check (`MainWindow.check_papers`): DatabaseCorrupt when SQLite finds damage,
    otherwise the differences between the papers and the journal. It only reads, so closing the window stops it
    (`Cancelled`): at 100,000 packages it takes seconds that nobody closing the window should wait for."""
    with workspace.interruptible(flag):
        workspace.quick_check()
        return [finding.message for finding in workspace.consistency_findings()]


class StartCheckReport:
    """What the window shows of the check: a line in the status bar, and a warning when anything is wrong."""

    def __init__(self, window: QWidget, show_status: Callable[[str], None]) -> None:
        self.window, self.show_status = window, show_status

    def damaged(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):  # the window closed before the check ended: nothing to say
            return
        self.show_status(str(error))
        if isinstance(error, DatabaseCorrupt):
            self._warn(QMessageBox.Icon.Critical, str(error))

    def checked(self, messages: list[str]) -> None:
        if not messages:
            self.show_status(_("Checked at start: the papers and the journal agree."))
            return
        self.show_status(ngettext("Checked at start: {count} difference between the papers and the "
                                  "journal.", "Checked at start: {count} differences between the papers "
                                  "and the journal.", len(messages)).format(count=len(messages)))
        self._warn(QMessageBox.Icon.Warning, _(
            "The papers and the journal disagree. Nothing was changed; tell the supervisor, and run "
            "\"main.py check\" for the whole report:") + "\n\n" + "\n".join(messages[:10]))

    def _warn(self, icon: QMessageBox.Icon, text: str) -> None:
        warning = QMessageBox(icon, "Packline", text, QMessageBox.StandardButton.Ok, self.window)
        warning.setObjectName("papersWarning")
        warning.open()
