"""Reading one sheet of an .xlsx workbook with openpyxl (read-only, cached values, defusedxml for the XML).

The ZIP container is checked first, so an archive that would unpack to gigabytes, an OpenDocument sheet or a
Word document is refused with a message before openpyxl sees it. Any error openpyxl raises on a damaged file
becomes a FileProblem; openpyxl's warnings about unsupported Excel features are not the user's concern.
"""

from __future__ import annotations

import contextlib
import io
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from models.core.i18n import _
from models.core.text import clean
from models.imports.sniffing import FileProblem

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
"""A workbook whose parts unpack to more than this is refused (a "ZIP bomb" or far too big a list): a list of
200,000 people as Excel saves it unpacks to about 100 MB."""

Values = Iterator[tuple[Any, ...]]


@contextlib.contextmanager
def open_sheet(data: bytes, sheet: str | None) -> Iterator[tuple[str, tuple[str, ...], Values]]:
    """Yield (sheet name, all sheet names, rows of cell values from row 1); the first sheet unless named."""
    _check_container(data)
    import openpyxl  # here, not at the top: a third of a second that only reading a workbook should pay

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged workbook can fail anywhere inside openpyxl
        raise FileProblem(_("The Excel workbook is damaged and cannot be read ({reason}).").format(
            reason=_describe(exc))) from None
    try:
        names = tuple(book.sheetnames)
        name = _choose(names, sheet)
        worksheet = book[name]
        if not hasattr(worksheet, "reset_dimensions"):
            raise FileProblem(_("Sheet {sheet} is a chart, not a table.").format(sheet=name))
        worksheet.reset_dimensions()  # the stored size can be wrong; it would silently cut rows off
        yield name, names, _quiet(worksheet.iter_rows(min_row=1, values_only=True))
    finally:
        book.close()


def _check_container(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileProblem(_("The file looks like an Excel workbook but is damaged (an incomplete download "
                            "or copy?).")) from None
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:100]:
            raise FileProblem(_("The file is an OpenDocument spreadsheet (.ods). Save it as Excel "
                                "Workbook (.xlsx) or as CSV."))
        if "word/document.xml" in names:
            raise FileProblem(_("The file is a Word document, not a CSV or Excel (.xlsx) file."))
        raise FileProblem(_("The file is a ZIP archive, not a CSV or Excel (.xlsx) file."))
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise FileProblem(_("The workbook unpacks to more than {limit} MB; it is too large to import. "
                            "Split the list into several files.").format(limit=MAX_UNPACKED_BYTES // 2**20))


def _choose(names: tuple[str, ...], wanted: str | None) -> str:
    if not names:
        raise FileProblem(_("The workbook has no sheets."))
    if wanted is None:
        return names[0]
    if wanted in names:
        return wanted
    folded = {clean(name).casefold(): name for name in names}
    found = folded.get(clean(wanted).casefold())
    if found is None:
        raise FileProblem(_("The workbook has no sheet named {sheet}. Its sheets: {sheets}.").format(
            sheet=wanted, sheets=", ".join(names)))
    return found


def _quiet(rows: Values) -> Values:
    """Iterate openpyxl's rows with warnings silenced and every error turned into a FileProblem."""
    while True:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                row = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - as above, while the rows are parsed
            raise FileProblem(_("The Excel workbook is damaged and cannot be read ({reason}).").format(
                reason=_describe(exc))) from None
        yield row


def _describe(exc: Exception) -> str:
    """The error in one line (a problem is printed on one line), at most about 200 characters."""
    text = clean(str(exc))
    text = text if len(text) <= 200 else text[:199] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
