"""`campaign create | edit | list | show | close | archive | reopen`: campaigns as a coordinator manages them.

    uv run main.py campaign create --db PATH NAME --target N [--max-weight G] [--tare G] [--tolerance G]
        [--forbid CATEGORY ...] [--letters required|allowed|none] [--language en|ru|uk]
        [--latin none|ru-icao|uk-national]
        [--sending ORG] [--mediator ORG] [--receiving ORG] [--user NAME [--pin PIN]]
    uv run main.py campaign edit --db PATH NAME [the same options; only those given change] [--name NEW]
    uv run main.py campaign list|show|close|archive|reopen|delete --db PATH [NAME] [--json]

Once the database has users, a change needs a supervisor's name and PIN (`--user`, `--pin` or PACKLINE_PIN),
as on screen; on a new installation with nobody yet, the first steps are recorded as "(setup)".
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, add_json_argument, emit, read_pin, run_with_workspace
from app.workspace import Workspace
from models.campaigns.lifecycle import CampaignDraft, status_text
from models.core import latin
from models.core.errors import RefusedInput
from models.core.i18n import LANGUAGES, _
from models.core.types import Campaign, CampaignRules, CampaignStatus, HandoverParties, LettersRule, RuleVersion

NO_MAXIMUM = "none"
_MARKS = {True: "x", False: " ", None: "?"}
"""Checklist marks: done, missing, a reminder Packline cannot check."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("campaign", help=command_help("campaign"))
    actions = parser.add_subparsers(dest="campaign_action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help=_("a new campaign with its rules and parties"))
    create.add_argument("name", metavar="NAME")
    create.add_argument("--target", type=int, required=True, help=_("how many packages the campaign is for"))
    _rule_options(create, creating=True)
    create.set_defaults(handler=run_create)
    edit = actions.add_parser("edit", help=_("change a campaign; a change of rules is its next rules version"))
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--name", dest="new_name", default=None, help=_("a new name"))
    edit.add_argument("--target", type=int, default=None, help=_("how many packages the campaign is for"))
    _rule_options(edit, creating=False)
    edit.set_defaults(handler=run_edit)
    listing = actions.add_parser("list", help=_("open campaigns, then closed and archived ones"))
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help=_("a campaign's rules, their versions, and what is missing to start"))
    show.add_argument("name", metavar="NAME")
    show.set_defaults(handler=run_show)
    parsers = [create, edit, listing, show]
    for name, text, handler in (("close", _("make a campaign read-only (its papers still print)"), run_close),
                                ("archive", _("put a closed campaign away"), run_archive),
                                ("reopen", _("open a closed campaign again"), run_reopen),
                                ("delete", _("delete the demo campaign once a real one exists"), run_delete)):
        status = actions.add_parser(name, help=text)
        status.add_argument("name", metavar="NAME")
        _user_options(status)
        status.set_defaults(handler=handler)
        parsers.append(status)
    for parser_ in parsers:
        add_db_argument(parser_)
        add_json_argument(parser_)


def _rule_options(parser: argparse.ArgumentParser, *, creating: bool) -> None:
    """The rules and parties; creating gives their defaults, editing changes only what is given (None)."""
    parser.add_argument("--max-weight", default=None, metavar="G",
                        help=_("maximum package weight in grams, or none (default: none)"))
    parser.add_argument("--tare", type=int, default=0 if creating else None, metavar="G",
                        help=_("weight of the empty box in grams"))
    parser.add_argument("--tolerance", type=int, default=100 if creating else None, metavar="G",
                        help=_("how far a weighed package may be from its expected weight (default 100 g)"))
    parser.add_argument("--forbid", nargs="*", default=None, metavar="CATEGORY",
                        help=_("item categories the agreement forbids (give none to clear them)"))
    parser.add_argument("--letters", choices=[rule.value for rule in LettersRule],
                        default=LettersRule.REQUIRED.value if creating else None,
                        help=_("required: a letter that arrived must be inside; allowed; none: no letters"))
    parser.add_argument("--language", choices=LANGUAGES, default="en" if creating else None,
                        help=_("language of the labels"))
    parser.add_argument("--latin", choices=list(latin.SCHEMES), default=latin.NONE if creating else None,
                        help=_("a Latin line under each name on labels and handover papers: none; ru-icao (Russian "
                               "names as ICAO Doc 9303 spells them); uk-national (Ukrainian names by the national "
                               "table)"))
    parser.add_argument("--sending", default=None, metavar="ORG", help=_("the sending organisation"))
    parser.add_argument("--mediator", default=None, metavar="ORG", help=_("the mediator"))
    parser.add_argument("--receiving", default=None, metavar="ORG", help=_("the receiving party"))
    _user_options(parser)


