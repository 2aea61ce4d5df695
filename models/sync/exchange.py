"""Event exchange: a station exports its events since the hub's last acknowledgement; the hub imports them.

One file per station identity: `events-<station id>-<first seq>-<last seq>.plxe` (`models.sync.container`
format: station id and name, hub id, sequence range, count, schema version, SHA-256; optionally encrypted).
The hub imports a file in ONE transaction keyed by event id: events it already has are skipped (so a file
imported twice changes nothing), new ones are merged or held (`models.sync.sql.merge`). It refuses,
changing nothing, a file that is cut short, damaged, encrypted with another passphrase, written by a newer
schema, meant for another hub, or that clashes with what the hub has (a second, different event under one
station id and sequence number: the station was restored from an old backup or copied), and one that
starts past the next number it expects (an earlier file has not arrived yet: import it first).
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.core.event_payloads import PayloadRefused
from models.core.i18n import _
from models.storage import common
from models.storage.bulk_writes import bulk_writes
from models.storage.common import now_iso
from models.storage.db import write_transaction
from models.storage.migrations import schema_version
from models.sync import code_blocks, container, enrolment, events_file
from models.sync.errors import ExchangeRefused, Problem
from models.sync.events_file import EVENTS_KIND, EventsFile
from models.sync.identity import note_exported
from models.sync.roles import identity, require_hub
from models.sync.signing import StationKeys
from models.sync.sql import sync_repo
from models.sync.sql.merge import JournalText, MergeRefused, merge
from models.sync.sql.sync_repo import RawEvent

if TYPE_CHECKING:
    from models.storage.database import Database

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
    clashing_codes: tuple[str, ...] = ()
    """Carton and batch codes of the station's that the hub has for other things: their events are held."""

    @property
    def changed(self) -> bool:
        return bool(self.merged or self.held)

    def clash_note(self) -> str | None:
        """What the user is told about `clashing_codes` (None when there are none)."""
        if not self.clashing_codes:
            return None
        return _("{station} brought {codes}, which this hub has for another carton or batch: the station's events "
                 "about it are held, not merged, and its batch is blocked until a supervisor resolves the conflict. "
                 "At the station, make a new carton or batch and move the packages into it.").format(
            station=self.station_name, codes=", ".join(self.clashing_codes))


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
    # A station waiting for its block of codes (just joined, or a new identity) asks for it with a file of no
    # events when it has nothing to send: the hub's answer to any file carries the block.
    asking = station.instance_id if common.code_block(db) is None else None
    for station_id in dict.fromkeys([*sync_repo.own_station_ids(db), *([asking] if asking else [])]):
        last = sync_repo.station_max_seq(db, station_id)
        exported_key = sync_repo.SETTING_EXPORTED_PREFIX + station_id
        if only_new and last <= int(sync_repo.setting(db, exported_key) or 0) and station_id != asking:
            continue
        acked = sync_repo.acked(db, station_id)
        events = sync_repo.station_events(db, station_id, acked)
        if not events and station_id != asking:
            continue
        first, last = (events[0].seq, events[-1].seq) if events else (acked + 1, acked)
        header = {"hub_id": hub, "station_id": station_id, "station_name": station.name, "seq_from": first,
                  "seq_to": last, "count": len(events), "schema_version": schema_version(db),
                  "code_block": common.code_block(db) if station_id == station.instance_id else None,
                  "pack_version": sync_repo.pack_version(db),
                  "lineage": enrolment.lineage_for(db, station_id),
                  "enrolment": sync_repo.setting(db, enrolment.SETTING_CERTIFICATE_PREFIX + station_id),
                  "created_at": now_iso()}
        body = json.dumps({"events": [[e.id, e.seq, e.at, e.user, e.package_id, e.type, e.payload,
                                       e.schema_version] for e in events]},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        name = events_file_name(station_id, first, last)
        note_exported(db, station_id, last)  # first: a file the hub may read is always remembered
        data = container.encode(EVENTS_KIND, header, body, passphrase, signer=enrolment.signer(db, station_id))
        path = container.write_atomically(container.contained(folder, name), data)
        sha256 = str(container.read_header(data, name)[0]["body_sha256"])
        with write_transaction(db):
            sync_repo.set_setting(db, exported_key, str(last))
            sync_repo.set_setting(db, sync_repo.SETTING_EXPORTED_SHA_PREFIX + station_id, sha256)
        written.append(Exported(path, station_id, first, last, len(events)))
    return written


# -- hub: import -------------------------------------------------------------------------------------------


def _clash(name: str, station: str, seq: int) -> ExchangeRefused:
    return ExchangeRefused(Problem.SEQUENCE_CLASH, _(
        "{file}: station {station} sent event number {seq} again, different from the one the hub has. The "
        "station was restored from an older backup or copied and must take a new station identity. Nothing "
        "was imported.").format(file=name, station=station, seq=seq), seq=seq)


def _check_known(db: Database, name: str, station: str, rows: Sequence[tuple[Any, ...]], first_new: int,
                 tables: Sequence[str] = ("events", "sync_held_events")) -> None:
    """Refuse events (`RawEvent` fields) the hub has under the same number but different (those before
    `first_new`), and new events whose id it has (in `tables`)."""
    old = [RawEvent(*row) for row in rows[:first_new]]
    if old:
        stored = sync_repo.received(db, old[0].station_id, old[0].seq, old[-1].seq)
        for event in old:
            if stored.get(event.seq) != event:
                raise _clash(name, station, event.seq)
    _check_ids(name, station, rows[first_new:], tables, db)


def _check_ids(name: str, station: str, rows: Sequence[tuple[Any, ...]], tables: Sequence[str],
               db: Database) -> None:
    taken = sync_repo.existing_ids(db, [row[0] for row in rows], tables)
    if taken:
        raise _clash(name, station, next(RawEvent(*row).seq for row in rows if row[0] in taken))


def _check_packages(db: Database, name: str, rows: Sequence[tuple[Any, ...]]) -> None:
    wanted = sorted({row[5] for row in rows if row[5] is not None})
    found = sync_repo.existing_packages(db, wanted)
    missing = [pid for pid in wanted if pid not in found]
    if missing:
        raise ExchangeRefused(Problem.UNKNOWN_PACKAGE, _(
            "{file} refers to package {id}, which this hub does not have: was the station's campaign pack "
            "from this hub?").format(file=name, id=missing[0]))


def import_events(db: Database, path: Path, *, passphrase: str | None = None,
                  read: EventsFile | None = None, keys: StationKeys | None = None) -> Imported:
    """Merge one station's events file into the hub, all or nothing (see the module docstring).

    `read`: the file as `events_file.read` read it for this hub (`import_all` reads ahead); `keys`: the
    enrolled stations (`enrolment.station_keys`, read once per `import_all`)."""
    hub = require_hub(db)
    file = read if read is not None else _read_signed(db, path, passphrase, hub, keys)
    rows = file.rows
    result: dict[str, Any] = {"file": file.name, "sha256": file.sha256, "station_id": file.station_id,
                              "station_name": file.station_name, "seq_from": file.seq_from, "seq_to": file.seq_to,
                              "count": file.count}
    with write_transaction(db):
        known_max = sync_repo.max_seq(db, file.station_id)
        if file.seq_from > known_max + 1:
            raise ExchangeRefused(Problem.SEQUENCE_GAP, _(
                "{file}: the hub has events of station {station} up to number {known}, and this file starts at "
                "{first}: import the station's earlier file first.").format(
                file=file.name, station=file.station_name, known=known_max, first=file.seq_from))
        # New ids the journal has already are refused by its unique index as the merged events are written, and
        # looked for only then (one query fewer per file); held events are looked for after the merge.
        first_new = max(0, known_max + 1 - file.seq_from)
        _check_known(db, file.name, file.station_name, rows, first_new, ("sync_held_events",))
        enrolment.enrol_vouched(db, file.vouched, file.station_name)
        new = rows[first_new:]
        if not new:
            if not sync_repo.was_imported(db, file.sha256):  # a file the hub had every event of, checked once
                _accepted(db, file)
                sync_repo.log_import(db, file.sha256, file.name, file.station_id, file.seq_from, file.seq_to, 0, 0)
            return Imported(**result, already_known=file.count)
        _check_packages(db, file.name, new)
        try:
            outcome = merge(db, new, JournalText(file.journal, file.journal_path, first_new))
        except MergeRefused as error:
            if ".id" in str(error):
                _check_known(db, file.name, file.station_name, rows, first_new)
            raise events_file.corrupt(file.name, str(error)) from None
        except PayloadRefused as refused:
            raise events_file.corrupt(file.name, _("event {seq} cannot be applied: {problem}.").format(
                seq=refused.seq, problem=refused.problem)) from None
        except (KeyError, TypeError, ValueError, RecursionError):
            raise events_file.corrupt(file.name, _("its events cannot be applied.")) from None
        _check_ids(file.name, file.station_name, outcome.held_events, ("events",), db)
        sync_repo.note_station(db, file.station_id, file.station_name, file.name)
        _learn_from_station(db, file)
        _accepted(db, file)
        sync_repo.log_import(db, file.sha256, file.name, file.station_id, file.seq_from, file.seq_to,
                             outcome.merged, outcome.held)
    return Imported(**result, merged=outcome.merged, held=outcome.held, already_known=file.count - len(new),
                    newly_flagged=tuple(outcome.newly_flagged), clashing_codes=tuple(sorted(outcome.clashing_codes)))


def _read_signed(db: Database, path: Path, passphrase: str | None, hub: str,
                 keys: StationKeys | None) -> EventsFile:
    """`events_file.read`; a station the hub does not know yet is noted as asking to be enrolled (the refusal
    says so either way)."""
    try:
        return events_file.read(path, passphrase, hub, schema_version(db),
                                keys if keys is not None else enrolment.station_keys(db))
    except ExchangeRefused as refused:
        # Noted only when the file is signed by the key it names: a request is at least a station's own file.
        if refused.request is not None and _signed_by(path, refused.request[2]):
            enrolment.note_request(db, *refused.request)
        raise


def _signed_by(path: Path, key: bytes) -> bool:
    try:
        return container.signed_by(path.read_bytes(), path.name, key)
    except OSError:
        return False


def _accepted(db: Database, file: EventsFile) -> None:
    """The station's file the hub's next acknowledgement answers: a restored station learns from it that the
    hub checked the events it sent (`models.sync.acks.import_ack`)."""
    sync_repo.set_setting(db, sync_repo.SETTING_ACCEPTED_PREFIX + file.station_id, file.sha256)


def _learn_from_station(db: Database, file: EventsFile) -> None:
    """What the station's header says it was given: its block of codes and its pack version (a hub restored from
    a backup learns again what it gave since)."""
    if file.code_block is not None:
        code_blocks.learn(db, file.station_id, file.code_block)
    if file.pack_version is not None:
        sync_repo.learn_pack_version(db, file.pack_version)


# -- hub: importing several files, reading the next while one is imported -------------------------------------


def read_ahead(path: Path, passphrase: str | None, hub: str, known_schema: int,
               keys: StationKeys) -> EventsFile | None:
    """`events_file.read` (in the reading process); None when the file cannot be imported (the import then
    reads it again and refuses it with the reason)."""
    try:
        return events_file.read(path, passphrase, hub, known_schema, keys)
    except Exception:  # noqa: BLE001 - whatever it is, the import reports it
        return None


READ_AHEAD_FROM_BYTES = 1_000_000
"""Files smaller than this in all (some 10,000 events) are read in turn: a reading process costs more to
start than it saves."""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


Passphrase = str | None | Callable[[Path], str | None]
"""One passphrase for every file, or the passphrase of each file."""


def import_all(db: Database, paths: Sequence[Path], *, passphrase: Passphrase = None,
               ahead: int = 2, read_ahead_from: int = READ_AHEAD_FROM_BYTES,
               ) -> Iterator[tuple[Path, Imported | ExchangeRefused]]:
    """Import files in turn, each as `import_events` (one transaction, all or nothing), while a second process
    reads (decompresses, checks, parses) the next ones: the import's SQL and the reading use both cores. The
    connection is set for large writes meanwhile (`bulk_writes`).

    Yields each file with what came of it: what was imported, or why it was refused (the files after a
    refused one are still imported). A `passphrase` function may be asked more than once for a file."""
    if not paths:
        return
    phrase_of = passphrase if callable(passphrase) else (lambda _path: passphrase)
    hub, known_schema, keys = require_hub(db), schema_version(db), enrolment.station_keys(db)
    reader = _Reader(hub, known_schema, keys, phrase_of) if (
        len(paths) > 1 and sum(_size(path) for path in paths[1:]) >= read_ahead_from) else None
    try:
        with bulk_writes(db) as committed:
            for index, path in enumerate(paths):
                if reader is not None:
                    reader.ask({later: paths[later] for later in range(index + 1, min(len(paths), index + 1 + ahead))})
                read = reader.take(index) if reader is not None else None
                try:
                    imported = import_events(db, path, passphrase=phrase_of(path), read=read, keys=keys)
                except ExchangeRefused as refused:
                    yield path, refused
                    continue
                committed()
                yield path, imported
    finally:
        if reader is not None:
            reader.close()


class _Reader:
    """Files read ahead (`read_ahead`) by a second process. Whatever goes wrong there (it cannot start, it
    dies) only means the import reads the file itself."""

    def __init__(self, hub: str, known_schema: int, keys: StationKeys,
                 phrase_of: Callable[[Path], str | None]) -> None:
        self.hub, self.known_schema, self.keys, self.phrase_of = hub, known_schema, keys, phrase_of
        self.pending: dict[int, Future[EventsFile | None]] = {}
        """By the file's place in the list (a file may be in it twice)."""
        self.pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("forkserver"))

    def ask(self, paths: dict[int, Path]) -> None:
        for index, path in paths.items():
            if self.pool is not None and index not in self.pending:
                try:
                    self.pending[index] = self.pool.submit(read_ahead, path, self.phrase_of(path), self.hub,
                                                           self.known_schema, self.keys)
                except (RuntimeError, OSError):  # BrokenProcessPool is a RuntimeError
                    self.close()

    def take(self, index: int) -> EventsFile | None:
        """The file as read, if it has been by now (small files, the reading process still starting: the
        import reads it itself rather than wait)."""
        future = self.pending.pop(index, None)
        if future is None or not future.done():
            return None
        try:
            return future.result()
        except Exception:  # noqa: BLE001 - the reading process failed: read the file here
            return None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
