"""What the documents print: plain frozen dataclasses, filled in by the services that know the data.

Printing never reads the database; a caller builds these records and passes them to a `render_*` function.
Names are printed exactly as given (already NFC-normalised by the import), apostrophes included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from models.core.latin import latin_name
from models.core.types import RecipientData


@dataclass(frozen=True)
class LabelData:
    """One package label. `copy_number` 0 is the original; n >= 1 prints "COPY n" (a reprint)."""

    package_code: str
    surname: str
    given_name: str
    patronymic: str = ""
    birth_date: date | None = None
    place: str = ""
    campaign: str = ""
    content_summary: str = ""
    has_letter: bool = False
    copy_number: int = 0
    list_number: str = ""
    """The person's number on the mediator's list, printed beside the campaign."""
    latin_name: str = ""
    """The name in Latin letters by the campaign's scheme, printed under it; "" for none."""

    @classmethod
    def for_recipient(
        cls,
        package_code: str,
        recipient: RecipientData,
        *,
        campaign: str = "",
        content_summary: str = "",
        has_letter: bool = False,
        copy_number: int = 0,
        latin: str = "none",
    ) -> LabelData:
        return cls(package_code, recipient.surname, recipient.given_name, recipient.patronymic,
                   recipient.birth_date, recipient.place, campaign, content_summary, has_letter, copy_number,
                   recipient.list_number, latin_name(recipient.full_name, latin))


@dataclass(frozen=True)
class SlipLine:
    """An item and quantity in the package; `substitute_for` names the item it replaces, if any."""

    item: str
    quantity: int
    substitute_for: str = ""


@dataclass(frozen=True)
class SlipData:
    """The content slip that goes inside a package."""

    package_code: str
    surname: str
    given_name: str
    patronymic: str = ""
    campaign: str = ""
    lines: tuple[SlipLine, ...] = ()
    has_letter: bool = False
    packed_on: date | None = None
    list_number: str = ""


@dataclass(frozen=True)
class LetterLabelData:
    """A label for a family letter's envelope: the letter's own code and whom it is for."""

    letter_code: str
    surname: str
    given_name: str
    patronymic: str = ""
    place: str = ""
    campaign: str = ""
    package_code: str = ""
    list_number: str = ""


@dataclass(frozen=True)
class Party:
    """One side of a handover: the organisation and the person who signs for it."""

    organisation: str
    representative: str = ""
    position: str = ""


@dataclass(frozen=True)
class ManifestLine:
    package_code: str
    surname: str
    given_name: str
    patronymic: str = ""
    birth_date: date | None = None
    place: str = ""
    has_letter: bool = False
    weight_g: int | None = None
    substitutions: str = ""
    list_number: str = ""
    """The person's number on the mediator's list."""
    expected_weight_g: int | None = None
    """By the catalog; the total counts it for a package that was not weighed, and says so."""
    latin_name: str = ""
    """The name in Latin letters by the campaign's scheme (`models.core.latin`), printed under it; "" for none."""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)


@dataclass(frozen=True)
class ManifestData:
    """A handover batch manifest. `version` > 1 marks a correction of an earlier signed manifest.

    `events_included` states, per station, up to which event sequence number the manifest was made
    (DESIGN.md section 6), as (station, last sequence) pairs.
    """

    campaign: str
    batch_code: str
    version: int
    created: datetime
    place: str
    sending_party: Party
    mediator: Party
    receiving_party: Party
    lines: tuple[ManifestLine, ...]
    transport: str = ""
    seal_numbers: tuple[str, ...] = ()
    events_included: tuple[tuple[str, int], ...] = ()
    rules_versions: tuple[int, ...] = ()
    """The campaign rules versions the packages were sealed under (the handover agreement's, as recorded)."""


@dataclass(frozen=True)
class CartonLabelData:
    """A label for a carton of sealed packages: its own code, its number in the batch, what it holds."""

    carton_code: str
    carton_number: int
    package_count: int
    campaign: str = ""
    batch_code: str = ""
