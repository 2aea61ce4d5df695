"""Dates from date cells or from text written `dd.mm.yyyy` or `yyyy-mm-dd`.

Two-digit years and `dd/mm/yyyy` are refused rather than guessed: `01/02/1985` is the 1st of February in
Kyiv and the 2nd of January in an American copy of Excel.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from models.core.i18n import _
from models.imports.cells import CellError, text
from models.imports.readers import Cell

EARLIEST_BIRTH_YEAR = 1901
_MIDNIGHT = r"(?:[ T]0?0:00(?::00(?:\.0+)?)?)?"
_DAY_FIRST = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _MIDNIGHT)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _MIDNIGHT)


def format_date(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def parse_date(cell: Cell) -> date | None:
    """A real calendar date, or None for an empty cell; CellError for anything else."""
    if cell is None:
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, (bool, int, float)):
        raise CellError(_("The cell holds the number {value}, not a date. Format the column as Date in Excel, "
                          "or write dates as dd.mm.yyyy.").format(value=cell))
    if not isinstance(cell, str):
        raise CellError(_("The cell holds a time, not a date."))
    value = text(cell)
    if not value:
        return None
    if len(value) == 10 and value[2] == value[5] == "." and value.isascii() and value.replace(".", "").isdigit():
        day, month, year = int(value[:2]), int(value[3:5]), int(value[6:])  # the usual case, without a regex
    elif match := _DAY_FIRST.fullmatch(value):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.fullmatch(value):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise CellError(_("{value} is not a date written as dd.mm.yyyy or yyyy-mm-dd.").format(value=value))
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(_("{value} is not a real date.").format(value=value)) from None


def parse_birth_date(cell: Cell, today: date) -> date | None:
    """A date of birth: a real date, not in the future, in 1901 or later."""
    born = parse_date(cell)
    if born is None:
        return None
    if born > today:
        raise CellError(_("The date of birth {date} is in the future.").format(date=format_date(born)))
    if born.year < EARLIEST_BIRTH_YEAR:
        raise CellError(_("The date of birth {date} is before {year}.").format(
            date=format_date(born), year=EARLIEST_BIRTH_YEAR))
    return born
