"""Reference data services: campaigns, catalog, content templates, recipients and their planned packages.

Every write is all-or-nothing: inputs are validated first, then written in one `BEGIN IMMEDIATE`
transaction, or refused with every problem listed. Saving the same data twice changes nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from models.campaigns import lifecycle
from models.campaigns.save_result import SaveResult as SaveResult  # re-exported: what a save changed
from models.campaigns.sql import list_repo
from models.campaigns.sql import reference_repo as repo
from models.core import codes
from models.core.closed import require_writable
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.core.text import clean
from models.core.types import (
    Campaign,
    CampaignRules,
    Item,
    ItemData,
    Recipient,
    RecipientData,
    Template,
    TemplateLineData,
)
from models.storage.db import write_transaction

if TYPE_CHECKING:
    from models.campaigns.list_versions import ListSource
    from models.storage.database import Database

# -- campaigns ----------------------------------------------------------------------------------------------


def create_campaign(db: Database, name: str, target_count: int = 0, rules: CampaignRules | None = None) -> Campaign:
    """A campaign with a name, a target and rules (the rest at its defaults): `lifecycle.create`."""
    return lifecycle.create(db, lifecycle.CampaignDraft(name, target_count, rules or CampaignRules()))


def get_campaign(db: Database, name: str) -> Campaign:
    return lifecycle.get(db, name)


def list_campaigns(db: Database) -> list[Campaign]:
    return repo.all_campaigns(db)


# -- catalog -------------------------------------------------------------------------------------------------


def save_items(db: Database, items: Sequence[ItemData], *, transaction: bool = True) -> SaveResult:
    """Add new items and update changed ones, matched by name. Barcodes are only ever added."""
    problems = _item_problems(items)
    if problems:
        raise RefusedInput(_("The catalog was not changed."), problems)
    if not transaction:
        return _write_items(db, items)
    with write_transaction(db):
        return _write_items(db, items)


def _item_problems(items: Sequence[ItemData]) -> list[str]:
    problems: list[str] = []
    owner: dict[str, str] = {}
    for item in items:
        for barcode in item.barcodes:
            try:
                codes.validate_item_barcode(barcode)
            except ValueError as exc:
                problems.append(_("{item}: {reason}").format(item=item.name, reason=exc))
            if owner.setdefault(barcode, item.name) != item.name:
                problems.append(_("Barcode {barcode} is given to both {first} and {second}.").format(
                    barcode=barcode, first=owner[barcode], second=item.name))
        if item.unit_weight_g < 0:
            problems.append(_("{item}: the unit weight cannot be negative.").format(item=item.name))
    return problems


def _write_items(db: Database, items: Sequence[ItemData]) -> SaveResult:
    existing = {item.name: item for item in repo.all_items(db)}
    owners = {barcode: item.name for item in existing.values() for barcode in item.barcodes}
    conflicts = [
        _("Barcode {barcode} of {item} already belongs to {other}.").format(
            barcode=barcode, item=item.name, other=owners[barcode])
        for item in items for barcode in item.barcodes if owners.get(barcode, item.name) != item.name
    ]
    if conflicts:
        raise RefusedInput(_("The catalog was not changed."), conflicts)
    created = updated = unchanged = 0
    for item in items:
        known = existing.get(item.name)
        if known is None:
            repo.insert_item(db, item)
            created += 1
            continue
        new_barcodes = [b for b in item.barcodes if b not in known.barcodes]
        same_fields = (known.category, known.unit_weight_g) == (item.category, item.unit_weight_g)
        if same_fields and not new_barcodes:
            unchanged += 1
            continue
        repo.update_item(db, known.id, item)
        repo.add_barcodes(db, known.id, new_barcodes)
        updated += 1
    return SaveResult(created, updated, unchanged)


def list_items(db: Database) -> list[Item]:
    return repo.all_items(db)


# -- templates -----------------------------------------------------------------------------------------------


def save_template(db: Database, campaign: Campaign, name: str, lines: Sequence[TemplateLineData],
                  *, transaction: bool = True) -> tuple[Template, SaveResult]:
    """Store the template as a new version, unless it equals the latest version (then nothing changes)."""
    name = clean(name) or campaign.name
    campaign = lifecycle.get_by_id(db, campaign.id)  # its rules and status as they stand now
    require_writable(campaign)
    problems = _template_problems(db, lines)
    if not problems:
        problems = lifecycle.rule_problems(db, lines, campaign.rules)
    if problems:
        raise RefusedInput(_("The template was not saved."), problems)
    if not transaction:
        return _write_template(db, campaign, name, lines)
    with write_transaction(db):
        return _write_template(db, campaign, name, lines)


def _write_template(db: Database, campaign: Campaign, name: str,
                    lines: Sequence[TemplateLineData]) -> tuple[Template, SaveResult]:
    latest = repo.latest_template(db, campaign.id, name)
    ordered = tuple(sorted(lines, key=lambda line: line.line_no))
    if latest is not None and latest.lines == ordered:
        return latest, SaveResult(unchanged=1)
    version = latest.version + 1 if latest else 1
    template_id = repo.insert_template(db, campaign.id, name, version, ordered)
    template = repo.template_by_id(db, template_id)
    assert template is not None
    return template, SaveResult(created=1)


def _template_problems(db: Database, lines: Sequence[TemplateLineData]) -> list[str]:
    known = {item.id for item in repo.all_items(db)}
    problems: list[str] = []
    if not lines:
        problems.append(_("A template needs at least one line."))
    seen: set[int] = set()
    for line in lines:
        if line.line_no in seen:
            problems.append(_("Line {line} appears twice.").format(line=line.line_no))
        seen.add(line.line_no)
        if line.quantity <= 0:
            problems.append(_("Line {line}: the quantity must be at least 1.").format(line=line.line_no))
        for item_id in (line.item_id, *line.substitutes):
            if item_id not in known:
                problems.append(_("Line {line}: item {item} is not in the catalog.").format(
                    line=line.line_no, item=item_id))
        if line.item_id in line.substitutes:
            problems.append(_("Line {line}: an item cannot substitute for itself.").format(line=line.line_no))
    return problems


def template_by_id(db: Database, template_id: int) -> Template | None:
    return repo.template_by_id(db, template_id)


def current_template(db: Database, campaign: Campaign) -> Template | None:
    return repo.latest_template(db, campaign.id)


# -- recipients ----------------------------------------------------------------------------------------------


def save_recipients(db: Database, campaign: Campaign, recipients: Sequence[RecipientData],
                    *, transaction: bool = True, source: ListSource | None = None, user: str = "") -> SaveResult:
    """Write a recipient list: new people with a planned package each, changes, withdrawals and decisions for a
    supervisor (`models.campaigns.list_import`); with `source`, record it as the campaign's next list version
    (file, SHA-256, `user`, now, the counts)."""
    require_writable(lifecycle.get_by_id(db, campaign.id))
    problems = recipient_problems(recipients)
    if problems:
        raise RefusedInput(_("The recipients were not imported."), problems)
    if not transaction:
        return _write_recipients(db, campaign, recipients, source, user)
    with write_transaction(db):
        return _write_recipients(db, campaign, recipients, source, user)


def recipient_problems(recipients: Sequence[RecipientData]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for data in recipients:
        if not data.list_number:
            problems.append(_("{name}: the list number is missing.").format(name=data.full_name))
        elif data.list_number in seen:
            problems.append(_("Number {number} appears twice.").format(number=data.list_number))
        seen.add(data.list_number)
        if not data.surname or not data.given_name:
            problems.append(_("Number {number}: surname and given name are required.").format(
                number=data.list_number))
    return problems


def _write_recipients(db: Database, campaign: Campaign, recipients: Sequence[RecipientData],
                      source: ListSource | None, user: str) -> SaveResult:
    from models.campaigns.list_import import write_list  # the list's rules: only for what writes a list

    return write_list(db, campaign, recipients, source, user)


def current_recipients(db: Database, campaign: Campaign) -> list[Recipient]:
    """Everybody of the campaign's current list (a withdrawn person's package aside, they are still its people)."""
    return list(repo.recipients_by_number(db, campaign.id).values())


def list_versions(db: Database, campaign: Campaign) -> list[dict[str, Any]]:
    """Every recipient list imported into the campaign: version, file, SHA-256, rows, the counts, who, when."""
    return repo.list_versions(db, campaign.id)


class PackageChoice(enum.StrEnum):
    """Which packages a run of labels is for."""

    ALL = "all"
    PLANNED = "planned"
    """Never opened: the labels printed in advance."""
    SEALED = "sealed"


def package_ids(db: Database, campaign: Campaign, choice: PackageChoice = PackageChoice.ALL, *,
                numbers: tuple[int, int] | None = None) -> list[int]:
    """The campaign's packages in list order: all, never opened, or sealed; with a list number in the range
    `numbers` (both ends included) when given."""
    if numbers is not None and numbers[0] > numbers[1]:
        raise RefusedInput(_("The list numbers run from {first} to {last}: the first is after the last.").format(
            first=numbers[0], last=numbers[1]))
    return repo.package_ids(db, campaign.id, state=None if choice is PackageChoice.ALL else choice.value,
                            numbers=numbers)


def package_id_of(db: Database, campaign: Campaign, raw: str) -> int:
    """The package a typed or scanned code names, refused unless it is a package of `campaign`."""
    scanned = codes.classify(raw)
    package = repo.package_by_code(db, scanned.value) if scanned.kind is codes.CodeKind.PACKAGE else None
    if not scanned.ok or package is None or package.campaign_id != campaign.id:
        raise RefusedInput(_("{code} is not a package of this campaign.").format(code=raw))
    live = list_repo.live_package(db, package.id)
    replacement = list_repo.replacement_of(db, package.id)
    if replacement is not None:
        raise RefusedInput(_("Package {package} was replaced by {replacement}: no label is issued for it.").format(
            package=package.code, replacement=replacement[1]))
    if live is not None and live.withdrawn:
        raise RefusedInput(_("Package {package} is withdrawn (its person is not on the current list): no label is "
                             "issued for it.").format(package=package.code))
    return package.id
