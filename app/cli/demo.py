"""`main.py demo`: create the demo campaign in a database."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, add_json_argument, emit, run_with_workspace
from app.workspace import Workspace
from models.demo.campaign import DemoSummary, create_demo


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help=command_help("demo"),
        description="Create a demo campaign: about 40 catalog items, a 12-line template, invented Russian and "
                    "Ukrainian recipients with planned packages, and donated stock that is short on two items.",
    )
    add_db_argument(parser)
    parser.add_argument("--recipients", type=_positive, default=2000, help="number of recipients (default 2000)")
    parser.add_argument("--campaign", default="Demo", help="campaign name (default: Demo)")
    parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same data")
    add_json_argument(parser)
    parser.set_defaults(handler=run)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        summary = create_demo(workspace.db, args.campaign, recipients=args.recipients, seed=args.seed)
        emit(args, payload(summary), text(summary))
        return EXIT_OK

    return run_with_workspace(args, action)


def payload(summary: DemoSummary) -> dict[str, Any]:
    data = asdict(summary)
    data["campaign"] = {"id": summary.campaign.id, "name": summary.campaign.name,
                        "target_count": summary.campaign.target_count}
    for short, item in zip(data["short_items"], summary.short_items, strict=False):
        short["missing"] = item.missing
    return {"ok": True, **data}


def text(summary: DemoSummary) -> str:
    lines = [
        f"Created campaign {summary.campaign.name}: {summary.recipients} recipients with planned packages, "
        f"{summary.items} catalog items ({summary.items_created} new, {summary.barcodes} barcodes), "
        f"a template of {summary.template_lines} lines, {summary.stock_receipts} stock receipts.",
        "Short on:",
    ]
    lines += [f"  {s.name}: {s.needed} needed, {s.received} received, {s.substitutes_received} of substitutes, "
              f"{s.missing} missing" for s in summary.short_items]
    return "\n".join(lines)
