"""A replacement package for a voided one: a new code, the same person, an event linking the two.

The voided package stops being the person's live package (`packages.live`), so the plan, the dashboard and
`status` count the person once, with the replacement; its label is refused at every station with the
replacement's code. Replacements are issued where the campaign's packages are made (a single workstation or the
hub): a station's new package would not be known to the others, and it reaches them with the next campaign
pack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.campaigns.sql import list_repo
from models.campaigns.sql import reference_repo as repo
from models.core import codes
from models.core.closed import require_writable
from models.core.errors import RefusedInput
from models.core.events import EventType, NewEvent
from models.core.i18n import _
from models.core.text import clean
from models.packing.users import User
from models.storage import common
from models.storage.db import write_transaction

if TYPE_CHECKING:
    from models.core.types import Campaign
    from models.storage.database import Database


def reissue(db: Database, campaign: Campaign, code: str, supervisor: User, reason: str, *,
            at_station: bool = False) -> str:
    """Issue a replacement for the voided package `code`; returns the replacement's code. `at_station`: this
    database is a station of a hub (refused there)."""
    if not supervisor.can_supervise:
        raise RefusedInput(_("{user} is not a supervisor: replacements are a supervisor's.").format(
            user=supervisor.name))
    if at_station:
        raise RefusedInput(_("Replacement packages are issued at the hub; this station gets them with the next "
                             "campaign pack."))
    scanned = codes.classify(code)
    with write_transaction(db):
        require_writable(campaign)
        package = repo.package_by_code(db, scanned.value) if scanned.ok else None
        if package is None or package.campaign_id != campaign.id:
            raise RefusedInput(_("{code} is not a package of this campaign.").format(code=code))
        replacement = list_repo.replacement_of(db, package.id)
        if replacement is not None:
            raise RefusedInput(_("Package {package} was already replaced by {replacement}.").format(
                package=package.code, replacement=replacement[1]))
        live = list_repo.live_package(db, package.id)
        if live is None or live.state != "voided":
            raise RefusedInput(_("Package {package} is not voided: only a voided package is replaced.").format(
                package=package.code))
        new_code = common.issue_codes(db, codes.CodeKind.PACKAGE, 1)[0]
        new_id = list_repo.insert_replacement(db, package.id, new_code)
        list_repo.record(db, NewEvent(EventType.PACKAGE_REISSUED, supervisor.name, package.id, {
            "replacement_id": new_id, "replacement_code": new_code, "reason": clean(reason)}))
    return new_code
