"""Where a command's document goes: a file (`--out`) or a printer (`--printer`, a CUPS queue), one or the other.

Printing goes through `printing.queues` (CUPS's `lp`), headless: the PDF is sent as it is, vector bars and
all, at its own page size, so what a printer receives is what `--out` would have written.
"""

from __future__ import annotations

import argparse
import stat
from dataclasses import dataclass, field
from pathlib import Path

from models.core.files import write_private
from models.core.i18n import LANGUAGES, _
from models.core.settings import LABEL_LAYOUTS
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
    if raw and is_device(target):
        write_device(target, data)
    else:
        write_private(target, data)
    delivered.files.append(str(target))


def is_device(path: Path) -> bool:
    """A printer's device file (`/dev/usb/lp0`): written to as it is, not replaced by a new file."""
    try:
        return stat.S_ISCHR(path.stat().st_mode)
    except OSError:
        return False


def write_device(path: Path, data: bytes) -> None:
    """ZPL straight to a label printer's device, for a printer CUPS does not know."""
    try:
        with path.open("wb") as device:
            device.write(data)
    except OSError as error:
        raise queues.PrintingFailed(_("The printer at {device} could not be written to: {reason}").format(
            device=path, reason=error.strerror or error)) from error


ZPL = "zpl"


def add_label_arguments(parser: argparse.ArgumentParser, language: str | None = "en", layout: str = "100x150") -> None:
    """Where labels go and how: --out or --printer, --format, --layout, --start, --lang, --dpi, --json. Light to
    build (no printing module is imported), since `status`'s parser builds `letters labels` too."""
    add_destination_arguments(parser, _("file to write, PDF or ZPL (numbered files past 1,000)"))
    add_format_argument(parser)
    parser.add_argument("--layout", choices=LABEL_LAYOUTS, default=layout,
                        help=_("label layout (default {layout})").format(layout=layout))
    parser.add_argument("--start", type=positive, default=1, help=_("first free position on a partly used sheet"))
    common_document_arguments(parser, dpi=203, language=language)


def common_document_arguments(parser: argparse.ArgumentParser, dpi: int, language: str | None = "en", *,
                              sheet: bool = False) -> None:
    """--lang, --dpi and --json; `sheet`: an A4 sheet of its own (the command or scanner sheet), whose bars are
    laid on the grid --dpi names, not a label layout's."""
    parser.add_argument("--lang", choices=LANGUAGES, default=language,
                        help=_("document language (default en)") if language else
                        _("document language (default: the campaign's label language)"))
    add_dpi_argument(parser, dpi, _("printer dots per inch the sheet's bars are laid on (default {dpi})")
                     if sheet else None)
    parser.add_argument("--json", action="store_true", help=_("print one JSON document instead of text"))


def add_dpi_argument(parser: argparse.ArgumentParser, default: int = 203, text: str | None = None) -> None:
    """--dpi: the label printer's resolution (A4 label sheets are laid on an office printer's grid whatever it
    says); `text` ({dpi}: the default) says otherwise for a document that is laid on the grid --dpi names."""
    parser.add_argument("--dpi", type=int, choices=(203, 300), default=default,
                        help=(text or _("label printer dots per inch ({dpi}); A4 sheets are laid on an office "
                                        "printer's 600 dpi")).format(dpi=default))


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1"))
    return value


def add_format_argument(parser: argparse.ArgumentParser) -> None:
    """--format pdf|zpl: the labels as PDF, or in a Zebra-compatible label printer's own language."""
    parser.add_argument("--format", choices=("pdf", ZPL), default="pdf",
                        help=_("pdf (any printer) or zpl (a Zebra-compatible label printer: its own barcode "
                               "command, on a raw queue or into a file); zpl takes roll layouts only"))
