"""Manifests from the database: what a manifest version lists, what changed since the version before, and
whether a printed sheet (its scanned QR code) matches what the database holds.

The records here are plain data; `printing.handover_documents` turns them into the printing layer's
`ManifestData` (models never import printing). The QR format is defined once in `models.handover.seal`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from models.core.codes import normalise
from models.core.errors import NotFound, RefusedInput
from models.core.i18n import N_, _, translator
from models.handover.records import (
    BatchState,
    BatchStore,
    HandoverDetails,
    ManifestVersion,
    MemberRow,
)
from models.handover.seal import (
    ListedLine,
    ManifestSeal,
    lines_hash,
    manifest_hash,
    qr_payload,
    read_seal,
    sealed_lines,
)

Seal = ManifestSeal
"""What a manifest's QR code says."""


def parse_seal(payload: str) -> Seal | None:
    """The manifest QR payload (`models.handover.seal`, format 1 or 2), or None when the text is not one."""
    return read_seal(payload)


def seal_payload(batch_code: str, version: int, rows: Iterable[ListedLine]) -> str:
    """The QR code printed on the manifest of version `version` listing `rows`."""
    return qr_payload(batch_code, version, sealed_lines(rows))


@dataclass(frozen=True)
class ManifestContent:
    """Everything one manifest version prints."""

    campaign: str
    batch_code: str
    version: int
    created: datetime
    """The handover time as given in the details, else when the version was closed (local time)."""
    details: HandoverDetails
    lines: tuple[MemberRow, ...]
    events_included: tuple[tuple[str, int], ...]
    sha256: str
    signed: bool
    current: bool
    """No later version replaces this one."""
    rules_versions: tuple[int, ...] = ()
    """The campaign rules versions its packages were sealed under."""
    latin_names: str = "none"
    """The campaign's scheme of the Latin line under each name (`models.core.latin`); it cannot change once a
    manifest of the campaign is signed."""

    @property
    def codes(self) -> list[str]:
        return [line.code for line in self.lines]


@dataclass(frozen=True)
class VersionChanges:
    """What version `version` changed against `previous` (None: the batch as it is now, not closed yet)."""

    batch_code: str
    version: int | None
    previous: int
    added: tuple[MemberRow, ...]
    removed: tuple[MemberRow, ...]
    details: tuple[tuple[str, str, str], ...]
    """(field label msgid, before, after) of every handover detail that changed."""
    reason: str = ""
    """Why the correction was opened."""

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.details)


class VerifyResult(enum.StrEnum):
    MATCHES = "matches"
    SUPERSEDED = "superseded"
    NOT_A_MANIFEST = "not_a_manifest"
    UNKNOWN_BATCH = "unknown_batch"
    UNKNOWN_VERSION = "unknown_version"
    COUNT_DIFFERS = "count_differs"
    HASH_DIFFERS = "hash_differs"


VERIFY_MESSAGES: dict[VerifyResult, str] = {
    VerifyResult.MATCHES: N_("The sheet matches: batch {batch}, version {version}, {count} packages, as in the "
                             "database."),
    VerifyResult.SUPERSEDED: N_("The sheet matches version {version} of batch {batch}, but version {latest} "
                                "replaces it: use the newer sheet."),
    VerifyResult.NOT_A_MANIFEST: N_("This is not the QR code of a Packline manifest."),
    VerifyResult.UNKNOWN_BATCH: N_("Batch {batch} is not in this database."),
    VerifyResult.UNKNOWN_VERSION: N_("Batch {batch} has no closed manifest version {version} in this database."),
    VerifyResult.COUNT_DIFFERS: N_("The sheet does NOT match: it lists {printed} packages, the database {stored} "
                                   "for batch {batch}, version {version}."),
    VerifyResult.HASH_DIFFERS: N_("The sheet does NOT match: the database holds other packages, names or list "
                                  "numbers for batch {batch}, version {version} than the sheet (hash differs)."),
}


@dataclass(frozen=True)
class Verification:
    result: VerifyResult
    message: str
    batch_code: str = ""
    version: int = 0
    printed_count: int = 0
    stored_count: int | None = None
    printed_sha256: str = ""
    stored_sha256: str | None = None
    latest_version: int | None = None
    signed: bool = False

    @property
    def matches(self) -> bool:
        """The sheet lists exactly the packages the database holds for its version."""
        return self.result in (VerifyResult.MATCHES, VerifyResult.SUPERSEDED)

    @property
    def current(self) -> bool:
        return self.result is VerifyResult.MATCHES


DETAIL_FIELDS: tuple[tuple[str, str], ...] = (
    ("place", N_("Place of handover")), ("handover_at", N_("Date and time")),
    ("sending.organisation", N_("Sending party")), ("sending.representative", N_("Sending party: name")),
    ("sending.position", N_("Sending party: position")), ("mediator.organisation", N_("Mediator")),
    ("mediator.representative", N_("Mediator: name")), ("mediator.position", N_("Mediator: position")),
    ("receiving.organisation", N_("Receiving party")), ("receiving.representative", N_("Receiving party: name")),
    ("receiving.position", N_("Receiving party: position")), ("vehicle", N_("Vehicle")),
    ("registration", N_("Registration")), ("driver", N_("Driver")), ("seal_numbers", N_("Seal numbers")),
)


