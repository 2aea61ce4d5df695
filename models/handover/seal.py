"""What the manifest's QR code holds: batch code, version, package count and a hash of the package codes.

Defined once, here: the manifest renderer (`printing.manifest`) prints it, `models.handover.manifests` and
receiving verify a scanned sheet with it, and the stored hash of each closed version is `manifest_hash`.

The payload is digits only, like every code Packline prints, so a keyboard-wedge scanner types it right
under any keyboard layout (DESIGN.md section 3). Format 1, 106 digits, fixed widths:

    "1"                format version
    batch code         18 digits
    manifest version   3 digits, zero-padded (1-999)
    package count      6 digits, zero-padded (0-999999)
    SHA-256            78 digits: the 256-bit digest as a zero-padded decimal number

The digest is `manifest_hash(codes)`: SHA-256 of the package codes sorted ascending, joined with "\\n"
(no trailing newline), UTF-8. Anyone can check a manifest without Packline: sort the codes, hash them,
and compare with the hex digest printed next to the QR code or with `int(hex, 16)` in the payload.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

FORMAT = "1"
DIGEST_DIGITS = 78
PAYLOAD_LENGTH = 1 + 18 + 3 + 6 + DIGEST_DIGITS


def manifest_hash(codes: Iterable[str]) -> str:
    """SHA-256 (lowercase hex) of the sorted package codes joined with newlines."""
    joined = "\n".join(sorted(codes))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ManifestSeal:
    batch_code: str
    version: int
    count: int
    sha256: str


def qr_payload(batch_code: str, version: int, codes: Iterable[str]) -> str:
    listed = list(codes)
    if not (batch_code.isdigit() and len(batch_code) == 18):
        raise ValueError("The batch code must be 18 digits")
    if not 1 <= version <= 999:
        raise ValueError("The manifest version must be 1 to 999")
    if len(listed) > 999_999:
        raise ValueError("A manifest holds at most 999,999 packages")
    digest = int(manifest_hash(listed), 16)
    return f"{FORMAT}{batch_code}{version:03d}{len(listed):06d}{digest:0{DIGEST_DIGITS}d}"


def parse_qr_payload(payload: str) -> ManifestSeal:
    """Read a scanned manifest QR code back; raises ValueError if it is not format 1."""
    seal = read_seal(payload)
    if seal is None:
        raise ValueError("Not a Packline manifest code")
    return seal


def read_seal(payload: str) -> ManifestSeal | None:
    """The scanned manifest QR code, or None when the text is not one (ASCII digits only, format 1). A scanner's
    symbology identifier for QR Code (`]Q1`) in front is dropped."""
    text = payload.strip().removeprefix("]Q1")
    if not (text.isascii() and text.isdigit() and len(text) == PAYLOAD_LENGTH and text.startswith(FORMAT)):
        return None
    return ManifestSeal(text[1:19], int(text[19:22]), int(text[22:28]), f"{int(text[28:]):064x}")
