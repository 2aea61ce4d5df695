"""The receiving side's ticked batch list, read back: which packages it ticked as received or damaged, with
notes, and which it added at the bottom.

The file is the CSV that `export` wrote (or the same list saved again by a spreadsheet: `;` or `,`, UTF-8 or
Windows-1251, or even XLSX). Columns are found by their headers in any of Packline's languages, else by their
place in the exported layout. Everything is checked before anything is recorded: a bad row refuses the whole
file with its row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.core.codes import CodeKind, classify
from models.core.errors import RefusedInput
from models.core.i18n import LANGUAGES, _, translator
from models.handover.receiving_files import LIST_COLUMNS, NOT_TICKED
from models.imports.readers import Cell, open_rows
from models.imports.sniffing import FileProblem

_WANTED = ("code", "received", "damaged", "note")


@dataclass(frozen=True)
class CheckedRow:
    row: int
    code: str
    received: bool
    damaged: bool
    note: str


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else ""
    return str(cell).strip()


def ticked(cell: Cell) -> bool:
    return _text(cell).casefold() not in NOT_TICKED


def _headers() -> dict[str, str]:
    """Header text (case-folded, every language) -> column key."""
    found: dict[str, str] = {}
    for key, title in LIST_COLUMNS:
        if key in _WANTED:
            for language in LANGUAGES:
                found[translator(language).gettext(title).strip().casefold()] = key
    return found


def _columns(header: tuple[Cell, ...], file: str) -> dict[str, int]:
    known = _headers()
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = known.get(_text(cell).casefold())
        if key is not None:
            columns.setdefault(key, index)
    if "code" not in columns:  # no recognisable header: the exported layout
        columns = {key: index for index, (key, _title) in enumerate(LIST_COLUMNS) if key in _WANTED}
    elif "received" not in columns:  # headers Packline knows, but no ticks: another of its files
        raise RefusedInput(_("{file} has package codes but no Received column: it is not the check-off list (a "
                             "reconciliation or another export?). Import the receiving side's ticked list, or its "
                             "receipt with --receipt.").format(file=file))
    return columns


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _code(cell: Cell) -> str | None:
    """The package code in a cell, or None when the cell cannot hold one (a number a spreadsheet rounded)."""
    if isinstance(cell, float):
        return None
    return _text(cell).removeprefix("=").strip('"').replace("\u00a0", "").replace(" ", "")


def read_checklist(path: Path) -> list[CheckedRow]:
    """Every row with a package code; RefusedInput listing each problem (row and column) otherwise."""
    problems: list[str] = []
    rows: list[CheckedRow] = []
    seen: dict[str, int] = {}
    try:
        with open_rows(path) as (_info, source):
            header = next(source, None)
            if header is None:
                raise RefusedInput(_("{file} is empty.").format(file=path.name))
            columns = _columns(header.cells, path.name)
            for row in source:
                cells = row.cells

                def cell(key: str, cells: tuple[Cell, ...] = cells) -> Cell:
                    index = columns.get(key)
                    return cells[index] if index is not None and index < len(cells) else None

                where = {"row": row.number, "column": _column_name(columns["code"])}
                raw = cell("code")
                if not _text(raw):
                    continue
                code = _code(raw)
                scanned = classify(code or "")
                if code is None or not scanned.ok or scanned.kind is not CodeKind.PACKAGE:
                    problems.append(_("Row {row}, column {column}: {value} is not a package code (a spreadsheet may "
                                      "have turned it into a number: keep the column as text).").format(
                                          value=_text(raw), **where))
                    continue
                if scanned.value in seen:
                    problems.append(_("Row {row}, column {column}: package {code} is listed again (first in row "
                                      "{first}).").format(code=scanned.value, first=seen[scanned.value], **where))
                    continue
                seen[scanned.value] = row.number
                rows.append(CheckedRow(row.number, scanned.value, ticked(cell("received")), ticked(cell("damaged")),
                                       _text(cell("note"))))
    except FileProblem as problem:
        raise RefusedInput(_("{file} cannot be read: {problem}").format(file=path.name, problem=problem)) from None
    if problems:
        raise RefusedInput(_("{file} was not imported; nothing was recorded.").format(file=path.name), problems)
    return rows
