"""Shared plumbing for sub-commands: opening the database, printing results, exit codes, reading the PIN."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from app.workspace import Workspace
from models.core.errors import PacklineError, RefusedInput, StorageError
from models.core.i18n import _


def add_db_argument(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", type=Path, required=required, help="station database file")


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of text")


def emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    """Print the result: JSON when `--json` was given, else the human text."""
    if getattr(args, "json", False):
        import json  # 3 ms the human text does not need

        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def plain(value: Any) -> Any:
    """Dataclasses (with paths) as JSON-ready data."""
    if hasattr(value, "__dataclass_fields__"):
        return {key: plain(item) for key, item in asdict(value).items()}
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return value


def finish(args: argparse.Namespace, payload: dict[str, Any], lines: list[str], refused: bool = False) -> int:
    emit(args, {"ok": not refused, **plain(payload)}, "\n".join(lines))
    return EXIT_REFUSED if refused else EXIT_OK


def refuse(args: argparse.Namespace, error: RefusedInput | StorageError | PacklineError) -> int:
    problems = getattr(error, "problems", [])
    if getattr(args, "json", False):
        import json

        print(json.dumps({"ok": False, "error": error.args[0] if error.args else str(error),
                          "problems": problems}, ensure_ascii=False, indent=2))
    print(str(error), file=sys.stderr)
    return EXIT_REFUSED


def run_with_workspace(args: argparse.Namespace, action: Callable[[Workspace], int], *,
                       records_events: bool = False) -> int:
    """Open the database named by `--db`, run `action`, map refusals to exit code 2, always close.

    A command that `records_events` first checks the station identity: a copied or restored database takes a
    new one before it records anything, so its sequence numbers never repeat under the old identity.
    """
    try:
        workspace = Workspace.open(args.db)
        if records_events:
            checked = workspace.check_station_identity()
            if checked.renewed:  # said once, on stderr: the output itself stays what the command prints
                print(checked.reason, file=sys.stderr)
    except PacklineError as error:
        return refuse(args, error)
    try:
        return action(workspace)
    except PacklineError as error:
        return refuse(args, error)
    finally:
        workspace.close()


def campaign_id(workspace: Workspace, name: str | None) -> int:
    """The named campaign, else the station's, else the only one."""
    if name:
        from models.campaigns.reference import get_campaign

        return get_campaign(workspace.db, name).id
    station = workspace.station_service().identity()
    if station is not None and station.campaign_id is not None:
        return station.campaign_id
    campaigns = workspace.campaigns()
    if len(campaigns) == 1:
        return campaigns[0].id
    raise RefusedInput(_("Name the campaign with --campaign."))


PIN_VARIABLE = "PACKLINE_PIN"


def read_pin(given: str | None) -> str:
    pin = given or os.environ.get(PIN_VARIABLE)
    if pin is None and sys.stdin.isatty():
        import getpass

        pin = getpass.getpass(_("PIN: "))
    if not pin:
        raise RefusedInput(_("A PIN is needed: --pin, the PACKLINE_PIN variable, or type it when asked."))
    return pin