def _user_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", default=None, help=_("the supervisor making the change"))
    parser.add_argument("--pin", default=None, help=_("the supervisor's PIN (or set PACKLINE_PIN)"))


def _max_weight(text: str | None, current: int | None) -> int | None:
    if text is None:
        return current
    if text.strip().lower() == NO_MAXIMUM:
        return None
    try:
        return int(text)
    except ValueError:
        raise RefusedInput(_("--max-weight takes grams as a whole number, or none; not {text}.").format(
            text=text)) from None


def _draft(args: argparse.Namespace, base: CampaignDraft) -> CampaignDraft:
    """`base` with what the options give changed."""
    rules = base.rules
    rules = replace(rules, max_package_weight_g=_max_weight(args.max_weight, rules.max_package_weight_g))
    if args.tare is not None:
        rules = replace(rules, box_tare_g=args.tare)
    if args.tolerance is not None:
        rules = replace(rules, weight_tolerance_g=args.tolerance)
    if args.forbid is not None:
        rules = replace(rules, forbidden_categories=tuple(args.forbid))
    if args.letters is not None:
        rules = rules.with_letters(LettersRule(args.letters))
    parties = base.parties
    parties = HandoverParties(parties.sending if args.sending is None else args.sending,
                              parties.mediator if args.mediator is None else args.mediator,
                              parties.receiving if args.receiving is None else args.receiving)
    return replace(base, rules=rules, parties=parties,
                   label_language=args.language if args.language is not None else base.label_language,
                   latin_names=args.latin if args.latin is not None else base.latin_names)


def changed_by(workspace: Workspace, args: argparse.Namespace) -> str:
    """Who makes the change: a supervisor, by name and PIN, once the database has users; before, "(setup)"."""
    users = workspace.user_service()
    if users.has_users() and not args.user:  # asked here, before the PIN prompt
        raise RefusedInput(_("Changing a campaign needs a supervisor: give --user NAME and the PIN."))
    return users.change_author(args.user or "", read_pin(args.pin) if users.has_users() else "")


