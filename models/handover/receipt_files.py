"""The receiving side's result as a file that goes back to the sending side (the hub): the receipt.

A receiving install of Packline (or the mediator's) exports its reconciliation of a batch version: each listed
package received, damaged (with its note) or missing, each extra one, who checked it and when. The hub imports
it (`ReceivingService.import_receipt`) and its own reconciliation is built from it. The file is JSON with a
SHA-256 over its content, so a damaged or edited receipt is refused, and it names the batch version and the
manifest's hash, so a receipt is never applied to another version of the batch.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.core.codes import CodeKind, classify
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.handover.receiving_records import FILE_FORMAT, Cause, ReceiptStatus, Reconciliation

RECEIPT_FORMAT = "packline-receipt"
RECEIPT_VERSION = 1
MAX_RECEIPT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ReceiptLine:
    code: str
    status: ReceiptStatus
    cause: Cause
    note: str
    user: str
    at: str


@dataclass(frozen=True)
class ReceiptFile:
    campaign: str
    batch_code: str
    version: int
    manifest_sha256: str
    station: str
    exported_at: str
    lines: tuple[ReceiptLine, ...]
    content_sha256: str


def _content_hash(document: dict[str, Any]) -> str:
    body = {key: value for key, value in document.items() if key != "content_sha256"}
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                          .encode("utf-8")).hexdigest()


def receipt_json(rec: Reconciliation, station: str, exported_at: str) -> bytes:
    """The receipt of a reconciliation (a package not checked in is missing), with its content's SHA-256."""
    document: dict[str, Any] = {
        "format": RECEIPT_FORMAT, "format_version": RECEIPT_VERSION, "campaign": rec.campaign,
        "batch": rec.batch_code, "version": rec.version, "manifest_sha256": rec.sha256, "station": station,
        "exported_at": exported_at, "count": len(rec.lines),
        "packages": [{"code": line.code, "status": line.status.value, "cause": line.cause.value, "note": line.note,
                      "user": line.user, "at": line.at} for line in rec.lines],
    }
    document["content_sha256"] = _content_hash(document)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_receipt(path: Path) -> ReceiptFile:
    """The receipt in `path`; refused with the reason when it is not a complete, unaltered Packline receipt."""
    try:
        if path.stat().st_size > MAX_RECEIPT_BYTES:
            raise RefusedInput(_("{file} is too large for a receipt.").format(file=path.name))
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as error:
        raise RefusedInput(_("The receipt {file} cannot be read: {reason}").format(
            file=path.name, reason=error.strerror or error)) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise RefusedInput(_("{file} is not a Packline receipt (it is not JSON text: a reconciliation CSV or a "
                             "check-off list is imported with --checklist).").format(file=path.name)) from None
    kind = document.get("format") if isinstance(document, dict) else None
    if kind == FILE_FORMAT:
        raise RefusedInput(_("{file} is a batch file (what the sending side exports), not the receiving side's "
                             "receipt.").format(file=path.name))
    if kind != RECEIPT_FORMAT:
        raise RefusedInput(_("{file} is not a Packline receipt.").format(file=path.name))
    if document.get("format_version") != RECEIPT_VERSION:
        raise RefusedInput(_("{file} is a receipt of format version {version}, which this Packline does not "
                             "read.").format(file=path.name, version=document.get("format_version")))
    if document.get("content_sha256") != _content_hash(document):
        raise RefusedInput(_("{file} was changed or is incomplete: its SHA-256 does not match its content.").format(
            file=path.name))
    return _receipt(document, path.name)


def _receipt(document: dict[str, Any], name: str) -> ReceiptFile:
    problems: list[str] = []
    lines: list[ReceiptLine] = []
    seen: set[str] = set()
    packages = document.get("packages")
    for number, entry in enumerate(packages if isinstance(packages, list) else [], start=1):
        entry = entry if isinstance(entry, dict) else {}
        code = str(entry.get("code", ""))
        scanned = classify(code)
        try:
            status, cause = ReceiptStatus(str(entry.get("status"))), Cause(str(entry.get("cause")))
        except ValueError:
            problems.append(_("Package {number}: the status {status} is not one Packline knows.").format(
                number=number, status=entry.get("status")))
            continue
        if not scanned.ok or scanned.kind is not CodeKind.PACKAGE or scanned.value != code or code in seen:
            problems.append(_("Package {number}: {code} is not a package code, or is listed twice.").format(
                number=number, code=code))
            continue
        seen.add(code)
        lines.append(ReceiptLine(code, status, cause, str(entry.get("note") or "")[:500],
                                 str(entry.get("user") or "")[:100], str(entry.get("at") or "")[:40]))
    version = document.get("version")
    if not isinstance(packages, list) or document.get("count") != len(lines) or not isinstance(version, int):
        problems.append(_("The receipt says {count} packages but lists {listed}.").format(
            count=document.get("count"), listed=len(lines)))
    if problems:
        raise RefusedInput(_("{file} was not imported.").format(file=name), problems)
    assert isinstance(version, int)
    return ReceiptFile(str(document.get("campaign", "")), str(document.get("batch", "")), version,
                       str(document.get("manifest_sha256", "")), str(document.get("station", "")),
                       str(document.get("exported_at", "")), tuple(lines), str(document["content_sha256"]))
