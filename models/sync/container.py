"""The one file format of the exchange: events, acknowledgements and campaign packs.

    PACKLINE-SYNC/2\n
    {"kind": "events", "body_length": ..., "body_sha256": ..., "signer_key": ..., "encryption": ..., ...}\n
    <Ed25519 signature of the two lines above, base64>\n
    <body>

The header is one line of JSON, readable without a passphrase, so a watcher can tell a complete file (its
body has the stated length and SHA-256) from one still being copied or replicated. The body is
zlib-compressed and, when a passphrase is given, encrypted with Fernet under a key derived by scrypt from
the passphrase and a random salt kept in the header. Fernet authenticates what it decrypts, so once the
hash matches, a failure to decrypt can only mean a wrong passphrase.

Every file is signed (`models.sync.signing`) by the station identity or hub that wrote it. The signature
covers the magic line and the whole header, and the header states the stored body's SHA-256: so it covers
every byte, and it is checked, against the key the reader trusts for that writer, before anything is
decrypted, unpacked or parsed. A file whose header was edited, or that a stranger wrote, is refused there.

Files are written under a temporary name (starting with a dot, ending in `.tmp`), flushed to disk, created
0600 (they hold personal data), then renamed: a reader never sees half a file under the final name.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from models.core.i18n import _
from models.sync import signing
from models.sync.errors import ExchangeRefused, Problem
from models.sync.signing import Signer

MAGIC = b"PACKLINE-SYNC/"
FORMAT_VERSION = 2
SCRYPT_N, SCRYPT_R, SCRYPT_P, SALT_BYTES = 2**15, 8, 1, 16
TEMPORARY_PREFIX, TEMPORARY_SUFFIX = ".", ".tmp"
MAX_HEADER_BYTES = 64 * 1024
MAX_PLAIN_BYTES = 1024**3
"""A body never unpacks to more than this (a million events are about 150 MB)."""
MAX_RATIO, RATIO_FLOOR_BYTES = 100, 16 * 1024**2
"""Nor to more than 100 times its stored size, past the first 16 MB (our JSON packs about 10:1): a file that
would is a decompression bomb, refused before it fills the memory."""
IDENTIFIER = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
"""Station and hub ids are ULIDs: 26 characters of Crockford's base 32, nothing that could name a path."""


def valid_identifier(value: object) -> bool:
    return isinstance(value, str) and IDENTIFIER.fullmatch(value) is not None


def contained(folder: Path, name: str) -> Path:
    """`folder / name`, refused unless it is a plain file name inside the folder (no `..`, no separator)."""
    target = folder / name
    if Path(name).name != name or name in ("", ".", "..") or target.resolve().parent != folder.resolve():
        raise ExchangeRefused(Problem.CORRUPT, _("{name} is not a file name Packline writes.").format(name=name))
    return target


@dataclass(frozen=True)
class Opened:
    """A verified file: its header and its plain body (decrypted, decompressed)."""

    header: Mapping[str, Any]
    body: bytes
    sha256: str
    """Of the body as stored: identifies the file whatever its name."""


def temporary_name(final: Path) -> Path:
    return final.with_name(f"{TEMPORARY_PREFIX}{final.name}{TEMPORARY_SUFFIX}")


def is_temporary(path: Path) -> bool:
    """Names a writer (ours, Syncthing's `.syncthing.*.tmp` / `~syncthing~*.tmp`, an editor's) still uses."""
    name = path.name
    return name.startswith((".", "~")) or name.endswith((".tmp", ".part", ".partial", ".crdownload"))


