"""What the manifest's QR code holds: batch code, version, package count and a hash of the manifest's lines.

Defined once, here: the manifest renderer (`printing.manifest`) prints it, `models.handover.manifests`,
receiving and the check-off kit verify a scanned sheet with it, and the stored hash of each closed version is
`manifest_hash` (of the codes alone, recorded in the batch's events since the first version of Packline).

The payload is digits only, like every code Packline prints, so a keyboard-wedge scanner types it right
under any keyboard layout (DESIGN.md section 3). 106 digits, fixed widths:

    format             1 digit: "2" (sheets printed before format 2 hold "1")
    batch code         18 digits
    manifest version   3 digits, zero-padded (1-999)
    package count      6 digits, zero-padded (0-999999)
    SHA-256            78 digits: the 256-bit digest as a zero-padded decimal number

Format 2's digest is `lines_hash(lines)`: SHA-256 of one text line per package, "code TAB list number TAB
name" (the name as printed: surname, given name and patronymic joined by single spaces, Unicode NFC), the
lines sorted by code and joined with "\\n" (no trailing newline), UTF-8. A sheet whose names or list numbers
were changed after it was sealed no longer verifies, where format 1's `manifest_hash(codes)` (the sorted
codes alone) saw only the codes. Both still verify. Anyone can check a sheet without Packline: build the
lines from the sheet, hash them and compare with the hex digest printed next to the QR code, or with
`int(hex, 16)` in the payload.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, Protocol

CODES_FORMAT = "1"
"""The digest covers the package codes alone (sheets printed before lines were hashed)."""
LINES_FORMAT = "2"
"""The digest covers each line's code, list number and name."""
DIGEST_DIGITS = 78
PAYLOAD_LENGTH = 1 + 18 + 3 + 6 + DIGEST_DIGITS


class SealedLine(NamedTuple):
    """What format 2's digest covers of one manifest line."""

    code: str
    list_number: str
    name: str


class ListedLine(Protocol):
    """A manifest line as the sender's and the receiver's records hold it."""

    @property
    def code(self) -> str: ...

    @property
    def list_number(self) -> str: ...

    @property
    def full_name(self) -> str: ...


def sealed_lines(lines: Iterable[ListedLine]) -> list[SealedLine]:
    """What format 2's digest covers of these lines."""
    return [SealedLine(line.code, line.list_number, line.full_name) for line in lines]


def manifest_hash(codes: Iterable[str]) -> str:
    """SHA-256 (lowercase hex) of the sorted package codes joined with newlines."""
    joined = "\n".join(sorted(codes))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def lines_hash(lines: Iterable[SealedLine]) -> str:
    """SHA-256 (lowercase hex) of the lines "code\\tlist number\\tname", sorted by code, joined with newlines."""
    texts = sorted(f"{line.code}\t{line.list_number}\t{unicodedata.normalize('NFC', line.name)}" for line in lines)
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ManifestSeal:
    batch_code: str
    version: int
    count: int
    sha256: str
    """The digest the code holds: `lines_hash` (format 2) or `manifest_hash` of the codes (format 1)."""
    format: str = LINES_FORMAT

    @property
    def covers_lines(self) -> bool:
        return self.format == LINES_FORMAT


def qr_payload(batch_code: str, version: int, lines: Iterable[SealedLine]) -> str:
    """The format 2 payload of a manifest version listing `lines`."""
    listed = list(lines)
    if not (batch_code.isdigit() and len(batch_code) == 18):
        raise ValueError("The batch code must be 18 digits")
    if not 1 <= version <= 999:
        raise ValueError("The manifest version must be 1 to 999")
    if len(listed) > 999_999:
        raise ValueError("A manifest holds at most 999,999 packages")
    digest = int(lines_hash(listed), 16)
    return f"{LINES_FORMAT}{batch_code}{version:03d}{len(listed):06d}{digest:0{DIGEST_DIGITS}d}"


def parse_qr_payload(payload: str) -> ManifestSeal:
    """Read a scanned manifest QR code back; raises ValueError if it is not one."""
    seal = read_seal(payload)
    if seal is None:
        raise ValueError("Not a Packline manifest code")
    return seal


def read_seal(payload: str) -> ManifestSeal | None:
    """The scanned manifest QR code, or None when the text is not one (ASCII digits only, format 1 or 2). A
    scanner's symbology identifier for QR Code (`]Q1`) in front is dropped."""
    text = payload.strip().removeprefix("]Q1")
    if not (text.isascii() and text.isdigit() and len(text) == PAYLOAD_LENGTH
            and text[0] in (CODES_FORMAT, LINES_FORMAT)):
        return None
    return ManifestSeal(text[1:19], int(text[19:22]), int(text[22:28]), f"{int(text[28:]):064x}", text[0])
