"""`labels`: package labels of a campaign from the database, as the stations print them. No Qt imported.

    uv run main.py labels --db PATH --campaign NAME --out FILE.pdf [--layout 100x150|4x6|a6|a4-8|a4-21]
                          [--start N] [--packages all|sealed|CODE...] [--lang uk] [--dpi 300]

It needs the database and the printing layer together, so it sits in the top layer (the models layer may not
import printing, and printing may not reach the database).
"""

from __future__ import annotations

import argparse

from app.cli.commands import command_help
from app.cli.destination import Delivered, add_destination_arguments, add_label_arguments, deliver_pdf
from app.cli.documents import write_label_files
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, emit, read_pin, run_with_workspace
from app.workspace import Workspace
from models.campaigns import reference
from models.campaigns.reference import PackageChoice
from models.core.errors import RefusedInput
from models.core.i18n import LANGUAGES, _
from models.core.types import Campaign
from printing.documents import LabelData
from printing.slips import render_slips


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("labels", help=command_help("labels"),
                                   description="Write package labels from the database: every planned package, "
                                               "only sealed ones, or the packages whose codes are given.")
    _package_arguments(parser, "all", "which packages (default all; planned: never opened, the labels printed "
                                      "in advance)")
    add_label_arguments(parser, language=None)
    parser.set_defaults(handler=run_labels)

    slips = subparsers.add_parser("slips", help=command_help("slips"),
                                  description="Write the content slip (A6: what went into the package) of every "
                                              "sealed package chosen, as printed at sealing.")
    _package_arguments(slips, "sealed", "which packages (default: every sealed one)")
    add_destination_arguments(slips, _("PDF file to write"))
    slips.add_argument("--lang", choices=LANGUAGES, default=None,
                       help="document language (default: the campaign's label language)")
    slips.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    slips.set_defaults(handler=run_slips)

    reprint = subparsers.add_parser("reprint", help=command_help("reprint"),
                                    description="Print the label of a sealed package again and record it (a lost "
                                                "label, or one a list correction made stale: the station refuses "
                                                "the old label until the new one is printed).")
    add_db_argument(reprint)
    reprint.add_argument("package", metavar="CODE", help="the package's code")
    reprint.add_argument("--station", required=True, help="this station's name")
    reprint.add_argument("--user", required=True, help="name of the signed-in user")
    reprint.add_argument("--pin", default=None, help=_("the user's PIN (or set PACKLINE_PIN)"))
    add_label_arguments(reprint, language=None)
    reprint.set_defaults(handler=run_reprint)


def run_labels(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        campaign = reference.get_campaign(workspace.db, args.campaign)
        language = args.lang or campaign.label_language  # the campaign's label language unless told
        labels = campaign_labels(workspace, campaign, args.packages, language, args.numbers)
        if not labels:
            raise RefusedInput(_("No package of campaign {campaign} matches.").format(campaign=campaign.name))
        delivered = write_label_files(labels, args, language)
        emit(args, {"ok": True, "labels": len(labels), **delivered.payload()},
             _("{count} labels. {where}").format(count=len(labels), where=delivered.text()))
        return EXIT_OK

    return run_with_workspace(args, action)


def run_reprint(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        station = workspace.station_service().ensure(args.station)
        user = workspace.user_service().sign_in(args.user, read_pin(args.pin))
        outcome = workspace.scan_service().reprint_package(station, user, args.package, language=args.lang)
        if not outcome.accepted or outcome.package_id is None:
            raise RefusedInput(outcome.message)
        campaign = workspace.campaign_of_package(outcome.package_code or args.package)
        language = args.lang or campaign.label_language
        delivered = write_label_files(workspace.package_labels(campaign, [outcome.package_id], language), args,
                                      language)
        emit(args, {"ok": True, "package": outcome.package_code, **delivered.payload()},
             f"{outcome.message}\n" + delivered.text())
        return EXIT_OK

    return run_with_workspace(args, action, records_events=True)


def _package_arguments(parser: argparse.ArgumentParser, default: str, text: str) -> None:
    """The database, the campaign and which of its packages (by choice or code, and by list numbers)."""
    add_db_argument(parser)
    parser.add_argument("--campaign", required=True, help="campaign name")
    parser.add_argument("--packages", nargs="+", default=[default], metavar="all|planned|sealed|CODE", help=text)
    parser.add_argument("--numbers", type=number_range, default=None, metavar="FROM-TO",
                        help="only the recipients with these list numbers")


def run_slips(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        campaign = reference.get_campaign(workspace.db, args.campaign)
        slips = workspace.package_slips(campaign, chosen_ids(workspace, campaign, args.packages, args.numbers))
        if not slips:
            raise RefusedInput(_("No sealed package of campaign {campaign} matches.").format(campaign=campaign.name))
        delivered = Delivered()
        deliver_pdf(args, render_slips(slips, language=args.lang or campaign.label_language), _("Content slips"),
                    delivered)
        emit(args, {"ok": True, "slips": len(slips), **delivered.payload()},
             _("{count} content slips. {where}").format(count=len(slips), where=delivered.text()))
        return EXIT_OK

    return run_with_workspace(args, action)


def chosen_ids(workspace: Workspace, campaign: Campaign, which: list[str],
               numbers: tuple[int, int] | None) -> list[int]:
    """`all`, `planned` or `sealed` packages (in a range of list numbers when given), or the codes listed."""
    choices = [choice.value for choice in PackageChoice]
    if len(which) == 1 and which[0] in choices:
        return workspace.chosen_packages(campaign, PackageChoice(which[0]), numbers)
    return workspace.chosen_packages(campaign, PackageChoice.ALL, codes=which)


def campaign_labels(workspace: Workspace, campaign: Campaign, which: list[str], language: str,
                    numbers: tuple[int, int] | None = None) -> list[LabelData]:
    """Labels for `all` packages, the `planned` (never opened) or `sealed` ones, or the package codes listed
    (each checked); only list numbers in `numbers` when given. A package whose label was printed before gets
    the next "COPY n" mark."""
    return workspace.package_labels(campaign, chosen_ids(workspace, campaign, which, numbers), language)


def number_range(text: str) -> tuple[int, int]:
    """"120-180" (or a single number) as the list numbers from and to."""
    first, _dash, last = text.replace("–", "-").partition("-")
    try:
        return int(first), int(last or first)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected list numbers as FROM-TO, got {text}").format(text=text)) from None
