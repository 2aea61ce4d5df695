"""The schema of campaign management (migration 0007 in `models.storage.migrations`): released once, never
edited."""

from __future__ import annotations

CAMPAIGNS_0007 = (
    # The handover agreement's parties (the manifest's defaults), the labels' language, the campaign's life
    # (open, closed: read-only, archived), the rules version in force, and whether it is the demo.
    "ALTER TABLE campaigns ADD COLUMN sending_party TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE campaigns ADD COLUMN mediator_party TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE campaigns ADD COLUMN receiving_party TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE campaigns ADD COLUMN label_language TEXT NOT NULL DEFAULT 'en' "
    "CHECK (label_language IN ('en', 'ru', 'uk'))",
    "ALTER TABLE campaigns ADD COLUMN status TEXT NOT NULL DEFAULT 'open' "
    "CHECK (status IN ('open', 'closed', 'archived'))",
    "ALTER TABLE campaigns ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 1 CHECK (rules_version >= 1)",
    "ALTER TABLE campaigns ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1))",
    # Every version of the rules, with who changed them and when; a sealed package names the version it was
    # checked against (package_sealed payload rules_version).
    """CREATE TABLE campaign_rule_versions (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        rules TEXT NOT NULL,
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, version)
    )""",
    # Every recipient list an import wrote: where it came from, who imported it, what it changed (issue 14).
    """CREATE TABLE recipient_list_versions (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        rows INTEGER NOT NULL,
        added INTEGER NOT NULL,
        removed INTEGER NOT NULL,
        changed INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, version)
    )""",
    # Campaigns made before: their rules as they stand are version 1.
    """INSERT INTO campaign_rule_versions (campaign_id, version, rules, changed_by, changed_at)
       SELECT id, 1, json_object('max_package_weight_g', max_package_weight_g,
                                 'forbidden_categories', json(forbidden_categories),
                                 'letters_allowed', letters_allowed, 'box_tare_g', box_tare_g,
                                 'weight_tolerance_g', weight_tolerance_g,
                                 'letters_must_be_enclosed', letters_must_be_enclosed),
              '', created_at FROM campaigns""",
)
