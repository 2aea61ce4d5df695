"""Progress of a campaign: `status` and `plan`.

    uv run main.py status --db PATH [--campaign NAME] [--json]             progress by state, station and packer
    uv run main.py plan --db PATH [--campaign NAME] [--limit N] [--json]   what stock allows and what is short
"""

from __future__ import annotations

import argparse
from dataclasses import asdict

from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, add_json_argument, campaign_id, emit, run_with_workspace
from app.workspace import Workspace
from models.core.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, handler in (("status", run_status), ("plan", run_plan)):
        parser = subparsers.add_parser(name, help=command_help(name))
        add_db_argument(parser)
        parser.add_argument("--campaign", default=None, help=_("campaign name (default: the station's)"))
        if name == "plan":
            parser.add_argument("--limit", type=int, default=20, help=_("list at most this many recipients"))
        add_json_argument(parser)
        parser.set_defaults(handler=handler)


def run_status(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        progress = workspace.progress_service().progress(campaign_id(workspace, args.campaign))
        payload = {"campaign_id": progress.campaign_id, "total": progress.total, "by_state": progress.by_state,
                   "by_station": [asdict(s) for s in progress.by_station],
                   "by_packer": [asdict(p) for p in progress.by_packer]}
        lines = [_("Packages: {total}").format(total=progress.total)]
        lines += [f"  {state}: {count}" for state, count in progress.by_state.items()]
        lines.append(_("By station (open / sealed / voided):"))
        lines += [f"  {s.name}: {s.open} / {s.sealed} / {s.voided}" for s in progress.by_station]
        lines.append(_("By packer (items / sealed / voided):"))
        lines += [f"  {p.user}: {p.items} / {p.sealed} / {p.voided}" for p in progress.by_packer]
        emit(args, payload, "\n".join(lines))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_plan(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        plan = workspace.plan_service().plan(campaign_id(workspace, args.campaign), named=args.limit)
        name = plan.item_names
        payload = {
            "remaining": plan.remaining, "open": plan.open, "completable_now": plan.completable_now,
            "bottleneck_items": [{"item_id": i, "name": name.get(i, "?"), "available": plan.available.get(i, 0)}
                                 for i in plan.bottleneck_items],
            "shortages": [asdict(s) | {"name": name.get(s.item_id, "?")} for s in plan.shortages],
            "substitutes_needed": [asdict(s) for s in plan.substitutes_needed],
            "substitutes_needed_count": plan.substitutes_count,
            "available": {name.get(i, str(i)): units for i, units in plan.available.items()},
        }
        lines = [_("Remaining packages: {remaining} ({open} open)").format(remaining=plan.remaining, open=plan.open),
                 _("Can be completed now: {count}").format(count=plan.completable_now)]
        if plan.bottleneck_items:
            bottleneck = ", ".join(name.get(i, "?") for i in plan.bottleneck_items)
            lines.append(_("Bottleneck: {items}").format(items=bottleneck))
        if plan.shortages:
            lines.append(_("Short to finish the campaign:"))
            lines += [_("  line {line}: {missing} x {item} (or a substitute)").format(
                line=s.line_no, missing=s.missing, item=name.get(s.item_id, "?")) for s in plan.shortages]
        if plan.substitutes_count:
            lines.append(_("Packages that would get a substitute: {count}").format(count=plan.substitutes_count))
            lines += [f"  {s.list_number} {s.recipient_name} {s.package_code} " +
                      _("lines {lines}").format(lines=", ".join(map(str, s.lines)))
                      for s in plan.substitutes_needed]
        emit(args, payload, "\n".join(lines))
        return EXIT_OK
    return run_with_workspace(args, action)
