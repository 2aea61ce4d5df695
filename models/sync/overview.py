"""The Stations screen's service: what the hub heard from each station, lots, and exchange through a folder.

The folder is one the user chose (a LAN share or a USB stick), used once, unlike the watched folder of
`models.sync.watch`. Every file is imported on its own, all or nothing (`models.sync.exchange`); a refused
file is reported with its message and the rest still go in. Results come back as a `FolderReport` for the
screen to render.

- Hub, export: the current campaign pack and an acknowledgement for every station heard from.
- Hub, import: every events file (in station and sequence order), then acknowledgements and the pack.
- Station, export: first the hub's acknowledgements found there (the export starts after them), then its
  events since the last acknowledgement.
- Station, import: acknowledgements, and the hub's campaign pack when it is newer (or to join the hub).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from models.core.errors import RefusedInput
from models.core.i18n import _
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.station import Station, StationService
from models.packing.users import User
from models.sync import acks, enrolment, exchange, lots, pack
from models.sync.errors import ExchangeRefused, Problem
from models.sync.identity import IdentityCheck, check_identity
from models.sync.sql import overview_queries as queries
from models.sync.sql import sync_repo

if TYPE_CHECKING:
    from models.storage.database import Database

HUB, STATION = sync_repo.ROLE_HUB, sync_repo.ROLE_STATION
_SEPARATORS = re.compile(r"[,;\s]+")
_DASH = re.compile(r"\s*(?:[-–—]|\.\.)\s*")


@dataclass(frozen=True)
class StationRow:
    """One station identity the hub heard from (or a lot's station not heard from yet: empty station_id)."""

    station_id: str
    name: str
    last_exchange: str = ""
    """When the hub last imported a file of this station (ISO, UTC); empty: never."""
    last_file: str = ""
    last_seq: int = 0
    """The hub holds this station's events up to this number (what its acknowledgement says)."""
    events: int = 0
    lot_packages: int = 0
    lot_first: str = ""
    lot_last: str = ""
    open_conflicts: int = 0
    lot_ranges: str = ""
    """The lot's list numbers as runs ("1–1000, 1999")."""


@dataclass(frozen=True)
class ThisDatabase:
    role: str | None
    """'hub', 'station', or None (neither yet)."""
    station: Station | None
    hub_id: str | None
    pack_version: int
    exported_seq: int = 0
    """The last of this station's events written to an exchange file."""
    acked_seq: int = 0
    """The hub acknowledged this station's events up to here."""
    events: int = 0
    """Events this station recorded under its current identity."""
    fingerprint: str = ""
    """Of the key this database signs with (the hub's at the hub): what a supervisor compares."""
    hub_fingerprint: str = ""
    """At a station: of the key of the hub it joined."""


@dataclass
class FolderReport:
    folder: Path
    role: str | None
    exported: list[exchange.Exported] = field(default_factory=list)
    imported: list[exchange.Imported] = field(default_factory=list)
    acks_read: list[acks.AckRead] = field(default_factory=list)
    acks_written: list[Path] = field(default_factory=list)
    pack_written: pack.PackWritten | None = None
    pack_read: pack.PackRead | None = None
    refused: list[tuple[str, str]] = field(default_factory=list)
    """(file, why) for each file refused: nothing of it was imported."""
    identity: IdentityCheck | None = None

    @property
    def anything(self) -> bool:
        return bool(self.exported or self.imported or self.acks_read or self.acks_written or self.pack_written
                    or self.pack_read or self.refused)


class HasDatabase(Protocol):
    db: Database
    path: Path


def split_numbers(text: str) -> tuple[list[str], list[str]]:
    """'1-500, 612 700..720' -> (['1-500', '700-720'], ['612']): ranges and single list numbers."""
    ranges, numbers = [], []
    for token in _SEPARATORS.split(_DASH.sub("-", text.strip())):
        if not token:
            continue
        try:
            low, high = lots.parse_range(token)
        except RefusedInput:
            numbers.append(token)
        else:
            ranges.append(f"{low}-{high}")
    return ranges, numbers


class StationsService:
    def __init__(self, db: Database, db_path: Path | None) -> None:
        self.db, self.db_path = db, db_path

    @classmethod
    def of(cls, workspace: HasDatabase) -> StationsService:
        return cls(workspace.db, workspace.path)

    # -- reading ------------------------------------------------------------------------------------------

    def this_database(self) -> ThisDatabase:
        station = StationService(SqlStationStore(self.db)).identity()
        role, hub = sync_repo.role(self.db), sync_repo.hub_id(self.db)
        fingerprint = enrolment.own_fingerprint(self.db) if role is not None and station is not None else ""
        found = ThisDatabase(role, station, hub, sync_repo.pack_version(self.db), fingerprint=fingerprint)
        if station is None or role != STATION:
            return found
        own = station.instance_id
        exported = int(sync_repo.setting(self.db, sync_repo.SETTING_EXPORTED_PREFIX + own) or 0)
        return ThisDatabase(role, station, hub, found.pack_version, exported, sync_repo.acked(self.db, own),
                            queries.own_events(self.db, own), fingerprint,
                            enrolment.joined_hub_fingerprint(self.db))

    def enrolments(self) -> list[enrolment.Enrolment]:
        return enrolment.enrolments(self.db)

    def requests(self) -> list[enrolment.Request]:
        return enrolment.requests(self.db)

    def enrol(self, station: str, fingerprint: str, supervisor: User) -> enrolment.Enrolment:
        """A supervisor enrols a station that asked, having compared the fingerprint it shows."""
        return enrolment.enrol(self.db, station, fingerprint, supervisor)

    def revoke(self, station: str, supervisor: User) -> list[enrolment.Enrolment]:
        return enrolment.revoke(self.db, station, supervisor)

    def rows(self) -> list[StationRow]:
        """The hub's stations: heard from (newest exchange first), then lots' stations not heard from yet."""
        summaries = {s.station: s for s in lots.summaries(self.db)}
        conflicts = queries.open_conflicts_by_station(self.db)
        found: list[StationRow] = []
        for heard in queries.heard(self.db):
            lot = summaries.get(heard.name)
            found.append(StationRow(
                heard.station_id, heard.name, heard.last_import_at, heard.last_file,
                sync_repo.max_seq(self.db, heard.station_id), heard.received, lot.packages if lot else 0,
                lot.first_number if lot else "", lot.last_number if lot else "", conflicts.get(heard.station_id, 0),
                lot.ranges if lot else ""))
        names = {row.name for row in found}
        found += [StationRow("", s.station, lot_packages=s.packages, lot_first=s.first_number, lot_last=s.last_number,
                             lot_ranges=s.ranges)
                  for name, s in summaries.items() if name not in names]
        return found

    def station_names(self) -> list[str]:
        return sorted({row.name for row in self.rows()}, key=str.casefold)

    # -- lots ---------------------------------------------------------------------------------------------

    def assign(self, station: str, numbers: str, supervisor: User, campaign_id: int | None) -> lots.LotChange:
        """Give list numbers ('1-500, 612') to a station's lot; a supervisor's decision, recorded in the hub's
        journal (this database becomes the hub when it was neither)."""
        lots.check_may_assign(supervisor)
        if not station.strip():
            raise RefusedInput(_("Name the station that gets the packages."))
        if campaign_id is None:
            identity = StationService(SqlStationStore(self.db)).identity()
            campaign_id = identity.campaign_id if identity else None
        if campaign_id is None:
            raise RefusedInput(_("Choose a campaign first."))
        ranges, singles = split_numbers(numbers)
        return lots.assign(self.db, station, campaign_id, ranges=ranges, numbers=singles, user=supervisor.name)

    # -- exchange through a folder ------------------------------------------------------------------------

    def export_to(self, folder: Path, passphrase: str | None = None) -> FolderReport:
        report = self._start(folder)
        if report.role == STATION:
            self._read_acks(report)
            report.exported = exchange.export_events(self.db, folder, passphrase=passphrase)
            return report
        if report.role is None and not self._has_campaign():
            raise ExchangeRefused(Problem.NOT_JOINED, _(
                "This station has not joined a hub yet: import the hub's campaign pack first."))
        report.pack_written = pack.export_pack(self.db, folder, passphrase=passphrase)
        report.role = HUB
        # Every station heard from, and those this hub answered before (heard from since a backup it was restored
        # from): a restored hub's lower numbers make them send again what it lost.
        answered = acks.learn_given_blocks(self.db, folder)
        for station_id in sorted({row[0] for row in sync_repo.stations_heard(self.db)} | answered):
            report.acks_written.append(acks.write_ack(self.db, folder, station_id))
        return report

    def import_from(self, folder: Path, passphrase: str | None = None) -> FolderReport:
        report = self._start(folder)
        if report.role == HUB:
            self._import_events(report, passphrase)
            return report
        if report.role == STATION:
            self._read_acks(report)
        path = folder / pack.PACK_FILE_NAME
        if path.is_file():
            try:
                report.pack_read = pack.import_pack(self.db, path, passphrase=passphrase)
            except ExchangeRefused as refused:
                report.refused.append((path.name, str(refused)))
        elif report.role is None:
            raise RefusedInput(_("{folder} holds no campaign pack: this database is neither a hub nor a station "
                                 "of one yet.").format(folder=folder))
        report.role = sync_repo.role(self.db)
        return report

    def _start(self, folder: Path) -> FolderReport:
        if not folder.is_dir():
            raise RefusedInput(_("{folder} is not a folder that can be reached.").format(folder=folder))
        return FolderReport(folder, sync_repo.role(self.db), identity=check_identity(self.db, self.db_path))

    def _has_campaign(self) -> bool:
        return bool(SqlStationStore(self.db).campaign_ids())

    def _read_acks(self, report: FolderReport) -> None:
        own = set(sync_repo.own_station_ids(self.db))
        for path in sorted(report.folder.glob("ack-*" + acks.ACK_SUFFIX)):
            if acks.station_of_ack(path.name) not in own:
                continue
            try:
                report.acks_read.append(acks.import_ack(self.db, self.db_path, path))
            except ExchangeRefused as refused:
                report.refused.append((path.name, str(refused)))

    def _import_events(self, report: FolderReport, passphrase: str | None) -> None:
        files = sorted((parsed, path) for path in report.folder.glob("events-*" + exchange.EVENTS_SUFFIX)
                       if (parsed := exchange.parse_events_file_name(path.name)) is not None)
        answer: dict[str, int | None] = {}
        station_of = {path: station_id for (station_id, _first, _last), path in files}
        acks.learn_given_blocks(self.db, report.folder)
        for path, result in exchange.import_all(self.db, [path for _parsed, path in files], passphrase=passphrase):
            if isinstance(result, ExchangeRefused):
                report.refused.append((path.name, str(result)))
                if result.problem is Problem.SEQUENCE_CLASH:
                    answer[station_of[path]] = result.seq
                elif result.problem is Problem.SEQUENCE_GAP:  # the station sends what the hub lacks again
                    answer.setdefault(station_of[path], None)
                continue
            report.imported.append(result)
            answer.setdefault(result.station_id, None)
        for station_id, clash_at in sorted(answer.items()):
            report.acks_written.append(acks.write_ack(self.db, report.folder, station_id, clash_at=clash_at))
        if answer:
            report.pack_written = pack.export_pack(self.db, report.folder, passphrase=passphrase)
