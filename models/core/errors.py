"""Exceptions that carry a message a user can act on."""

from __future__ import annotations


class PacklineError(Exception):
    """Base of every error Packline raises on purpose."""


class StorageError(PacklineError):
    """The database cannot be opened or used safely."""


class SqliteTooOld(StorageError):
    """The SQLite library is older than the one whose WAL fixes we rely on."""


class DatabaseCorrupt(StorageError):
    """`PRAGMA quick_check` reported damage."""


class RefusedInput(PacklineError):
    """Input from a user or a file was refused; nothing was changed.

    `problems` lists every reason, each already readable by a person.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        head = super().__str__()
        if not self.problems:
            return head
        return head + "\n" + "\n".join(f"  {p}" for p in self.problems)


class NotFound(RefusedInput):
    """A campaign, item, recipient or code named by the user does not exist."""
