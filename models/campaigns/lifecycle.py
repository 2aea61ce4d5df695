"""A campaign's life as a coordinator manages it: create, edit, change the rules, close, archive, reopen.

The rules of the handover agreement are versioned: each change is a new version with who set it and when
(`campaign_rule_versions`), and a package sealed after it names the version it was checked against (the
`package_sealed` event's `rules_version`); a sealed package keeps the rules it was sealed under. A rule
change that would make the template in force impossible is refused with the reason.

A closed campaign is read-only: every write that names it is refused (`models.core.closed`), while showing,
printing and exporting go on. An archived campaign is closed and listed apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from models.campaigns.sql import reference_repo as repo
from models.campaigns.template_rules import template_rule_problems
from models.core import latin
from models.core.closed import require_writable
from models.core.errors import NotFound, RefusedInput
from models.core.i18n import LANGUAGES, N_, _, pgettext
from models.core.text import clean
from models.core.types import (
    SETUP_USER,
    Campaign,
    CampaignRules,
    CampaignStatus,
    HandoverParties,
    RuleVersion,
    TemplateLineData,
)
from models.storage.db import write_transaction

if TYPE_CHECKING:
    from models.storage.database import Database



@dataclass(frozen=True)
class CampaignDraft:
    """What a coordinator types to create or edit a campaign."""

    name: str
    target_count: int = 0
    rules: CampaignRules = field(default_factory=CampaignRules)
    parties: HandoverParties = field(default_factory=HandoverParties)
    label_language: str = "en"
    latin_names: str = latin.NONE

    @classmethod
    def of(cls, campaign: Campaign) -> CampaignDraft:
        return cls(campaign.name, campaign.target_count, campaign.rules, campaign.parties, campaign.label_language,
                   campaign.latin_names)


def _cleaned(draft: CampaignDraft) -> CampaignDraft:
    categories = tuple(dict.fromkeys(c for c in (clean(c) for c in draft.rules.forbidden_categories) if c))
    parties = HandoverParties(clean(draft.parties.sending), clean(draft.parties.mediator),
                              clean(draft.parties.receiving))
    return replace(draft, name=clean(draft.name), rules=replace(draft.rules, forbidden_categories=categories),
                   parties=parties)


def draft_problems(draft: CampaignDraft) -> list[str]:
    """Every problem of a (cleaned) draft, each a sentence naming the field."""
    problems: list[str] = []
    rules = draft.rules
    if not draft.name:
        problems.append(_("A campaign needs a name."))
    if draft.target_count < 0:
        problems.append(_("The target count cannot be negative."))
    if rules.max_package_weight_g is not None and rules.max_package_weight_g <= 0:
        problems.append(_("The maximum package weight must be more than 0 g (or no maximum)."))
    if rules.box_tare_g < 0:
        problems.append(_("The box tare cannot be negative."))
    if rules.weight_tolerance_g < 0:
        problems.append(_("The weight tolerance cannot be negative."))
    if rules.max_package_weight_g is not None and 0 < rules.max_package_weight_g <= rules.box_tare_g:
        problems.append(_("The empty box ({tare} g) already reaches the maximum package weight ({maximum} g).")
                        .format(tare=rules.box_tare_g, maximum=rules.max_package_weight_g))
    if draft.label_language not in LANGUAGES:
        problems.append(_("The label language must be one of {languages}, not {language}.").format(
            languages=", ".join(LANGUAGES), language=draft.label_language))
    if draft.latin_names not in latin.SCHEMES:
        problems.append(_("The Latin line must be one of {schemes}, not {scheme}.").format(
            schemes=", ".join(latin.SCHEMES), scheme=draft.latin_names))
    return problems


def create(db: Database, draft: CampaignDraft, user: str = SETUP_USER, *, demo: bool = False) -> Campaign:
    """A new open campaign; its rules are version 1."""
    draft = _cleaned(draft)
    problems = draft_problems(draft)
    if problems:
        raise RefusedInput(_("The campaign was not created."), problems)
    with write_transaction(db):
        if repo.campaign_by_name(db, draft.name):
            raise RefusedInput(_("A campaign named {name} already exists.").format(name=draft.name))
        campaign_id = repo.insert_campaign(db, Campaign(0, draft.name, draft.target_count, draft.rules,
                                                        draft.parties, draft.label_language, demo=demo,
                                                        latin_names=draft.latin_names), user)
    found = repo.campaign_by_id(db, campaign_id)
    assert found is not None
    return found


def get(db: Database, name: str) -> Campaign:
    """The campaign of that name (or of that id, given as digits), or `NotFound` naming those there are."""
    name = clean(name)
    campaign = repo.campaign_by_name(db, name)
    if campaign is None and name.isdigit():
        campaign = repo.campaign_by_id(db, int(name))
    if campaign is None:
        known = ", ".join(c.name for c in repo.all_campaigns(db)) or _("none")
        raise NotFound(_("No campaign named {name}. Campaigns in this database: {known}.").format(
            name=name, known=known))
    return campaign


def edit(db: Database, campaign: Campaign, draft: CampaignDraft, user: str = SETUP_USER) -> Campaign:
    """Change what the draft changes; a change of rules becomes the next rules version (`user`, now)."""
    draft = _cleaned(draft)
    problems = draft_problems(draft)
    if problems:
        raise RefusedInput(_("The campaign was not changed."), problems)
    with write_transaction(db):
        current = repo.campaign_by_id(db, campaign.id)
        if current is None:
            raise NotFound(_("The campaign {name} is no longer in this database.").format(name=campaign.name))
        require_writable(current)
        other = repo.campaign_by_name(db, draft.name)
        if other is not None and other.id != current.id:
            raise RefusedInput(_("A campaign named {name} already exists.").format(name=draft.name))
        if draft.latin_names != current.latin_names and repo.has_signed_manifest(db, current.id):
            raise RefusedInput(_("The Latin line cannot change now: manifests of {name} are signed with it, and a "
                                 "signed paper printed again must read as it was signed.").format(name=current.name))
        version = current.rules_version
        if draft.rules != current.rules:
            _refuse_breaking_template(db, current, draft.rules)
            version += 1
            repo.insert_rule_version(db, current.id, version, draft.rules, user)
        repo.update_campaign(db, replace(current, name=draft.name, target_count=draft.target_count,
                                         rules=draft.rules, parties=draft.parties,
                                         label_language=draft.label_language, latin_names=draft.latin_names,
                                         rules_version=version))
    return get_by_id(db, campaign.id)


def change_rules(db: Database, campaign: Campaign, rules: CampaignRules, user: str = SETUP_USER) -> Campaign:
    """Only the rules (the letters screen's switch, for one): the next rules version."""
    return edit(db, campaign, replace(CampaignDraft.of(get_by_id(db, campaign.id)), rules=rules), user)


def _refuse_breaking_template(db: Database, campaign: Campaign, rules: CampaignRules) -> None:
    template = repo.latest_template(db, campaign.id)
    if template is None:
        return
    problems = rule_problems(db, template.lines, rules)
    if problems:
        raise RefusedInput(_("The rules were not changed: the template {template} (version {version}) in force "
                             "would break them. Change the template first.").format(
            template=template.name, version=template.version), problems)


def rule_problems(db: Database, lines: Sequence[TemplateLineData], rules: CampaignRules) -> list[str]:
    """How template lines break the rules, against the catalog as it stands (`template_rule_problems`)."""
    return template_rule_problems(lines, {item.id: item for item in repo.all_items(db)}, rules)


def close(db: Database, campaign: Campaign) -> Campaign:
    """Make the campaign read-only (its papers still print and export)."""
    return _set_status(db, campaign, CampaignStatus.CLOSED, allowed_from=(CampaignStatus.OPEN,))


def archive(db: Database, campaign: Campaign) -> Campaign:
    """Put a closed campaign away: listed apart, still readable."""
    return _set_status(db, campaign, CampaignStatus.ARCHIVED, allowed_from=(CampaignStatus.CLOSED,))


def reopen(db: Database, campaign: Campaign) -> Campaign:
    """Open a closed (or archived) campaign again, for a campaign closed too early."""
    return _set_status(db, campaign, CampaignStatus.OPEN,
                       allowed_from=(CampaignStatus.CLOSED, CampaignStatus.ARCHIVED))


_STATUS_REFUSALS = {
    CampaignStatus.CLOSED: N_("Campaign {name} is {status}; only an open campaign can be closed."),
    CampaignStatus.ARCHIVED: N_("Campaign {name} is {status}; close it before archiving it."),
    CampaignStatus.OPEN: N_("Campaign {name} is already open."),
}


def _set_status(db: Database, campaign: Campaign, status: CampaignStatus,
                allowed_from: Sequence[CampaignStatus]) -> Campaign:
    with write_transaction(db):
        current = get_by_id(db, campaign.id)
        if current.status not in allowed_from:
            raise RefusedInput(_(_STATUS_REFUSALS[status]).format(name=current.name,
                                                                   status=status_text(current.status)))
        repo.update_campaign(db, replace(current, status=status))
    return get_by_id(db, campaign.id)


def status_text(status: CampaignStatus) -> str:
    return {CampaignStatus.OPEN: pgettext("campaign", "open"), CampaignStatus.CLOSED: pgettext("campaign", "closed"),
            CampaignStatus.ARCHIVED: pgettext("campaign", "archived")}[status]


def get_by_id(db: Database, campaign_id: int) -> Campaign:
    campaign = repo.campaign_by_id(db, campaign_id)
    if campaign is None:
        raise NotFound(_("There is no campaign with id {id}.").format(id=campaign_id))
    return campaign


def rule_versions(db: Database, campaign: Campaign) -> list[RuleVersion]:
    return repo.rule_versions(db, campaign.id)


class CampaignService:
    """The campaign jobs of the Campaign menu and of `main.py campaign ...`, over one connection."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[Campaign]:
        return repo.all_campaigns(self._db)

    def get(self, name: str) -> Campaign:
        return get(self._db, name)

    def by_id(self, campaign_id: int) -> Campaign:
        return get_by_id(self._db, campaign_id)

    def create(self, draft: CampaignDraft, user: str = SETUP_USER) -> Campaign:
        return create(self._db, draft, user)

    def edit(self, campaign: Campaign, draft: CampaignDraft, user: str = SETUP_USER) -> Campaign:
        return edit(self._db, campaign, draft, user)

    def change_rules(self, campaign: Campaign, rules: CampaignRules, user: str = SETUP_USER) -> Campaign:
        return change_rules(self._db, campaign, rules, user)

    def close(self, campaign: Campaign) -> Campaign:
        return close(self._db, campaign)

    def archive(self, campaign: Campaign) -> Campaign:
        return archive(self._db, campaign)

    def reopen(self, campaign: Campaign) -> Campaign:
        return reopen(self._db, campaign)

    def rule_versions(self, campaign: Campaign) -> list[RuleVersion]:
        return rule_versions(self._db, campaign)
