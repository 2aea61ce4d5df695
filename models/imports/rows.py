"""What every kind of import shares: reading fields of a row and collecting problems with row and column."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from models.campaigns.reference import SaveResult
from models.core.i18n import _
from models.imports.cells import CellError
from models.imports.columns import Columns
from models.imports.readers import Cell, Row
from models.imports.report import Problem

if TYPE_CHECKING:
    from models.storage.database import Database

T = TypeVar("T")
V = TypeVar("V")
FieldPlan = tuple[str, int, Callable[[Cell], Any], str | None, dict[str, Any] | None]
"""(field, 0-based column, converter, reason when empty or None, the field's texts already converted or None)."""
SEEN_LIMIT = 65_536
"""Distinct texts of one field remembered with their value; beyond that many the rest are converted each time."""
_UNSEEN = object()


class RowParser(Generic[T]):
    """Turns rows into records of type T; problems accumulate, nothing is raised for bad data.

    Subclasses implement `parse` (one row -> a record or None), `finish` (checks across rows, such as
    duplicates) and `save` (writes the records inside the caller's transaction).
    """

    def __init__(self, file: str, columns: Columns) -> None:
        self.file = file
        self.columns = columns
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        """Worth a look, but no reason to refuse the file (the same person under two numbers, for example)."""
        self.records: list[tuple[int, T]] = []
        self._row: Row | None = None
        self._cells: tuple[Cell, ...] = ()
        self._index = columns.index
        self._width = len(columns.headers)

    def add(self, row: Row) -> None:
        self._row = row
        self._cells = row.cells
        if len(row.cells) > self._width and any(_filled(cell) for cell in row.cells[self._width:]):
            self.problem(None, _("The row has values to the right of the last headed column; in a CSV file "
                                 "this happens when a value contains the delimiter and is not in quotes."))
        record = self.parse(row)
        if record is not None:
            self.records.append((row.number, record))

    def parse(self, row: Row) -> T | None:
        raise NotImplementedError

    def finish(self) -> None:
        """Checks across all rows; adds to `problems`."""

    def save(self, db: Database) -> SaveResult:
        raise NotImplementedError

    # -- helpers for subclasses --------------------------------------------------------------------------

    def has(self, key: str) -> bool:
        return key in self.columns.index

    def cell(self, key: str) -> Cell:
        column = self._index.get(key)
        if column is None or column >= len(self._cells):
            return None
        return self._cells[column]

    def plan(self, fields: Sequence[tuple[str, Callable[[Cell], Any], str | None]], *,
             repeating: Collection[str] = ()) -> list[FieldPlan]:
        """Fields to `read`, as (key, converter, reason when empty or None if it may be empty); fields
        without a column are left out.

        `repeating`: fields whose texts recur down a list (places, given names, dates of birth): each distinct
        text is converted once, and the rows share its value, which saves the time and the memory of a copy
        per row. The converters must give the same value, or the same refusal, for the same text.
        """
        return [(key, self._index[key], convert, missing, {} if key in repeating else None)
                for key, convert, missing in fields if key in self._index]

    def read(self, plan: Sequence[FieldPlan]) -> dict[str, Any]:
        """The planned fields of the current row that could be read; a problem for every other one.

        The fast path for long files: one loop instead of one `get` call per field.
        """
        cells, values = self._cells, {}
        width = len(cells)
        for key, column, convert, missing, seen in plan:
            cell = cells[column] if column < width else None
            value = seen.get(cell, _UNSEEN) if seen is not None and type(cell) is str else _UNSEEN
            if value is _UNSEEN:
                try:
                    value = convert(cell)
                except CellError as exc:
                    self.problem(key, str(exc))
                    continue
                if seen is not None and type(cell) is str and len(seen) < SEEN_LIMIT:
                    seen[cell] = value
            if missing is not None and (value is None or value == ""):
                self.problem(key, missing)
                continue
            values[key] = value
        return values

    def get(self, key: str, convert: Callable[[Cell], V], default: V) -> V:
        """The field converted, or `default` (with a problem recorded) when the cell is refused."""
        column = self._index.get(key)
        if column is None:
            return default
        try:
            return convert(self._cells[column] if column < len(self._cells) else None)
        except CellError as exc:
            self.problem(key, str(exc))
            return default

    def require(self, key: str, convert: Callable[[Cell], V], missing: str) -> V | None:
        """Like `get`, and an empty cell is a problem too (unless the cell was already refused)."""
        before = len(self.problems)
        value = self.get(key, convert, None)
        if (value is None or (isinstance(value, (str, tuple)) and not value)) and len(self.problems) == before:
            self.problem(key, missing)
        return value

    def problem(self, key: str | None, reason: str, row: int | None = None, *, warning: bool = False) -> None:
        column = self.columns.index.get(key) if key else None
        header = self.columns.header(column) if column is not None else None
        number = row if row is not None else (self._row.number if self._row else None)
        (self.warnings if warning else self.problems).append(Problem(self.file, reason, number, header))


def _filled(cell: Cell) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))
