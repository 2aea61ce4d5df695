"""Work the application does on its own while it runs: backups and the automatic exchange folder."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from models import settings as declared
from models.errors import PacklineError
from models.settings import Settings
from models.sync.watch import FolderWatcher

SYNC_POLL_MS = 15_000


class PeriodicServices(Protocol):
    def settings(self) -> Settings: ...

    def backup(self, reason: str = "auto") -> Path: ...

    def sync_watcher(self, folder: Path, passphrase: str | None = None) -> FolderWatcher: ...


class PeriodicJobs(QObject):
    """A backup every `BACKUP_INTERVAL_MINUTES`, and a poll of the exchange folder when one is set.

    Both are short (an online backup of a station database, reading a few small files), so they run on the UI
    thread between scans; a failure is kept in `last_error` and never stops the station. Settings are read
    at every tick, so a change in the settings screen applies without a restart.
    """

    def __init__(self, services: PeriodicServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.last_error = ""
        self._backup = QTimer(self)
        self._backup.timeout.connect(self.back_up)
        self._sync = QTimer(self)
        self._sync.setInterval(SYNC_POLL_MS)
        self._sync.timeout.connect(self.poll_exchange_folder)
        self._sync.start()
        self._schedule_backup()

    def _schedule_backup(self) -> None:
        self._backup.start(self._services.settings().get(declared.BACKUP_INTERVAL_MINUTES) * 60_000)

    def back_up(self) -> None:
        try:
            self._services.backup("auto")
        except (OSError, PacklineError) as error:
            self.last_error = str(error)
        self._schedule_backup()

    def poll_exchange_folder(self) -> None:
        folder = self._services.settings().get(declared.SYNC_FOLDER)
        if not folder:
            return
        try:
            self._services.sync_watcher(Path(folder)).poll_once()
        except (OSError, PacklineError) as error:
            self.last_error = str(error)
