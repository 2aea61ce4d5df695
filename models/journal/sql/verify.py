"""Does each projection hold what the journal says? Its rows are recomputed from the events alone, in memory
(the registered folds), and compared with the live tables, without writing anything."""

from __future__ import annotations

import json
from dataclasses import dataclass

from models.journal.sql.projections import dump
from models.journal.sql.rebuild import replayed_dump
from models.storage.database import Database

PACKAGE_COLUMN = {"package_state": 0, "package_lines": 0, "package_scans": 1, "letter_enclosures": 1,
                  "package_handover": 0, "manifest_lines": 2, "receipts": 2}
"""Where a table's rows name their package, to report the codes of what differs."""


@dataclass(frozen=True)
class TableDifference:
    table: str
    missing: int
    """Rows the journal gives that the table lacks."""
    extra: int
    """Rows the table holds that the journal does not give."""
    package_codes: tuple[str, ...]


def projection_differences(db: Database) -> list[TableDifference]:
    live, replayed = dump(db), replayed_dump(db)
    found: list[TableDifference] = []
    for table in live:
        have, want = set(live[table]), set(replayed.get(table, []))
        if have == want:
            continue
        column = PACKAGE_COLUMN.get(table)
        ids = sorted({row[column] for row in have ^ want if column is not None and isinstance(row[column], int)})
        found.append(TableDifference(table, len(want - have), len(have - want), _codes(db, ids)))
    return found


def _codes(db: Database, package_ids: list[int]) -> tuple[str, ...]:
    if not package_ids:
        return ()
    return tuple(row[0] for row in db.execute(
        "SELECT code FROM packages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY code",
        [json.dumps(package_ids)]))