def _key(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8")))


Trust = Callable[[Mapping[str, Any]], bytes]
"""Given a file's header, the public key its writer must have signed it with (or ExchangeRefused: a writer
the reader does not trust)."""


def encode(kind: str, header: Mapping[str, Any], body: bytes, passphrase: str | None = None,
           *, signer: Signer, level: int = 6) -> bytes:
    """The whole file as bytes, signed by `signer`."""
    stored = zlib.compress(body, level)
    encryption: dict[str, Any] | None = None
    if passphrase:
        salt = os.urandom(SALT_BYTES)
        stored = Fernet(_key(passphrase, salt)).encrypt(stored)
        encryption = {"scheme": "fernet-scrypt", "salt": base64.b64encode(salt).decode("ascii"),
                      "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
    full = dict(header) | {"kind": kind, "compression": "zlib", "encryption": encryption,
                           "body_length": len(stored), "body_sha256": hashlib.sha256(stored).hexdigest(),
                           "signer_key": signing.encode_key(signer.public_key)}
    line = json.dumps(full, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    signed = MAGIC + str(FORMAT_VERSION).encode("ascii") + b"\n" + line
    return signed + b"\n" + signing.encode_key(signer.sign(signed)).encode("ascii") + b"\n" + stored


def write_atomically(path: Path, data: bytes) -> Path:
    """Write under a temporary name (0600), flush to disk, rename into place; returns the final path."""
    temporary = temporary_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ExchangeRefused(Problem.CANNOT_WRITE, _("{file} cannot be written: {error}").format(
            file=path, error=error.strerror or error)) from None
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write(path: Path, kind: str, header: Mapping[str, Any], body: bytes, passphrase: str | None = None, *,
          signer: Signer) -> Path:
    return write_atomically(path, encode(kind, header, body, passphrase, signer=signer))


@dataclass(frozen=True)
class _Parts:
    header: dict[str, Any]
    stored: bytes
    signed: bytes
    signature: bytes | None


def read_header(data: bytes, name: str) -> tuple[dict[str, Any], bytes]:
    """The header and the stored body, with the body's length and hash checked (not yet the signature)."""
    parts = _read_parts(data, name)
    return parts.header, parts.stored


def signed_by(data: bytes, name: str, key: bytes) -> bool:
    """Whether the file's signature is `key`'s (nothing decrypted or unpacked; a damaged file is not)."""
    try:
        parts = _read_parts(data, name)
    except ExchangeRefused:
        return False
    return parts.signature is not None and signing.verify(key, parts.signed, parts.signature)


def signer_key(header: Mapping[str, Any]) -> bytes | None:
    """The public key the header says its writer signs with (to show, or to enrol: never proof by itself)."""
    return signing.decode_key(header.get("signer_key"))


def _read_parts(data: bytes, name: str) -> _Parts:
    if not data.startswith(MAGIC):
        raise ExchangeRefused(Problem.NOT_PACKLINE, _("{file} is not a Packline exchange file.").format(file=name))
    first = data.find(b"\n")
    version = data[len(MAGIC):first] if first > 0 else b""
    if first < 0 or not version.isdigit():
        raise ExchangeRefused(Problem.TRUNCATED, _("{file} is incomplete: it ends inside its header.").format(
            file=name))
    if int(version) < FORMAT_VERSION:
        raise ExchangeRefused(Problem.UNKNOWN_FORMAT, _(
            "{file} has file format {found}, which is not signed; this Packline reads signed files (format "
            "{known}): update Packline where it was written.").format(
            file=name, found=int(version), known=FORMAT_VERSION))
    if int(version) != FORMAT_VERSION:
        raise ExchangeRefused(Problem.UNKNOWN_FORMAT, _(
            "{file} has file format {found}; this Packline reads format {known}: update Packline.").format(
            file=name, found=int(version), known=FORMAT_VERSION))
    end = data.find(b"\n", first + 1, first + 1 + MAX_HEADER_BYTES)
    if end < 0:
        raise ExchangeRefused(Problem.TRUNCATED, _("{file} is incomplete: it ends inside its header.").format(
            file=name))
    try:
        header = json.loads(data[first + 1:end].decode("utf-8"))
        length, digest = int(header["body_length"]), str(header["body_sha256"])
        if not isinstance(header, dict):
            raise TypeError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its header cannot be read.").format(
            file=name)) from None
    signature_end = data.find(b"\n", end + 1, end + 2 + 2 * signing.SIGNATURE_BYTES)
    if signature_end < 0:
        raise ExchangeRefused(Problem.TRUNCATED, _("{file} is incomplete: it ends inside its header.").format(
            file=name))
    signature = signing.decode_key(data[end + 1:signature_end].decode("ascii", "replace"), signing.SIGNATURE_BYTES)
    stored = data[signature_end + 1:]
    if len(stored) < length:
        raise ExchangeRefused(Problem.TRUNCATED, _(
            "{file} is incomplete: {found} of {expected} bytes (still being copied, or cut short).").format(
            file=name, found=len(stored), expected=length))
    if len(stored) > length or hashlib.sha256(stored).hexdigest() != digest:
        raise ExchangeRefused(Problem.WRONG_HASH, _(
            "{file} is damaged: its SHA-256 does not match the one it states.").format(file=name))
    return _Parts(header, stored, data[:end], signature)


def open_bytes(data: bytes, name: str, passphrase: str | None = None, *, kind: str, trust: Trust) -> Opened:
    """The verified file: its kind checked, its signature checked against the key `trust` names for its
    header, and only then its body decrypted and unpacked."""
    parts = _read_parts(data, name)
    header, stored = parts.header, parts.stored
    if header.get("kind") != kind:
        raise ExchangeRefused(Problem.WRONG_KIND, _("{file} is a {found} file, not a {expected} file.").format(
            file=name, found=header.get("kind"), expected=kind))
    if parts.signature is None or not signing.verify(trust(header), parts.signed, parts.signature):
        raise ExchangeRefused(Problem.BAD_SIGNATURE, _(
            "{file} is not signed by the station or hub it claims to come from: it was altered or forged, and "
            "nothing in it was read.").format(file=name))
    body = stored
    encryption = header.get("encryption")
    if encryption:
        if not passphrase:
            raise ExchangeRefused(Problem.PASSPHRASE_NEEDED, _(
                "{file} is encrypted: give the passphrase it was written with.").format(file=name))
        try:
            # The key derivation is format 1's, never the file's: a header asking for n = 2^24 would make the
            # reader spend minutes and gigabytes before anything is checked.
            if (encryption["scheme"], int(encryption["n"]), int(encryption["r"]), int(encryption["p"])) != (
                    "fernet-scrypt", SCRYPT_N, SCRYPT_R, SCRYPT_P):
                raise ValueError("not format 1's key derivation")
            salt = base64.b64decode(encryption["salt"], validate=True)
            if len(salt) != SALT_BYTES:
                raise ValueError("salt")
            body = Fernet(_key(passphrase, salt)).decrypt(stored)
        except InvalidToken:
            raise ExchangeRefused(Problem.WRONG_PASSPHRASE, _(
                "{file} cannot be decrypted: the passphrase is wrong.").format(file=name)) from None
        except (KeyError, ValueError, TypeError):
            raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its header cannot be read.").format(
                file=name)) from None
    return Opened(header, _unpack(body, name), str(header["body_sha256"]))


