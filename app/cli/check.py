"""`check`: integrity of a database, whether its papers agree with its journal, and a summary of what it holds;
`backup`: take a backup now."""

from __future__ import annotations

import argparse
import sys

from app.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from app.cli.output import add_db_argument, add_json_argument, emit, run_with_workspace
from app.workspace import Workspace
from models.campaigns import reference
from models.campaigns.sql import reference_repo as repo
from models.core.i18n import _, ngettext
from models.storage.backup import list_backups
from models.storage.db import integrity_check, sqlite_version
from models.storage.migrations import schema_version


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser("check", help="check a database's integrity and its papers against its journal, "
                                                 "and summarise its contents")
    add_db_argument(check)
    add_json_argument(check)
    check.set_defaults(handler=run_check)
    backup = subparsers.add_parser("backup", help="take an online backup of a database now")
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
    found = workspace.consistency_findings() if problems == ["ok"] else []
    counts = repo.table_counts(workspace.db)
    campaigns = [
        {"name": c.name, "target": c.target_count,
         "recipients": workspace.db.execute("SELECT count(*) FROM recipients WHERE campaign_id = ?",
                                            [c.id]).fetchone()[0]}
        for c in reference.list_campaigns(workspace.db)
    ]
    ok = problems == ["ok"] and not found
    payload = {
        "ok": ok, "integrity": problems,
        "findings": [{"rule": f.rule, "message": f.message, "packages": list(f.codes)} for f in found],
        "sqlite": ".".join(map(str, sqlite_version())),
        "schema_version": schema_version(workspace.db), "counts": counts, "campaigns": campaigns,
        "backups": len(list_backups(workspace.path)),
    }
    lines = [
        _("Database: {path}").format(path=workspace.path),
        _("Integrity: {result}").format(result=_("ok") if problems == ["ok"] else "; ".join(problems)),
        _("Papers and journal: {result}").format(result=_("agree") if not found else ngettext(
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
    def action(workspace: Workspace) -> int:
        target = workspace.backup("manual")
        emit(args, {"ok": True, "backup": str(target)}, _("Backup written to {path}").format(path=target))
        return EXIT_OK

    return run_with_workspace(args, action)
