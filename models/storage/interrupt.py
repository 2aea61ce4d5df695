"""Abort SQL on a connection when a cancel flag is set (SQLite's progress handler), as `Cancelled`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from models.core.cancel import CancelFlag, Cancelled
from models.storage.database import Database, sqlite3

_EVERY_N_INSTRUCTIONS = 2000


@contextlib.contextmanager
def interruptible(db: Database, flag: CancelFlag) -> Iterator[None]:
    """While inside, any statement on `db` stops soon after `flag` is set; the error becomes `Cancelled`.

    A write transaction that is interrupted rolls back (`write_transaction` does that on any error).
    """
    db.conn.set_progress_handler(lambda: 1 if flag.cancelled else 0, _EVERY_N_INSTRUCTIONS)
    try:
        flag.check()
        yield
    except sqlite3.OperationalError as exc:
        if flag.cancelled and "interrupt" in str(exc).lower():
            raise Cancelled() from exc
        raise
    finally:
        db.conn.set_progress_handler(None, 0)
