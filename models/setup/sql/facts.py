"""The facts of the set-up checklist (`models.setup.checklist`), read from every feature's tables at once."""

from __future__ import annotations

from models.campaigns.lifecycle import rule_problems
from models.campaigns.sql import reference_repo as repo
from models.core.types import Campaign
from models.packing.sql import lots_queries
from models.setup.checklist import SetupFacts
from models.stock.planning import PlanService
from models.storage.database import Database


def setup_facts(db: Database, campaign: Campaign, plans: PlanService) -> SetupFacts:
    template = repo.latest_template(db, campaign.id)
    problems: tuple[str, ...] = ()
    if template is not None:
        problems = tuple(rule_problems(db, template.lines, campaign.rules))
    roles = dict(db.execute("SELECT role, count(*) FROM users WHERE active GROUP BY role").fetchall())
    recipients = int(db.execute("SELECT count(*) FROM recipients WHERE campaign_id = ?",
                                [campaign.id]).fetchone()[0])
    stations = int(db.execute("SELECT count(*) FROM sync_stations").fetchone()[0])
    lots_in_force = lots_queries.in_force(db)
    without_lot = int(db.execute(
        "SELECT count(*) FROM packages p WHERE p.campaign_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM package_state s WHERE s.package_id = p.id) AND NOT EXISTS "
        "(SELECT 1 FROM sync_lots l WHERE l.package_id = p.id)", [campaign.id]).fetchone()[0])
    plan = plans.plan(campaign.id, named=0) if template is not None else None  # its counts: no one named
    return SetupFacts(
        max_weight_set=campaign.rules.max_package_weight_g is not None,
        items=int(db.execute("SELECT count(*) FROM items").fetchone()[0]),
        template=f"{template.name} (v{template.version})" if template is not None else None,
        template_problems=problems, recipients=recipients, target=campaign.target_count,
        supervisors=int(roles.get("supervisor", 0)) + int(roles.get("admin", 0)),
        packers=int(roles.get("packer", 0)), stations=stations, packages_without_lot=without_lot,
        lots_in_force=lots_in_force, completable=plan.completable_now if plan is not None else None,
        remaining=plan.remaining if plan is not None else recipients)
