"""Where a command's document goes: a file (`--out`) or a printer (`--printer`, a CUPS queue), one or the other.

Printing goes through `printing.queues` (CUPS's `lp`), headless: the PDF is sent as it is, vector bars and
all, at its own page size, so what a printer receives is what `--out` would have written.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from models.core.files import write_private
from models.core.i18n import _
from printing import queues


def add_destination_arguments(parser: argparse.ArgumentParser, out_help: str) -> None:
    """--out FILE or --printer NAME, exactly one of them."""
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help=out_help)
    where.add_argument("--printer", metavar="NAME",
                       help=_("print on this printer (a CUPS queue; `printers` lists them) instead of writing a file"))


@dataclass
class Delivered:
    """What a command sent where: the files written, or the print jobs queued."""

    files: list[str] = field(default_factory=list)
    jobs: list[str] = field(default_factory=list)

    def payload(self) -> dict[str, list[str]]:
        """{"jobs": [...]} when printed, else {"files": [...]}."""
        return {"jobs": self.jobs} if self.jobs else {"files": self.files}

    def text(self) -> str:
        if self.jobs:
            return _("Sent to the printer: {jobs}").format(jobs=", ".join(self.jobs))
        return _("Written: {files}").format(files=", ".join(self.files))


def deliver_pdf(args: argparse.Namespace, pdf: bytes, title: str, delivered: Delivered,
                path: Path | None = None) -> None:
    """Print `pdf` on `args.printer`, or write it to `path` (default `args.out`); labels and manifests carry
    personal data, so a file is written owner-only."""
    _deliver(args, pdf, title, delivered, path, raw=False)


def deliver_labels(args: argparse.Namespace, data: bytes, title: str, delivered: Delivered,
                   path: Path | None = None) -> None:
    """`deliver_pdf` for labels in the format `--format` chose: ZPL goes to a printer untouched (a raw queue)."""
    _deliver(args, data, title, delivered, path, raw=args.format == ZPL)


def _deliver(args: argparse.Namespace, data: bytes, title: str, delivered: Delivered, path: Path | None,
             raw: bool) -> None:
    if args.printer:
        send = queues.print_raw if raw else queues.print_pdf
        delivered.jobs.append(send(args.printer, data, title))
        return
    target = path if path is not None else args.out
    write_private(target, data)
    delivered.files.append(str(target))


ZPL = "zpl"


def add_format_argument(parser: argparse.ArgumentParser) -> None:
    """--format pdf|zpl: the labels as PDF, or in a Zebra-compatible label printer's own language."""
    parser.add_argument("--format", choices=("pdf", ZPL), default="pdf",
                        help=_("pdf (any printer) or zpl (a Zebra-compatible label printer: its own barcode "
                               "command, on a raw queue or into a file); zpl takes roll layouts only"))
