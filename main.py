"""Packline: composition root. Parses arguments, finds the database, starts the GUI or a sub-command.

    uv run main.py [--db PATH]            open the application
    uv run main.py SUBCOMMAND --help      headless jobs (demo, import, check, backup, ...)
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli import commands
from app.cli.exit_codes import EXIT_INTERNAL
from models.core.i18n import _, language_from_environment, set_language

COMMAND_GROUPS: dict[str, tuple[str, ...]] = commands.groups()
"""Every module that adds sub-commands (each has `register(subparsers)`), with the commands it adds
(`app.cli.commands`). Only the chosen command's module is imported (the GUI and --help import none), so a start
pays for what it uses; every module is looked for at start, so a missing or misspelt one stops the program
instead of dropping its commands. A test holds the names to what each module registers."""


def missing_groups() -> list[str]:
    return [name for name in COMMAND_GROUPS if importlib.util.find_spec(name) is None]


def default_database() -> Path:
    from platformdirs import user_data_dir  # 8 ms a short command does not need: its own --db names the file

    return Path(user_data_dir("Packline", appauthor=False)) / "packline.db"


def build_parser(groups: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser with the sub-commands of `groups`; None: every command listed with its help, none of their
    modules imported (for --help, or a command it does not know)."""
    parser = argparse.ArgumentParser(prog="main.py", description=_(commands.PROGRAM_HELP))
    parser.add_argument("--db", type=Path, default=None, help=_(commands.DATABASE_HELP))
    if groups is None:
        listing = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Listed)
        for command in commands.COMMANDS:
            listing.add_parser(command, help=commands.command_help(command),
                                  aliases=commands.aliases_of(command))
        return parser
    # The prefix of each command's usage given, not computed: that needs a help formatter (and shutil, 4 ms)
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", prog=parser.prog)
    for name in groups:
        importlib.import_module(name).register(subparsers)
    return parser


class _Listed(argparse.ArgumentParser):
    """A command's place in the listing of `--help` (its name, aliases and help line), standing in for its parser:
    argparse never parses with it (a command it knows gets its real parser from `groups_for`; one it does not is
    refused as an invalid choice first), and building 34 real parsers would take most of `--help`'s time."""

    def __init__(self, **_settings: object) -> None:
        """Takes what argparse hands a parser (its prog) and builds nothing: the listing needs none of it."""


def groups_for(argv: Sequence[str]) -> list[str] | None:
    """The groups a command line needs: the chosen command's; none for the GUI; all for --help or an unknown
    command (so the help lists them, or argparse names the choices)."""
    words = [word for word in argv if not word.startswith("-")]
    if "--db" in argv:  # its value is not a command
        value = argv.index("--db") + 1
        words = [word for index, word in enumerate(argv) if not word.startswith("-") and index != value]
    if not words:
        return None if any(word in ("-h", "--help") for word in argv) else []
    found = [name for name, commands in COMMAND_GROUPS.items() if words[0] in commands]
    return found or None


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
    missing = missing_groups()
    if missing:
        print(f"Packline is incomplete: the sub-command modules {', '.join(missing)} are missing.", file=sys.stderr)
        return EXIT_INTERNAL
    arguments = sys.argv[1:] if argv is None else argv
    parser = build_parser(groups_for(arguments))
    args = parser.parse_args(arguments)
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
        import traceback  # 5 ms no command that ends well needs

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
