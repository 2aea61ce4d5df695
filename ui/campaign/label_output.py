"""Where a printed document goes: straight to the configured label printer (no dialog), or, with no printer
set, into a PDF file beside the database (`labels/`), so nothing is lost when no printer is attached."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from models.campaigns.queries import RecipientQueries
from models.core import settings as declared
from models.core.files import write_private
from models.core.settings import Settings
from models.packing.letters import Letter
from printing.documents import LetterLabelData
from ui.pdf_printing import named_printer, print_pdf


def save_or_print(pdf: bytes, name: str, folder: Path, printer_name: str = "", dpi: int = 203) -> str:
    """Print on `printer_name` if set and present, else save `folder/labels/name.pdf`; says which."""
    printer = named_printer(printer_name, dpi) if printer_name else None
    if printer is not None and print_pdf(pdf, printer):
        return printer_name
    target = folder / "labels" / f"{name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_private(target, pdf)
    return str(target)


def send_as_configured(pdf: bytes, name: str, settings: Settings, folder: Path) -> str:
    """`save_or_print` on the printer and resolution Settings name (what the station's labels use)."""
    return save_or_print(pdf, name, folder, settings.get(declared.PRINTER_NAME),
                         int(settings.get(declared.PRINTER_DPI)))


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