def _unpack(body: bytes, name: str) -> bytes:
    """The decompressed body, refused past `MAX_PLAIN_BYTES` or `MAX_RATIO` without unpacking the rest."""
    limit = min(MAX_PLAIN_BYTES, max(RATIO_FLOOR_BYTES, MAX_RATIO * len(body)))
    unpacker = zlib.decompressobj()
    try:
        plain = unpacker.decompress(body, limit + 1)
    except zlib.error:
        raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its contents cannot be unpacked.").format(
            file=name)) from None
    if len(plain) > limit:
        raise ExchangeRefused(Problem.CORRUPT, _(
            "{file} is refused: its contents would unpack to more than {limit} MB (a decompression bomb?).").format(
            file=name, limit=limit // 1024**2))
    if not unpacker.eof:
        raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its contents cannot be unpacked.").format(
            file=name))
    return plain


def open_file(path: Path, passphrase: str | None = None, *, kind: str, trust: Trust) -> Opened:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExchangeRefused(Problem.TRUNCATED, _("{file} cannot be read: {error}").format(
            file=path.name, error=error.strerror or error)) from None
    return open_bytes(data, path.name, passphrase, kind=kind, trust=trust)


def is_complete(path: Path) -> bool:
    """True when the file's body has the length and SHA-256 its header states (no passphrase needed)."""
    try:
        read_header(path.read_bytes(), path.name)
    except (OSError, ExchangeRefused):
        return False
    return True
