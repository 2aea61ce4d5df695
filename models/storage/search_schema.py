"""The schema of recipient search (migrations 0003 and 0006 in `models.storage.migrations`): released, never edited.

The expression that turns a name into search text is written here as migration 0003 released it, and again for
the writers of today in `models.campaigns.sql.recipient_search`: a released migration never changes with the
code around it. A test holds the two equal until a new migration changes the triggers.
"""

from __future__ import annotations

# Recipient search (issue 6): FTS5 over the names, kept in step with `recipients` by triggers, so every writer
# (imports, the demo, later edits) updates it. `unicode61` folds Cyrillic case; `remove_diacritics 0` keeps
# й/и and ї/і apart as names are spelled. Apostrophes (' ʼ ’ `) are dropped so "Пʼятничук" and "П'ятничук" are
# one word, and ё is read as е, as Russian lists write both. The rowid is the recipient id.
SEARCH_TEXT_0003 = (
    "replace(replace(replace(replace(replace(replace({r}.surname || ' ' || {r}.given_name || ' ' || "
    "{r}.patronymic, '''', ''), 'ʼ', ''), '’', ''), '`', ''), 'ё', 'е'), 'Ё', 'Е')"
)
SEARCH_0003 = (
    """CREATE VIRTUAL TABLE recipient_search USING fts5(
        name, tokenize = "unicode61 remove_diacritics 0", prefix = '1 2 3')""",
    f"""CREATE TRIGGER recipient_search_insert AFTER INSERT ON recipients BEGIN
        INSERT INTO recipient_search (rowid, name) VALUES (new.id, {SEARCH_TEXT_0003.format(r="new")}); END""",
    f"""CREATE TRIGGER recipient_search_update AFTER UPDATE OF surname, given_name, patronymic ON recipients
        BEGIN UPDATE recipient_search SET name = {SEARCH_TEXT_0003.format(r="new")} WHERE rowid = old.id; END""",
    """CREATE TRIGGER recipient_search_delete AFTER DELETE ON recipients BEGIN
        DELETE FROM recipient_search WHERE rowid = old.id; END""",
    f"INSERT INTO recipient_search (rowid, name) SELECT r.id, {SEARCH_TEXT_0003.format(r='r')} FROM recipients r",
    "CREATE INDEX letters_by_campaign ON letters(campaign_id, recipient_id)",
)

# Migration 0006: the per-row insert trigger cost 25 µs a recipient (2.5 s of a 100,000-row import); writers
# that insert recipients index them in one statement instead (`models.campaigns.sql.recipient_search`).
SEARCH_0006 = ("DROP TRIGGER recipient_search_insert",)
