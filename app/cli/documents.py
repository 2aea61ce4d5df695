"""Headless printing sub-commands of `main.py`: the command sheet and sample documents from demo data.

    uv run main.py commands --out commands.pdf [--lang uk]          (also: command-sheet)
    uv run main.py scanner-sheet --out scanner-test.pdf [--lang ru]   (for Settings > Test a scanner)
    uv run main.py sample-labels --out labels.pdf [--layout 100x150|4x6|a6|a4-8|a4-21] [--count N] [--start N]
    uv run main.py sample-documents --out-dir DIR [--lang ru]

Exit codes as in models/cli: 0 done, 2 refused input (reason on stderr), 1 internal error (main.py).
The codes are repeated here because app.cli.output opens databases, which printing never imports.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

from app.cli.commands import command_help
from app.cli.destination import (
    ZPL,
    Delivered,
    add_destination_arguments,
    add_label_arguments,
    common_document_arguments,
    deliver_labels,
    deliver_pdf,
    positive,
)
from models.core.errors import RefusedInput
from models.core.files import write_private
from models.core.i18n import _, translator
from printing import demo
from printing.cartons import render_carton_labels
from printing.commands import render_command_sheet
from printing.documents import LabelData
from printing.labels import PackageLabels, file_sizes, render_label_files
from printing.layout import get_layout
from printing.letters import render_letter_labels
from printing.manifest import render_manifest
from printing.scanner_sheet import render_scanner_sheet
from printing.slips import render_slips
from printing.zpl import render_zpl

EXIT_OK = 0
EXIT_REFUSED = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    sheet = subparsers.add_parser("commands", aliases=["command-sheet"],
                                  help=command_help("commands"),
                                  description=_("Write the command sheet (Seal, Undo last, Acknowledge, Reprint "
                                                "label, Next package, Call supervisor) as a PDF."))
    add_destination_arguments(sheet, _("PDF file to write"))
    common_document_arguments(sheet, dpi=300, sheet=True)
    sheet.set_defaults(handler=run_command_sheet)

    scanner = subparsers.add_parser("scanner-sheet", help=command_help("scanner-sheet"),
                                    description=_("Write the A4 sheet whose code the scanner test (Settings > Test "
                                                  "a scanner) reads, to tell what to set on a scanner."))
    add_destination_arguments(scanner, _("PDF file to write"))
    common_document_arguments(scanner, dpi=300, sheet=True)
    scanner.set_defaults(handler=run_scanner_sheet)

    labels = subparsers.add_parser("sample-labels", help=command_help("sample-labels"),
                                   description=_("Write package labels for made-up recipients, to try a printer "
                                                 "and a label layout. More than 1,000 labels go into numbered files."))
    labels.add_argument("--count", type=positive, default=8, help=_("number of labels (default 8)"))
    add_label_arguments(labels)
    labels.set_defaults(handler=run_sample_labels)

    documents = subparsers.add_parser("sample-documents", help=command_help("sample-documents"),
                                      description=_("Write sample package, letter and carton labels, content slips, "
                                                    "the command sheet and a handover manifest into a folder."))
    documents.add_argument("--out-dir", type=Path, required=True, help=_("folder to write the PDFs into"))
    documents.add_argument("--manifest-lines", type=positive, default=40, help=_("lines in the sample manifest"))
    common_document_arguments(documents, dpi=203)
    documents.set_defaults(handler=run_sample_documents)


def _run(args: argparse.Namespace, work: Callable[[], tuple[dict[str, Any], str]]) -> int:
    try:
        payload, text = work()
    except (ValueError, OSError, RefusedInput) as error:
        if args.json:
            print(json.dumps({"ok": False, "error": str(error)}, ensure_ascii=False, indent=2))
        print(str(error), file=sys.stderr)
        return EXIT_REFUSED
    print(json.dumps({"ok": True, **payload}, ensure_ascii=False, indent=2) if args.json else text)
    return EXIT_OK


def run_command_sheet(args: argparse.Namespace) -> int:
    def work() -> tuple[dict[str, Any], str]:
        delivered = Delivered()
        deliver_pdf(args, render_command_sheet(args.lang, dpi=args.dpi), _("Command sheet"), delivered)
        text = (_("Sent the command sheet to the printer: {jobs}") if delivered.jobs else
                _("Wrote the command sheet to {path}")).format(jobs=", ".join(delivered.jobs), path=args.out)
        return delivered.payload(), text

    return _run(args, work)


def run_scanner_sheet(args: argparse.Namespace) -> int:
    def work() -> tuple[dict[str, Any], str]:
        delivered = Delivered()
        deliver_pdf(args, render_scanner_sheet(args.lang, dpi=args.dpi), _("Scanner test sheet"), delivered)
        text = (_("Sent the scanner test sheet to the printer: {jobs}") if delivered.jobs else
                _("Wrote the scanner test sheet to {path}")).format(jobs=", ".join(delivered.jobs), path=args.out)
        return delivered.payload(), text

    return _run(args, work)


def _part_path(out: Path, part: int, parts: int) -> Path:
    return out if parts == 1 else out.with_name(f"{out.stem}-{part:03d}{out.suffix}")


def write_label_files(labels: Sequence[LabelData], args: argparse.Namespace, language: str) -> Delivered:
    """Write `labels` to `args.out`, or print them on `args.printer` (numbered files or jobs of about 1,000
    labels for long runs, progress on stderr) with the layout, start position and dpi the arguments name."""
    layout = get_layout(args.layout)
    sizes = file_sizes(len(labels), layout, args.start)
    delivered = Delivered()
    if args.format == ZPL:
        drawer = PackageLabels(layout, args.dpi, translator(language))
        bounds = pairwise([0, *accumulate(sizes)])
        chunks: Iterator[bytes] = (render_zpl(labels[start:end], drawer) for start, end in bounds)
    else:
        chunks = render_label_files(labels, layout, dpi=args.dpi, start_position=args.start, language=language)
    parts = len(sizes)
    for part, data in enumerate(chunks, start=1):
        path = _part_path(args.out, part, parts) if args.out else None
        deliver_labels(args, data, _("Labels {part} of {parts}").format(part=part, parts=parts), delivered, path)
        if parts > 1:
            print(_("{part}/{parts} done ({where})").format(part=part, parts=parts, where=delivered.text()),
                  file=sys.stderr)
    return delivered


def run_sample_labels(args: argparse.Namespace) -> int:
    def work() -> tuple[dict[str, Any], str]:
        layout = get_layout(args.layout)
        labels = demo.labels(args.count, copy_every=5)
        delivered = write_label_files(labels, args, args.lang)
        text = _("{count} sample labels ({layout}). {where}").format(count=len(labels), layout=layout.key,
                                                                   where=delivered.text())
        return {**delivered.payload(), "labels": len(labels), "layout": layout.key}, text

    return _run(args, work)


def run_sample_documents(args: argparse.Namespace) -> int:
    def work() -> tuple[dict[str, Any], str]:
        out: Path = args.out_dir
        lang, dpi = args.lang, args.dpi
        documents = {
            "labels-100x150.pdf": lambda: next(render_label_files(demo.labels(11, 4), "100x150", dpi=dpi,
                                                                  language=lang)),
            "labels-a4-21.pdf": lambda: next(render_label_files(demo.labels(21, 4), "a4-21", dpi=dpi,
                                                                start_position=4, language=lang)),
            "letter-labels.pdf": lambda: render_letter_labels(demo.letter_labels(11), dpi=dpi, language=lang),
            "carton-labels.pdf": lambda: render_carton_labels(demo.cartons(8), dpi=dpi, language=lang),
            "content-slips.pdf": lambda: render_slips([demo.slip(0), demo.slip(7)], language=lang),
            "command-sheet.pdf": lambda: render_command_sheet(lang),
            "manifest.pdf": lambda: render_manifest(demo.manifest(args.manifest_lines), lang),
        }
        written = []
        for name, render in documents.items():
            write_private(out / name, render())
            written.append(str(out / name))
        return {"files": written}, _("Wrote {files}").format(files=", ".join(written))

    return _run(args, work)
