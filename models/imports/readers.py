"""CSV and XLSX files as rows of cells, each row with its number as a spreadsheet shows it (first row = 1).

Blank rows are skipped but keep their place in the numbering. Reading stops with a FileProblem past
MAX_ROWS, so a runaway file cannot eat the memory of the station.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import monotonic

from models.core.i18n import _
from models.imports import sniffing, workbook
from models.imports.sniffing import FileProblem

Cell = str | int | float | bool | datetime | date | time | timedelta | None

MAX_ROWS = 200_000
"""Rows of data accepted from one file."""
MAX_COLUMNS = 100
"""Cells accepted in one row (a list has about ten columns)."""
MAX_SECONDS = 120.0
"""Reading one file may take this long; a file that takes longer is refused (a crafted workbook can be slow to
parse however small it is)."""


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class SourceInfo:
    """What was detected about a file, for the import wizard and the report."""

    file: str
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = field(default_factory=tuple)


class RowProblem(FileProblem):
    """Reading stopped at a row (for example a CSV quote that is never closed)."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row


@contextlib.contextmanager
def open_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[SourceInfo, Iterator[Row]]]:
    """Open a CSV or XLSX file (decided by content) and yield its description and its non-blank rows."""
    try:
        size = path.stat().st_size
        if size > sniffing.MAX_FILE_BYTES:
            raise FileProblem(_("The file is {size} MB; files over {limit} MB are not accepted. Split the "
                                "list into several files.").format(size=size // 2**20,
                                                                  limit=sniffing.MAX_FILE_BYTES // 2**20))
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileProblem(_("The file does not exist.")) from None
    except IsADirectoryError:
        raise FileProblem(_("This is a folder, not a file.")) from None
    except OSError as exc:
        raise FileProblem(_("The file cannot be read: {reason}").format(reason=exc.strerror or exc)) from None
    kind = sniffing.sniff_format(data)
    if kind == sniffing.XLSX:
        with workbook.open_sheet(data, sheet) as (name, names, values):
            info = SourceInfo(path.name, sniffing.XLSX, sheet=name, sheets=names)
            yield info, _limited(_numbered(values))
        return
    if sheet:
        raise FileProblem(_("A sheet was named, but the file is CSV text, which has no sheets."))
    decoded = sniffing.decode(data)
    del data
    text, delimiter = sniffing.strip_sep_line(decoded.text)
    delimiter = delimiter or sniffing.sniff_delimiter(text)
    info = SourceInfo(path.name, sniffing.CSV, encoding=decoded.encoding, delimiter=delimiter)
    yield info, _limited(_csv_rows(text, delimiter))


def _numbered(values: Iterator[tuple[Cell, ...]]) -> Iterator[Row]:
    for number, cells in enumerate(values, start=1):
        if any(cell is not None and (not isinstance(cell, str) or cell.strip()) for cell in cells):
            yield Row(number, cells)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
"""One line with its end, as `io.StringIO(text, newline="")` gives them (which copies the text at four bytes a
character: 24 MB for a list of 100,000 people)."""


def _csv_rows(text: str, delimiter: str) -> Iterator[Row]:
    reader = csv.reader((line.group() for line in _LINE.finditer(text)), delimiter=delimiter)
    number = 0
    while True:
        number += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RowProblem(number, _("The row cannot be read as CSV ({reason}); a quote mark may be "
                                       "missing.").format(reason=exc)) from None
        if any(cell.strip() for cell in record):
            yield Row(number, tuple(record))


def _limited(rows: Iterator[Row]) -> Iterator[Row]:
    """The rows, within the bounds of rows, columns and time."""
    deadline = monotonic() + MAX_SECONDS
    for count, row in enumerate(rows):
        if count > MAX_ROWS:  # the header plus MAX_ROWS rows of data are allowed
            raise FileProblem(_("The file has more than {limit} rows; split it into several files.").format(
                limit=MAX_ROWS))
        if len(row.cells) > MAX_COLUMNS and any(cell not in (None, "") for cell in row.cells[MAX_COLUMNS:]):
            raise RowProblem(row.number, _("The row has values in more than {limit} columns; a list has about "
                                           "ten.").format(limit=MAX_COLUMNS))
        if monotonic() > deadline:
            raise RowProblem(row.number, _("Reading the file took more than {seconds} seconds and was stopped; it "
                                           "is not a list this station can read.").format(seconds=int(MAX_SECONDS)))
        yield row
