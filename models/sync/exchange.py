"""Event exchange: a station exports its events since the hub's last acknowledgement; the hub imports them.

One file per station identity: `events-<station id>-<first seq>-<last seq>.plxe` (`models.sync.container`
format: station id and name, hub id, sequence range, count, schema version, SHA-256; optionally encrypted).
The hub imports a file in ONE transaction keyed by event id: events it already has are skipped (so a file
imported twice changes nothing), new ones are merged or held (`models.storage.sync_merge`). It refuses,
changing nothing, a file that is cut short, damaged, encrypted with another passphrase, written by a newer
schema, meant for another hub, or that clashes with what the hub has (a second, different event under one
station id and sequence number: the station was restored from an old backup or copied), and one that
starts past the next number it expects (an earlier file has not arrived yet: import it first).
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.utils import sqlite3

from models.i18n import _
from models.storage import sync_repo
from models.storage.db import write_transaction
from models.storage.migrations import schema_version
from models.storage.repositories import now_iso
from models.storage.sync_merge import merge
from models.storage.sync_repo import RawEvent
from models.sync import container
from models.sync.errors import ExchangeRefused, Problem
from models.sync.roles import identity, require_hub

EVENTS_KIND = "events"
EVENTS_SUFFIX = ".plxe"


@dataclass(frozen=True)
class Exported:
    path: Path
    station_id: str
    seq_from: int
    seq_to: int
    count: int


@dataclass(frozen=True)
class Imported:
    file: str
    sha256: str
    station_id: str
    station_name: str
    seq_from: int
    seq_to: int
    count: int
    merged: int = 0
    held: int = 0
    already_known: int = 0
    newly_flagged: tuple[int, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return bool(self.merged or self.held)


def events_file_name(station_id: str, first: int, last: int) -> str:
    return f"events-{station_id}-{first:010d}-{last:010d}{EVENTS_SUFFIX}"


def parse_events_file_name(name: str) -> tuple[str, int, int] | None:
    """(station id, first seq, last seq) of an events file name, or None for any other name."""
    if not (name.startswith("events-") and name.endswith(EVENTS_SUFFIX)):
        return None
    parts = name[len("events-"):-len(EVENTS_SUFFIX)].split("-")
    if len(parts) != 3 or not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    return parts[0], int(parts[1]), int(parts[2])


# -- station: export ---------------------------------------------------------------------------------------


def export_events(db: Database, folder: Path, *, passphrase: str | None = None,
                  only_new: bool = False) -> list[Exported]:
    """Write this station's events the hub has not acknowledged, one file per station identity.

    `only_new` (the watcher): only when there are events not yet written to any file.
    """
    hub = sync_repo.hub_id(db)
    if sync_repo.role(db) != sync_repo.ROLE_STATION or hub is None:
        raise ExchangeRefused(Problem.NOT_JOINED, _(
            "This station has not joined a hub yet: import the hub's campaign pack first."))
    station = identity(db)
    written: list[Exported] = []
    for station_id in sync_repo.own_station_ids(db):
        last = sync_repo.max_seq(db, station_id, with_held=False)
        exported_key = sync_repo.SETTING_EXPORTED_PREFIX + station_id
        if only_new and last <= int(sync_repo.setting(db, exported_key) or 0):
            continue
        events = sync_repo.raw_events(db, station_id, sync_repo.acked(db, station_id))
        if not events:
            continue
        first = events[0].seq
        header = {"hub_id": hub, "station_id": station_id, "station_name": station.name, "seq_from": first,
                  "seq_to": events[-1].seq, "count": len(events), "schema_version": schema_version(db),
                  "created_at": now_iso()}
        body = json.dumps({"events": [[e.id, e.seq, e.at, e.user, e.package_id, e.type, e.payload,
                                       e.schema_version] for e in events]},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path = container.write(folder / events_file_name(station_id, first, events[-1].seq), EVENTS_KIND, header,
                               body, passphrase)
        with write_transaction(db):
            sync_repo.set_setting(db, exported_key, str(events[-1].seq))
        written.append(Exported(path, station_id, first, events[-1].seq, len(events)))
    return written


# -- hub: import -------------------------------------------------------------------------------------------


def _corrupt(name: str, detail: str) -> ExchangeRefused:
    return ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: {detail}").format(file=name, detail=detail))


def _header(opened: container.Opened, name: str, hub: str, known_schema: int) -> tuple[str, str, int, int, int]:
    h = opened.header
    try:
        station_id, station_name = str(h["station_id"]), str(h["station_name"])
        first, last, count, schema = int(h["seq_from"]), int(h["seq_to"]), int(h["count"]), int(h["schema_version"])
        file_hub = h.get("hub_id")
    except (KeyError, TypeError, ValueError):
        raise _corrupt(name, _("its header lacks the station or the sequence range.")) from None
    if file_hub != hub:
        raise ExchangeRefused(Problem.OTHER_HUB, _(
            "{file} was written by station {station} for another hub: it was not imported.").format(
            file=name, station=station_name))
    if schema > known_schema:
        raise ExchangeRefused(Problem.UNKNOWN_SCHEMA, _(
            "{file} was written by a newer Packline (schema {found}; this hub knows up to {known}): "
            "update Packline on the hub.").format(file=name, found=schema, known=known_schema))
    if count != last - first + 1 or first < 1:
        raise _corrupt(name, _("its sequence range and its count disagree."))
    return station_id, station_name, first, last, count


def _rows(opened: container.Opened, station_id: str) -> list[tuple[Any, ...]]:
    """The file's events as RawEvent fields (station id from the header); ValueError, KeyError, TypeError or
    UnicodeDecodeError when they cannot be read."""
    rows = json.loads(opened.body.decode("utf-8"))["events"]
    return [(str(i), station_id, int(s), str(a), str(u), None if p is None else int(p), str(t), str(payload), int(v))
            for i, s, a, u, p, t, payload, v in rows]


def _events(opened: container.Opened, name: str, station_id: str, first: int, count: int,
            known_schema: int, rows: list[tuple[Any, ...]] | None = None) -> list[RawEvent]:
    try:
        # tuple.__new__ builds the named tuple as RawEvent(...) does, without a Python call per event.
        new = tuple.__new__
        events = [new(RawEvent, row) for row in (_rows(opened, station_id) if rows is None else rows)]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _corrupt(name, _("its events cannot be read.")) from None
    if len(events) != count:
        raise _corrupt(name, _("it holds {found} events, not the {expected} its header states.").format(
            found=len(events), expected=count))
    for offset, event in enumerate(events):
        if event.seq != first + offset or len(event.id) != 26 or not event.payload.startswith("{"):
            raise _corrupt(name, _("event {number} is not in order or not well formed.").format(number=offset + 1))
        if event.schema_version > known_schema:
            raise ExchangeRefused(Problem.UNKNOWN_SCHEMA, _(
                "{file} holds events of a newer Packline (schema {found}; this hub knows up to {known}): "
                "update Packline on the hub.").format(file=name, found=event.schema_version, known=known_schema))
    return events


def _clash(name: str, station: str, seq: int) -> ExchangeRefused:
    return ExchangeRefused(Problem.SEQUENCE_CLASH, _(
        "{file}: station {station} sent event number {seq} again, different from the one the hub has. The "
        "station was restored from an older backup or copied and must take a new station identity. Nothing "
        "was imported.").format(file=name, station=station, seq=seq), seq=seq)


def _check_known(db: Database, name: str, station: str, events: Sequence[RawEvent], known_max: int) -> None:
    old = [e for e in events if e.seq <= known_max]
    if old:
        stored = sync_repo.received(db, events[0].station_id, old[0].seq, old[-1].seq)
        for event in old:
            if stored.get(event.seq) != event:
                raise _clash(name, station, event.seq)
    new = [e for e in events if e.seq > known_max]
    taken = sync_repo.existing_ids(db, [e.id for e in new])
    if taken:
        raise _clash(name, station, next(e.seq for e in new if e.id in taken))


def _check_packages(db: Database, name: str, events: Sequence[RawEvent]) -> None:
    wanted = sorted({e.package_id for e in events if e.package_id is not None})
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found = {row[0] for row in db.execute(f"SELECT id FROM packages WHERE id IN ({marks})", chunk)}
        missing = [pid for pid in chunk if pid not in found]
        if missing:
            raise ExchangeRefused(Problem.UNKNOWN_PACKAGE, _(
                "{file} refers to package {id}, which this hub does not have: was the station's campaign pack "
                "from this hub?").format(file=name, id=missing[0]))


def import_events(db: Database, path: Path, *, passphrase: str | None = None,
                  read: ReadAhead | None = None) -> Imported:
    """Merge one station's events file into the hub, all or nothing (see the module docstring).

    `read`: the file as `read_ahead` read it (`import_all`), checked here as one read now would be."""
    hub = require_hub(db)
    known_schema = schema_version(db)
    opened = container.open_file(path, passphrase, kind=EVENTS_KIND) if read is None else read[0]
    station_id, station_name, first, last, count = _header(opened, path.name, hub, known_schema)
    rows = read[1] if read is not None and read[2] == station_id else None
    events = _events(opened, path.name, station_id, first, count, known_schema, rows)
    result: dict[str, Any] = {"file": path.name, "sha256": opened.sha256, "station_id": station_id,
                              "station_name": station_name, "seq_from": first, "seq_to": last, "count": count}
    with write_transaction(db):
        known_max = sync_repo.max_seq(db, station_id)
        if first > known_max + 1:
            raise ExchangeRefused(Problem.SEQUENCE_GAP, _(
                "{file}: the hub has events of station {station} up to number {known}, and this file starts at "
                "{first}: import the station's earlier file first.").format(
                file=path.name, station=station_name, known=known_max, first=first))
        _check_known(db, path.name, station_name, events, known_max)
        new = [e for e in events if e.seq > known_max]
        if not new:
            return Imported(**result, already_known=count)
        _check_packages(db, path.name, new)
        try:
            outcome = merge(db, new)
        except sqlite3.IntegrityError as error:
            raise _corrupt(path.name, str(error)) from None
        sync_repo.note_station(db, station_id, station_name, path.name)
        sync_repo.log_import(db, opened.sha256, path.name, station_id, first, last, outcome.merged, outcome.held)
    return Imported(**result, merged=outcome.merged, held=outcome.held, already_known=count - len(new),
                    newly_flagged=tuple(outcome.newly_flagged))


# -- hub: importing several files, reading the next while one is imported -------------------------------------

ReadAhead = tuple[container.Opened, list[tuple[Any, ...]], str]
"""A file opened and its events parsed (as `_rows` makes them, for the station id last)."""


def read_ahead(path: Path, passphrase: str | None) -> ReadAhead | None:
    """Open and parse an events file (in the reading process); None when it cannot be (the import itself then
    reads it again and refuses it with the reason)."""
    try:
        opened = container.open_file(path, passphrase, kind=EVENTS_KIND)
        station_id = str(opened.header["station_id"])
        return opened, _rows(opened, station_id), station_id
    except Exception:  # noqa: BLE001 - whatever it is, the import reports it
        return None


def import_all(db: Database, paths: Sequence[Path], *, passphrase: str | None = None,
               ahead: int = 2) -> Iterator[Imported]:
    """Import files in turn, each as `import_events` (one transaction, all or nothing), while a second process
    reads (decompresses, parses) the next ones: the import's SQL and the reading use both cores."""
    if len(paths) < 2:
        for path in paths:
            yield import_events(db, path, passphrase=passphrase)
        return
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
    try:
        pending = {path: pool.submit(read_ahead, path, passphrase) for path in paths[1:1 + ahead]}
        for index, path in enumerate(paths):
            following = paths[index + 1 + ahead:index + 2 + ahead]
            for later in following:
                pending[later] = pool.submit(read_ahead, later, passphrase)
            future = pending.pop(path, None)
            # Not read yet (the reading process still starting, small files): read here rather than wait.
            read = future.result() if future is not None and future.done() else None
            yield import_events(db, path, passphrase=passphrase, read=read)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
