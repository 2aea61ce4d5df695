"""The schema of settings, campaigns, the catalog, templates, recipients, packages and stock (migration 0001 in
`models.storage.migrations`): released once, never edited."""

from __future__ import annotations

REFERENCE_0001 = """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE code_counters (kind TEXT PRIMARY KEY, next_serial INTEGER NOT NULL);
        CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            target_count INTEGER NOT NULL DEFAULT 0 CHECK (target_count >= 0),
            max_package_weight_g INTEGER CHECK (max_package_weight_g > 0),
            forbidden_categories TEXT NOT NULL DEFAULT '[]',
            letters_allowed INTEGER NOT NULL DEFAULT 1,
            box_tare_g INTEGER NOT NULL DEFAULT 0 CHECK (box_tare_g >= 0),
            weight_tolerance_g INTEGER NOT NULL DEFAULT 100 CHECK (weight_tolerance_g >= 0),
            created_at TEXT NOT NULL
        );
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            category TEXT NOT NULL,
            unit_weight_g INTEGER NOT NULL CHECK (unit_weight_g >= 0)
        );
        CREATE TABLE item_barcodes (
            barcode TEXT PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id)
        );
        CREATE INDEX item_barcodes_item ON item_barcodes(item_id);
        CREATE TABLE templates (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            name TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            created_at TEXT NOT NULL,
            UNIQUE (campaign_id, name, version)
        );
        CREATE TABLE template_lines (
            id INTEGER PRIMARY KEY,
            template_id INTEGER NOT NULL REFERENCES templates(id),
            line_no INTEGER NOT NULL,
            item_id INTEGER NOT NULL REFERENCES items(id),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            required INTEGER NOT NULL CHECK (required IN (0, 1)),
            UNIQUE (template_id, line_no)
        );
        CREATE TABLE template_substitutes (
            line_id INTEGER NOT NULL REFERENCES template_lines(id),
            item_id INTEGER NOT NULL REFERENCES items(id),
            PRIMARY KEY (line_id, item_id)
        );
        CREATE TABLE recipients (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            list_number TEXT NOT NULL,
            surname TEXT NOT NULL,
            given_name TEXT NOT NULL,
            patronymic TEXT NOT NULL DEFAULT '',
            birth_date TEXT,
            place TEXT NOT NULL,
            service_number TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            name_key TEXT NOT NULL,
            number_key INTEGER,
            UNIQUE (campaign_id, list_number)
        );
        CREATE INDEX recipients_by_name ON recipients(campaign_id, name_key);
        CREATE INDEX recipients_by_number ON recipients(campaign_id, number_key, list_number);
        CREATE TABLE packages (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            recipient_id INTEGER NOT NULL UNIQUE REFERENCES recipients(id),
            code TEXT NOT NULL UNIQUE
        );
        CREATE INDEX packages_campaign ON packages(campaign_id);
        CREATE TABLE stock_receipts (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            item_id INTEGER NOT NULL REFERENCES items(id),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            donor TEXT NOT NULL DEFAULT '',
            lot TEXT NOT NULL DEFAULT '',
            expiry TEXT,
            received_at TEXT NOT NULL
        );
        """
