"""Headless packing: `scan`, `void`, `station`, `journal` (and, from `packing_admin`, `users`, `stock`,
`letters`); `status` and `plan` are in `app.cli.progress`.

    uv run main.py scan --db PATH --station NAME --user NAME [--pin PIN] CODE...   one outcome per code, as a
                                                                      station would (PIN: or PACKLINE_PIN)

`scan` prints each outcome as soon as it is committed; it exits 2 when any code was refused.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from app.cli import packing_admin
from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from app.cli.output import add_db_argument, add_json_argument, emit, read_pin, run_with_workspace
from app.workspace import Workspace
from models.campaigns.reference import get_campaign
from models.campaigns.sql import reference_repo as repo
from models.core.codes import normalise
from models.core.errors import NotFound
from models.core.i18n import LANGUAGES, _
from models.journal.sql import events_repo
from models.packing.scanning import ScanOutcome
from models.packing.station import Station

WEIGHT_PREFIX = "weight="


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scan = subparsers.add_parser("scan", help=command_help("scan"))
    add_db_argument(scan)
    scan.add_argument("--station", required=True, help=_("this station's name (set on first use)"))
    scan.add_argument("--user", required=True, help=_("name of the signed-in user"))
    scan.add_argument("--pin", default=None, help=_("the user's PIN (or set PACKLINE_PIN)"))
    scan.add_argument("--campaign", default=None, help=_("campaign to pack for (default: the station's)"))
    scan.add_argument("--lang", choices=LANGUAGES, default=None, help=_("language of the messages"))
    scan.add_argument("codes", nargs="+", metavar="CODE",
                      help=_("codes as a scanner sends them; weight=GRAMS enters the package's weight"))
    add_json_argument(scan)
    scan.set_defaults(handler=run_scan)

    void = subparsers.add_parser("void", help=command_help("void"))
    add_db_argument(void)
    void.add_argument("--station", required=True, help=_("this station's name"))
    void.add_argument("--user", required=True, help=_("the supervisor's name"))
    void.add_argument("--pin", default=None, help=_("the supervisor's PIN (or set PACKLINE_PIN)"))
    void.add_argument("--reason", required=True, help=_("why the package is voided"))
    void.add_argument("--reissue", action="store_true",
                      help=_("and give the person a replacement package at once (a new code and label)"))
    void.add_argument("package", metavar="CODE", help=_("package code"))
    add_json_argument(void)
    void.set_defaults(handler=run_void)

    station = subparsers.add_parser("station", help=command_help("station"))
    add_db_argument(station)
    station.add_argument("--name", default=None, help=_("name the station (once; later it must match)"))
    station.add_argument("--rename", default=None, help=_("give the station a new name"))
    station.add_argument("--campaign", default=None, help=_("campaign this station packs for"))
    station.add_argument("--new-identity", action="store_true",
                         help=_("take a new instance id (for a copied or restored database)"))
    add_json_argument(station)
    station.set_defaults(handler=run_station)

    journal = subparsers.add_parser("journal", help=command_help("journal"))
    actions = journal.add_subparsers(dest="journal_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("list events, newest first"))
    add_db_argument(listing)
    listing.add_argument("--package", default=None, help=_("only this package's events"))
    listing.add_argument("--limit", type=int, default=50)
    add_json_argument(listing)
    listing.set_defaults(handler=run_journal_list)
    rebuild = actions.add_parser("rebuild", help=_("recompute package states and stock from the events"))
    add_db_argument(rebuild)
    add_json_argument(rebuild)
    rebuild.set_defaults(handler=run_journal_rebuild)

    packing_admin.register(subparsers)


def station_for(workspace: Workspace, name: str, campaign: str | None) -> Station:
    service = workspace.station_service()
    station = service.ensure(name)
    if campaign is not None:
        wanted = get_campaign(workspace.db, campaign).id
        if station.campaign_id != wanted:
            station = service.set_campaign(wanted)
    return station


def outcome_dict(outcome: ScanOutcome) -> dict[str, Any]:
    return {
        "accepted": outcome.accepted, "reason": outcome.reason.value, "message": outcome.message,
        "code": outcome.code, "kind": outcome.kind.value if outcome.kind else None,
        "package_id": outcome.package_id, "package_code": outcome.package_code,
        "package_state": outcome.package_state.value if outcome.package_state else None,
        "line": None if outcome.line is None else {"line_no": outcome.line.line_no, "scanned": outcome.line.scanned,
                                                   "quantity": outcome.line.quantity, "met": outcome.line.met},
        "event_id": outcome.event_id, "copy": outcome.copy, "blocked": outcome.blocked,
    }


def outcome_line(outcome: ScanOutcome) -> str:
    mark = _("OK") if outcome.accepted else _("REFUSED")
    return f"{mark} [{outcome.reason.value}] {outcome.message}"


def run_scan(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        station = station_for(workspace, args.station, args.campaign)
        user = workspace.user_service().sign_in(args.user, read_pin(args.pin))
        service = workspace.scan_service()
        results = []
        for code in args.codes:
            if code.startswith(WEIGHT_PREFIX):
                grams = code[len(WEIGHT_PREFIX):]
                outcome = service.enter_weight(station, user, int(grams) if grams.isdigit() else -1,
                                               language=args.lang)
            else:
                outcome = service.handle(station, user, code, language=args.lang)
            results.append(outcome)
            if not args.json:  # committed: say so at once, one line per code
                print(outcome_line(outcome), flush=True)
        if args.json:
            emit(args, {"ok": all(o.accepted for o in results), "outcomes": [outcome_dict(o) for o in results]}, "")
        return EXIT_OK if all(o.accepted for o in results) else EXIT_REFUSED
    return run_with_workspace(args, action, records_events=True)


def run_void(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        station = workspace.station_service().ensure(args.station)
        supervisor = workspace.user_service().sign_in(args.user, read_pin(args.pin))
        outcome = workspace.scan_service().void(station, supervisor, args.package, args.reason)
        payload, line = outcome_dict(outcome), outcome_line(outcome)
        if outcome.accepted and args.reissue:
            campaign = workspace.campaign_of_package(outcome.package_code or args.package)
            payload["replacement"] = workspace.reissue(campaign, args.package, supervisor, args.reason)
            line += "\n" + _("Replacement package: {replacement}; print its label (labels --packages "
                             "{replacement}).").format(replacement=payload["replacement"])
        emit(args, payload, line)
        return EXIT_OK if outcome.accepted else EXIT_REFUSED
    return run_with_workspace(args, action, records_events=True)


def run_station(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        service = workspace.station_service()
        station = service.ensure(args.name) if args.name else service.identity()
        if args.rename:
            station = service.rename(args.rename)
        if station is None:
            raise NotFound(_("This database has no station identity yet: name it with --name."))
        if args.campaign:
            station = service.set_campaign(get_campaign(workspace.db, args.campaign).id)
        if args.new_identity:
            station = service.take_new_identity()
        emit(args, asdict(station), _("Station {name} ({id}), campaign {campaign}").format(
            name=station.name, id=station.instance_id, campaign=station.campaign_id))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_journal_list(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        package_id = None
        if args.package:
            found = repo.package_by_code(workspace.db, normalise(args.package))
            if found is None:
                raise NotFound(_("Package {code} is not in this database.").format(code=args.package))
            package_id = found.id
        events = list(events_repo.read(workspace.db, package_id=package_id, newest_first=True, limit=args.limit))
        emit(args, {"events": [asdict(e) for e in events]},
             "\n".join(f"{e.pos} {e.at} {e.station_id}#{e.seq} {e.user} {e.type} {e.package_id} {dict(e.payload)}"
                       for e in events))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_journal_rebuild(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        replayed = workspace.rebuild_projections()
        emit(args, {"ok": True, "events": replayed}, _("Rebuilt from {count} events.").format(count=replayed))
        return EXIT_OK
    return run_with_workspace(args, action)
