"""Outcome objects of an import: problems with file, row and column; the report; the wizard's preview."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from models.campaigns.reference import SaveResult
from models.core.errors import RefusedInput
from models.core.i18n import _, ngettext
from models.core.import_kinds import ImportKind
from models.imports.readers import SourceInfo


@dataclass(frozen=True)
class Problem:
    """One reason to refuse a file. `row` as a spreadsheet shows it (header = 1); None for the whole file."""

    file: str
    reason: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _('{file}, row {row}, column "{column}": {reason}').format(
                file=self.file, row=self.row, column=self.column, reason=self.reason)
        if self.row is not None:
            return _("{file}, row {row}: {reason}").format(file=self.file, row=self.row, reason=self.reason)
        if self.column:
            return _('{file}, column "{column}": {reason}').format(
                file=self.file, column=self.column, reason=self.reason)
        return _("{file}: {reason}").format(file=self.file, reason=self.reason)


@dataclass(frozen=True)
class ImportReport:
    """What an import found and did. `written` is False for a validation or a refused import.

    `result` holds the counts: what was saved, or for a validation what would be saved (None if refused).
    """

    kind: ImportKind
    source: SourceInfo
    rows: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    """Field -> the header of the column it was read from."""
    problems: tuple[Problem, ...] = ()
    result: SaveResult | None = None
    written: bool = False
    template: str | None = None
    """For a template import: the template's name."""
    warnings: tuple[Problem, ...] = ()
    """Worth checking, but no reason to refuse (the same name and date of birth under two numbers)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def messages(self) -> list[str]:
        return [str(problem) for problem in self.problems]

    def summary(self) -> str:
        if self.problems:
            return ngettext("{file} was not imported: {count} problem found.",
                            "{file} was not imported: {count} problems found.", len(self.problems)).format(
                file=self.source.file, count=len(self.problems))
        counts = self.result or SaveResult()
        return _("{file}: rows {rows}, new {created}, updated {updated}, unchanged {unchanged}.").format(
            file=self.source.file, rows=self.rows, created=counts.created, updated=counts.updated,
            unchanged=counts.unchanged)

    def to_dict(self) -> dict[str, Any]:
        counts = self.result or SaveResult()
        return {
            "ok": self.ok, "kind": self.kind.value, "written": self.written, "rows": self.rows,
            "source": asdict(self.source), "columns": self.columns, "template": self.template,
            "created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged,
            "problems": [dict(asdict(problem), message=str(problem)) for problem in self.problems],
            "warnings": [dict(asdict(warning), message=str(warning)) for warning in self.warnings],
            "difference": counts.difference.to_json() if counts.difference is not None else None,
            "effects": [effect.to_json() for effect in counts.effects],
        }


class ImportRefused(RefusedInput):
    """An import was refused and nothing was written; `report` holds every problem."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(_("Nothing was imported from {file}.").format(file=report.source.file),
                         report.messages())
        self.report = report


@dataclass(frozen=True)
class Preview:
    """The first rows of a file and how its columns were understood, for the import wizard."""

    kind: ImportKind
    source: SourceInfo
    header_row: int | None = None
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[int, tuple[str, ...]], ...] = ()
    """(row number, cells shown as text)."""
    mapping: dict[str, int] = field(default_factory=dict)
    """Field -> 1-based column index."""
    problems: tuple[Problem, ...] = ()
    """Problems with the file or its columns; problems in the data come from `validate`."""

    @property
    def ok(self) -> bool:
        return not self.problems
