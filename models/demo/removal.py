"""Deleting the demo campaign once a real one exists: its invented people, packages, template, letters, stock
and the demo catalog items nothing else uses, in one transaction.

Only the demo is ever deleted (a real campaign is closed and archived), and only while nothing was recorded
in it: the journal is never edited, so a demo that was packed in is archived instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.campaigns.sql import reference_repo as repo
from models.core.errors import NotFound, RefusedInput
from models.core.i18n import _
from models.core.types import Campaign
from models.demo.campaign import catalog_items
from models.storage.db import write_transaction

if TYPE_CHECKING:
    from models.storage.database import Database


@dataclass(frozen=True)
class DemoRemoval:
    campaign: str
    recipients: int
    items: int
    """Demo catalog items deleted (those no other campaign uses stay)."""


_OF_PACKAGES = "(SELECT id FROM packages WHERE campaign_id = :campaign)"
_STATEMENTS = (
    f"DELETE FROM sync_lots WHERE package_id IN {_OF_PACKAGES}",
    "DELETE FROM letters WHERE campaign_id = :campaign",
    "DELETE FROM stock_receipts WHERE campaign_id = :campaign",
    "DELETE FROM packages WHERE campaign_id = :campaign",
    "DELETE FROM recipients WHERE campaign_id = :campaign",
    "DELETE FROM template_substitutes WHERE line_id IN (SELECT l.id FROM template_lines l JOIN templates t "
    "ON t.id = l.template_id WHERE t.campaign_id = :campaign)",
    "DELETE FROM template_lines WHERE template_id IN (SELECT id FROM templates WHERE campaign_id = :campaign)",
    "DELETE FROM templates WHERE campaign_id = :campaign",
    "DELETE FROM campaign_rule_versions WHERE campaign_id = :campaign",
    "DELETE FROM campaigns WHERE id = :campaign",
)
_UNUSED_ITEM = (
    "NOT EXISTS (SELECT 1 FROM template_lines WHERE item_id = items.id) "
    "AND NOT EXISTS (SELECT 1 FROM template_substitutes WHERE item_id = items.id) "
    "AND NOT EXISTS (SELECT 1 FROM stock_receipts WHERE item_id = items.id)"
)


def delete_demo(db: Database, campaign: Campaign) -> DemoRemoval:
    """Delete the demo campaign, or refuse (nothing changed) saying why."""
    with write_transaction(db):
        current = repo.campaign_by_id(db, campaign.id)
        if current is None:
            raise NotFound(_("The campaign {name} is no longer in this database.").format(name=campaign.name))
        if not current.demo:
            raise RefusedInput(_("{name} is a real campaign: it is closed and archived when done, never deleted.")
                               .format(name=current.name))
        if not any(not other.demo for other in repo.all_campaigns(db)):
            raise RefusedInput(_("Start a real campaign first: the demo is deleted once a real one exists."))
        recorded = int(db.execute(
            f"SELECT count(*) FROM events WHERE package_id IN {_OF_PACKAGES} "
            "OR json_extract(payload, '$.campaign_id') = :campaign", {"campaign": current.id}).fetchone()[0])
        if recorded:
            raise RefusedInput(_("Work was recorded in the demo ({count} events in the journal, which is never "
                                 "edited): close it and archive it instead.").format(count=recorded))
        recipients = int(db.execute("SELECT count(*) FROM recipients WHERE campaign_id = ?",
                                    [current.id]).fetchone()[0])
        for statement in _STATEMENTS:
            db.execute(statement, {"campaign": current.id})
        names = [item.name for item in catalog_items()]
        marks = ",".join("?" * len(names))
        unused = [row[0] for row in db.execute(f"SELECT id FROM items WHERE name IN ({marks}) AND {_UNUSED_ITEM}",
                                               names)]
        for item_id in unused:
            db.execute("DELETE FROM item_barcodes WHERE item_id = ?", [item_id])
            db.execute("DELETE FROM items WHERE id = ?", [item_id])
    return DemoRemoval(current.name, recipients, len(unused))
