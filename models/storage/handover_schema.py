"""The schema of cartons, batches, manifests and receiving (migration 0004 in `models.storage.migrations`):
released once, never edited."""

from __future__ import annotations

# Cartons, batches, manifests and receiving (issue 7). The first six tables are projections of the journal
# (models.handover.sql.projections, rebuilt by models.journal.sql.rebuild); the last two hold batch files
# imported on a receiving install, which has no packages of its own to point at.
HANDOVER_0004 = (
    """CREATE TABLE cartons (
        code TEXT PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        number INTEGER NOT NULL,
        batch_code TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_pos INTEGER NOT NULL
    )""",
    "CREATE INDEX cartons_by_batch ON cartons(batch_code)",
    "CREATE INDEX cartons_by_campaign ON cartons(campaign_id, number)",
    """CREATE TABLE batches (
        code TEXT PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'signed')),
        version INTEGER NOT NULL CHECK (version >= 1),
        details TEXT NOT NULL CHECK (json_valid(details)),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_pos INTEGER NOT NULL
    )""",
    "CREATE INDEX batches_by_campaign ON batches(campaign_id)",
    # Where each package is on its way out: its carton and/or its batch (no row: in neither).
    """CREATE TABLE package_handover (
        package_id INTEGER PRIMARY KEY,
        carton_code TEXT,
        batch_code TEXT,
        last_pos INTEGER NOT NULL
    )""",
    "CREATE INDEX package_handover_by_batch ON package_handover(batch_code)",
    "CREATE INDEX package_handover_by_carton ON package_handover(carton_code)",
    """CREATE TABLE manifest_versions (
        batch_code TEXT NOT NULL,
        version INTEGER NOT NULL,
        package_count INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        details TEXT NOT NULL CHECK (json_valid(details)),
        events_included TEXT NOT NULL CHECK (json_valid(events_included)),
        closed_by TEXT NOT NULL,
        closed_at TEXT NOT NULL,
        signed_by TEXT,
        signed_at TEXT,
        attachment TEXT,
        attachment_sha256 TEXT,
        last_pos INTEGER NOT NULL,
        PRIMARY KEY (batch_code, version)
    )""",
    """CREATE TABLE manifest_lines (
        batch_code TEXT NOT NULL,
        version INTEGER NOT NULL,
        package_id INTEGER NOT NULL,
        carton_code TEXT,
        PRIMARY KEY (batch_code, version, package_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE receipts (
        batch_code TEXT NOT NULL,
        code TEXT NOT NULL,
        package_id INTEGER,
        status TEXT NOT NULL CHECK (status IN ('received', 'damaged', 'missing', 'extra')),
        cause TEXT NOT NULL,
        note TEXT NOT NULL,
        source TEXT NOT NULL,
        user_name TEXT NOT NULL,
        at TEXT NOT NULL,
        last_pos INTEGER NOT NULL,
        PRIMARY KEY (batch_code, code)
    ) WITHOUT ROWID""",
    """CREATE TABLE incoming_batches (
        batch_code TEXT NOT NULL,
        version INTEGER NOT NULL,
        campaign TEXT NOT NULL,
        package_count INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        document TEXT NOT NULL CHECK (json_valid(document)),
        file_sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (batch_code, version)
    )""",
    """CREATE TABLE incoming_lines (
        batch_code TEXT NOT NULL,
        version INTEGER NOT NULL,
        line_no INTEGER NOT NULL,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        place TEXT NOT NULL,
        carton TEXT NOT NULL,
        PRIMARY KEY (batch_code, version, code)
    ) WITHOUT ROWID""",
)
