"""Cancelling long work: a flag the UI sets, and the error the work stops with.

The UI's task runner (`ui.tasks`) owns a `CancelFlag`; work that runs SQL on a worker connection watches it
through `Workspace.interruptible(flag)`, which aborts the statement running when the flag is set. An
interrupted write transaction rolls back, so a cancelled import leaves the database as it was.
"""

from __future__ import annotations

import threading

from models.core.errors import PacklineError


class Cancelled(PacklineError):
    """The work was cancelled before it finished; nothing it would have written was kept."""


class CancelFlag:
    """Set from the UI thread, read from the worker's."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled if the flag is set (for loops between SQL statements)."""
        if self._event.is_set():
            raise Cancelled()