def detail_value(details: HandoverDetails, key: str) -> str:
    value: object = details
    for part in key.split("."):
        value = getattr(value, part)
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def local_time(iso: str) -> datetime:
    """A stored timestamp (UTC, or a local time typed without zone) as naive local time."""
    moment = datetime.fromisoformat(iso)
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


class ManifestService:
    def __init__(self, store: BatchStore) -> None:
        self._store = store

    def version(self, batch_code: str, version: int | None = None) -> ManifestVersion:
        """Version `version` of the batch's manifest, or its latest closed version."""
        code = normalise(batch_code)
        batch = self._store.batch(code)
        if batch is None:
            raise NotFound(_("Batch {code} is not in this database.").format(code=code))
        versions = self._store.versions(code)
        if version is None:
            if not versions:
                raise RefusedInput(_("Batch {code} has no manifest yet: close it first.").format(code=code))
            return versions[-1]
        found = next((v for v in versions if v.version == version), None)
        if found is None:
            raise NotFound(_("Batch {code} has no manifest version {version}.").format(code=code, version=version))
        return found

    def content(self, batch_code: str, version: int | None = None) -> ManifestContent:
        chosen = self.version(batch_code, version)
        batch = self._store.batch(chosen.batch_code)
        assert batch is not None
        lines = tuple(self._store.members(chosen.batch_code, chosen.version))
        created = chosen.details.handover_at or chosen.closed_at
        try:
            moment = local_time(created)
        except ValueError:
            moment = local_time(chosen.closed_at)
        current = chosen.version == max(v.version for v in self._store.versions(chosen.batch_code))
        campaign = self._store.campaign(batch.campaign_id)
        return ManifestContent(campaign.name if campaign else "", chosen.batch_code, chosen.version,
                               moment, chosen.details, lines, chosen.events_included, chosen.sha256, chosen.signed,
                               current, self._store.rules_versions([line.package_id for line in lines]),
                               campaign.latin_names if campaign else "none")

    def changes(self, batch_code: str, version: int | None = None) -> VersionChanges | None:
        """What version `version` (None: the open batch now) changed against the version before; None for a
        first version."""
        code = normalise(batch_code)
        batch = self._store.batch(code)
        if batch is None:
            raise NotFound(_("Batch {code} is not in this database.").format(code=code))
        versions = {v.version: v for v in self._store.versions(code)}
        number = version if version is not None else batch.version
        before = versions.get(number - 1)
        if before is None:
            return None
        if version is None and batch.state is not BatchState.OPEN:
            return None
        after_rows = self._store.members(code, version)
        after_details = versions[version].details if version is not None and version in versions else batch.details
        before_rows = self._store.members(code, before.version)
        before_codes = {row.code for row in before_rows}
        after_codes = {row.code for row in after_rows}
        details = tuple((label, detail_value(before.details, key), detail_value(after_details, key))
                        for key, label in DETAIL_FIELDS
                        if detail_value(before.details, key) != detail_value(after_details, key))
        return VersionChanges(code, version, before.version,
                              tuple(row for row in after_rows if row.code not in before_codes),
                              tuple(row for row in before_rows if row.code not in after_codes), details,
                              self._store.correction_reason(code, number))

    def verify(self, payload: str, *, language: str | None = None) -> Verification:
        """Check a scanned manifest QR code against the database: batch, version, count and hash."""
        t = translator(language) if language else None

        def say(result: VerifyResult, **values: object) -> str:
            text = VERIFY_MESSAGES[result]
            return (t.gettext(text) if t else _(text)).format(**values)

        seal = parse_seal(payload)
        if seal is None:
            return Verification(VerifyResult.NOT_A_MANIFEST, say(VerifyResult.NOT_A_MANIFEST))
        names = {"batch": seal.batch_code, "version": seal.version}
        printed = (seal.batch_code, seal.version, seal.count)
        if self._store.batch(seal.batch_code) is None:
            return Verification(VerifyResult.UNKNOWN_BATCH, say(VerifyResult.UNKNOWN_BATCH, **names), *printed,
                                printed_sha256=seal.sha256)
        versions = self._store.versions(seal.batch_code)
        found = next((v for v in versions if v.version == seal.version), None)
        if found is None:
            return Verification(VerifyResult.UNKNOWN_VERSION, say(VerifyResult.UNKNOWN_VERSION, **names), *printed,
                                printed_sha256=seal.sha256)
        rows = self._store.members(seal.batch_code, seal.version)
        codes = [row.code for row in rows]
        stored_sha256 = lines_hash(sealed_lines(rows)) if seal.covers_lines else manifest_hash(codes)
        latest = max(v.version for v in versions)
        if seal.count != len(codes):
            result = VerifyResult.COUNT_DIFFERS
        elif seal.sha256 != stored_sha256:
            result = VerifyResult.HASH_DIFFERS
        elif seal.version < latest:
            result = VerifyResult.SUPERSEDED
        else:
            result = VerifyResult.MATCHES
        text = say(result, printed=seal.count, stored=len(codes), count=len(codes), latest=latest, **names)
        return Verification(result, text, *printed, len(codes), seal.sha256, stored_sha256, latest, found.signed)
