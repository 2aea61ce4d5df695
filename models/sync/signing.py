"""Ed25519 signatures of exchange files, and the lineage that vouches for a station's new identity.

Pure functions over bytes (no database): the hub's reading process checks signatures with them too.

A key pair belongs to one station identity (or to the hub). A station that takes a new identity (restored,
copied) signs its successor's public key with its previous key; the chain of such links, carried in every
events file header (`lineage`), lets the hub accept the new identity when an earlier link is enrolled
there and not revoked: the work recorded after a restore reaches the hub with no supervisor at hand, and a
stranger who never held an enrolled station's private key cannot make such a chain.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_BYTES, SIGNATURE_BYTES = 32, 64
SUCCESSOR_CONTEXT = b"packline-successor/1\n"
ENROLMENT_CONTEXT = b"packline-enrolled/1\n"


@dataclass(frozen=True)
class Signer:
    """Who signs a file: a station identity or the hub, and its private key (raw 32 bytes)."""

    id: str
    private_key: bytes

    @property
    def public_key(self) -> bytes:
        return public_key_of(self.private_key)

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.private_key).sign(message)


def new_private_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def public_key_of(private_key: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public_key: bytes) -> str:
    """What people compare, read aloud or on two screens: 16 hex digits of the key's SHA-256, in fours."""
    digest = hashlib.sha256(public_key).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def same_fingerprint(given: str, public_key: bytes) -> bool:
    """`given` as a person types it (any case, with or without dashes or spaces)."""
    wanted = "".join(ch for ch in given.upper() if ch not in "- ")
    return wanted == fingerprint(public_key).replace("-", "")


def encode_key(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def decode_key(text: object, length: int = KEY_BYTES) -> bytes | None:
    """The raw bytes of a base64 key or signature of `length` bytes, or None for anything else."""
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == length else None


def successor_message(previous_id: str, successor_id: str, successor_key: bytes) -> bytes:
    return SUCCESSOR_CONTEXT + f"{previous_id}\n{successor_id}\n".encode("ascii") + successor_key


def lineage_link(previous: Signer, successor_id: str, successor_key: bytes) -> dict[str, str]:
    """One link of a lineage: the successor identity, its key, and the previous identity's signature of both."""
    return {"station_id": successor_id, "key": encode_key(successor_key),
            "vouch": encode_key(previous.sign(successor_message(previous.id, successor_id, successor_key)))}


@dataclass(frozen=True)
class StationKeys:
    """Whom the hub trusts, as plain data (it crosses to the reading process of `exchange.import_all`)."""

    enrolled: dict[str, bytes]
    """{station id: its enrolled public key}."""
    revoked: dict[str, str]
    """Revoked station ids, with the station's name."""
    hub_key: bytes | None = None
    """The hub's own public key: a station that shows the hub's signed enrolment is taken again by a hub
    restored from a backup older than that enrolment."""


@dataclass(frozen=True)
class Vouched:
    """An identity the hub may enrol because an enrolled identity vouched for it (directly or by a chain)."""

    station_id: str
    public_key: bytes
    successor_of: str | None
    """None: enrolled before, as the hub's own signature (`enrolment_message`) shows."""


def enrolment_message(station_id: str, key: bytes) -> bytes:
    """What the hub signs when it enrols a station identity; its acknowledgements carry the signature."""
    return ENROLMENT_CONTEXT + f"{station_id}\n".encode("ascii") + key


def vouched_chain(lineage: object, signer_id: str, signer_key: bytes, enrolled: Mapping[str, bytes],
                  revoked: Sequence[str]) -> list[Vouched] | None:
    """The identities after the last enrolled one in `lineage`, ending with the file's signer, when every link
    is signed by the identity before it; None when the lineage does not lead from an enrolled, unrevoked
    identity to the signer.

    `lineage`: `[{"station_id", "key"}, {"station_id", "key", "vouch"}, ...]`, oldest first, as the header has it.
    """
    links = _links(lineage)
    if links is None or not links or links[-1][:2] != (signer_id, signer_key):
        return None
    for index, (_station_id, _key, vouch) in enumerate(links[1:], start=1):
        previous_id, previous_key, _ = links[index - 1]
        station_id, key = links[index][:2]
        if vouch is None or not verify(previous_key, successor_message(previous_id, station_id, key), vouch):
            return None
    anchors = [index for index, (station_id, key, _) in enumerate(links)
               if enrolled.get(station_id) == key and station_id not in revoked]
    if not anchors or any(station_id in revoked for station_id, _, _ in links[anchors[-1]:]):
        return None
    start = anchors[-1]
    return [Vouched(links[i][0], links[i][1], links[i - 1][0]) for i in range(start + 1, len(links))]


def _links(lineage: object) -> list[tuple[str, bytes, bytes | None]] | None:
    if not isinstance(lineage, list) or len(lineage) > 1000:
        return None
    links: list[tuple[str, bytes, bytes | None]] = []
    for entry in lineage:
        if not isinstance(entry, dict):
            return None
        item: dict[str, Any] = entry
        key = decode_key(item.get("key"))
        vouch = decode_key(item.get("vouch"), SIGNATURE_BYTES) if "vouch" in item else None
        station_id = item.get("station_id")
        if key is None or not isinstance(station_id, str) or ("vouch" in item and vouch is None):
            return None
        links.append((station_id, key, vouch))
    return links
