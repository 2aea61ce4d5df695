"""CSV files that are safe to open in a spreadsheet.

Names and notes come from the mediator's list and from people; a cell that starts with `=`, `+`, `-`, `@`,
Tab or CR is a formula to Excel and LibreOffice (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`). Every CSV Packline
writes goes through `csv_bytes`, which puts an apostrophe in front of such a cell (the OWASP rule): the
spreadsheet shows the text as it was typed and runs nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows: Iterable[Sequence[object]], *, delimiter: str = ";") -> bytes:
    """UTF-8 with a BOM (Excel then reads it as UTF-8), CRLF line ends, every cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
