"""Donated stock: intake, and what is left.

Stock is never edited. Received quantities come from intake records (`stock_receipts`); consumption is
derived from the journal (items inside sealed packages; a voided package gives its items back), and items
inside packages still open are off the shelf too:

    available = received - in sealed packages - in open packages
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from models.core.closed import require_writable
from models.core.errors import NotFound, RefusedInput
from models.core.i18n import _
from models.core.text import clean
from models.core.types import Campaign, StockReceipt


@dataclass(frozen=True)
class StockLevel:
    item_id: int
    name: str
    received: int
    consumed: int
    """Inside sealed (not voided) packages."""
    in_open: int
    """Inside packages still being packed."""

    @property
    def available(self) -> int:
        return self.received - self.consumed - self.in_open


class StockStore(Protocol):
    """The SQL side (`models.stock.sql.stock_repo.SqlStockStore`)."""

    def transaction(self) -> AbstractContextManager[object]: ...

    def item_names(self) -> dict[int, str]: ...

    def find_item(self, name_or_barcode: str) -> int | None: ...

    def campaign(self, campaign_id: int) -> Campaign | None: ...

    def insert_receipts(self, campaign_id: int, receipts: Sequence[StockReceipt]) -> None: ...

    def received(self, campaign_id: int) -> dict[int, int]: ...

    def consumed(self, campaign_id: int) -> dict[int, int]: ...

    def in_open(self, campaign_id: int) -> dict[int, int]: ...


class StockService:
    def __init__(self, store: StockStore) -> None:
        self._store = store

    def find_item(self, name_or_barcode: str) -> int:
        item_id = self._store.find_item(clean(name_or_barcode))
        if item_id is None:
            raise NotFound(_("No item named or with barcode {item} in the catalog.").format(item=name_or_barcode))
        return item_id

    def intake(self, campaign_id: int, receipts: Sequence[StockReceipt]) -> int:
        """Record donated stock; every receipt is checked first, then all are written or none."""
        names = self._store.item_names()
        problems: list[str] = []
        campaign = self._store.campaign(campaign_id)
        if campaign is None:
            problems.append(_("There is no campaign with id {id}.").format(id=campaign_id))
        else:
            require_writable(campaign)
        for number, receipt in enumerate(receipts, start=1):
            if receipt.item_id not in names:
                problems.append(_("Receipt {n}: item {item} is not in the catalog.").format(n=number,
                                                                                          item=receipt.item_id))
            if not isinstance(receipt.quantity, int) or receipt.quantity <= 0:
                problems.append(_("Receipt {n}: the quantity must be a whole number above zero.").format(n=number))
            if receipt.expiry is not None and not isinstance(receipt.expiry, date):
                problems.append(_("Receipt {n}: the expiry is not a date.").format(n=number))
        if not receipts:
            problems.append(_("Nothing to record."))
        if problems:
            raise RefusedInput(_("No stock was recorded."), problems)
        cleaned = [StockReceipt(r.item_id, r.quantity, clean(r.donor), clean(r.lot), r.expiry) for r in receipts]
        with self._store.transaction():
            self._store.insert_receipts(campaign_id, cleaned)
        return len(cleaned)

    def levels(self, campaign_id: int) -> list[StockLevel]:
        """Every catalog item that was received or used, in catalog order."""
        names = self._store.item_names()
        received = self._store.received(campaign_id)
        consumed = self._store.consumed(campaign_id)
        in_open = self._store.in_open(campaign_id)
        ids = sorted(set(received) | set(consumed) | set(in_open))
        return [StockLevel(item_id, names.get(item_id, str(item_id)), received.get(item_id, 0),
                           consumed.get(item_id, 0), in_open.get(item_id, 0)) for item_id in ids]

    def available(self, campaign_id: int) -> dict[int, int]:
        return {level.item_id: level.available for level in self.levels(campaign_id)}
