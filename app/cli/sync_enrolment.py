"""`sync enrolment list`, `sync enrol`, `sync revoke`: which stations the hub takes events from.

    uv run main.py sync enrolment list --db HUB
    uv run main.py sync enrol STATION --fingerprint XXXX-XXXX-XXXX-XXXX --db HUB --user SUP [--pin PIN]
    uv run main.py sync revoke STATION --db HUB --user SUP [--pin PIN]

A station asks to be enrolled with its first events file (the hub refuses it and lists the request); the
supervisor compares the fingerprint with the one `sync identity` shows at the station, then enrols it.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.output import finish, read_pin, run_with_workspace
from app.workspace import Workspace
from models.core.i18n import _
from models.sync import enrolment


def register(actions: Any, parser: Any) -> None:
    """Add the commands to `sync`'s `actions` (`parser` makes one with --db and --json)."""
    listing = actions.add_parser("enrolment", help=_("stations enrolled at the hub, and those asking")).add_subparsers(
        dest="enrolment_action", metavar="ACTION", required=True)
    parser(listing, "list", _("enrolled stations and requests, with their key fingerprints"), run_list)
    enrol = parser(actions, "enrol", _("enrol a station that asked, after comparing its key fingerprint"),
                   run_enrol)
    enrol.add_argument("station", help=_("the station's name or id"))
    enrol.add_argument("--fingerprint", required=True,
                       help=_("the key fingerprint the station shows (sync identity at the station)"))
    revoke = parser(actions, "revoke", _("refuse a station's files from now on (a lost or stolen station)"),
                    run_revoke)
    revoke.add_argument("station", help=_("the station's name (all its identities) or one identity's id"))
    for command in (enrol, revoke):
        command.add_argument("--user", required=True, help=_("the supervisor who decides (recorded in the journal)"))
        command.add_argument("--pin", default=None, help=_("the supervisor's PIN (or set PACKLINE_PIN)"))


def _lines(enrolled: list[enrolment.Enrolment], asking: list[enrolment.Request]) -> list[str]:
    lines = []
    for found in enrolled:
        state = (_("revoked {at} by {by}").format(at=found.revoked_at, by=found.revoked_by) if found.revoked_at
                 else _("enrolled {at} by {by}").format(at=found.at, by=found.by))
        lines.append(f"{found.station_name}\t{found.station_id}\t{found.fingerprint}\t{state}")
    for asked in asking:
        lines.append(f"{asked.station_name}\t{asked.station_id}\t{asked.fingerprint}\t" + _("asks to be enrolled"))
    return lines or [_("No station has been enrolled or has asked yet.")]


def run_list(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        enrolled, asking = enrolment.enrolments(workspace.db), enrolment.requests(workspace.db)
        return finish(args, {"enrolled": enrolled, "requests": asking}, _lines(enrolled, asking))
    return run_with_workspace(args, action)


def run_enrol(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        supervisor = workspace.user_service().supervisor(args.user, read_pin(args.pin))
        enrolled = enrolment.enrol(workspace.db, args.station, args.fingerprint, supervisor)
        return finish(args, {"enrolled": enrolled}, [_("Station {name} ({id}) is enrolled: the hub takes its files.")
                                                      .format(name=enrolled.station_name, id=enrolled.station_id)])
    return run_with_workspace(args, action)


def run_revoke(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        supervisor = workspace.user_service().supervisor(args.user, read_pin(args.pin))
        revoked = enrolment.revoke(workspace.db, args.station, supervisor)
        return finish(args, {"revoked": revoked}, [
            _("Station {name} ({id}) is revoked: the hub refuses its files.").format(
                name=found.station_name, id=found.station_id) for found in revoked])
    return run_with_workspace(args, action)
