"""Family letters: registered for a recipient (with a printable letter code), received, enclosed.

Status of one letter: expected (registered, not here yet) -> received (physically at the warehouse) ->
enclosed (scanned into the recipient's package: a `letter_enclosed` event). A recipient without letters
has status none. The campaign rule `letters_must_be_enclosed` decides whether a received letter blocks
sealing until it is inside.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from models.core.closed import require_writable
from models.core.codes import normalise
from models.core.errors import NotFound, RefusedInput
from models.core.i18n import _
from models.core.text import clean
from models.core.types import Campaign


class LetterStatus(enum.StrEnum):
    NONE = "none"
    EXPECTED = "expected"
    RECEIVED = "received"
    ENCLOSED = "enclosed"


@dataclass(frozen=True)
class Letter:
    id: int
    campaign_id: int
    recipient_id: int
    code: str
    status: LetterStatus
    list_number: str = ""
    recipient_name: str = ""
    package_id: int | None = None


def recipient_status(letters: Sequence[Letter]) -> LetterStatus:
    """One status for a recipient: anything still to do wins over what is done."""
    statuses = {letter.status for letter in letters}
    for status in (LetterStatus.RECEIVED, LetterStatus.EXPECTED, LetterStatus.ENCLOSED):
        if status in statuses:
            return status
    return LetterStatus.NONE


class LetterStore(Protocol):
    """The SQL side (`models.packing.sql.letters_repo.SqlLetterStore`)."""

    def transaction(self) -> AbstractContextManager[object]: ...

    def campaign(self, campaign_id: int) -> Campaign | None: ...

    def recipient_ids(self, campaign_id: int, list_numbers: Sequence[str]) -> dict[str, int]: ...

    def insert(self, campaign_id: int, recipient_ids: Sequence[int]) -> list[int]:
        """New letters with freshly issued letter codes; returns their ids."""
        ...

    def letters(self, *, campaign_id: int | None = None, recipient_id: int | None = None,
                ids: Sequence[int] | None = None, codes: Sequence[str] | None = None) -> list[Letter]: ...

    def mark_received(self, letter_ids: Sequence[int]) -> None: ...

    def must_enclose(self, campaign_id: int) -> bool: ...


class LetterService:
    def __init__(self, store: LetterStore) -> None:
        self._store = store

    def register(self, campaign_id: int, list_numbers: Sequence[str], *, received: bool = False) -> list[Letter]:
        """One new letter (and letter code) per list number given; all or nothing.

        A recipient may get several letters. `received=True` registers letters that are already here.
        """
        numbers = [clean(number) for number in list_numbers]
        with self._store.transaction():
            campaign = self._store.campaign(campaign_id)
            if campaign is None:
                raise NotFound(_("There is no campaign with id {id}.").format(id=campaign_id))
            require_writable(campaign)
            found = self._store.recipient_ids(campaign_id, numbers)
            unknown = [number for number in numbers if number not in found]
            if unknown or not numbers:
                raise RefusedInput(_("No letters were registered."), [
                    _("Number {number} is not on the recipient list.").format(number=number) for number in unknown
                ] or [_("Name at least one recipient by their list number.")])
            ids = self._store.insert(campaign_id, [found[number] for number in numbers])
            if received:
                self._store.mark_received(ids)
        return self._store.letters(ids=ids)

    def mark_received(self, codes: Sequence[str]) -> list[Letter]:
        """The letters arrived at the warehouse. Unknown codes refuse the whole call."""
        wanted = [normalise(code) for code in codes]
        with self._store.transaction():
            letters = self._store.letters(codes=wanted)
            unknown = sorted(set(wanted) - {letter.code for letter in letters})
            if unknown:
                raise RefusedInput(_("No letter was marked as received."), [
                    _("Letter {code} is not registered.").format(code=code) for code in unknown])
            self._store.mark_received([letter.id for letter in letters
                                       if letter.status is LetterStatus.EXPECTED])
        return self._store.letters(codes=wanted)

    def letters(self, campaign_id: int) -> list[Letter]:
        return self._store.letters(campaign_id=campaign_id)

    def of_recipient(self, recipient_id: int) -> list[Letter]:
        return self._store.letters(recipient_id=recipient_id)

    def status_of(self, recipient_id: int) -> LetterStatus:
        return recipient_status(self.of_recipient(recipient_id))

    def must_enclose(self, campaign_id: int) -> bool:
        return self._store.must_enclose(campaign_id)
