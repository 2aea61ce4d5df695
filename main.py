"""Packline: composition root. Parses arguments, finds the database, starts the GUI or a sub-command.

    uv run main.py [--db PATH]            open the application
    uv run main.py SUBCOMMAND --help      headless jobs (demo, import, check, backup, ...)
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from types import ModuleType

from platformdirs import user_data_dir

from app.cli import check, demo, documents, handover, imports, labels, packing, sync
from app.cli.output import EXIT_INTERNAL
from models.core.i18n import language_from_environment, set_language

COMMAND_GROUPS: tuple[ModuleType, ...] = (demo, imports, check, packing, sync, documents, labels, handover)
"""The modules that add sub-commands, each with `register(subparsers)`. Imported by name above, so a missing or
misspelt module stops the program at start instead of silently dropping its sub-commands."""


def default_database() -> Path:
    return Path(user_data_dir("Packline", appauthor=False)) / "packline.db"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py", description="Packline: packing stations for care-package campaigns"
    )
    parser.add_argument("--db", type=Path, default=None, help=f"database file (default: {default_database()})")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for group in COMMAND_GROUPS:
        group.register(subparsers)
    return parser


def run_gui(db_path: Path | None) -> int:
    from app.first_start import ensure_database
    from models.core.errors import PacklineError
    from ui.app import report_startup_error
    from ui.app import run_gui as start

    try:
        workspace = ensure_database(db_path or default_database())
    except PacklineError as error:  # a damaged or foreign file, an old SQLite: say so in a window, not a trace
        return report_startup_error(str(error), sys.argv[:1])
    try:
        return start(workspace, sys.argv[:1])
    finally:
        workspace.close()


def main(argv: list[str] | None = None) -> int:
    set_language(language_from_environment(os.environ))  # the screens switch to the user's own at sign-in
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_gui(args.db)
        code = int(args.handler(args))
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `main.py status | head`: the reader had enough; nothing went wrong here
        _silence_stdout()
        return 0
    except Exception:  # noqa: BLE001 - last resort: report, never a bare crash dump
        traceback.print_exc()
        print("Internal error: please report this with the text above.", file=sys.stderr)
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """Python flushes stdout at exit and would report the closed pipe again: point it at /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
