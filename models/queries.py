"""Read-side services the screens use: what a table shows, in what order.

This module never imports storage: the UI may only reach SQLite through objects handed to it (the
import-linter contract forbids even indirect imports), so the SQL lives in
`models.storage.recipient_queries` and is injected by `Workspace.recipient_queries()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Protocol

STATE_PLANNED = "planned"
"""Package states are derived from events by the packing engine; until it exists every package is planned."""


class SortColumn(str, Enum):
    """The orders the recipient table offers; each is done in SQL."""

    NUMBER = "number"
    NAME = "name"
    BIRTH_DATE = "birth_date"
    PLACE = "place"
    PACKAGE_CODE = "package_code"
    STATE = "state"


@dataclass(frozen=True)
class RecipientRow:
    """One line of the recipient table."""

    id: int
    number: str
    full_name: str
    birth_date: date | None
    place: str
    package_code: str
    state: str = STATE_PLANNED


RawRecipientRow = tuple[int, str, str, str, str, str | None, str, str | None]
"""id, list number, surname, given name, patronymic, birth date (ISO), place, package code."""


class RecipientStore(Protocol):
    """The SQL side (`models.storage.recipient_queries.SqlRecipientStore`)."""

    def recipient_ids(self, campaign_id: int, order: str, descending: bool) -> list[int]: ...

    def recipient_rows(self, ids: Sequence[int]) -> list[RawRecipientRow]: ...

    def recipient_count(self, campaign_id: int) -> int: ...


class RecipientQueries:
    """Ordered ids of a campaign's recipients, and rows for the ids a screen is about to show."""

    def __init__(self, store: RecipientStore) -> None:
        self._store = store

    def ids(self, campaign_id: int, sort_column: SortColumn = SortColumn.NUMBER,
            descending: bool = False) -> list[int]:
        """Every recipient id of the campaign, sorted in SQL (a 100,000-id list is small; rows are not)."""
        column = SortColumn(sort_column)
        if column is SortColumn.STATE:
            # Every package is planned for now: equal states keep the list order in both directions.
            return self._store.recipient_ids(campaign_id, SortColumn.NUMBER.value, False)
        return self._store.recipient_ids(campaign_id, column.value, descending)

    def rows(self, ids: Sequence[int]) -> dict[int, RecipientRow]:
        """Rows by id; ids that no longer exist are missing from the result."""
        return {raw[0]: _row(raw) for raw in self._store.recipient_rows(ids)}

    def count(self, campaign_id: int) -> int:
        return self._store.recipient_count(campaign_id)


def _row(raw: RawRecipientRow) -> RecipientRow:
    rid, number, surname, given, patronymic, born, place, code = raw
    full_name = " ".join(part for part in (surname, given, patronymic) if part)
    return RecipientRow(rid, number, full_name, date.fromisoformat(born) if born else None, place, code or "")
