"""Automatic exchange over a folder (a LAN share, or a folder Syncthing replicates between the stations).

`FolderWatcher.poll_once()` does one round and says what it did; the command line (`sync watch`) calls it
in a loop, the UI from a QTimer (on a worker's own connection). No extra dependency: the folder is listed,
nothing is subscribed to.

- The hub imports every complete events file (in station and sequence order), answers each station with
  an acknowledgement file and keeps `campaign-pack.plxp` current (a new pack only when its contents changed).
  A file imported once is not read again (not even after a restart: its SHA-256 is in the import log).
- A station takes newer packs in (and joins from the folder's pack when its database is still empty; a
  database with data of its own joins only by `sync pack import`, which replaces its reference data), reads its
  acknowledgements, exports events recorded since its last file, and removes its own files the hub has
  acknowledged.

A file is never imported half: temporary names (ours, Syncthing's, editors') are skipped, and a file whose
body does not have the length and SHA-256 its header states is still arriving; it is tried again next round.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models.sync import acks, container, enrolment, exchange, pack
from models.sync.errors import ExchangeRefused, Problem
from models.sync.identity import IdentityCheck, check_identity
from models.sync.sql import sync_repo

if TYPE_CHECKING:
    from models.storage.database import Database

PACK_CHECK_SECONDS = 60.0


@dataclass
class WatchReport:
    role: str | None
    imported: list[exchange.Imported] = field(default_factory=list)
    exported: list[exchange.Exported] = field(default_factory=list)
    acks_written: list[Path] = field(default_factory=list)
    acks_read: list[acks.AckRead] = field(default_factory=list)
    pack_written: pack.PackWritten | None = None
    pack_read: pack.PackRead | None = None
    waiting: list[str] = field(default_factory=list)
    """Files still arriving (or waiting for an earlier file)."""
    refused: list[tuple[str, str]] = field(default_factory=list)
    """(file, why) for files refused for good."""
    removed: list[str] = field(default_factory=list)
    identity: IdentityCheck | None = None

    @property
    def changed(self) -> bool:
        return bool(self.imported or self.exported or self.acks_read or self.pack_read or self.pack_written
                     or (self.identity and self.identity.renewed))


def _empty(db: Database) -> bool:
    """No packages and no events: a new station database the watcher may join to the folder's hub."""
    return sync_repo.is_empty(db)


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return path.name, stat.st_size, stat.st_mtime_ns


