"""Domain records. Frozen dataclasses: plain data, no behaviour that needs storage or Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class CampaignRules:
    """Rules from the handover agreement."""

    max_package_weight_g: int | None = None
    forbidden_categories: tuple[str, ...] = ()
    letters_allowed: bool = True
    box_tare_g: int = 0
    weight_tolerance_g: int = 100


@dataclass(frozen=True)
class Campaign:
    id: int
    name: str
    target_count: int
    rules: CampaignRules = field(default_factory=CampaignRules)


@dataclass(frozen=True)
class ItemData:
    """An item of the catalog as imported or typed: barcodes already validated."""

    name: str
    category: str
    unit_weight_g: int
    barcodes: tuple[str, ...]


@dataclass(frozen=True)
class Item(ItemData):
    id: int = 0


@dataclass(frozen=True)
class TemplateLineData:
    """One checklist line: `quantity` of an item, or of any allowed substitute."""

    line_no: int
    item_id: int
    quantity: int
    required: bool = True
    substitutes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Template:
    id: int
    campaign_id: int
    name: str
    version: int
    lines: tuple[TemplateLineData, ...]


@dataclass(frozen=True)
class RecipientData:
    """A person on the mediator's list, with names trimmed and NFC-normalised."""

    list_number: str
    surname: str
    given_name: str
    patronymic: str = ""
    birth_date: date | None = None
    place: str = ""
    service_number: str = ""
    notes: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)


@dataclass(frozen=True)
class Recipient(RecipientData):
    id: int = 0
    campaign_id: int = 0


@dataclass(frozen=True)
class Package:
    """The planned package for one recipient, identified by its 18-digit code."""

    id: int
    campaign_id: int
    recipient_id: int
    code: str


@dataclass(frozen=True)
class StockReceipt:
    item_id: int
    quantity: int
    donor: str = ""
    lot: str = ""
    expiry: date | None = None