def run_create(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        draft = _draft(args, CampaignDraft(args.name, args.target, CampaignRules()))
        campaign = workspace.campaign_service().create(draft, changed_by(workspace, args))
        emit(args, campaign_json(campaign), _("Campaign {name} created (target {target} packages).").format(
            name=campaign.name, target=campaign.target_count) + "\n" + _rules_text(campaign.rules))
        return EXIT_OK
    return run_with_workspace(args, act)


def run_edit(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        service = workspace.campaign_service()
        campaign = service.get(args.name)
        base = CampaignDraft.of(campaign)
        base = replace(base, name=args.new_name if args.new_name is not None else base.name,
                       target_count=args.target if args.target is not None else base.target_count)
        edited = service.edit(campaign, _draft(args, base), changed_by(workspace, args))
        version = _("The rules are now version {version}.").format(version=edited.rules_version) \
            if edited.rules_version != campaign.rules_version else _("The rules did not change.")
        emit(args, campaign_json(edited), _("Campaign {name} changed.").format(name=edited.name) + " " + version)
        return EXIT_OK
    return run_with_workspace(args, act)


def run_list(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        campaigns = workspace.campaign_service().all()
        ordered = [c for c in campaigns if c.writable] + [c for c in campaigns if not c.writable]
        lines = [f"{c.id}\t{c.name}\t{status_text(c.status)}\t{c.target_count}" for c in ordered]
        emit(args, {"campaigns": [campaign_json(c) for c in ordered]},
             "\n".join(lines) if lines else _("No campaigns yet: create one with `campaign create NAME --target N`."))
        return EXIT_OK
    return run_with_workspace(args, act)


def run_show(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        service = workspace.campaign_service()
        campaign = service.get(args.name)
        versions = service.rule_versions(campaign)
        steps = workspace.setup_checklist(campaign)
        parties = campaign.parties
        text = [
            f"{campaign.name} ({status_text(campaign.status)})",
            _("Target: {count} packages").format(count=campaign.target_count),
            _("Labels in: {language}").format(language=campaign.label_language),
            _("Latin line: {scheme}").format(scheme=_(latin.SCHEMES[campaign.latin_names])),
            _("Parties: sending {sending}; mediator {mediator}; receiving {receiving}").format(
                sending=parties.sending or "—", mediator=parties.mediator or "—",
                receiving=parties.receiving or "—"),
            _("Rules, version {version}:").format(version=campaign.rules_version), _rules_text(campaign.rules),
            _("Rule versions:"),
            *[f"  {v.version}\t{v.changed_at}\t{v.changed_by}" for v in versions],
            _("Before packing:"),
            *[f"  [{_MARKS[step.done]}] {step.text}" + (f" — {step.fix}" if step.fix else "")
              for step in steps],
        ]
        emit(args, campaign_json(campaign) | {"rule_versions": [_version_json(v) for v in versions],
                                              "setup": [step.to_json() for step in steps]}, "\n".join(text))
        return EXIT_OK
    return run_with_workspace(args, act)


def _status_change(args: argparse.Namespace, change: str) -> int:
    def act(workspace: Workspace) -> int:
        service = workspace.campaign_service()
        campaign = service.get(args.name)
        changed_by(workspace, args)
        changed = {"close": service.close, "archive": service.archive, "reopen": service.reopen}[change](campaign)
        emit(args, campaign_json(changed), _("Campaign {name} is now {status}.").format(
            name=changed.name, status=status_text(changed.status)))
        return EXIT_OK
    return run_with_workspace(args, act)


def run_delete(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        campaign = workspace.campaign_service().get(args.name)
        changed_by(workspace, args)
        removed = workspace.delete_demo(campaign)
        emit(args, {"deleted": removed.campaign, "recipients": removed.recipients, "items": removed.items},
             _("The demo campaign {name} was deleted ({recipients} invented recipients, {items} demo items).").format(
                 name=removed.campaign, recipients=removed.recipients, items=removed.items))
        return EXIT_OK
    return run_with_workspace(args, act)


def run_close(args: argparse.Namespace) -> int:
    return _status_change(args, "close")


def run_archive(args: argparse.Namespace) -> int:
    return _status_change(args, "archive")


def run_reopen(args: argparse.Namespace) -> int:
    return _status_change(args, "reopen")


def _rules_text(rules: CampaignRules) -> str:
    maximum = _("{grams} g").format(grams=rules.max_package_weight_g) if rules.max_package_weight_g else _("none")
    letters = {LettersRule.REQUIRED: _("go inside; a letter that has arrived must be enclosed"),
               LettersRule.ALLOWED: _("may go inside"), LettersRule.NONE: _("not allowed")}[rules.letters]
    return "\n".join([
        "  " + _("Maximum package weight: {maximum}").format(maximum=maximum),
        "  " + _("Box tare: {grams} g; tolerance: {tolerance} g").format(grams=rules.box_tare_g,
                                                                          tolerance=rules.weight_tolerance_g),
        "  " + _("Forbidden categories: {categories}").format(
            categories=", ".join(rules.forbidden_categories) or _("none")),
        "  " + _("Letters: {letters}").format(letters=letters),
    ])


def _rules_json(rules: CampaignRules) -> dict[str, Any]:
    return {"max_package_weight_g": rules.max_package_weight_g, "box_tare_g": rules.box_tare_g,
            "weight_tolerance_g": rules.weight_tolerance_g, "forbidden_categories": list(rules.forbidden_categories),
            "letters": rules.letters.value}


def _version_json(version: RuleVersion) -> dict[str, Any]:
    return {"version": version.version, "changed_by": version.changed_by, "changed_at": version.changed_at,
            "rules": _rules_json(version.rules)}


def campaign_json(campaign: Campaign) -> dict[str, Any]:
    return {"id": campaign.id, "name": campaign.name, "target": campaign.target_count,
            "status": campaign.status.value, "closed": campaign.status is not CampaignStatus.OPEN,
            "label_language": campaign.label_language, "latin_names": campaign.latin_names, "demo": campaign.demo,
            "parties": {"sending": campaign.parties.sending, "mediator": campaign.parties.mediator,
                        "receiving": campaign.parties.receiving},
            "rules_version": campaign.rules_version, "rules": _rules_json(campaign.rules)}