class FolderWatcher:
    def __init__(self, db: Database, db_path: Path | None, folder: Path, *, passphrase: str | None = None,
                 campaign_id: int | None = None, clock: Callable[[], float] = time.monotonic,
                 settled: set[tuple[str, int, int]] | None = None) -> None:
        self.db, self.db_path, self.folder = db, db_path, Path(folder)
        self.passphrase, self.campaign_id, self.clock = passphrase, campaign_id, clock
        self._settled: set[tuple[str, int, int]] = set() if settled is None else settled
        """Files imported or refused for good, by name, size and time: not read again until they change (a
        watcher made anew for each round, on a worker's connection, is given the same set every time)."""
        self._last_pack_check: float | None = None

    def poll_once(self) -> WatchReport:
        self.folder.mkdir(parents=True, exist_ok=True)
        role = sync_repo.role(self.db)
        report = WatchReport(role, identity=check_identity(self.db, self.db_path))
        if role == sync_repo.ROLE_HUB:
            self._hub(report)
        else:
            self._station(report)
        return report

    def _files(self, pattern: str) -> list[Path]:
        return sorted(p for p in self.folder.glob(pattern) if p.is_file() and not container.is_temporary(p))

    # -- hub -------------------------------------------------------------------------------------------

    def _hub(self, report: WatchReport) -> None:
        answer: dict[str, int | None] = {}
        files = [(parsed, path) for path in self._files("events-*" + exchange.EVENTS_SUFFIX)
                 if (parsed := exchange.parse_events_file_name(path.name)) is not None]
        station_of = {path: station_id for (station_id, _first, _last), path in files}
        keys = {path: _key(path) for path in station_of}
        todo = [path for _parsed, path in sorted(files, key=lambda item: item[0]) if keys[path] not in self._settled]
        for path in [path for path in todo if self._imported_before(path)]:  # a restart: not read again
            self._settled.add(keys[path])
            todo.remove(path)
        acks.learn_given_blocks(self.db, self.folder)
        for path, result in exchange.import_all(self.db, todo, passphrase=self.passphrase):
            if isinstance(result, ExchangeRefused):
                if result.may_succeed_later:
                    report.waiting.append(path.name)
                    if result.problem is Problem.SEQUENCE_GAP:  # the station sends what the hub lacks again
                        answer.setdefault(station_of[path], None)
                    continue
                if result.problem is not Problem.NOT_ENROLLED:  # read again once a supervisor enrols the station
                    self._settled.add(keys[path])
                report.refused.append((path.name, str(result)))
                if result.problem is Problem.SEQUENCE_CLASH:
                    answer[station_of[path]] = result.seq
                continue
            self._settled.add(keys[path])
            if result.changed:
                report.imported.append(result)
            answer.setdefault(result.station_id, None)
        for station_id in self._stale_acks(answer):
            answer.setdefault(station_id, None)
        for station_id, clash_at in sorted(answer.items()):
            report.acks_written.append(acks.write_ack(self.db, self.folder, station_id, clash_at=clash_at))
        self._keep_pack_current(report)

    def _imported_before(self, path: Path) -> bool:
        """The hub imported this very file (its stored body's SHA-256, read from the header) before."""
        try:
            header, _body = container.read_header(path.read_bytes(), path.name)
        except (OSError, ExchangeRefused):
            return False
        return sync_repo.was_imported(self.db, str(header.get("body_sha256", "")))

    def _stale_acks(self, answered: dict[str, int | None]) -> list[str]:
        """Stations heard from whose acknowledgement file is missing or says other than the hub holds."""
        stale = []
        trust = enrolment.trust_hub(self.db)
        for station_id, *_rest in sync_repo.stations_heard(self.db):
            if station_id in answered:
                continue
            path = self.folder / acks.ack_file_name(station_id)
            try:
                seq = acks.read_ack(path, trust).seq
            except (ExchangeRefused, OSError):
                seq = -1
            if seq != sync_repo.max_seq(self.db, station_id):  # behind, or ahead: a hub restored from a backup
                stale.append(station_id)
        return stale

    def _keep_pack_current(self, report: WatchReport) -> None:
        path = self.folder / pack.PACK_FILE_NAME
        now = self.clock()
        due = (report.imported or not path.exists() or self._last_pack_check is None
               or now - self._last_pack_check >= PACK_CHECK_SECONDS)
        if not due:
            return
        self._last_pack_check = now
        wanted = pack.live_fingerprint(self.db, self.campaign_id)
        try:
            current = pack.peek(path)[2] if path.exists() else None
        except ExchangeRefused:
            current = None
        if current != wanted:
            report.pack_written = pack.export_pack(self.db, path, campaign_id=self.campaign_id,
                                                   passphrase=self.passphrase)

    # -- station ---------------------------------------------------------------------------------------

    def _station(self, report: WatchReport) -> None:
        self._take_pack(report)
        if sync_repo.role(self.db) != sync_repo.ROLE_STATION:
            return
        report.role = sync_repo.ROLE_STATION
        if report.identity is None or report.identity.station is None:
            return  # joined, not named yet: nothing recorded, nothing to send
        own = set(sync_repo.own_station_ids(self.db))
        for path in self._files("ack-*" + acks.ACK_SUFFIX):
            if acks.station_of_ack(path.name) not in own or _key(path) in self._settled:
                continue
            try:
                report.acks_read.append(acks.import_ack(self.db, self.db_path, path))
            except ExchangeRefused as refused:
                if refused.may_still_be_arriving:
                    report.waiting.append(path.name)
                    continue
                report.refused.append((path.name, str(refused)))
            self._settled.add(_key(path))
        report.exported = exchange.export_events(self.db, self.folder, passphrase=self.passphrase, only_new=True)
        report.removed = self._remove_acknowledged(own)

    def _take_pack(self, report: WatchReport) -> None:
        path = self.folder / pack.PACK_FILE_NAME
        if not path.is_file() or _key(path) in self._settled:
            return
        try:
            hub, version, fingerprint = pack.peek(path)
            joined = sync_repo.hub_id(self.db)
            if joined is None and not _empty(self.db):  # joining replaces the reference data: only when asked
                self._settled.add(_key(path))
                return
            mine = sync_repo.pack_version(self.db) if joined else 0
            if joined == hub and (version, fingerprint) == (
                    mine, sync_repo.setting(self.db, sync_repo.SETTING_PACK_FINGERPRINT)):
                self._settled.add(_key(path))
                return
            report.pack_read = pack.import_pack(self.db, path, passphrase=self.passphrase)
        except ExchangeRefused as refused:
            if refused.may_still_be_arriving:
                report.waiting.append(path.name)
                return
            report.refused.append((path.name, str(refused)))
        self._settled.add(_key(path))

    def _remove_acknowledged(self, own: set[str]) -> list[str]:
        """This station's files the hub has acknowledged, or that a newer file of the same station covers."""
        mine = [(parsed, path) for path in self._files("events-*" + exchange.EVENTS_SUFFIX)
                if (parsed := exchange.parse_events_file_name(path.name)) is not None and parsed[0] in own]
        removed = []
        for (station_id, first, last), path in mine:
            acked = sync_repo.acked(self.db, station_id)
            covered = any(other != path and sid == station_id and low <= max(first, acked + 1) and high >= last
                          and (low, high) != (first, last) for (sid, low, high), other in mine)
            if last <= acked or covered:
                path.unlink(missing_ok=True)
                removed.append(path.name)
        return removed

    def run(self, interval: float, *, stop: Callable[[], bool] = lambda: False,
            report: Callable[[WatchReport], None] = lambda _report: None) -> None:
        """Poll until `stop()` says so (the command line's loop; the UI uses a QTimer instead)."""
        while not stop():
            report(self.poll_once())
            deadline = time.monotonic() + interval
            while time.monotonic() < deadline and not stop():
                time.sleep(min(0.5, interval))
