"""Domain records. Frozen dataclasses: plain data, no behaviour that needs storage or Qt."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date

SETUP_USER = "(setup)"
"""Who a change is recorded as when the database has no users yet (the first steps of a new installation)."""


class LettersRule(enum.StrEnum):
    """What the handover agreement says about family letters."""

    REQUIRED = "required"
    """Letters go inside, and a letter that has arrived must be enclosed before the package seals."""
    ALLOWED = "allowed"
    """Letters may go inside; a package seals without one."""
    NONE = "none"
    """No letters inside: a letter scan is refused."""


@dataclass(frozen=True)
class CampaignRules:
    """Rules from the handover agreement."""

    max_package_weight_g: int | None = None
    forbidden_categories: tuple[str, ...] = ()
    letters_allowed: bool = True
    box_tare_g: int = 0
    weight_tolerance_g: int = 100
    letters_must_be_enclosed: bool = True

    @property
    def letters(self) -> LettersRule:
        if not self.letters_allowed:
            return LettersRule.NONE
        return LettersRule.REQUIRED if self.letters_must_be_enclosed else LettersRule.ALLOWED

    def with_letters(self, rule: LettersRule) -> CampaignRules:
        return replace(self, letters_allowed=rule is not LettersRule.NONE,
                       letters_must_be_enclosed=rule is LettersRule.REQUIRED)


class CampaignStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    """Read-only: nothing is recorded any more; still shown, printed and exported."""
    ARCHIVED = "archived"
    """Closed and put away: listed apart, still readable."""


@dataclass(frozen=True)
class HandoverParties:
    """The organisations of the handover agreement: the manifest's defaults."""

    sending: str = ""
    mediator: str = ""
    receiving: str = ""


@dataclass(frozen=True)
class Campaign:
    id: int
    name: str
    target_count: int
    rules: CampaignRules = field(default_factory=CampaignRules)
    parties: HandoverParties = field(default_factory=HandoverParties)
    label_language: str = "en"
    status: CampaignStatus = CampaignStatus.OPEN
    rules_version: int = 1
    demo: bool = False
    latin_names: str = "none"
    """The scheme of the Latin line under each name on labels and handover papers (`models.core.latin`)."""

    @property
    def writable(self) -> bool:
        return self.status is CampaignStatus.OPEN


@dataclass(frozen=True)
class RuleVersion:
    """One version of a campaign's rules: what they were, who set them and when."""

    version: int
    rules: CampaignRules
    changed_by: str
    changed_at: str


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


@dataclass(frozen=True, slots=True)
class RecipientData:
    """A person on the mediator's list, with names trimmed and NFC-normalised (slots: an import holds 100,000 of
    them, a third of the memory they took with a dictionary each)."""

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


@dataclass(frozen=True, slots=True)
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
