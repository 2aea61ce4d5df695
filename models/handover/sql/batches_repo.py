"""SQL behind `models.handover.batches.BatchService` (`models.handover.records.BatchStore`) for one connection."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from models.campaigns.sql import reference_repo
from models.core.codes import CodeKind
from models.core.events import Event, NewEvent
from models.core.files import write_private
from models.core.types import Campaign
from models.handover.records import (
    BatchRecord,
    BatchState,
    CartonRecord,
    HandoverDetails,
    KeptFile,
    ManifestVersion,
    MemberRow,
    PackagePlace,
)
from models.journal.sql import events_repo
from models.journal.sql.watermarks import named_watermarks
from models.packing.states import PackageState
from models.storage import common
from models.storage.database import Database
from models.storage.migrations import schema_version
from models.storage.store import SqlStore

MANIFESTS_FOLDER = "manifests"
_CHUNK = 500
_PLACE = ("SELECT p.id, p.code, p.campaign_id, coalesce(s.state, 'planned'), h.carton_code, h.batch_code, "
          "coalesce(s.relabel, 0), (SELECT n.code FROM packages n WHERE n.replaces = p.id) "
          "FROM packages p LEFT JOIN package_state s ON s.package_id = p.id "
          "LEFT JOIN package_handover h ON h.package_id = p.id ")
_BATCH = ("SELECT b.code, b.campaign_id, b.state, b.version, b.details, b.created_at, b.created_by, "
          "(SELECT count(*) FROM package_handover h WHERE h.batch_code = b.code), "
          "(SELECT count(*) FROM cartons c WHERE c.batch_code = b.code) FROM batches b ")
_CARTON = ("SELECT c.code, c.campaign_id, c.number, c.batch_code, "
           "(SELECT count(*) FROM package_handover h WHERE h.carton_code = c.code) FROM cartons c ")
_VERSION = ("SELECT batch_code, version, package_count, sha256, details, events_included, closed_by, closed_at, "
            "signed_by, signed_at, attachment, attachment_sha256 FROM manifest_versions ")


def _place(row: Sequence[Any]) -> PackagePlace:
    pid, code, campaign_id, state, carton, batch, relabel, replaced_by = row
    return PackagePlace(pid, code, campaign_id, PackageState(state), carton, batch, bool(relabel), replaced_by)


def _batch(row: Sequence[Any]) -> BatchRecord:
    code, campaign_id, state, version, details, created_at, created_by, packages, cartons = row
    return BatchRecord(code, campaign_id, BatchState(state), version, HandoverDetails.from_json(json.loads(details)),
                       created_at, created_by, packages, cartons)


def _version(row: Sequence[Any]) -> ManifestVersion:
    batch, version, count, sha, details, included, closed_by, closed_at, signed_by, signed_at, file, file_sha = row
    marks = tuple((str(name), int(seq)) for name, seq in json.loads(included))
    return ManifestVersion(batch, version, count, sha, HandoverDetails.from_json(json.loads(details)), marks,
                           closed_by, closed_at, signed_by, signed_at, file, file_sha)


class SqlBatchStore(SqlStore):
    def __init__(self, db: Database, path: Path | None = None) -> None:
        """`path` is the database file: attached sheets are kept in `manifests/` beside it."""
        super().__init__(db)
        self.path = path
        self._schema_version = schema_version(db)

    def append(self, station_id: str, event: NewEvent) -> Event:
        return events_repo.append(self.db, station_id, event, self._schema_version)

    def issue_code(self, kind_value: str) -> str | None:
        if common.code_block(self.db) is None:
            return None
        return common.issue_codes(self.db, CodeKind(kind_value), 1)[0]

    def campaign(self, campaign_id: int) -> Campaign | None:
        return reference_repo.campaign_by_id(self.db, campaign_id)

    def campaign_name(self, campaign_id: int) -> str | None:
        row = self.db.execute("SELECT name FROM campaigns WHERE id = ?", [campaign_id]).fetchone()
        return row[0] if row else None

    # -- packages --------------------------------------------------------------------------------------------

    def package(self, code: str) -> PackagePlace | None:
        row = self.db.execute(_PLACE + "WHERE p.code = ?", [code]).fetchone()
        return _place(row) if row else None

    def packages_of_carton(self, carton_code: str) -> list[PackagePlace]:
        return [_place(row) for row in self.db.execute(_PLACE + "WHERE h.carton_code = ? ORDER BY p.id",
                                                       [carton_code])]

    def packages_of_batch(self, batch_code: str) -> list[PackagePlace]:
        return [_place(row) for row in self.db.execute(_PLACE + "WHERE h.batch_code = ? ORDER BY p.id",
                                                       [batch_code])]

    def conflicted(self, package_ids: Sequence[int]) -> set[int]:
        """Packages with an unresolved conflict between stations (issue 8 flags them on the hub)."""
        if not package_ids:
            return set()
        # sync_conflicts is kept by models.sync; handover only reads which packages it holds back.
        return {row[0] for row in self.db.execute(
            "SELECT DISTINCT package_id FROM sync_conflicts WHERE resolution_event IS NULL")} & set(package_ids)

    def clashing_codes(self) -> set[str]:
        return {row[0] for row in self.db.execute(
            "SELECT DISTINCT json_extract(j.value, '$.thing') FROM sync_conflicts c, json_each(c.problems) j "
            "WHERE c.resolution_event IS NULL AND json_extract(j.value, '$.code') = 'code_clash'")}

    # -- cartons and batches -------------------------------------------------------------------------------------

    def carton(self, code: str) -> CartonRecord | None:
        row = self.db.execute(_CARTON + "WHERE c.code = ?", [code]).fetchone()
        return CartonRecord(*row) if row else None

    def cartons(self, campaign_id: int, batch_code: str | None = None) -> list[CartonRecord]:
        if batch_code is None:
            rows = self.db.execute(_CARTON + "WHERE c.campaign_id = ? ORDER BY c.number", [campaign_id])
        else:
            rows = self.db.execute(_CARTON + "WHERE c.campaign_id = ? AND c.batch_code = ? ORDER BY c.number",
                                   [campaign_id, batch_code])
        return [CartonRecord(*row) for row in rows]

    def next_carton_number(self, campaign_id: int) -> int:
        row = self.db.execute("SELECT coalesce(max(number), 0) + 1 FROM cartons WHERE campaign_id = ?",
                              [campaign_id]).fetchone()
        return int(row[0])

    def batch(self, code: str) -> BatchRecord | None:
        row = self.db.execute(_BATCH + "WHERE b.code = ?", [code]).fetchone()
        return _batch(row) if row else None

    def batches(self, campaign_id: int | None) -> list[BatchRecord]:
        if campaign_id is None:
            return [_batch(row) for row in self.db.execute(_BATCH + "ORDER BY b.created_at DESC, b.code DESC")]
        return [_batch(row) for row in self.db.execute(
            _BATCH + "WHERE b.campaign_id = ? ORDER BY b.created_at DESC, b.code DESC", [campaign_id])]

    def versions(self, batch_code: str) -> list[ManifestVersion]:
        return [_version(row) for row in self.db.execute(_VERSION + "WHERE batch_code = ? ORDER BY version",
                                                         [batch_code])]

    # -- members, as lists and documents show them ------------------------------------------------------------

    def members(self, batch_code: str, version: int | None = None) -> list[MemberRow]:
        params: list[str | int] = [batch_code]
        if version is None:
            table, where = "package_handover", "m.batch_code = ?"
        else:
            table, where = "manifest_lines", "m.batch_code = ? AND m.version = ?"
            params.append(version)
        rows = self.db.execute(
            "SELECT p.id, p.code, r.list_number, r.surname, r.given_name, r.patronymic, r.birth_date, r.place, "
            "m.carton_code, c.number, EXISTS (SELECT 1 FROM letter_enclosures e WHERE e.package_id = p.id), "
            "s.weight_g, s.expected_weight_g, coalesce(s.state, 'planned') "
            f"FROM {table} m JOIN packages p ON p.id = m.package_id "
            "JOIN recipients r ON r.id = p.recipient_id LEFT JOIN package_state s ON s.package_id = p.id "
            "LEFT JOIN cartons c ON c.code = m.carton_code "
            f"WHERE {where} ORDER BY r.number_key IS NULL, r.number_key, r.list_number, p.id",
            params).fetchall()
        swaps = self._substitutions([row[0] for row in rows])
        return [MemberRow(pid, code, number, surname, given, patronymic, date.fromisoformat(born) if born else None,
                          place, carton, carton_number, bool(letter), weight, swaps.get(pid, ""), PackageState(state),
                          expected)
                for (pid, code, number, surname, given, patronymic, born, place, carton, carton_number, letter, weight,
                     expected, state) in rows]

    def rules_versions(self, package_ids: Sequence[int]) -> tuple[int, ...]:
        # Each package's latest seal counts (work set aside and sealed again is checked anew); a seal recorded
        # before rules were versioned was checked against what became version 1.
        rows = self.db.execute(
            "SELECT DISTINCT (SELECT coalesce(json_extract(e.payload, '$.rules_version'), 1) FROM events e "
            "WHERE e.package_id = p.value AND e.type = 'package_sealed' ORDER BY e.pos DESC LIMIT 1) "
            "FROM json_each(?) p", [json.dumps(list(package_ids))])
        return tuple(sorted(row[0] for row in rows if row[0] is not None))

    def _substitutions(self, package_ids: Sequence[int]) -> dict[int, str]:
        """"main → substitute" for the checklist lines packed with a substitute, per package."""
        found: dict[int, list[str]] = {}
        for start in range(0, len(package_ids), _CHUNK):
            chunk = list(package_ids[start:start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            for package_id, main, substitute in self.db.execute(
                    "SELECT l.package_id, mi.name, si.name FROM package_lines l "
                    "JOIN package_state s ON s.package_id = l.package_id "
                    "JOIN template_lines t ON t.template_id = s.template_id AND t.line_no = l.line_no "
                    "JOIN items mi ON mi.id = t.item_id JOIN items si ON si.id = l.item_id "
                    f"WHERE l.package_id IN ({marks}) AND l.item_id != t.item_id ORDER BY l.package_id, l.line_no",
                    chunk):
                found.setdefault(package_id, []).append(f"{main} → {substitute}")
        return {package_id: "; ".join(texts) for package_id, texts in found.items()}

    def correction_reason(self, batch_code: str, version: int) -> str:
        row = self.db.execute(
            "SELECT json_extract(payload, '$.reason') FROM events WHERE type = 'batch_correction' "
            "AND json_extract(payload, '$.batch') = ? AND json_extract(payload, '$.version') = ? "
            "ORDER BY pos DESC LIMIT 1", [batch_code, version]).fetchone()
        return str(row[0]) if row and row[0] else ""

    # -- watermarks -----------------------------------------------------------------------------------------------

    def watermarks(self) -> list[tuple[str, int]]:
        """Per station, the last event number this database holds (held events of flagged packages included)."""
        return [(mark.name, mark.seq) for mark in named_watermarks(self.db)]

    # -- files beside the database ---------------------------------------------------------------------------------

    def folder(self) -> Path:
        if self.path is None:
            raise OSError("this store has no database file to keep files beside")
        return self.path.parent / MANIFESTS_FOLDER

    def keep_file(self, source: Path, stem: str) -> KeptFile:
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        folder = self.folder()
        folder.mkdir(mode=0o700, exist_ok=True)
        name = f"{stem}-{digest[:12]}{source.suffix.lower()}"
        target = write_private(folder / name, data)
        return KeptFile(name, digest, target)

    def discard_file(self, kept: KeptFile) -> None:
        kept.path.unlink(missing_ok=True)
