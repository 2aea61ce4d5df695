"""Work the application does on its own while it runs: backups, the automatic exchange folder, and cutting the
write-ahead log back when it has grown."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from models.core import settings as declared
from models.core.errors import PacklineError
from models.core.i18n import _, ngettext
from models.core.settings import Settings
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the watcher's module (the exchange's cryptography with it) loads when a folder is watched
    from models.sync.watch import FolderWatcher, WatchReport

SYNC_POLL_MS = 15_000
LOG_LOOK_MS = 60_000
LOG_CUT_BYTES = 4 * 1024 * 1024
"""A log larger than this is cut at the next quiet minute: SQLite's own checkpoints keep the log near 4 MB in
ordinary work, so only a large transaction (an import, a rebuild) leaves it larger."""


class PeriodicServices(Protocol):
    def settings(self) -> Settings: ...

    def backup(self, reason: str = "auto") -> Path: ...

    def sync_watcher(self, folder: Path, passphrase: str | None = None,
                     settled: set[tuple[str, int, int]] | None = None) -> FolderWatcher: ...

    def log_bytes(self) -> int: ...

    def cut_log(self) -> bool: ...


class PeriodicJobs(QObject):
    """A backup every `BACKUP_INTERVAL_MINUTES`, a poll of the exchange folder when one is set, and a look at the
    write-ahead log every minute: one grown past `LOG_CUT_BYTES` is cut when no backup or poll runs.

    With a `TaskRunner`, a backup and a poll run on a worker thread with its own connection, one of each at a
    time, without a progress dialog (a backup of a large database takes seconds; a poll may import large files
    on a hub); files imported or refused for good are remembered between polls and
    not read again. A failure is kept in `last_error` and never stops the station. Settings are read at every
    tick, so a change in the settings screen applies without a restart.

    `reported` carries one sentence about the last round for the status bar: what the exchange did, or why a
    backup or an exchange failed.
    """

    reported = Signal(str)

    def __init__(self, services: PeriodicServices, parent: QObject | None = None,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks = services, tasks
        self.last_error = ""
        self.last_report: WatchReport | None = None
        self.polling = False
        self.backing_up = False
        self.cutting_log = False
        self._settled: set[tuple[str, int, int]] = set()
        self._settled_folder: Path | None = None
        self._backup = QTimer(self)
        self._backup.timeout.connect(self.back_up)
        self._sync = QTimer(self)
        self._sync.setInterval(SYNC_POLL_MS)
        self._sync.timeout.connect(self.poll_exchange_folder)
        self._sync.start()
        self._log = QTimer(self)
        self._log.setInterval(LOG_LOOK_MS)
        self._log.timeout.connect(self.cut_grown_log)
        self._log.start()
        self._schedule_backup()

    def _schedule_backup(self) -> None:
        self._backup.start(self._services.settings().get(declared.BACKUP_INTERVAL_MINUTES) * 60_000)

    def back_up(self) -> None:
        """An automatic backup: on a worker with its own connection when there is a `TaskRunner` (at start, the
        window is up before it ends; a large database never freezes the station), otherwise here."""
        self._schedule_backup()
        if self._tasks is None:
            try:
                self._services.backup("auto")
            except (OSError, PacklineError) as error:
                self._backup_failed(error)
            return
        if self.backing_up:
            return
        self.backing_up = True
        self._tasks.run(lambda workspace, _flag: workspace.backup("auto"), self._backed_up, self._backup_failed,
                        quiet=True)

    def _backed_up(self, _path: object) -> None:
        self.backing_up = False

    def _backup_failed(self, error: BaseException) -> None:
        self.backing_up = False
        if not isinstance(error, (OSError, PacklineError)):
            raise error
        self.last_error = str(error)
        self.reported.emit(_("Backup failed: {reason}").format(reason=error))

    def cut_grown_log(self) -> None:
        """A TRUNCATE checkpoint on a worker (it waits for a writer to finish; a scan's commit meanwhile waits
        for it in turn, so it runs only when the log has grown and nothing else of ours is running)."""
        busy = self.backing_up or self.polling or self.cutting_log
        if busy or self._services.log_bytes() <= LOG_CUT_BYTES:
            return
        if self._tasks is None:
            self._services.cut_log()
            return
        self.cutting_log = True
        self._tasks.run(lambda services, _flag: services.cut_log(), self._log_cut, self._log_cut_failed,
                        quiet=True)

    def _log_cut(self, _done: object) -> None:
        self.cutting_log = False

    def _log_cut_failed(self, error: BaseException) -> None:
        """Kept for the screens to show (a database locked for longer than the busy timeout); the next minute
        tries again."""
        self.cutting_log = False
        if not isinstance(error, Exception):
            raise error
        self.last_error = str(error) or type(error).__name__

    def poll_exchange_folder(self) -> None:
        setting = self._services.settings().get(declared.SYNC_FOLDER)
        if not setting or self.polling:
            return
        folder = Path(setting)
        if folder != self._settled_folder:
            self._settled, self._settled_folder = set(), folder
        settled = self._settled

        def poll(services: PeriodicServices, _flag: object = None) -> WatchReport:
            return services.sync_watcher(folder, settled=settled).poll_once()

        if self._tasks is None:
            try:
                self._polled(poll(self._services))
            except Exception as error:  # noqa: BLE001 - never stops the station; see `_failed`
                self._failed(error)
            return
        self.polling = True
        self._tasks.run(poll, self._polled, self._failed, quiet=True)

    def _polled(self, report: WatchReport) -> None:
        self.polling = False
        self.last_report = report
        self.reported.emit(exchange_summary(report, datetime.now()))

    def _failed(self, error: BaseException) -> None:
        """Kept for the screens to show; the next poll tries again (a locked database, a folder gone)."""
        self.polling = False
        if not isinstance(error, Exception):
            raise error
        self.last_error = str(error) or type(error).__name__
        self.reported.emit(_("Exchange folder: {reason}").format(reason=self.last_error))


def exchange_summary(report: WatchReport, at: datetime) -> str:
    """One line for the status bar: the round's time and what it did (files in and out, refusals)."""
    parts = []
    if report.imported:
        parts.append(ngettext("{count} file imported", "{count} files imported", len(report.imported)).format(
            count=len(report.imported)))
    if report.exported:
        parts.append(ngettext("{count} file written", "{count} files written", len(report.exported)).format(
            count=len(report.exported)))
    if report.waiting:
        parts.append(ngettext("{count} file still arriving", "{count} files still arriving",
                              len(report.waiting)).format(count=len(report.waiting)))
    if report.refused:
        parts.append(ngettext("{count} file refused: {reason}", "{count} files refused, the first: {reason}",
                              len(report.refused)).format(count=len(report.refused), reason=report.refused[0][1]))
    return _("Exchange folder, {time}: {what}").format(
        time=at.strftime("%H:%M"), what="; ".join(parts) if parts else _("nothing new"))
