"""SQL behind `models.handover.receiving.ReceivingService` (`models.handover.receiving_records.ReceivingStore`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from models.core.events import Event, NewEvent
from models.handover.receiving_files import batch_from_document
from models.handover.receiving_records import BatchFile, Receipt, ReceiptStatus
from models.journal.sql import events_repo
from models.storage.common import now_iso
from models.storage.database import Database
from models.storage.migrations import schema_version
from models.storage.store import SqlStore

_CHUNK = 500
_RECEIPT = "SELECT code, status, cause, note, source, user_name, at, package_id FROM receipts "


def _receipt(row: Sequence[Any]) -> Receipt:
    code, status, cause, note, source, user, at, package_id = row
    return Receipt(code, ReceiptStatus(status), cause, note, source, user, at, package_id)


class SqlReceivingStore(SqlStore):
    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._schema_version = schema_version(db)

    def append(self, station_id: str, event: NewEvent) -> Event:
        return events_repo.append(self.db, station_id, event, self._schema_version)

    # -- imported batch files ------------------------------------------------------------------------------------

    def incoming(self, batch_code: str) -> BatchFile | None:
        row = self.db.execute("SELECT document FROM incoming_batches WHERE batch_code = ? ORDER BY version DESC "
                              "LIMIT 1", [batch_code]).fetchone()
        return batch_from_document(json.loads(row[0]), batch_code) if row else None

    def incoming_sha256(self, batch_code: str, version: int) -> str | None:
        row = self.db.execute("SELECT sha256 FROM incoming_batches WHERE batch_code = ? AND version = ?",
                              [batch_code, version]).fetchone()
        return row[0] if row else None

    def save_incoming(self, batch: BatchFile, document: str, file_sha256: str) -> None:
        key = [batch.batch_code, batch.version]
        self.db.execute(
            "INSERT OR REPLACE INTO incoming_batches (batch_code, version, campaign, package_count, sha256, document, "
            "file_sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [*key, batch.campaign, len(batch.lines), batch.sha256, document, file_sha256, now_iso()])
        self.db.execute("DELETE FROM incoming_lines WHERE batch_code = ? AND version = ?", key)
        self.db.conn.executemany(
            "INSERT INTO incoming_lines (batch_code, version, line_no, code, name, place, carton) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(*key, number, line.code, line.full_name, line.place, line.carton)
             for number, line in enumerate(batch.lines, start=1)])

    def incoming_batches(self) -> list[tuple[str, int, str, int]]:
        return [tuple(row) for row in self.db.execute(
            "SELECT batch_code, version, campaign, package_count FROM incoming_batches "
            "ORDER BY imported_at DESC, batch_code")]

    # -- receipts -----------------------------------------------------------------------------------------------

    def receipts(self, batch_code: str) -> list[Receipt]:
        return [_receipt(row) for row in self.db.execute(_RECEIPT + "WHERE batch_code = ? ORDER BY last_pos",
                                                         [batch_code])]

    def receipt(self, batch_code: str, code: str) -> Receipt | None:
        row = self.db.execute(_RECEIPT + "WHERE batch_code = ? AND code = ?", [batch_code, code]).fetchone()
        return _receipt(row) if row else None

    # -- this database's own packages -----------------------------------------------------------------------------

    def package_batch(self, code: str) -> tuple[int, str | None] | None:
        row = self.db.execute("SELECT p.id, h.batch_code FROM packages p "
                              "LEFT JOIN package_handover h ON h.package_id = p.id WHERE p.code = ?", [code]).fetchone()
        return (row[0], row[1]) if row else None

    def recipients_of(self, codes: Sequence[str]) -> dict[str, tuple[str, str, str]]:
        found: dict[str, tuple[str, str, str]] = {}
        for code, surname, given_name, patronymic, place, number in self.db.execute(
                "SELECT p.code, r.surname, r.given_name, r.patronymic, r.place, r.list_number FROM packages p "
                "JOIN recipients r ON r.id = p.recipient_id WHERE p.code IN (SELECT value FROM json_each(?))",
                [json.dumps(list(codes))]):
            found[code] = (" ".join(part for part in (surname, given_name, patronymic) if part), place, number)
        return found

    def packages_batches(self, codes: Sequence[str]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for start in range(0, len(codes), _CHUNK):
            chunk = list(codes[start:start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            found |= dict(self.db.execute(
                "SELECT p.code, h.batch_code FROM packages p LEFT JOIN package_handover h ON h.package_id = p.id "
                f"WHERE p.code IN ({marks})", chunk).fetchall())
        return found
