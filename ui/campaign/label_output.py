"""Where a printed document goes: straight to the configured label printer (no dialog; the PDF itself, through
CUPS), or, with no printer set, into a PDF file beside the database (`labels/`), so nothing is lost when no
printer is attached. A printer that refuses the job is named with its reason, and the file is saved."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from models.campaigns.queries import RecipientQueries
from models.core import settings as declared
from models.core.files import write_private
from models.core.i18n import _
from models.core.settings import Settings
from models.packing.letters import Letter
from printing import queues
from printing.documents import LetterLabelData


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


def letter_labels(letters: Sequence[Letter], queries: RecipientQueries, campaign: str) -> list[LetterLabelData]:
    """The envelope labels of these letters: whom each is for, and the package it goes into."""
    labels = []
    for letter in letters:
        detail = queries.detail(letter.recipient_id)
        if detail is None:
            continue
        surname, given, patronymic = detail.name_parts
        labels.append(LetterLabelData(letter.code, surname, given, patronymic, detail.row.place, campaign,
                                      detail.row.package_code, detail.row.number))
    return labels
