"""Read-side services the screens use: what the recipient table shows, in what order, and what a search finds.

This module never imports storage: the UI may only reach SQLite through objects handed to it, so the SQL
lives in `models.campaigns.sql.recipient_queries` and is injected by `Workspace.recipient_queries()`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from models.core import codes

STATE_PLANNED = "planned"
"""A package without events is planned; the others are open, sealed or voided (from the journal)."""
LETTERS_NONE = "none"
"""Letter status of a recipient (`models.packing.letters.LetterStatus` values): none, expected, received, enclosed."""


class SortColumn(StrEnum):
    """The orders the recipient table offers; each is done in SQL."""

    NUMBER = "number"
    NAME = "name"
    BIRTH_DATE = "birth_date"
    PLACE = "place"
    PACKAGE_CODE = "package_code"
    STATE = "state"
    LETTERS = "letters"


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
    letters: str = LETTERS_NONE


@dataclass(frozen=True)
class PackageEvent:
    """One event of a package as the detail panel lists it."""

    at: str
    station: str
    user: str
    type: str
    payload: dict[str, Any] = field(default_factory=dict)
    item_name: str = ""
    """For an item scan (or its undo): the item's name."""


@dataclass(frozen=True)
class RecipientDetail:
    """Everything the detail panel shows about one recipient and their package."""

    row: RecipientRow
    name_parts: tuple[str, str, str] = ("", "", "")
    """Surname, given name, patronymic (labels print them on separate lines)."""
    service_number: str = ""
    notes: str = ""
    package_id: int | None = None
    station: str = ""
    opened_by: str = ""
    opened_at: str = ""
    sealed_by: str = ""
    sealed_at: str = ""
    weight_g: int | None = None
    voided_by: str = ""
    void_reason: str = ""
    label_copies: int = 0
    letters: tuple[tuple[str, str], ...] = ()
    """(letter code, status) of each letter for this recipient."""
    events: tuple[PackageEvent, ...] = ()
    """Newest first."""


RawRecipientRow = tuple[Any, ...]
"""id, list number, surname, given name, patronymic, birth date (ISO), place, package code, state, letters."""


class RecipientStore(Protocol):
    """The SQL side (`models.campaigns.sql.recipient_queries.SqlRecipientStore`)."""

    def recipient_ids(self, campaign_id: int, order: str, descending: bool, search: SearchTerms | None = None
                      ) -> list[int]: ...

    def recipient_rows(self, ids: Sequence[int]) -> list[RawRecipientRow]: ...

    def recipient_count(self, campaign_id: int) -> int: ...

    def journal_position(self) -> int: ...

    def recipient_detail(self, recipient_id: int, event_limit: int) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class SearchTerms:
    """A search as SQL needs it: an FTS5 query over names, and exact codes or list numbers to look up."""

    fts: str
    number: str
    code: str


_APOSTROPHES = str.maketrans("", "", "'ʼ’`")
_WORD = re.compile(r"[^\W_]+")


def search_terms(text: str) -> SearchTerms | None:
    """What a search box holds, as terms; None when it holds nothing to search for.

    Each word matches the start of any word of a name ("шев тар" finds Шевченко Тарас), case-insensitively in
    Cyrillic and Latin; й/и and ї/і stay distinct, apostrophes are ignored and ё is read as е (as the search
    index is built). The whole text also matches a list number or a package or letter code exactly.
    """
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    if not cleaned:
        return None
    folded = cleaned.translate(_APOSTROPHES).replace("ё", "е").replace("Ё", "Е")
    words = _WORD.findall(folded)
    fts = " ".join(f'"{word}"*' for word in words)
    code = codes.normalise(cleaned)
    return SearchTerms(fts, cleaned, code if code.isdigit() and len(code) == codes.CODE_LENGTH else "")


class RecipientQueries:
    """Ordered ids of a campaign's recipients, and rows for the ids a screen is about to show."""

    def __init__(self, store: RecipientStore) -> None:
        self._store = store

    def ids(self, campaign_id: int, sort_column: SortColumn = SortColumn.NUMBER, descending: bool = False,
            search: str = "") -> list[int]:
        """Every recipient id of the campaign (or those `search` finds), sorted in SQL."""
        column = SortColumn(sort_column)
        terms = search_terms(search) if search else None
        if search and terms is None:
            return self._store.recipient_ids(campaign_id, column.value, descending)
        return self._store.recipient_ids(campaign_id, column.value, descending, terms)

    def rows(self, ids: Sequence[int]) -> dict[int, RecipientRow]:
        """Rows by id; ids that no longer exist are missing from the result."""
        return {raw[0]: _row(raw) for raw in self._store.recipient_rows(ids)}

    def count(self, campaign_id: int) -> int:
        return self._store.recipient_count(campaign_id)

    def journal_position(self) -> int:
        """Where the journal ends: rows read while it ended here are current until it moves (every change to
        a package, from any screen or station, is an event; one index lookup)."""
        return self._store.journal_position()

    def detail(self, recipient_id: int, event_limit: int = 200) -> RecipientDetail | None:
        found = self._store.recipient_detail(recipient_id, event_limit)
        if found is None:
            return None
        raw = found.pop("row")
        row, parts = _row(raw), (raw[2], raw[3], raw[4])
        events = tuple(PackageEvent(**event) for event in found.pop("events"))
        letters = tuple(found.pop("letters"))
        return RecipientDetail(row, parts, events=events, letters=letters, **found)


def _row(raw: RawRecipientRow) -> RecipientRow:
    rid, number, surname, given, patronymic, born, place, code, state, letters = raw
    full_name = " ".join(part for part in (surname, given, patronymic) if part)
    return RecipientRow(rid, number, full_name, date.fromisoformat(born) if born else None, place, code or "",
                        state or STATE_PLANNED, letters or LETTERS_NONE)
