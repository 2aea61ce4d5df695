"""Events files broken in every way a USB stick, a sync tool or a person can break them, for the refusal tests."""

from __future__ import annotations

import json
from pathlib import Path

from models.sync.errors import Problem
from tests.support.stations import Network, events_file_bytes, open_events_file


def broken_files(net: Network, good: Path) -> dict[str, tuple[Path, Problem, str | None]]:
    """Damaged copies of a good events file, each with the problem the hub must name (and a passphrase)."""
    data = good.read_bytes()
    header_end = data.index(b"\n", data.index(b"\n") + 1) + 1
    header = json.loads(data[data.index(b"\n") + 1:header_end])
    cases: dict[str, tuple[bytes, Problem, str | None]] = {
        "truncated": (data[:-40], Problem.TRUNCATED, None),
        "cut in the header": (data[:header_end - 10], Problem.TRUNCATED, None),
        "flipped byte": (data[:-5] + bytes([data[-5] ^ 0x55]) + data[-4:], Problem.WRONG_HASH, None),
        "not packline": (b"PK\x03\x04" + data[4:], Problem.NOT_PACKLINE, None),
        "unknown format": (data.replace(b"PACKLINE-SYNC/2\n", b"PACKLINE-SYNC/9\n", 1), Problem.UNKNOWN_FORMAT, None),
        "garbled header": (data[:20] + b"{{{" + data[23:], Problem.CORRUPT, None),
        "header nested too deep": (data[:data.index(b"\n") + 1] + b"[" * 30_000 + b"]" * 30_000 + b"\n"
                                   + data[header_end:], Problem.CORRUPT, None),
    }
    files = {}
    for name, (content, problem, phrase) in cases.items():
        path = net.folder / "broken" / f"{name.replace(' ', '-')}-{good.name}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        files[name] = (path, problem, phrase)
    # A file whose body is well hashed but whose contents do not unpack, one of a newer schema, one of
    # events of another hub: written by the container itself, so only the meaning is wrong.
    wrong_body = events_file_bytes(net, header, b"not json at all")
    files["events unreadable"] = (write_broken(net, "unreadable", wrong_body), Problem.CORRUPT, None)
    newer = events_file_bytes(net, header | {"schema_version": 999}, open_events_file(net, good).body)
    files["newer schema"] = (write_broken(net, "newer", newer), Problem.UNKNOWN_SCHEMA, None)
    other = events_file_bytes(net, header | {"hub_id": "01HUBOTHER0000000000000000"},
                             open_events_file(net, good).body)
    files["other hub"] = (write_broken(net, "other-hub", other), Problem.OTHER_HUB, None)
    count_off = events_file_bytes(net, header | {"count": header["count"] + 1, "seq_to": header["seq_to"] + 1},
                                 open_events_file(net, good).body)
    files["count off"] = (write_broken(net, "count", count_off), Problem.CORRUPT, None)
    return files


def write_broken(net: Network, name: str, content: bytes) -> Path:
    path = net.folder / "broken" / f"{name}.plxe"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path
