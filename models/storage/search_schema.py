"""The schema of recipient search (migration 0003 in `models.storage.migrations`): released once, never edited."""

from __future__ import annotations

from typing import Any

# Recipient search (issue 6): FTS5 over the names, kept in step with `recipients` by triggers, so every writer
# (imports, the demo, later edits) updates it. `unicode61` folds Cyrillic case; `remove_diacritics 0` keeps
# й/и and ї/і apart as names are spelled. Apostrophes (' ʼ ’ `) are dropped so "Пʼятничук" and "П'ятничук" are
# one word, and ё is read as е, as Russian lists write both. The rowid is the recipient id.
_SEARCH_TEXT = (
    "replace(replace(replace(replace(replace(replace({r}.surname || ' ' || {r}.given_name || ' ' || "
    "{r}.patronymic, '''', ''), 'ʼ', ''), '’', ''), '`', ''), 'ё', 'е'), 'Ё', 'Е')"
)
SEARCH_0003 = (
    """CREATE VIRTUAL TABLE recipient_search USING fts5(
        name, tokenize = "unicode61 remove_diacritics 0", prefix = '1 2 3')""",
    f"""CREATE TRIGGER recipient_search_insert AFTER INSERT ON recipients BEGIN
        INSERT INTO recipient_search (rowid, name) VALUES (new.id, {_SEARCH_TEXT.format(r="new")}); END""",
    f"""CREATE TRIGGER recipient_search_update AFTER UPDATE OF surname, given_name, patronymic ON recipients
        BEGIN UPDATE recipient_search SET name = {_SEARCH_TEXT.format(r="new")} WHERE rowid = old.id; END""",
    """CREATE TRIGGER recipient_search_delete AFTER DELETE ON recipients BEGIN
        DELETE FROM recipient_search WHERE rowid = old.id; END""",
    f"INSERT INTO recipient_search (rowid, name) SELECT r.id, {_SEARCH_TEXT.format(r='r')} FROM recipients r",
    "CREATE INDEX letters_by_campaign ON letters(campaign_id, recipient_id)",
)

# Migration 0006: the per-row insert trigger cost 25 µs a recipient (2.5 s of a 100,000-row import); writers
# that insert recipients index them in one statement instead (`index_recipients`).
SEARCH_0006 = ("DROP TRIGGER recipient_search_insert",)


def index_recipients(db: Any, first_id: int = 0) -> None:
    """Add recipients with `id >= first_id` to the search index, in one statement (inside the caller's
    transaction). Every writer that inserts recipients calls it; updates and deletes are kept by triggers."""
    db.execute(f"INSERT INTO recipient_search (rowid, name) SELECT r.id, {_SEARCH_TEXT.format(r='r')} "
               "FROM recipients r WHERE r.id >= ?", [first_id])
