"""Every writer of recipients keeps the name search in step: imports and the demo, edits, and a campaign pack."""

from app.workspace import Workspace
from models.campaigns import reference
from models.campaigns.sql import reference_repo as repositories
from models.core.types import RecipientData
from models.demo.campaign import create_demo
from models.storage.opening import open_database
from models.sync import pack


def searchable(db) -> int:
    return db.execute("SELECT count(*) FROM recipient_search").fetchone()[0]


def test_demo_import_edit_and_pack_keep_the_search_index_complete(tmp_path):
    hub = Workspace.open(tmp_path / "hub.db")
    summary = create_demo(hub.db, "Demo", recipients=40)
    assert searchable(hub.db) == 40
    campaign = summary.campaign
    first = reference.list_campaigns(hub.db)[0]
    recipient = hub.db.execute("SELECT id, surname FROM recipients ORDER BY id LIMIT 1").fetchone()
    queries = hub.recipient_queries()
    assert recipient[0] in queries.ids(first.id, search=recipient[1].upper())

    changed = [data for data in repositories.recipients_by_number(hub.db, campaign.id).values()][:1]
    renamed = [RecipientData(changed[0].list_number, "Їжакевич", changed[0].given_name,
                                       changed[0].patronymic, changed[0].birth_date, changed[0].place)]
    reference.save_recipients(hub.db, campaign, renamed)
    assert changed[0].id in queries.ids(first.id, search="їжакевич")

    pack.export_pack(hub.db, tmp_path / "exchange")
    station = open_database(tmp_path / "station.db")
    pack.import_pack(station, tmp_path / "exchange" / pack.PACK_FILE_NAME)
    assert searchable(station) == 40
    hub.close()
    station.close()


def test_writers_index_names_as_the_released_triggers_do(db):
    """Inserted recipients are indexed by `recipient_search.SEARCH_TEXT`, renamed ones by the trigger of
    migration 0003: the two expressions give the same text."""
    from models.campaigns.sql.recipient_search import SEARCH_TEXT
    from models.storage.search_schema import SEARCH_TEXT_0003

    assert SEARCH_TEXT == SEARCH_TEXT_0003
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'recipient_search_update'").fetchone()[0]
    assert SEARCH_TEXT.format(r="new") in trigger
