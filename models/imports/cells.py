"""Turning one cell into a value, or a reason the cell is refused.

Numbers Excel stored as decimals or in scientific notation where digits were expected (a list number read as
`17.0`, a barcode shown as `4.60123E+12`) are refused, never repaired: the digits Excel dropped cannot be
recovered, and a guess would put a wrong barcode or number into the campaign.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from models.core.i18n import _
from models.core.text import clean
from models.imports.readers import Cell

EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!",
                          "#CALC!", "#GETTING_DATA"})
EXCEL_DIGITS = 15
"""Excel keeps 15 significant digits of a number; anything longer was rounded."""

MAX_TEXT = 1000
"""Characters accepted in one text cell: no name, place, category or note is that long; a longer one is a damaged or
hostile file (a million-character surname would reach every label and manifest)."""
MAX_WHOLE = 10**9
"""The largest count or weight (in grams) accepted."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (Tab and line ends apart, which the rules below deal with): never part of a name."""

_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_DECIMAL_ZERO = re.compile(r"[+-]?\d+[.,]0+")
_WHOLE = re.compile(r"[+-]?\d+")
_THOUSANDS = re.compile(r"(?<=\d)[\s\u00a0\u202f'](?=\d{3})")
_YES = frozenset({"yes", "y", "true", "1", "+", "да", "д", "так", "т", "истина", "правда"})
_NO = frozenset({"no", "n", "false", "0", "-", "нет", "н", "ні", "ложь", "хибність"})


class CellError(ValueError):
    """A cell cannot be used; the message says why, for a person."""


def excel_number(value: float) -> str:
    """A float roughly as Excel's General format shows it (4.60123E+12 for long numbers)."""
    return f"{value:.5E}" if abs(value) >= 1e11 else repr(value)


def _refuse_error_value(text: str) -> None:
    if text in EXCEL_ERRORS:
        raise CellError(_("The cell holds the Excel error {value} (a formula failed).").format(value=text))


def _refuse_non_text(cell: Cell) -> None:
    if isinstance(cell, bool):
        raise CellError(_("The cell holds a true/false value where text is expected."))
    if isinstance(cell, float):
        raise CellError(_("The cell holds the number {value} where text is expected.").format(
            value=excel_number(cell)))
    if isinstance(cell, (datetime, date)):
        raise CellError(_("The cell holds a date where text is expected."))
    if not isinstance(cell, (str, int)):
        raise CellError(_("The cell holds a time or duration where text is expected."))


def text(cell: Cell, *, multiline: bool = False) -> str:
    """Trimmed, NFC-normalised text. A line break is refused unless `multiline` (notes): in a name it
    usually means a quote mark was missing and several rows of a CSV file ran together."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        if len(cell) > MAX_TEXT:
            raise CellError(_("The cell holds {count} characters; at most {limit} are accepted.").format(
                count=len(cell), limit=MAX_TEXT))
        control = None if cell.isprintable() else _CONTROL.search(cell)  # isprintable: the fast common case
        if control:
            raise CellError(_("The text contains the control character U+{code:04X}, which is no part of a name or "
                              "a note: the file may be damaged.").format(code=ord(control.group())))
        value = clean(cell)
        if value[:1] == "#":
            _refuse_error_value(value)
        if not multiline and ("\n" in cell or "\r" in cell) and ("\n" in cell.strip() or "\r" in cell.strip()):
            raise CellError(_("The text contains a line break; in a CSV file this happens when a quote mark "
                              "is missing and several rows run together."))
        return value
    if multiline and isinstance(cell, (datetime, date)):
        return display(cell)
    if multiline and isinstance(cell, float):
        return excel_number(cell)
    _refuse_non_text(cell)
    return str(cell)


def code(cell: Cell) -> str:
    """A list number, service number or barcode exactly as written: digits Excel may have damaged refused."""
    if type(cell) is str and cell.isascii() and cell.isdigit() and len(cell) <= MAX_TEXT:
        return cell  # the common case: digits, nothing to clean or refuse
    if isinstance(cell, bool):
        raise CellError(_("The cell holds a true/false value where a number is expected."))
    if isinstance(cell, int):
        if abs(cell) >= 10**EXCEL_DIGITS:
            raise CellError(_("The number {value} is longer than the {digits} digits Excel keeps, so its last "
                              "digits may be wrong. Format the column as Text in Excel, type the values "
                              "again and save.").format(value=cell, digits=EXCEL_DIGITS))
        return str(cell)
    if isinstance(cell, float):
        raise CellError(_("The value {value} is a decimal number where digits were expected: Excel turned it "
                          "into a number and may have changed its digits. Format the column as Text in "
                          "Excel, type the values again and save.").format(value=excel_number(cell)))
    value = text(cell)
    if value.isdigit() or not value:
        return value
    if _SCIENTIFIC.fullmatch(value):
        raise CellError(_("The value {value} is in scientific notation: Excel rounded the number and its "
                          "digits are lost. Format the column as Text in Excel, type the values again and "
                          "save.").format(value=value))
    if _DECIMAL_ZERO.fullmatch(value):
        raise CellError(_("The value {value} looks like a number Excel turned into a decimal; digits were "
                          "expected. Format the column as Text in Excel, type the values again and "
                          "save.").format(value=value))
    return value


def whole_number(cell: Cell) -> int | None:
    """A count or a weight; None for an empty cell. `2.0` and `1 000` are whole numbers, `2.5` is not; one
    beyond a billion is refused (no count or weight is that large, and SQLite stores no more than 2^63)."""
    number = _whole_number(cell)
    if number is not None and abs(number) > MAX_WHOLE:
        raise CellError(_("{value} is far too large for a count or a weight.").format(value=number))
    return number


def _whole_number(cell: Cell) -> int | None:
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise CellError(_("The cell holds a true/false value where a whole number is expected."))
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 10**EXCEL_DIGITS:
            return int(cell)
        raise CellError(_("{value} is not a whole number.").format(value=excel_number(cell)))
    value = text(cell)
    if not value:
        return None
    compact = _THOUSANDS.sub("", value)
    if _WHOLE.fullmatch(compact):
        return int(compact)
    if _DECIMAL_ZERO.fullmatch(compact):
        return int(re.split(r"[.,]", compact)[0])
    raise CellError(_("{value} is not a whole number.").format(value=value))


def yes_no(cell: Cell) -> bool | None:
    """Yes/no in English, Russian or Ukrainian, 1/0 or +/-; None for an empty cell."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)) and cell in (0, 1):
        return bool(cell)
    value = text(cell) if isinstance(cell, str) else str(cell)
    if not value:
        return None
    folded = value.casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise CellError(_("{value} is not yes or no (write yes/no, да/нет, так/ні, 1/0 or +/-).").format(
        value=value))


def display(cell: Cell) -> str:
    """A cell as text for the preview table."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        shown = f"{cell.day:02d}.{cell.month:02d}.{cell.year:04d}"
        return shown if cell.time() == datetime.min.time() else f"{shown} {cell:%H:%M}"
    if isinstance(cell, date):
        return f"{cell.day:02d}.{cell.month:02d}.{cell.year:04d}"
    if isinstance(cell, float):
        return excel_number(cell)
    return str(cell)
