"""The import engine (`models.imports`) on one connection, for the import wizard.

The wizard runs `validate` and `run` on a worker thread with a connection of its own
(`Workspace.connection_factory()`); a `CancelFlag` stops them, and a cancelled import writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from models import imports
from models.core.cancel import CancelFlag
from models.core.types import Campaign
from models.imports import ColumnMapping, FieldSpec, ImportKind, ImportReport, Preview


class ImportService:
    def __init__(self, db: object, interruptible: Callable[[CancelFlag], AbstractContextManager[None]]) -> None:
        self._db = db
        self._interruptible = interruptible

    @staticmethod
    def fields(kind: ImportKind) -> tuple[FieldSpec, ...]:
        return imports.fields(kind)

    @staticmethod
    def preview(path: Path | str, kind: ImportKind, mapping: ColumnMapping | None = None,
                sheet: str | None = None, rows: int = 20) -> Preview:
        return imports.preview(path, kind, mapping, sheet, rows)

    def validate(self, kind: ImportKind, path: Path | str, campaign: Campaign | None, *,
                 mapping: ColumnMapping | None = None, sheet: str | None = None, template_name: str | None = None,
                 flag: CancelFlag | None = None) -> ImportReport:
        """Every problem and what an import would change; writes nothing."""
        with self._interruptible(flag or CancelFlag()):
            return imports.validate(self._db, kind, path, campaign=campaign, mapping=mapping,  # type: ignore[arg-type]
                                    sheet=sheet, template_name=template_name)

    def run(self, kind: ImportKind, path: Path | str, campaign: Campaign | None, *,
            mapping: ColumnMapping | None = None, sheet: str | None = None, template_name: str | None = None,
            flag: CancelFlag | None = None) -> ImportReport:
        """Import all rows or none: raises `ImportRefused` (nothing written) or `Cancelled` (rolled back)."""
        db = self._db
        with self._interruptible(flag or CancelFlag()):
            if kind is ImportKind.CATALOG:
                return imports.import_catalog(db, path, mapping, sheet)  # type: ignore[arg-type]
            assert campaign is not None
            if kind is ImportKind.RECIPIENTS:
                return imports.import_recipients(db, campaign, path, mapping, sheet)  # type: ignore[arg-type]
            return imports.import_template(db, campaign, path, template_name, mapping, sheet)  # type: ignore[arg-type]
