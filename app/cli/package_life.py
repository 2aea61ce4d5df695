"""A supervisor's part in a package's life: the decisions a corrected list leaves (`recipients decisions`,
`recipients decide`) and replacements for voided packages (`reissue`; `void --reissue` does both at once).

    uv run main.py recipients decisions --db PATH [--campaign NAME] [--all] [--json]
    uv run main.py recipients decide --db PATH ID accept|reject|keep|withdraw --user NAME [--pin PIN] [--note T]
    uv run main.py reissue --db PATH CODE --user NAME [--pin PIN] [--reason TEXT]
"""

from __future__ import annotations

import argparse

from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, add_json_argument, campaign_id, emit, read_pin, run_with_workspace
from app.workspace import Workspace
from models.core.i18n import _
from models.imports import ImportKind
from models.imports.columns import field_labels
from models.package_life.decisions import STATUS_WORDS, Outcome, PendingDecision

CHOICES = {"accept": Outcome.ACCEPT, "reject": Outcome.REJECT, "keep": Outcome.KEEP, "withdraw": Outcome.WITHDRAW}


def register_decisions(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> list[argparse.ArgumentParser]:
    """`recipients decisions` and `recipients decide` (the `recipients` command adds the common arguments)."""
    listing = actions.add_parser("decisions", help=_("what a corrected list left for a supervisor to decide"))
    listing.add_argument("--all", action="store_true", help=_("the decisions taken too"))
    listing.set_defaults(handler=run_decisions)
    decide = actions.add_parser("decide", help=_("take one decision (supervisors)"))
    decide.add_argument("decision", type=int, metavar="ID", help=_("the decision's number (recipients decisions)"))
    decide.add_argument("choice", choices=sorted(CHOICES),
                        help=_("a change: accept or reject; a person who left the list: keep or withdraw"))
    decide.add_argument("--user", required=True, help=_("the supervisor's name"))
    decide.add_argument("--pin", default=None, help=_("the supervisor's PIN (or set PACKLINE_PIN)"))
    decide.add_argument("--note", default="", help=_("why, for the journal"))
    decide.set_defaults(handler=run_decide)
    return [listing, decide]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    reissue = subparsers.add_parser("reissue", help=command_help("reissue"))
    add_db_argument(reissue)
    reissue.add_argument("package", metavar="CODE", help=_("the voided package's code"))
    reissue.add_argument("--campaign", default=None, help=_("campaign name (default: the station's)"))
    reissue.add_argument("--user", required=True, help=_("the supervisor's name"))
    reissue.add_argument("--pin", default=None, help=_("the supervisor's PIN (or set PACKLINE_PIN)"))
    reissue.add_argument("--reason", default="", help=_("why, for the journal"))
    add_json_argument(reissue)
    reissue.set_defaults(handler=run_reissue)


def decision_lines(decision: PendingDecision) -> list[str]:
    """One decision as a supervisor reads it: who, which package, what the list says."""
    labels = field_labels(ImportKind.RECIPIENTS)
    if decision.kind == "changed":
        head = _("{id}. Number {number}, {name}: package {package} is {state}; list version {version} changes:")
    else:
        head = _("{id}. Number {number}, {name}: not in list version {version}; package {package} is {state}.")
    lines = [head.format(id=decision.id, number=decision.list_number, name=decision.name, package=decision.package,
                         state=_(decision.state), version=decision.list_version)]
    lines += [f"    {_(labels.get(c.field, c.field))}: {c.old or '—'} -> {c.new or '—'}" for c in decision.changes]
    if decision.place:
        lines.append("    " + _("in carton or batch {place}").format(place=decision.place))
    if decision.status != "waiting":
        lines.append("    " + _("decided: {status}").format(status=_(STATUS_WORDS[decision.status])))
    return lines


def run_decisions(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        campaign = workspace.campaign_service().by_id(campaign_id(workspace, args.campaign))
        found = workspace.decision_service().pending(campaign, waiting_only=not args.all)
        lines = [line for decision in found for line in decision_lines(decision)]
        if found and not args.all:
            lines.append(_("Decide each: recipients decide ID accept|reject (a change) or keep|withdraw (a person "
                           "who left the list) --user SUPERVISOR."))
        emit(args, {"ok": True, "decisions": [decision.to_json() for decision in found]},
             "\n".join(lines) or _("Nothing waits for a decision in {campaign}.").format(campaign=campaign.name))
        return EXIT_OK
    return run_with_workspace(args, act)


def run_decide(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        campaign = workspace.campaign_service().by_id(campaign_id(workspace, args.campaign))
        supervisor = workspace.user_service().supervisor(args.user, read_pin(args.pin))
        done = workspace.decision_service().decide(campaign, args.decision, CHOICES[args.choice], supervisor,
                                                   args.note)
        emit(args, {"ok": True, "decision": args.decision, "outcome": CHOICES[args.choice].value, "done": done},
             done)
        return EXIT_OK
    return run_with_workspace(args, act, records_events=True)


def run_reissue(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        campaign = workspace.campaign_service().by_id(campaign_id(workspace, args.campaign))
        supervisor = workspace.user_service().supervisor(args.user, read_pin(args.pin))
        code = workspace.reissue(campaign, args.package, supervisor, args.reason)
        emit(args, {"ok": True, "package": args.package, "replacement": code},
             _("Package {package} is replaced by package {replacement}: print its label (labels --packages "
               "{replacement}) and pack it.").format(package=args.package, replacement=code))
        return EXIT_OK
    return run_with_workspace(args, act, records_events=True)
