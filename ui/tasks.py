"""The one way the screens run long work: on a worker thread, with its own database connection.

    runner.run(work, on_done, on_error, label=_("Importing…"))

`work(workspace, flag)` runs on a pool thread with a Workspace opened by the factory the runner was given
(never the UI thread's connection) and closed afterwards. `on_done(result)` or `on_error(exception)` is
called back on the UI thread. A progress dialog appears only when the work takes longer than `SLOW_MS`; its
Cancel button sets the flag, and the work (watching it through `Workspace.interruptible`) stops with
`models.core.cancel.Cancelled`, which reaches `on_error` like any failure. Workers never touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.core.cancel import CancelFlag
from models.core.i18n import _

Work = Callable[[Any, CancelFlag], Any]


class Task(QObject):
    """One piece of work; lives on the UI thread, so its slots run there."""

    succeeded = Signal(object)
    failed = Signal(object)
    ended = Signal()

    def __init__(self, work: Work, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None,
                 label: str, cancellable: bool, parent: QObject, *, quiet: bool = False) -> None:
        super().__init__(parent)
        self.work, self.label, self.cancellable = work, label, cancellable
        self.flag = CancelFlag()
        self.done = False
        self.quiet = quiet
        """Work the application does on its own (`TaskRunner.run`)."""
        self.dialog: QProgressDialog | None = None
        self._on_done, self._on_error = on_done, on_error
        self.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.flag.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(_("Cancelling…"))

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        self._finish()
        self._on_done(result)
        self.ended.emit()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._finish()
        if self._on_error is None:
            raise error
        self._on_error(error)
        self.ended.emit()

    def _finish(self) -> None:
        self.done = True
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None


class _Runnable(QRunnable):
    def __init__(self, task: Task, factory: Callable[[], Any]) -> None:
        super().__init__()
        self.task, self.factory = task, factory

    def run(self) -> None:  # on a pool thread: no widgets here
        task = self.task
        try:
            workspace = self.factory()
        except BaseException as exc:  # noqa: BLE001 - reported on the UI thread
            task.failed.emit(exc)
            return
        try:
            result = task.work(workspace, task.flag)
        except BaseException as exc:  # noqa: BLE001
            task.failed.emit(exc)
        else:
            task.succeeded.emit(result)
        finally:
            workspace.close()


class TaskRunner(QObject):
    SLOW_MS = 600
    """Work that ends sooner shows no progress dialog at all."""

    def __init__(self, factory: Callable[[], Any], parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._factory = factory
        self._widget = parent_widget
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.running: list[Task] = []

    def run(self, work: Work, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None = None,
            *, label: str = "", cancellable: bool = True, quiet: bool = False) -> Task:
        """`quiet`: work the application does on its own, never announced by a progress dialog."""
        task = Task(work, on_done, on_error, label, cancellable, self, quiet=quiet)
        self.running.append(task)
        task.ended.connect(lambda: self._forget(task))
        if not quiet:
            QTimer.singleShot(self.SLOW_MS, task, lambda: self._show_progress(task))
        self.pool.start(_Runnable(task, self._factory))
        return task

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every worker has returned (at shutdown); their callbacks still come through events."""
        return self.pool.waitForDone(msecs)

    def shut_down(self) -> bool:
        """At shutdown: cancel the work the application does on its own (`quiet`), then wait for every worker.
        What watches its flag stops (the start's check, which only reads); the rest ends as it would (a backup:
        half a copy is worth nothing; work a user started)."""
        for task in self.running:
            if task.quiet:
                task.flag.cancel()
        return self.wait()

    def _forget(self, task: Task) -> None:
        if task in self.running:
            self.running.remove(task)
        task.deleteLater()

    def _show_progress(self, task: Task) -> None:
        if task.done:
            return
        dialog = QProgressDialog(task.label or _("Working…"), _("Cancel") if task.cancellable else "", 0, 0,
                                 self._widget)
        dialog.setObjectName("taskProgress")
        dialog.setWindowTitle("Packline")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if not task.cancellable:
            dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.canceled.connect(task.cancel)
        task.dialog = dialog
        dialog.show()
