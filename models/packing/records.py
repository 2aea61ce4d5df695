"""What the packing rules read and write, as plain records, and the store protocol behind them.

The rules (`models.packing.rules`, `models.packing.scanning`) never import storage: the screens use them, and the
import-linter contract forbids the UI from reaching SQLite even indirectly. The SQL lives in
`models.packing.sql.packing_store.SqlPackingStore`, handed in by `Workspace.scan_service()`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from models.packing.states import PackageState

if TYPE_CHECKING:  # annotations only: a command that reads package states does not build every domain record
    from models.core.events import Event, NewEvent
    from models.core.types import Campaign, Recipient, Template


@dataclass(frozen=True)
class PackageRecord:
    """A planned package with its derived state (planned until its first event)."""

    id: int
    campaign_id: int
    recipient_id: int
    code: str
    state: PackageState = PackageState.PLANNED
    station_id: str | None = None
    template_id: int | None = None
    weight_g: int | None = None
    """The weight entered since the contents last changed; the sealed weight once sealed."""
    label_copies: int = 0
    withdrawn: bool = False
    """Planned for a person a later list version left out: never to be packed or labelled."""
    relabel: bool = False
    """Sealed, and its label names the person as the list named them before a correction a supervisor accepted:
    refused until the label is printed again."""
    replaced_by: str | None = None
    """Voided and replaced: the code of the replacement package."""


@dataclass(frozen=True)
class ItemRecord:
    id: int
    name: str
    category: str
    unit_weight_g: int


@dataclass(frozen=True)
class LetterRecord:
    id: int
    campaign_id: int
    recipient_id: int
    code: str
    received: bool
    enclosed_in: int | None = None
    """Package id the letter is in, when enclosed."""


@dataclass(frozen=True)
class LiveScan:
    """An accepted scan of an open package that has not been undone (the undo stack)."""

    event_id: str
    kind: str
    line_no: int | None
    item_id: int | None
    letter_id: int | None


@dataclass(frozen=True)
class Block:
    """A refusal the station must acknowledge before it takes another scan (kept across restarts)."""

    reason: str
    params: Mapping[str, Any] = field(default_factory=dict)
    code: str = ""
    package_id: int | None = None
    user: str = ""
    at: str = ""


@dataclass(frozen=True)
class CampaignPacking:
    """A campaign with the packing rules the foundation's `CampaignRules` does not carry yet."""

    campaign: Campaign
    letters_must_be_enclosed: bool = True


class PackingStore(Protocol):
    """Reads and writes of the packing engine. Writes only inside `transaction()`."""

    def transaction(self) -> AbstractContextManager[object]: ...

    def lot_holder(self, package_id: int) -> tuple[bool, str | None]:
        """(are lots in force here, the name of the station whose lot holds the package, if any)."""
        ...

    def handover_place(self, package_id: int) -> str | None:
        """The code of the batch (else the carton) the package is in, if any."""
        ...

    def lots_in_force(self) -> bool:
        """Has the hub handed out lots (several stations)? Then each station packs only its own."""
        ...

    def next_in_lot(self, campaign_id: int, station_name: str) -> int | None:
        """The first planned package of the station's lot (None: the lot is done)."""
        ...

    # station state
    def block(self, station_id: str) -> Block | None: ...

    def set_block(self, station_id: str, block: Block) -> None: ...

    def clear_block(self, station_id: str) -> None: ...

    def current_package_id(self, station_id: str) -> int | None: ...

    def open_package_ids(self, station_id: str) -> list[int]:
        """Packages open at this station (claimed, not sealed), in the order they were last worked on."""
        ...

    def last_sealed_id(self, station_id: str) -> int | None: ...

    def station_name(self, station_id: str) -> str: ...

    # packages and reference data
    def package(self, *, package_id: int | None = None, code: str | None = None) -> PackageRecord | None: ...

    def next_planned(self, campaign_id: int) -> PackageRecord | None: ...

    def recipient(self, recipient_id: int) -> Recipient | None: ...

    def campaign(self, campaign_id: int) -> CampaignPacking | None: ...

    def current_template_id(self, campaign_id: int) -> int | None: ...

    def template(self, template_id: int) -> Template: ...

    def item_by_barcode(self, barcode: str) -> ItemRecord | None: ...

    def items(self, ids: Sequence[int]) -> dict[int, ItemRecord]: ...

    # contents and letters
    def contents(self, package_id: int) -> dict[int, dict[int, int]]: ...

    def last_live_scan(self, package_id: int) -> LiveScan | None: ...

    def letter_by_code(self, code: str) -> LetterRecord | None: ...

    def letters_of_recipient(self, recipient_id: int) -> list[LetterRecord]: ...

    # the journal
    def append(self, station_id: str, event: NewEvent) -> Event: ...

    def package_events(self, package_id: int, limit: int) -> list[Event]: ...
