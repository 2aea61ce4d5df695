"""SQL behind `models.packing.letters.LetterService`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.campaigns.sql import reference_repo as repo
from models.core.codes import CodeKind
from models.core.types import Campaign
from models.packing.letters import Letter, LetterStatus
from models.storage import common
from models.storage.common import now_iso
from models.storage.store import SqlStore

_SELECT = (
    "SELECT l.id, l.campaign_id, l.recipient_id, l.code, l.received_at, e.package_id, r.list_number, "
    "r.surname, r.given_name, r.patronymic FROM letters l JOIN recipients r ON r.id = l.recipient_id "
    "LEFT JOIN letter_enclosures e ON e.letter_id = l.id "
)
_CHUNK = 500


def _letter(row: Sequence[Any]) -> Letter:
    lid, campaign_id, recipient_id, code, received_at, package_id, number, surname, given, patronymic = row
    if package_id is not None:
        status = LetterStatus.ENCLOSED
    else:
        status = LetterStatus.RECEIVED if received_at else LetterStatus.EXPECTED
    name = " ".join(part for part in (surname, given, patronymic) if part)
    return Letter(lid, campaign_id, recipient_id, code, status, number, name, package_id)


class SqlLetterStore(SqlStore):

    def campaign(self, campaign_id: int) -> Campaign | None:
        return repo.campaign_by_id(self.db, campaign_id)

    def recipient_ids(self, campaign_id: int, list_numbers: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        unique = list(dict.fromkeys(list_numbers))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for number, rid in self.db.execute(
                    f"SELECT list_number, id FROM recipients WHERE campaign_id = ? AND list_number IN ({marks})",
                    [campaign_id, *chunk]):
                found[number] = rid
        return found

    def insert(self, campaign_id: int, recipient_ids: Sequence[int]) -> list[int]:
        codes = common.issue_codes(self.db, CodeKind.LETTER, len(recipient_ids))
        stamp = now_iso()
        ids = []
        for recipient_id, code in zip(recipient_ids, codes, strict=False):
            cursor = self.db.execute(
                "INSERT INTO letters (campaign_id, recipient_id, code, registered_at) VALUES (?, ?, ?, ?)",
                [campaign_id, recipient_id, code, stamp])
            ids.append(int(cursor.lastrowid or 0))
        return ids

    def letters(self, *, campaign_id: int | None = None, recipient_id: int | None = None,
                ids: Sequence[int] | None = None, codes: Sequence[str] | None = None) -> list[Letter]:
        if campaign_id is not None:
            rows = self.db.execute(_SELECT + "WHERE l.campaign_id = ? ORDER BY r.number_key, r.list_number, l.id",
                                   [campaign_id]).fetchall()
        elif recipient_id is not None:
            rows = self.db.execute(_SELECT + "WHERE l.recipient_id = ? ORDER BY l.id", [recipient_id]).fetchall()
        else:
            column, values = ("l.id", list(ids or [])) if ids is not None else ("l.code", list(codes or []))
            rows = []
            for start in range(0, len(values), _CHUNK):
                chunk = values[start:start + _CHUNK]
                rows += self.db.execute(_SELECT + f"WHERE {column} IN ({','.join('?' * len(chunk))}) ORDER BY l.id",
                                        chunk).fetchall()
        return [_letter(row) for row in rows]

    def mark_received(self, letter_ids: Sequence[int]) -> None:
        stamp = now_iso()
        self.db.conn.executemany("UPDATE letters SET received_at = ? WHERE id = ? AND received_at IS NULL",
                                 [(stamp, letter_id) for letter_id in letter_ids])

    def must_enclose(self, campaign_id: int) -> bool:
        row = self.db.execute("SELECT letters_must_be_enclosed FROM campaigns WHERE id = ?", [campaign_id]).fetchone()
        return bool(row[0]) if row else True

