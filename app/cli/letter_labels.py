"""`letters labels`: the envelope labels of a campaign's family letters (registered by `app.cli.packing_admin`).

    uv run main.py letters labels --db PATH [--campaign NAME] [CODE ...] (--out FILE | --printer NAME)
        [--layout a4-21] [--start N] [--format pdf|zpl] [--dpi 203|300] [--lang uk]
"""

from __future__ import annotations

import argparse

from app.cli.destination import ZPL, Delivered, add_label_arguments, deliver_labels
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, emit, run_with_workspace
from app.workspace import Workspace
from models.core.codes import normalise
from models.core.errors import RefusedInput
from models.core.i18n import _, translator


def register(letters: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = letters.add_parser("labels", help=_("print letter labels (to a PDF file or a printer, PDF or ZPL)"))
    add_db_argument(parser)
    parser.add_argument("--campaign", default=None, help=_("campaign name (default: the station's)"))
    parser.add_argument("codes", nargs="*", metavar="CODE", help=_("these letters only (default: every letter)"))
    add_label_arguments(parser, language=None, layout="a4-21")
    parser.set_defaults(handler=run_letters_labels)


def run_letters_labels(args: argparse.Namespace) -> int:
    from app.cli.output import campaign_id
    from printing.labels import render_sheets
    from printing.layout import get_layout
    from printing.letters import LetterLabels, letter_labels
    from printing.zpl import render_zpl

    def action(workspace: Workspace) -> int:
        wanted = campaign_id(workspace, args.campaign)
        campaign = next(found for found in workspace.campaigns() if found.id == wanted)
        letters = workspace.letter_service().letters(campaign.id)
        if args.codes:
            codes = [normalise(code) for code in args.codes]
            unknown = sorted(set(codes) - {letter.code for letter in letters})
            if unknown:
                raise RefusedInput(_("No letter of campaign {campaign} has the code {codes}.").format(
                    campaign=campaign.name, codes=", ".join(unknown)))
            letters = [letter for letter in letters if letter.code in codes]
        labels = letter_labels(letters, workspace.recipient_queries(), campaign.name)
        if not labels:
            raise RefusedInput(_("Campaign {campaign} has no letters to label.").format(campaign=campaign.name))
        drawer = LetterLabels(get_layout(args.layout), args.dpi, translator(args.lang or campaign.label_language))
        data = render_zpl(labels, drawer) if args.format == ZPL else render_sheets(labels, drawer, args.start)
        delivered = Delivered()
        deliver_labels(args, data, _("Letter labels"), delivered)
        emit(args, {"ok": True, "labels": len(labels), **delivered.payload()},
             _("{count} letter labels. {where}").format(count=len(labels), where=delivered.text()))
        return EXIT_OK

    return run_with_workspace(args, action)
