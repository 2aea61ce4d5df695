"""`labels`: package labels of a campaign from the database, as the stations print them. No Qt imported.

    uv run main.py labels --db PATH --campaign NAME --out FILE.pdf [--layout 100x150|4x6|a6|a4-8|a4-21]
                          [--start N] [--packages all|sealed|CODE...] [--lang uk] [--dpi 300]

It needs the database and the printing layer together, so it sits in the top layer (the models layer may not
import printing, and printing may not reach the database).
"""

from __future__ import annotations

import argparse

from app.cli.documents import add_label_arguments, write_label_files
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, emit, run_with_workspace
from app.workspace import Workspace
from models.campaigns import reference
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.core.types import Campaign
from printing.documents import LabelData
from printing.labels import label_for_package


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("labels", help="print the package labels of a campaign to a PDF",
                                   description="Write package labels from the database: every planned package, "
                                               "only sealed ones, or the packages whose codes are given.")
    add_db_argument(parser)
    parser.add_argument("--campaign", required=True, help="campaign name")
    parser.add_argument("--packages", nargs="+", default=["all"], metavar="all|sealed|CODE",
                        help="which packages (default all)")
    add_label_arguments(parser, language=None)
    parser.set_defaults(handler=run_labels)


def run_labels(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        campaign = reference.get_campaign(workspace.db, args.campaign)
        language = args.lang or campaign.label_language  # the campaign's label language unless told
        labels = campaign_labels(workspace, campaign, args.packages, language)
        if not labels:
            raise RefusedInput(_("No package of campaign {campaign} matches.").format(campaign=campaign.name))
        written = write_label_files(labels, args, language)
        emit(args, {"ok": True, "labels": len(labels), "files": written},
             _("Wrote {count} labels to {files}").format(count=len(labels), files=", ".join(written)))
        return EXIT_OK

    return run_with_workspace(args, action)


def campaign_labels(workspace: Workspace, campaign: Campaign, which: list[str], language: str) -> list[LabelData]:
    """Labels for `all` planned packages, the `sealed` ones, or the package codes listed (each checked).

    A package whose label was printed before gets the next "COPY n" mark."""
    if which in (["all"], ["sealed"]):
        package_ids = reference.package_ids(workspace.db, campaign, sealed_only=which == ["sealed"])
    else:
        package_ids = [reference.package_id_of(workspace.db, campaign, raw) for raw in which]
    scans = workspace.scan_service()
    views = (scans.package_view(package_id, recent_events=0) for package_id in package_ids)
    return [label_for_package(view, campaign.name, view.label_copies, language) for view in views if view]
