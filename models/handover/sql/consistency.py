"""What must hold between the handover tables and the packages, whatever order events arrived in.

`check` runs these, after comparing every projection with the journal (`models.journal.sql.verify`): a voided
package is in no carton or batch; every closed manifest version lists as many
packages as it says, and its stored hash is the hash of the codes it lists (what its QR code carries); a signed
batch holds exactly the packages its signed version lists (an import that changed it would make the paper lie).
Each finding names the batch and the package codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from models.core.i18n import _
from models.handover.seal import manifest_hash
from models.journal.sql.verify import projection_differences


@dataclass(frozen=True)
class Finding:
    rule: str
    """A stable name: voided_in_handover, manifest_count, manifest_hash, signed_batch_changed."""
    message: str
    codes: tuple[str, ...] = ()


def findings(db: Database) -> list[Finding]:
    """Everything that disagrees: projections against the journal, then the handover rules above."""
    return [*_projections(db), *_voided_in_handover(db), *_manifests(db), *_signed_batches(db)]


def _projections(db: Database) -> list[Finding]:
    return [Finding("projection", _(
        "Table {table} differs from the journal: {missing} rows missing, {extra} rows too many{packages}.").format(
        table=diff.table, missing=diff.missing, extra=diff.extra,
        packages=_(" (packages {codes})").format(codes=", ".join(diff.package_codes[:10])) if diff.package_codes
        else ""), diff.package_codes) for diff in projection_differences(db)]


def _voided_in_handover(db: Database) -> list[Finding]:
    rows = db.execute(
        "SELECT p.code, coalesce(h.batch_code, h.carton_code) FROM package_handover h "
        "JOIN package_state s ON s.package_id = h.package_id AND s.state = 'voided' "
        "JOIN packages p ON p.id = h.package_id ORDER BY p.code").fetchall()
    return [Finding("voided_in_handover", _("Package {package} is voided but still in carton or batch {place}.").format(
        package=code, place=place), (code,)) for code, place in rows]


def _manifests(db: Database) -> list[Finding]:
    findings: list[Finding] = []
    for batch, version, count, sha256 in db.execute(
            "SELECT batch_code, version, package_count, sha256 FROM manifest_versions ORDER BY batch_code, version"
    ).fetchall():
        codes = _listed(db, batch, version)
        if len(codes) != count:
            findings.append(Finding("manifest_count", _(
                "Batch {batch}, manifest version {version}: it says {count} packages but lists {listed}.").format(
                batch=batch, version=version, count=count, listed=len(codes)), tuple(codes)))
        if manifest_hash(codes) != sha256:
            findings.append(Finding("manifest_hash", _(
                "Batch {batch}, manifest version {version}: its hash does not match the packages it lists.").format(
                batch=batch, version=version), tuple(codes)))
    return findings


def _signed_batches(db: Database) -> list[Finding]:
    findings: list[Finding] = []
    for batch, version in db.execute("SELECT code, version FROM batches WHERE state = 'signed' ORDER BY code"):
        signed = set(_listed(db, batch, version))
        now = {row[0] for row in db.execute(
            "SELECT p.code FROM package_handover h JOIN packages p ON p.id = h.package_id WHERE h.batch_code = ?",
            [batch])}
        if now != signed:
            changed = sorted(now ^ signed)
            findings.append(Finding("signed_batch_changed", _(
                "Signed batch {batch} (version {version}) now holds {now} packages, its signed manifest lists "
                "{signed}; differing: {codes}.").format(batch=batch, version=version, now=len(now),
                                                         signed=len(signed), codes=", ".join(changed[:10])),
                tuple(changed)))
    return findings


def _listed(db: Database, batch: str, version: int) -> Sequence[str]:
    return [row[0] for row in db.execute(
        "SELECT p.code FROM manifest_lines l JOIN packages p ON p.id = l.package_id "
        "WHERE l.batch_code = ? AND l.version = ? ORDER BY p.code", [batch, version])]
