"""`printers`: the system's print queues, as `--printer NAME` names them.

    uv run main.py printers [--json]
"""

from __future__ import annotations

import argparse

from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_json_argument, emit, refuse
from models.core.i18n import _
from printing import queues


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("printers", help=command_help("printers"),
                                   description=_("List the printers (CUPS queues) documents can be sent to with "
                                                 "--printer NAME: whether each takes PDF or only the printer's own "
                                                 "language (a raw queue: ZPL), and the resolution its driver "
                                                 "prints at."))
    add_json_argument(parser)
    parser.set_defaults(handler=run_printers)


def run_printers(args: argparse.Namespace) -> int:
    try:
        found = queues.queues()
    except queues.PrintingFailed as error:
        return refuse(args, error)
    lines = [_("{name}{default}: {takes}, {resolution}").format(
        name=queue.name, default=_(" (default)") if queue.default else "",
        takes=_("raw (ZPL)") if queue.raw else _("PDF"),
        resolution=_("{dpi} dpi").format(dpi=queue.resolution) if queue.resolution else _("resolution not stated"))
        for queue in found]
    emit(args, {"ok": True, "printers": [{"name": queue.name, "default": queue.default, "raw": queue.raw,
                                          "dpi": queue.resolution} for queue in found]},
         "\n".join(lines) if lines else _("No printers are set up in CUPS."))
    return EXIT_OK
