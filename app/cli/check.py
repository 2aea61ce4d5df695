"""`check`: integrity of a database, whether its papers agree with its journal, and a summary of what it holds;
`backup`: take a backup now; `backup verify`: the restore drill on the newest backup."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from app.cli.output import add_db_argument, add_json_argument, emit, run_with_workspace
from app.workspace import Workspace
from models.campaigns import reference
from models.campaigns.sql import reference_repo as repo
from models.core.errors import PacklineError
from models.core.i18n import _, ngettext
from models.storage.backup import list_backups
from models.storage.db import integrity_check, sqlite_version
from models.storage.migrations import schema_version


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser("check", help=command_help("check"))
    add_db_argument(check)
    check.add_argument("--full", action="store_true", help=_(
        "also replay the whole journal and compare every derived table with it (time grows with the journal: "
        "seconds at 100,000 packages)"))
    add_json_argument(check)
    check.set_defaults(handler=run_check)
    backup = subparsers.add_parser("backup", help=command_help("backup"))
    backup.add_argument("action", nargs="?", choices=["verify"],
                        help=_("verify: open a copy of the newest backup as a restore would, and check it"))
    add_db_argument(backup)
    add_json_argument(backup)
    backup.set_defaults(handler=run_backup)


def run_check(args: argparse.Namespace) -> int:
    if not args.db.exists():
        print(_("No database at {path}.").format(path=args.db), file=sys.stderr)
        return EXIT_REFUSED
    return run_with_workspace(args, lambda workspace: _check(args, workspace))


def _check(args: argparse.Namespace, workspace: Workspace) -> int:
    problems = integrity_check(workspace.db)
    sound = problems == ["ok"]  # a damaged file is not read further: its counts could not be trusted
    found = workspace.consistency_findings(replay=args.full) if sound else []
    counts = repo.table_counts(workspace.db) if sound else {}
    campaigns = [
        {"name": c.name, "target": c.target_count,
         "recipients": workspace.db.execute("SELECT count(*) FROM recipients WHERE campaign_id = ?",
                                            [c.id]).fetchone()[0]}
        for c in (reference.list_campaigns(workspace.db) if sound else [])
    ]
    ok = problems == ["ok"] and not found
    payload = {
        "ok": ok, "integrity": problems, "journal_replayed": args.full,
        "findings": [{"rule": f.rule, "message": f.message, "packages": list(f.codes)} for f in found],
        "sqlite": ".".join(map(str, sqlite_version())),
        "schema_version": schema_version(workspace.db), "counts": counts, "campaigns": campaigns,
        "backups": len(list_backups(workspace.path)),
    }
    lines = [
        _("Database: {path}").format(path=workspace.path),
        _("Integrity: {result}").format(result=_("ok") if problems == ["ok"] else "; ".join(problems)),
        (_("Papers and journal: {result}") if args.full else _("Papers: {result} (check --full also replays the "
                                                                 "journal)")).format(
            result=_("agree") if not found else ngettext(
                "{count} difference", "{count} differences", len(found)).format(count=len(found))),
        *[f"  {finding.message}" for finding in found],
        _("SQLite {version}, schema version {schema}").format(
            version=payload["sqlite"], schema=payload["schema_version"]
        ),
    ]
    lines += [f"  {name}: {count}" for name, count in counts.items()]
    lines += [_("Campaign {name}: {recipients} recipients, target {target}").format(**c) for c in campaigns]
    emit(args, payload, "\n".join(lines))
    return EXIT_OK if ok else EXIT_REFUSED


def run_backup(args: argparse.Namespace) -> int:
    if args.action == "verify":
        return verify_newest_backup(args)

    def action(workspace: Workspace) -> int:
        target = workspace.backup("manual")
        emit(args, {"ok": True, "backup": str(target)}, _("Backup written to {path}").format(path=target))
        return EXIT_OK

    return run_with_workspace(args, action)


def verify_newest_backup(args: argparse.Namespace) -> int:
    """The restore drill: a copy of the newest backup opened as Packline opens a database (checked, migrated),
    its integrity and papers checked, what it holds summarised. The live database is not opened (it may be
    the damaged one), and the backup itself is never written to."""
    found = list_backups(args.db)
    if not found:
        print(_("There is no backup of {path} yet.").format(path=args.db), file=sys.stderr)
        return EXIT_REFUSED
    newest = found[-1]
    with tempfile.TemporaryDirectory(prefix="packline-drill-") as folder:
        copy = Path(folder) / "restored.db"
        shutil.copyfile(newest, copy)
        try:
            workspace = Workspace.open(copy)
        except PacklineError as error:
            print(_("{backup} cannot be restored: {reason}").format(backup=newest.name, reason=error), file=sys.stderr)
            return EXIT_REFUSED
        try:
            problems = integrity_check(workspace.db)
            differences = workspace.consistency_findings() if problems == ["ok"] else []
            events = workspace.db.execute("SELECT count(*), max(at) FROM events").fetchone()
        finally:
            workspace.close()
    ok = problems == ["ok"] and not differences
    payload = {"ok": ok, "backup": str(newest), "integrity": problems, "differences": len(differences),
               "events": events[0], "last_event_at": events[1]}
    text = (_("{backup} restores: integrity ok, papers agree with the journal, {count} events, the last at {at}.")
            if ok else _("{backup} does not restore cleanly: integrity {integrity}, {differences} differences."))
    emit(args, payload, text.format(backup=newest.name, count=events[0], at=events[1] or "-",
                                    integrity="; ".join(problems), differences=len(differences)))
    return EXIT_OK if ok else EXIT_REFUSED
