"""The schema of a package's life across list versions (migration 0008 in `models.storage.migrations`):
released once, never edited.

- `packages` is rebuilt (SQLite cannot drop a constraint) so that a person can have more than one package over
  time: a voided package's replacement is a new row (`replaces` names the voided one) and only one package per
  person is live, which a partial unique index holds.
- `package_state.relabel`: a supervisor accepted a list's change of the person of a labelled package; the
  label names the old person until it is printed again (projection column).
- `package_withdrawals`: planned packages of people a later list left out (projection of `package_withdrawn`).
- `list_decisions`: what an import could not do on its own and waits for a supervisor (reference data of the
  hub): a change to a labelled package's person, or the removal of a person whose package is in work.
"""

from __future__ import annotations

PACKAGE_LIFE_0008 = (
    """CREATE TABLE packages_0008 (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        recipient_id INTEGER NOT NULL REFERENCES recipients(id),
        code TEXT NOT NULL UNIQUE,
        live INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1)),
        replaces INTEGER REFERENCES packages(id)
    )""",
    "INSERT INTO packages_0008 (id, campaign_id, recipient_id, code) "
    "SELECT id, campaign_id, recipient_id, code FROM packages",
    "DROP TABLE packages",
    "ALTER TABLE packages_0008 RENAME TO packages",
    "CREATE INDEX packages_campaign ON packages(campaign_id)",
    "CREATE UNIQUE INDEX packages_live_per_recipient ON packages(recipient_id) WHERE live = 1",
    "CREATE UNIQUE INDEX packages_replaces ON packages(replaces) WHERE replaces IS NOT NULL",
    "ALTER TABLE package_state ADD COLUMN relabel INTEGER NOT NULL DEFAULT 0 CHECK (relabel IN (0, 1))",
    """CREATE TABLE package_withdrawals (
        package_id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        list_version INTEGER NOT NULL,
        withdrawn_by TEXT NOT NULL,
        withdrawn_at TEXT NOT NULL,
        last_pos INTEGER NOT NULL
    )""",
    """CREATE TABLE list_decisions (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        list_version INTEGER NOT NULL,
        list_number TEXT NOT NULL,
        package_id INTEGER NOT NULL REFERENCES packages(id),
        kind TEXT NOT NULL CHECK (kind IN ('changed', 'removed')),
        proposed TEXT NOT NULL CHECK (json_valid(proposed)),
        status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'accepted', 'rejected', 'kept',
                                                                   'withdrawn', 'superseded')),
        decided_by TEXT,
        decided_at TEXT,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX list_decisions_waiting ON list_decisions(campaign_id, status)",
)
