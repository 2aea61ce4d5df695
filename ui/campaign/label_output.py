"""Where a printed document goes: straight to the configured label printer (no dialog; the PDF itself, through
CUPS), or, with no printer set, into a PDF file beside the database (`labels/`), so nothing is lost when no
printer is attached. A printer that refuses the job is named with its reason, and the file is saved."""

from __future__ import annotations

from pathlib import Path

from models.core import settings as declared
from models.core.files import write_private
from models.core.i18n import _
from models.core.settings import Settings
from printing import queues


def save_or_print(pdf: bytes, name: str, folder: Path, printer_name: str = "") -> str:
    """Print on `printer_name` if set, else save `folder/labels/name.pdf`; says which (and why a printer that
    refused it did)."""
    refused = ""
    if printer_name:
        try:
            queues.print_pdf(printer_name, pdf, name)
            return printer_name
        except queues.PrintingFailed as error:
            refused = str(error)
    target = folder / "labels" / f"{name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_private(target, pdf)
    if refused:
        return _("{file} (printer {printer} did not take it: {reason})").format(file=target, printer=printer_name,
                                                                              reason=refused)
    return str(target)


def send_as_configured(pdf: bytes, name: str, settings: Settings, folder: Path) -> str:
    """`save_or_print` on the printer Settings name (what the station's labels use)."""
    return save_or_print(pdf, name, folder, settings.get(declared.PRINTER_NAME))
