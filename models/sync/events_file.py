"""Reading a station's events file on the hub: open it, check it and parse it, without the database.

Without the database so that `exchange.import_all` can read the next file in a second process while the
hub imports the current one. The checks here are those that need no hub state (the header, the events'
order and form, their schema version); the hub checks the rest (sequence clash or gap, unknown packages)
inside the import's transaction.

Every field is checked for its exact JSON type (an id a string, a sequence number an integer in SQLite's
range, ...), never converted: the hub's journal is filled by SQLite reading the same JSON text
(`EventsFile.journal`, see `sync_repo.append_json`), so what Python checks and projects and what SQLite
stores must be the same values.
"""

from __future__ import annotations

import dataclasses
import json
import marshal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.core.i18n import _
from models.sync import container
from models.sync.container import valid_identifier
from models.sync.errors import ExchangeRefused, Problem
from models.sync.signing import (
    SIGNATURE_BYTES,
    StationKeys,
    Vouched,
    decode_key,
    enrolment_message,
    fingerprint,
    verify,
    vouched_chain,
)
from models.sync.sql.jsonb import to_jsonb

EVENTS_KIND = "events"
INT_MIN, INT_MAX = -2**63, 2**63 - 1
"""What SQLite stores as an integer."""


@dataclass(frozen=True)
class EventsFile:
    name: str
    sha256: str
    station_id: str
    station_name: str
    seq_from: int
    seq_to: int
    count: int
    rows: list[tuple[Any, ...]]
    """The events as `RawEvent` fields (plain tuples: they cross to another process cheaply)."""
    journal: bytes
    """The events as arrays of (id, seq, at, user, package id, type, payload, schema version) at
    `journal_path`, in SQLite's binary JSON (JSONB, made from the file's text by SQLite itself: made here, in
    the reading process, it saves the hub that work): what SQLite reads into the journal."""
    journal_path: str
    code_block: int | None = None
    """The block of codes the station has (None: it waits for one, or wrote the file before blocks existed)."""
    pack_version: int | None = None
    """The version of the campaign pack the station has."""
    vouched: tuple[Vouched, ...] = ()
    """Identities the hub enrols with this file: successors of an enrolled identity (`signing.vouched_chain`)."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled to cross from the reading process (`exchange.import_all`) with the rows in marshal's format:
        # twice as fast to write as pickle's, as fast to read. (Only between Packline's own processes.)
        fields = [getattr(self, f.name) for f in dataclasses.fields(self)]
        fields[ROWS] = marshal.dumps(self.rows)
        return _unmarshal, tuple(fields)


ROWS = [field.name for field in dataclasses.fields(EventsFile)].index("rows")


def _unmarshal(*fields: Any) -> EventsFile:
    values = list(fields)
    values[ROWS] = marshal.loads(values[ROWS])
    return EventsFile(*values)


def corrupt(name: str, detail: str) -> ExchangeRefused:
    return ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: {detail}").format(file=name, detail=detail))


def read(path: Path, passphrase: str | None, hub: str, known_schema: int, trusted: StationKeys) -> EventsFile:
    """Open and check the events file at `path` for this hub, signed by a station identity it trusts (`trusted`);
    ExchangeRefused says why it cannot be imported."""
    vouched: list[Vouched] = []
    opened = container.open_file(path, passphrase, kind=EVENTS_KIND,
                                 trust=lambda header: _station_key(header, path.name, hub, trusted, vouched))
    station_id, station_name, first, last, count = _header(opened.header, path.name, known_schema)
    try:
        text = opened.body.decode("utf-8")
        keys: list[list[str]] = []

        def noting_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            keys.append([key for key, _value in pairs])
            return dict(pairs)

        document = json.loads(text, object_pairs_hook=noting_keys)
        rows = document["events"]
        if type(rows) is not list:
            raise TypeError
    except (ValueError, KeyError, TypeError, RecursionError):  # (JSON nested past Python's limit)
        raise corrupt(path.name, _("its events cannot be read.")) from None
    checked = _rows(rows, path.name, station_id, first, count, known_schema)
    # The body as it is when SQLite would read the same values from it as Python did: one object (the
    # payloads are strings), with the one key, and no \u escape (the only escapes that may decode
    # differently: lone surrogates, NUL). Otherwise the events written out again.
    if keys == [["events"]] and "\\u" not in text:
        journal, journal_path = text, "$.events"
    else:
        journal, journal_path = json.dumps(rows, ensure_ascii=False, separators=(",", ":")), "$"
    try:
        binary = to_jsonb(journal)
    except (UnicodeEncodeError, ValueError):
        raise corrupt(path.name, _("its events cannot be read.")) from None
    return EventsFile(path.name, opened.sha256, station_id, station_name, first, last, count, checked,
                      binary, journal_path, _optional_number(opened.header, "code_block", path.name),
                      _optional_number(opened.header, "pack_version", path.name), tuple(vouched))


def _station_key(header: Any, name: str, hub: str, keys: StationKeys, vouched: list[Vouched]) -> bytes:
    """The key the file's station must have signed it with: its enrolled key, or the one an enrolled identity
    vouched for (noted in `vouched`). Refused for a station the hub does not know (a request to enrol it) or
    has revoked."""
    station_id, station_name = header.get("station_id"), str(header.get("station_name", ""))
    key = container.signer_key(header)
    if not valid_identifier(station_id):
        raise corrupt(name, _("its station id is not one Packline gives."))
    if key is None:
        raise corrupt(name, _("its header lacks the key it was signed with."))
    if header.get("hub_id") != hub:
        raise ExchangeRefused(Problem.OTHER_HUB, _(
            "{file} was written by station {station} for another hub: it was not imported.").format(
            file=name, station=station_name))
    if station_id in keys.revoked:
        raise ExchangeRefused(Problem.REVOKED, _(
            "{file} comes from station {station} ({id}), which a supervisor revoked at this hub: it was not "
            "imported.").format(file=name, station=station_name, id=station_id))
    if station_id in keys.enrolled:
        return keys.enrolled[station_id]
    certificate = decode_key(header.get("enrolment"), SIGNATURE_BYTES)
    if keys.hub_key is not None and certificate is not None and verify(
            keys.hub_key, enrolment_message(station_id, key), certificate):
        vouched.append(Vouched(station_id, key, None))  # enrolled by this hub before it was restored
        return key
    chain = vouched_chain(header.get("lineage"), station_id, key, keys.enrolled, list(keys.revoked))
    if chain is not None:
        vouched.extend(chain)
        return key
    raise ExchangeRefused(Problem.NOT_ENROLLED, _(
        "{file} comes from station {station}, which is not enrolled at this hub: nothing was imported. If it is "
        "your station, check that it shows the key fingerprint {fingerprint}, then enrol it (Stations, or sync "
        "enrol).").format(file=name, station=station_name, fingerprint=fingerprint(key)),
        request=(station_id, station_name, key))


def _optional_number(header: Any, key: str, name: str) -> int | None:
    """A number the header may lack (files written before it was added): None then."""
    value = header.get(key)
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= INT_MAX:
        raise corrupt(name, _("its header's {key} is not a number.").format(key=key))
    return value


def _header(header: Any, name: str, known_schema: int) -> tuple[str, str, int, int, int]:
    try:
        station_id, station_name = str(header["station_id"]), str(header["station_name"])
        first, last = int(header["seq_from"]), int(header["seq_to"])
        count, schema = int(header["count"]), int(header["schema_version"])
    except (KeyError, TypeError, ValueError):
        raise corrupt(name, _("its header lacks the station or the sequence range.")) from None
    # The station id and the hub were checked with the signature, by `_station_key` (`open_file`'s trust).
    if schema > known_schema:
        raise ExchangeRefused(Problem.UNKNOWN_SCHEMA, _(
            "{file} was written by a newer Packline (schema {found}; this hub knows up to {known}): "
            "update Packline on the hub.").format(file=name, found=schema, known=known_schema))
    if count != last - first + 1 or first < 1 or last > INT_MAX:
        raise corrupt(name, _("its sequence range and its count disagree."))
    return station_id, station_name, first, last, count


def _rows(rows: list[Any], name: str, station_id: str, first: int, count: int,
          known_schema: int) -> list[tuple[Any, ...]]:
    if len(rows) != count:
        raise corrupt(name, _("it holds {found} events, not the {expected} its header states.").format(
            found=len(rows), expected=count))
    checked: list[tuple[Any, ...]] = []
    keep = checked.append
    for offset, row in enumerate(rows):
        try:
            event_id, seq, at, user, package_id, type_, payload, version = row
        except (TypeError, ValueError):
            raise corrupt(name, _("event {number} is not in order or not well formed.").format(
                number=offset + 1)) from None
        if not (type(event_id) is str and len(event_id) == 26 and type(seq) is int and seq == first + offset
                and type(at) is str and type(user) is str and type(type_) is str and type(payload) is str
                and payload.startswith("{") and type(version) is int and INT_MIN <= version <= INT_MAX
                and (package_id is None or (type(package_id) is int and INT_MIN <= package_id <= INT_MAX))):
            raise corrupt(name, _("event {number} is not in order or not well formed.").format(number=offset + 1))
        if version > known_schema:
            raise ExchangeRefused(Problem.UNKNOWN_SCHEMA, _(
                "{file} holds events of a newer Packline (schema {found}; this hub knows up to {known}): "
                "update Packline on the hub.").format(file=name, found=version, known=known_schema))
        keep((event_id, station_id, seq, at, user, package_id, type_, payload, version))
    return checked
