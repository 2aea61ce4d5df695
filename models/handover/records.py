"""What the handover services read and write, as plain records, and the store protocol behind them.

The services (`models.handover.batches`, `models.handover.manifests`, `models.handover.receiving`) never import
storage, so the screens can use them; the SQL is `models.handover.sql.batches_repo.SqlBatchStore`, handed in by
the `Workspace`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from models.core.events import Event, NewEvent
from models.core.types import Campaign
from models.packing.states import PackageState


class BatchState(enum.StrEnum):
    OPEN = "open"
    """Packages and cartons may be added and removed."""
    CLOSED = "closed"
    """Its manifest version is fixed and can be printed; reopen to change it, or sign it."""
    SIGNED = "signed"
    """Handed over: immutable; a correction opens version n+1."""


@dataclass(frozen=True)
class PartyDetails:
    organisation: str = ""
    representative: str = ""
    position: str = ""


@dataclass(frozen=True)
class HandoverDetails:
    """What the manifest says about the handover besides the packages."""

    place: str = ""
    handover_at: str = ""
    """Local date and time as ISO text ("2026-11-27T14:30"); empty: the time the batch was closed."""
    sending: PartyDetails = field(default_factory=PartyDetails)
    mediator: PartyDetails = field(default_factory=PartyDetails)
    receiving: PartyDetails = field(default_factory=PartyDetails)
    vehicle: str = ""
    registration: str = ""
    driver: str = ""
    seal_numbers: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["seal_numbers"] = list(self.seal_numbers)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> HandoverDetails:
        data = dict(data or {})

        def party(key: str) -> PartyDetails:
            found = data.get(key) or {}
            return PartyDetails(str(found.get("organisation", "")), str(found.get("representative", "")),
                                str(found.get("position", "")))

        return cls(str(data.get("place", "")), str(data.get("handover_at", "")), party("sending"),
                   party("mediator"), party("receiving"), str(data.get("vehicle", "")),
                   str(data.get("registration", "")), str(data.get("driver", "")),
                   tuple(str(seal) for seal in data.get("seal_numbers") or () if str(seal).strip()))

    @property
    def transport(self) -> str:
        """Vehicle, registration and driver in one line, as the manifest prints it."""
        return ", ".join(part for part in (self.vehicle, self.registration, self.driver) if part)


@dataclass(frozen=True)
class BatchRecord:
    code: str
    campaign_id: int
    state: BatchState
    version: int
    details: HandoverDetails
    created_at: str
    created_by: str
    package_count: int = 0
    carton_count: int = 0


@dataclass(frozen=True)
class CartonRecord:
    code: str
    campaign_id: int
    number: int
    batch_code: str | None
    package_count: int = 0


@dataclass(frozen=True)
class PackagePlace:
    """A package as the batch rules see it: its packing state and where it is on its way out."""

    id: int
    code: str
    campaign_id: int
    state: PackageState
    carton_code: str | None = None
    batch_code: str | None = None
    relabel: bool = False
    """Its label names the person as before a list correction a supervisor accepted (print it again)."""
    replaced_by: str | None = None
    """Voided and replaced: the replacement's code."""


@dataclass(frozen=True)
class ManifestVersion:
    batch_code: str
    version: int
    package_count: int
    sha256: str
    details: HandoverDetails
    events_included: tuple[tuple[str, int], ...]
    closed_by: str
    closed_at: str
    signed_by: str | None = None
    signed_at: str | None = None
    attachment: str | None = None
    attachment_sha256: str | None = None

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


@dataclass(frozen=True)
class MemberRow:
    """One package of a batch (or of a manifest version), as lists and documents show it."""

    package_id: int
    code: str
    list_number: str
    surname: str
    given_name: str
    patronymic: str
    birth_date: date | None
    place: str
    carton_code: str | None = None
    carton_number: int | None = None
    has_letter: bool = False
    weight_g: int | None = None
    """As weighed; None when the package was sealed without weighing."""
    substitutions: str = ""
    state: PackageState = PackageState.SEALED
    expected_weight_g: int | None = None
    """What its contents and box weigh by the catalog."""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)


@dataclass(frozen=True)
class KeptFile:
    """A file copied beside the database (`manifests/`), by name relative to that folder."""

    name: str
    sha256: str
    path: Path


class BatchStore(Protocol):
    """The SQL side (`models.handover.sql.batches_repo.SqlBatchStore`)."""

    def transaction(self) -> AbstractContextManager[object]: ...

    def append(self, station_id: str, event: NewEvent) -> Event: ...

    def issue_code(self, kind_value: str) -> str | None:
        """A new carton or batch code (`CodeKind.value`), inside the caller's transaction; None while this
        station waits for its block of codes from the hub (`models.sync.code_blocks`)."""
        ...

    def campaign_name(self, campaign_id: int) -> str | None: ...

    def campaign(self, campaign_id: int) -> Campaign | None: ...

    def rules_versions(self, package_ids: Sequence[int]) -> tuple[int, ...]:
        """The campaign rules versions these packages were sealed under, ascending."""
        ...

    def package(self, code: str) -> PackagePlace | None: ...

    def packages_of_carton(self, carton_code: str) -> list[PackagePlace]: ...

    def packages_of_batch(self, batch_code: str) -> list[PackagePlace]: ...

    def conflicted(self, package_ids: Sequence[int]) -> set[int]:
        """Packages flagged as conflicts between stations (issue 8) and not resolved yet."""
        ...

    def clashing_codes(self) -> set[str]:
        """Carton and batch codes a station's import brought for another thing (unresolved conflicts)."""
        ...

    def carton(self, code: str) -> CartonRecord | None: ...

    def cartons(self, campaign_id: int, batch_code: str | None = None) -> list[CartonRecord]: ...

    def next_carton_number(self, campaign_id: int) -> int: ...

    def batch(self, code: str) -> BatchRecord | None: ...

    def batches(self, campaign_id: int | None) -> list[BatchRecord]: ...

    def members(self, batch_code: str, version: int | None = None) -> list[MemberRow]:
        """The batch's packages now (version None) or as listed in a manifest version, in list order."""
        ...

    def versions(self, batch_code: str) -> list[ManifestVersion]: ...

    def correction_reason(self, batch_code: str, version: int) -> str:
        """Why version `version` was opened as a correction ('' for a first version)."""
        ...

    def watermarks(self) -> list[tuple[str, int]]:
        """(station name, last sequence number) of every station whose events this database holds."""
        ...

    def keep_file(self, source: Path, stem: str) -> KeptFile:
        """Copy a file into `manifests/` beside the database (0600), returning its name and SHA-256."""
        ...

    def discard_file(self, kept: KeptFile) -> None: ...
