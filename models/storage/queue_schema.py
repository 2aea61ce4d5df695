"""The schema of the package queue's bookmark (migration 0014 in `models.storage.migrations`): released once,
never edited.

"Next package" opens the first planned package in the order of the recipient list. Well into a campaign that
order begins with thousands of packages already packed, and walking past them costs about 0.6 µs each (60 ms
at 100,000), at every Next. `next_planned_hint` keeps, per campaign, the place of the last package found: every
live package before it was packed, withdrawn or voided then. The search starts there
(`models.packing.sql.packing_store`).

A bookmark holds only while nothing before it can have become planned again. Packing only ever takes
packages out of the queue; what can put one back, or move it in the order, clears every bookmark by a trigger,
in the writer's own transaction, whichever connection writes: a package's state or withdrawal deleted, a
package deleted, made live or given to another recipient, a recipient's number or campaign changed. A package
added later (an import, a replacement) is told by the largest package id the bookmark saw: ids only grow while
no package is deleted. The bookmark is written in the transaction of the search that found it, so a rolled-back
action takes its bookmark with it. A later migration that rebuilds one of these tables creates its trigger again.
"""

from __future__ import annotations

_CLEAR = "BEGIN DELETE FROM next_planned_hint; END"

QUEUE_0014 = (
    """CREATE TABLE next_planned_hint (
        campaign_id INTEGER PRIMARY KEY,
        numbered INTEGER NOT NULL CHECK (numbered IN (0, 1)),
        number_key INTEGER,
        list_number TEXT NOT NULL,
        recipient_id INTEGER NOT NULL,
        packages_seen INTEGER NOT NULL
    )""",
    f"CREATE TRIGGER next_planned_state_deleted AFTER DELETE ON package_state {_CLEAR}",
    f"CREATE TRIGGER next_planned_state_moved AFTER UPDATE OF package_id ON package_state {_CLEAR}",
    f"CREATE TRIGGER next_planned_withdrawal_deleted AFTER DELETE ON package_withdrawals {_CLEAR}",
    f"CREATE TRIGGER next_planned_withdrawal_moved AFTER UPDATE OF package_id ON package_withdrawals {_CLEAR}",
    f"CREATE TRIGGER next_planned_package_deleted AFTER DELETE ON packages {_CLEAR}",
    f"CREATE TRIGGER next_planned_package_changed AFTER UPDATE OF live, recipient_id, campaign_id ON packages {_CLEAR}",
    f"CREATE TRIGGER next_planned_recipient_moved AFTER UPDATE OF campaign_id, list_number, number_key "
    f"ON recipients {_CLEAR}",
)
