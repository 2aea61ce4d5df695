"""The schema of Latin names (migration 0010 in `models.storage.migrations`): released once, never edited.

A campaign names the scheme of the Latin line its labels and handover papers carry (`models.core.latin`), and
a second full-text index holds every recipient's name in Latin letters, so a search typed in Latin finds them.
The Latin forms come from Python (translitua), not from SQL: the writers that add or change recipients index
them (`models.campaigns.sql.recipient_search`); triggers drop a recipient's row when the name changes or the
recipient goes, so a stale spelling can never find anyone.
"""

from __future__ import annotations

LATIN_0010 = (
    "ALTER TABLE campaigns ADD COLUMN latin_names TEXT NOT NULL DEFAULT 'none' "
    "CHECK (latin_names IN ('none', 'ru-icao', 'uk-national'))",
    """CREATE VIRTUAL TABLE recipient_latin USING fts5(
        name, tokenize = "unicode61 remove_diacritics 2", prefix = '1 2 3')""",
    """CREATE TRIGGER recipient_latin_update AFTER UPDATE OF surname, given_name, patronymic ON recipients
        BEGIN DELETE FROM recipient_latin WHERE rowid = old.id; END""",
    """CREATE TRIGGER recipient_latin_delete AFTER DELETE ON recipients BEGIN
        DELETE FROM recipient_latin WHERE rowid = old.id; END""",
)
