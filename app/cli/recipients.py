"""`recipients find TEXT` and `recipients show NUMBER`: the same search and detail as the Recipients screen.

    uv run main.py recipients find --db PATH [--campaign NAME] [--limit N] [--json] TEXT
    uv run main.py recipients show --db PATH [--campaign NAME] [--json] NUMBER

TEXT is what the screen's search field takes: a list number, any part of a name (Cyrillic case folded, ё as е,
apostrophes ignored), or a package code as scanned.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, add_json_argument, campaign_id, emit, run_with_workspace
from app.cli.package_life import register_decisions
from app.workspace import Workspace
from models.campaigns.queries import RecipientRow, SortColumn
from models.campaigns.reference import list_versions
from models.core.errors import NotFound
from models.core.i18n import _

DEFAULT_LIMIT = 50


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("recipients", help=command_help("recipients"))
    actions = parser.add_subparsers(dest="recipients_action", metavar="ACTION", required=True)
    find = actions.add_parser("find", help=_("recipients whose number, name or package code matches"))
    find.add_argument("text", metavar="TEXT", help=_("list number, part of a name, or package code"))
    find.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=_("show at most this many (default 50)"))
    find.set_defaults(handler=run_find)
    show = actions.add_parser("show", help=_("one recipient by list number: package, its state and events"))
    show.add_argument("number", metavar="NUMBER", help=_("the list number"))
    show.set_defaults(handler=run_show)
    versions = actions.add_parser("versions", help=_("every list imported: file, SHA-256, who, when, what changed"))
    versions.set_defaults(handler=run_versions)
    for action in (find, show, versions, *register_decisions(actions)):
        add_db_argument(action)
        action.add_argument("--campaign", default=None, help=_("campaign name (default: the station's)"))
        add_json_argument(action)


def _born(row: RecipientRow) -> str:
    return row.birth_date.strftime("%d.%m.%Y") if row.birth_date else ""


def _row(row: RecipientRow) -> dict[str, Any]:
    return asdict(row) | {"birth_date": _born(row)}


def _line(row: RecipientRow) -> str:
    return f"{row.number}\t{row.full_name}\t{_born(row) or '—'}\t{row.place}\t{row.package_code}\t{_(row.state)}"


def run_find(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        queries = workspace.recipient_queries()
        ids = queries.ids(campaign_id(workspace, args.campaign), SortColumn.NUMBER, search=args.text)
        rows = queries.rows(ids[:max(0, args.limit)])
        found = [rows[rid] for rid in ids[:max(0, args.limit)] if rid in rows]
        lines = [_line(row) for row in found] or [_("Nobody matches {text}.").format(text=args.text)]
        if len(ids) > len(found):
            lines.append(_("{shown} of {count} shown; narrow the search or raise --limit.").format(
                shown=len(found), count=len(ids)))
        emit(args, {"ok": True, "count": len(ids), "recipients": [_row(row) for row in found]}, "\n".join(lines))
        return EXIT_OK
    return run_with_workspace(args, act)


def run_versions(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        campaign = workspace.campaign_service().by_id(campaign_id(workspace, args.campaign))
        versions = list_versions(workspace.db, campaign)
        header = "\t".join((_("Version"), _("File"), _("Rows"), _("Added"), _("Removed"), _("Changed"),
                            _("Unchanged"), _("Imported by"), _("At"), "SHA-256"))
        lines = [header, *("\t".join(str(row[key]) for key in ("version", "file", "rows", "added", "removed",
                                                               "changed", "unchanged", "imported_by",
                                                               "imported_at", "sha256")) for row in versions)]
        emit(args, {"ok": True, "versions": versions},
             "\n".join(lines) if versions else _("No list has been imported into {campaign} yet.").format(
                 campaign=campaign.name))
        return EXIT_OK
    return run_with_workspace(args, act)


def run_show(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        queries = workspace.recipient_queries()
        ids = queries.ids(campaign_id(workspace, args.campaign), SortColumn.NUMBER, search=args.number)
        rows = queries.rows(ids)
        match = next((rid for rid in ids if rid in rows and rows[rid].number == args.number), None)
        detail = queries.detail(match) if match is not None else None
        if detail is None:
            raise NotFound(_("There is no recipient number {number} in this campaign.").format(number=args.number))
        payload = {"ok": True, "recipient": _row(detail.row), "station": detail.station,
                   "sealed_by": detail.sealed_by, "sealed_at": detail.sealed_at, "weight_g": detail.weight_g,
                   "voided_by": detail.voided_by, "void_reason": detail.void_reason,
                   "letters": [list(letter) for letter in detail.letters],
                   "events": [asdict(event) for event in detail.events]}
        lines = [_line(detail.row)]
        lines += [_("Letter {code}: {status}").format(code=code, status=_(status)) for code, status in detail.letters]
        lines += [f"  {event.at}  {event.station}  {event.user}  {event.type}" for event in detail.events]
        emit(args, payload, "\n".join(lines))
        return EXIT_OK
    return run_with_workspace(args, act)

