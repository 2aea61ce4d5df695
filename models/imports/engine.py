"""The import pipeline: read the file, recognise the columns, check every row, then write all or nothing.

The file is read and checked before the write transaction starts, so a slow file never holds the write lock
that packing stations wait for; the services re-check what depends on the database when they write.
`validate` runs the same write and rolls it back, so the wizard can show exact counts of what would change.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.campaigns.list_versions import ListSource
from models.campaigns.reference import SaveResult, current_recipients
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.core.import_kinds import ImportKind
from models.core.types import Campaign
from models.imports import cells
from models.imports.catalog import CatalogParser
from models.imports.columns import HEADER_SEARCH_ROWS, Columns, find_header, resolve
from models.imports.readers import RowProblem, SourceInfo, open_rows
from models.imports.recipients import RecipientParser
from models.imports.report import ImportRefused, ImportReport, Preview, Problem
from models.imports.rows import RowParser
from models.imports.sniffing import FileProblem
from models.imports.templates import TemplateParser
from models.storage.db import write_transaction

if TYPE_CHECKING:
    from models.storage.database import Database

ColumnMapping = Mapping[str, str | int]
"""Field -> header text or 1-based column number."""


class _RolledBack(Exception):
    def __init__(self, result: SaveResult) -> None:
        super().__init__()
        self.result = result


def preview(path: Path | str, kind: ImportKind | str, mapping: ColumnMapping | None = None,
            sheet: str | None = None, rows: int = 20) -> Preview:
    """Detected format, encoding, delimiter and sheet; the headers; the first `rows` rows; the columns
    recognised. Never raises for a bad file: what is wrong is in `problems`."""
    kind, path = ImportKind(kind), Path(path)
    source = SourceInfo(path.name, "")
    try:
        with open_rows(path, sheet) as (source, found):
            head = list(islice(found, HEADER_SEARCH_ROWS))
            if not head:
                raise FileProblem(_("The file has no rows."))
            at = find_header(kind, head)
            columns, reasons = resolve(kind, head[at], mapping)
            shown = list(islice(chain(head[at + 1:], found), max(rows, 0)))
    except (RowProblem, FileProblem) as exc:
        problem = Problem(path.name, str(exc), exc.row if isinstance(exc, RowProblem) else None)
        hint = _other_sheet(kind, path, source, mapping) if sheet is None else []
        return Preview(kind, source, problems=(problem, *hint))
    return Preview(
        kind, source, header_row=columns.header_row, headers=columns.headers,
        rows=tuple((row.number, tuple(cells.display(cell) for cell in row.cells)) for row in shown),
        mapping={key: column + 1 for key, column in columns.index.items()},
        problems=tuple(Problem(path.name, reason, columns.header_row) for reason in reasons) + tuple(
            _other_sheet(kind, path, source, mapping) if reasons and sheet is None else ()),
    )


def _other_sheet(kind: ImportKind, path: Path, source: SourceInfo, mapping: ColumnMapping | None) -> list[Problem]:
    """When the first sheet of a workbook holds no list: the sheet that seems to, named (or nothing)."""
    if len(source.sheets) < 2:
        return []
    found = _sheet_with_a_header(kind, path, source, mapping)
    if found is None:
        return []
    return [Problem(path.name, _(
        "The list seems to be on sheet “{sheet}” (the file's sheets: {sheets}); choose that sheet "
        "(on the command line: --sheet \"{sheet}\").").format(sheet=found, sheets=", ".join(source.sheets)))]


def validate(db: Database, kind: ImportKind | str, path: Path | str, *, campaign: Campaign | None = None,
             mapping: ColumnMapping | None = None, sheet: str | None = None, template_name: str | None = None,
             today: date | None = None) -> ImportReport:
    """Check the whole file and count what an import would change, writing nothing."""
    return _run(db, ImportKind(kind), Path(path), campaign, mapping, sheet, template_name, today, commit=False)


def import_recipients(db: Database, campaign: Campaign, path: Path | str, mapping: ColumnMapping | None = None,
                      sheet: str | None = None, *, today: date | None = None) -> ImportReport:
    """Import a recipient list into `campaign`, or raise ImportRefused (nothing written)."""
    return _commit(_run(db, ImportKind.RECIPIENTS, Path(path), campaign, mapping, sheet, None, today,
                        commit=True))


def import_catalog(db: Database, path: Path | str, mapping: ColumnMapping | None = None,
                   sheet: str | None = None) -> ImportReport:
    """Import items into the catalog, or raise ImportRefused (nothing written)."""
    return _commit(_run(db, ImportKind.CATALOG, Path(path), None, mapping, sheet, None, None, commit=True))


def import_template(db: Database, campaign: Campaign, path: Path | str, name: str | None = None,
                    mapping: ColumnMapping | None = None, sheet: str | None = None) -> ImportReport:
    """Import a content template (a new version unless it equals the latest), or raise ImportRefused."""
    return _commit(_run(db, ImportKind.TEMPLATE, Path(path), campaign, mapping, sheet, name, None,
                        commit=True))


def _commit(report: ImportReport) -> ImportReport:
    if report.problems:
        raise ImportRefused(report)
    return report


def _run(db: Database, kind: ImportKind, path: Path, campaign: Campaign | None,
         mapping: ColumnMapping | None, sheet: str | None, template_name: str | None, today: date | None,
         *, commit: bool) -> ImportReport:
    if kind is not ImportKind.CATALOG and campaign is None:
        raise ValueError(f"a {kind.value} import needs a campaign")
    name = (template_name or "").strip() or (campaign.name if campaign else "")
    report = ImportReport(kind, SourceInfo(path.name, ""), template=name if kind is ImportKind.TEMPLATE else None)
    source = report.source
    columns: Columns | None = None
    parser: RowParser[Any] | None = None
    count = 0
    problems: list[Problem] = []
    try:
        with open_rows(path, sheet) as (source, rows):
            head = list(islice(rows, HEADER_SEARCH_ROWS))
            if not head:
                raise FileProblem(_("The file has no rows."))
            at = find_header(kind, head)
            columns, reasons = resolve(kind, head[at], mapping)
            problems += [Problem(path.name, reason, columns.header_row) for reason in reasons]
            if not problems:
                parser = _parser(kind, db, path.name, columns, campaign, name, today or date.today(),
                                 ListSource(path.name, file_sha256(path)))
                for row in chain(head[at + 1:], rows):
                    parser.add(row)
                    count += 1
    except RowProblem as exc:
        problems.append(Problem(path.name, str(exc), exc.row))
    except FileProblem as exc:
        problems.append(Problem(path.name, str(exc)))
    if parser is None and sheet is None:
        problems += _other_sheet(kind, path, source, mapping)
    if parser is not None:
        parser.finish()
        problems = parser.problems + problems
        if count == 0 and not problems:
            problems.append(Problem(path.name, _("The file has a header row but no rows of data.")))
    report = replace(report, source=source, rows=count, columns=columns.named() if columns else {},
                     problems=tuple(problems), warnings=tuple(parser.warnings) if parser else ())
    if report.problems or parser is None:
        return report
    try:
        result = _write(db, parser, commit)
    except RefusedInput as exc:  # the database changed between the check and the write
        return replace(report, problems=tuple(Problem(path.name, reason) for reason in exc.problems or [str(exc)]))
    return replace(report, result=result, written=commit)


def _who() -> str:
    """The login that imports (a list version records who brought it in); empty when the system has none."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes: which list exactly a list version came from."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sheet_with_a_header(kind: ImportKind, path: Path, source: SourceInfo,
                         mapping: ColumnMapping | None) -> str | None:
    """Another sheet of the workbook whose header this import recognises, when the first one has none."""
    for other in source.sheets:
        if other == source.sheet:
            continue
        try:
            with open_rows(path, other) as (_info, rows):
                head = list(islice(rows, HEADER_SEARCH_ROWS))
                if head and not resolve(kind, head[find_header(kind, head)], mapping)[1]:
                    return other
        except FileProblem:
            continue
    return None


def _parser(kind: ImportKind, db: Database, file: str, columns: Columns, campaign: Campaign | None, name: str,
            today: date, source: ListSource | None = None) -> RowParser[Any]:
    if kind is ImportKind.CATALOG:
        return CatalogParser(file, columns, db)
    assert campaign is not None
    if kind is ImportKind.RECIPIENTS:
        return RecipientParser(file, columns, campaign, today, source, _who(), current_recipients(db, campaign))
    return TemplateParser(file, columns, db, campaign, name)


def _write(db: Database, parser: RowParser[Any], commit: bool) -> SaveResult:
    try:
        with write_transaction(db):
            result = parser.save(db)
            if not commit:
                raise _RolledBack(result)
    except _RolledBack as done:
        return done.result
    return result
