"""Where a printed document goes: straight to the configured label printer (no dialog; the PDF itself, through
CUPS), or, with no printer set, into a PDF file beside the database (`labels/`), so nothing is lost when no
printer is attached. A printer that refuses the job is named with its reason, and the file is saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from models.core import settings as declared
from models.core.errors import RefusedInput
from models.core.files import write_private
from models.core.i18n import _
from models.core.settings import Settings
from printing import queues


def save_or_print(pdf: bytes, name: str, folder: Path, printer_name: str = "") -> str:
    """Print on `printer_name` if set, else save `folder/labels/name.pdf`; says which (and why a printer that
    refused it did)."""
    if printer_name:
        try:
            queues.print_pdf(printer_name, pdf, name)
            return printer_name
        except queues.PrintingFailed as error:
            return _saved(pdf, name, folder, _("{file} (printer {printer} did not take it: {reason})"), printer_name,
                          str(error))
    return _saved(pdf, name, folder, "{file}", "", "")


def _saved(pdf: bytes, name: str, folder: Path, said: str, printer: str, reason: str) -> str:
    target = folder / "labels" / f"{name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_private(target, pdf)
    return said.format(file=target, printer=printer, reason=reason)


def send_as_configured(pdf: bytes, name: str, settings: Settings, folder: Path,
                       zpl: Callable[[], bytes] | None = None) -> str:
    """`save_or_print` on the printer Settings name (what the station's labels use). When that printer takes
    ZPL (Settings > Printer language), labels that have a ZPL form (`zpl`) go to it as ZPL; a document without
    one is refused by its raw queue, named, and saved as PDF."""
    printer = settings.get(declared.PRINTER_NAME)
    if printer and zpl is not None and settings.get(declared.PRINTER_LANGUAGE) == "zpl":
        try:
            queues.print_raw(printer, zpl(), name)
            return printer
        except RefusedInput as refused:
            return _saved(pdf, name, folder, _("{file} (printer {printer} did not take it: {reason})"), printer,
                          str(refused))
    return save_or_print(pdf, name, folder, printer)
