"""The demo campaign is deleted once a real one exists, and only while nothing was recorded in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.campaigns import lifecycle
from models.campaigns.reference import list_items, save_items, save_template
from models.core.errors import RefusedInput
from models.core.types import ItemData, TemplateLineData
from models.demo.campaign import create_demo
from models.demo.removal import delete_demo
from models.journal.sql.verify import projection_differences
from models.storage.opening import open_database
from tests.support.dbdump import dump
from tests.support.handover_fixtures import packed_demo


def test_the_demo_goes_once_a_real_campaign_exists_and_leaves_the_real_one_whole(tmp_path: Path) -> None:
    db = open_database(tmp_path / "station.db")
    demo = create_demo(db, "Demo", recipients=25).campaign
    with pytest.raises(RefusedInput, match="Start a real campaign first"):
        delete_demo(db, demo)
    real = lifecycle.create(db, lifecycle.CampaignDraft("Зима", 10))
    tea = next(item for item in list_items(db) if item.name.startswith("Чай чёрный"))
    save_items(db, [ItemData("Мыло детское", "hygiene", 90, ("4600000000015",))])
    save_template(db, real, "Зима", [TemplateLineData(1, tea.id, 2)])  # the real template uses a demo item
    with pytest.raises(RefusedInput, match="real campaign"):
        delete_demo(db, real)
    removed = delete_demo(db, demo)
    assert (removed.campaign, removed.recipients) == ("Demo", 25)
    assert [c.name for c in lifecycle.CampaignService(db).all()] == ["Зима"]
    names = {item.name for item in list_items(db)}
    assert tea.name in names and "Мыло детское" in names and len(names) == 2  # unused demo items went
    counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("recipients", "packages", "templates", "stock_receipts", "letters", "recipient_search")}
    assert counts == {"recipients": 0, "packages": 0, "templates": 1, "stock_receipts": 0, "letters": 0,
                      "recipient_search": 0}
    assert projection_differences(db) == []
    db.close()


def test_a_demo_that_was_packed_in_is_archived_instead(tmp_path: Path) -> None:
    demo = packed_demo(tmp_path, packages=2)
    lifecycle.create(demo.db, lifecycle.CampaignDraft("Зима", 10))
    before = dump(demo.db)
    with pytest.raises(RefusedInput, match="events in the journal"):
        delete_demo(demo.db, demo.campaign)
    assert dump(demo.db) == before
    demo.workspace.close()
