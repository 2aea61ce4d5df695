"""What must hold between the handover tables and the packages, whatever order events arrived in.

`check` runs these (and, with `--full`, first compares every projection with a replay of the whole journal,
`models.journal.sql.verify`, which takes time in proportion to the journal):
- a voided package is in no carton or batch;
- every closed manifest version lists as many packages as it says, and its stored hash is the hash of the
  codes it lists (what its QR code carries);
- a signed or closed batch holds exactly the packages its version lists (an import that changed it would make
  the paper lie);
- a person's packages agree with the list and the replacements: every person has one live package, a replaced
  package is voided, a withdrawn one was never packed, and no label on a closed or signed manifest names its
  person as before a correction.
Each finding names the batch and the package codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from models.core.i18n import _
from models.handover.seal import manifest_hash
from models.storage.database import Database


@dataclass(frozen=True)
class Finding:
    rule: str
    """A stable name: voided_in_handover, manifest_count, manifest_hash, signed_batch_changed, closed_batch_changed,
    no_live_package, replaced_not_voided, withdrawn_packed, label_differs, replacement_missing."""
    message: str
    codes: tuple[str, ...] = ()


def findings(db: Database, *, replay: bool = True) -> list[Finding]:
    """Everything that disagrees: projections against the journal (when `replay`), then the handover rules
    above (SQL over the derived tables: a second or so at 100,000 packages)."""
    return [*(_projections(db) if replay else []), *_voided_in_handover(db), *_manifests(db), *_signed_batches(db),
            *_package_life(db)]


def _projections(db: Database) -> list[Finding]:
    from models.journal.sql.verify import projection_differences  # the replay: only for --full

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
    for batch, version, state in db.execute(
            "SELECT code, version, state FROM batches WHERE state IN ('closed', 'signed') ORDER BY code"):
        signed = set(_listed(db, batch, version))
        now = {row[0] for row in db.execute(
            "SELECT p.code FROM package_handover h JOIN packages p ON p.id = h.package_id WHERE h.batch_code = ?",
            [batch])}
        if now != signed:
            changed = sorted(now ^ signed)
            text = (_("Signed batch {batch} (version {version}) now holds {now} packages, its signed manifest lists "
                      "{signed}; differing: {codes}.") if state == "signed" else
                    _("Closed batch {batch} (version {version}) now holds {now} packages, its manifest lists "
                      "{signed}; differing: {codes}."))
            findings.append(Finding(f"{state}_batch_changed", text.format(
                batch=batch, version=version, now=len(now), signed=len(signed), codes=", ".join(changed[:10])),
                tuple(changed)))
    return findings


def _listed(db: Database, batch: str, version: int) -> Sequence[str]:
    return [row[0] for row in db.execute(
        "SELECT p.code FROM manifest_lines l JOIN packages p ON p.id = l.package_id "
        "WHERE l.batch_code = ? AND l.version = ? ORDER BY p.code", [batch, version])]


def _package_life(db: Database) -> list[Finding]:
    """A person's packages across list versions and replacements (issue 14)."""
    found: list[Finding] = []
    for number, campaign in db.execute(
            "SELECT r.list_number, c.name FROM recipients r JOIN campaigns c ON c.id = r.campaign_id "
            "WHERE NOT EXISTS (SELECT 1 FROM packages p WHERE p.recipient_id = r.id AND p.live = 1) "
            "ORDER BY c.name, r.number_key, r.list_number"):
        found.append(Finding("no_live_package", _("Campaign {campaign}, number {number}: the person has no live "
                                                  "package.").format(campaign=campaign, number=number)))
    for old, new, state in db.execute(
            "SELECT o.code, n.code, coalesce(s.state, 'planned') FROM packages n JOIN packages o ON o.id = n.replaces "
            "LEFT JOIN package_state s ON s.package_id = o.id WHERE coalesce(s.state, '') != 'voided' OR o.live = 1 "
            "ORDER BY o.code"):
        found.append(Finding("replaced_not_voided", _("Package {old} is replaced by {new} but is {state}.").format(
            old=old, new=new, state=state), (old, new)))
    for code, state in db.execute(
            "SELECT p.code, s.state FROM package_withdrawals w JOIN packages p ON p.id = w.package_id "
            "JOIN package_state s ON s.package_id = p.id ORDER BY p.code"):
        found.append(Finding("withdrawn_packed", _("Package {package} is withdrawn but {state}.").format(
            package=code, state=state), (code,)))
    for code, batch in db.execute(
            "SELECT p.code, h.batch_code FROM package_state s JOIN packages p ON p.id = s.package_id "
            "JOIN package_handover h ON h.package_id = p.id JOIN batches b ON b.code = h.batch_code "
            "WHERE s.relabel = 1 AND b.state IN ('closed', 'signed') ORDER BY p.code"):
        found.append(Finding("label_differs", _(
            "Package {package}: the manifest of batch {batch} names its person as the list now does, but its label "
            "names them as before.").format(package=code, batch=batch), (code,)))
    for event_code, old_id in db.execute(
            "SELECT json_extract(e.payload, '$.replacement_code'), e.package_id FROM events e "
            "WHERE e.type = 'package_reissued' "
            "AND NOT EXISTS (SELECT 1 FROM packages n WHERE n.id = json_extract(e.payload, '$.replacement_id') "
            "AND n.replaces = e.package_id AND n.code = json_extract(e.payload, '$.replacement_code'))"):
        found.append(Finding("replacement_missing", _(
            "The journal gives package {code} as the replacement of package id {old}, but the packages do not "
            "agree.").format(code=event_code, old=old_id), (str(event_code),)))
    return found
