"""Many large write transactions in a row (the hub importing station files, `models.sync.exchange.import_all`).

Two settings of the connection change for the while: a larger page cache (the journal's indexes outgrow the
default 2 MB), and the write-ahead log is copied back into the database file (checkpointed) by a thread with
a connection of its own after each commit, instead of by the committing connection inside the next COMMIT,
so that copying overlaps the next transaction's work. Durability does not change: a COMMIT still returns
once the log is on disk (synchronous=FULL); the checkpoint only moves committed pages. Afterwards a TRUNCATE
checkpoint cuts the log, which had grown as large as the import, back to nothing while the connection stays
open (a million events left it at 473 MB before).
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator

from models.storage.database import Database, sqlite3
from models.storage.db import BUSY_TIMEOUT_MS, cut_log, database_file

CACHE_MB = 128


@contextlib.contextmanager
def bulk_writes(db: Database) -> Iterator[Callable[[], None]]:
    """Yields the function to call after each transaction commits (it asks for a checkpoint)."""
    path = database_file(db)
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    automatic = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    if path is None:  # an in-memory database: nothing to copy back
        yield lambda: None
        return
    db.execute(f"PRAGMA cache_size = {-CACHE_MB * 1024}")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    checkpointer = _Checkpointer(str(path))
    try:
        yield checkpointer.request
    finally:
        checkpointer.stop()
        db.execute(f"PRAGMA wal_autocheckpoint = {automatic}")
        db.execute(f"PRAGMA cache_size = {cache}")
        with contextlib.suppress(sqlite3.Error):  # a reader still in the log: the next checkpoint cuts it
            cut_log(db)  # the log as large as the import: cut


class _Checkpointer:
    def __init__(self, path: str) -> None:
        self.requests: queue.SimpleQueue[bool] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, args=(path,), name="checkpointer", daemon=True)
        self.thread.start()

    def request(self) -> None:
        self.requests.put(True)

    def stop(self) -> None:
        """Run the checkpoints asked for, then end."""
        self.requests.put(False)
        self.thread.join()

    def _run(self, path: str) -> None:
        connection = sqlite3.connect(path, check_same_thread=False)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            going = True
            while going:
                going = self.requests.get()
                while not self.requests.empty():  # several asked for while one ran: one does for all
                    going = self.requests.get() and going
                with contextlib.suppress(sqlite3.Error):  # a checkpoint not done now is done by a later one
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            connection.close()
