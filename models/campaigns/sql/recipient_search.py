"""Adding recipients to the full-text search index (`recipient_search`, created by migration 0003).

Since migration 0006 no trigger indexes an inserted recipient (25 µs a row); every writer that inserts recipients
calls `index_recipients` once for all of them. Updates and deletes are still kept by triggers, which use the
expression as migration 0003 wrote it (`models.storage.search_schema.SEARCH_TEXT_0003`); `SEARCH_TEXT` must give
the same text, and a test holds the two equal.
"""

from __future__ import annotations

from models.storage.database import Database
from models.storage.latin_index import index_latin

SEARCH_TEXT = (
    "replace(replace(replace(replace(replace(replace({r}.surname || ' ' || {r}.given_name || ' ' || "
    "{r}.patronymic, '''', ''), 'ʼ', ''), '’', ''), '`', ''), 'ё', 'е'), 'Ё', 'Е')"
)
"""A name as the index holds it: apostrophes (' ʼ ’ `) dropped, ё read as е; `{r}` names the recipients row."""


def index_recipients(db: Database, first_id: int = 0) -> None:
    """Add recipients with `id >= first_id` to the search indexes (the names as written, in one statement, and
    their Latin spellings, `recipient_latin`), inside the caller's transaction."""
    db.execute(f"INSERT INTO recipient_search (rowid, name) SELECT r.id, {SEARCH_TEXT.format(r='r')} "
               "FROM recipients r WHERE r.id >= ?", [first_id])
    index_latin(db, first_id=first_id)
