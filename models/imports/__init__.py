"""Importing recipients, the item catalog and content templates from CSV and XLSX files.

    fields(kind)                             the fields a kind of file has (key, label, required)
    preview(path, kind)                      what the import wizard shows before anything is checked
    validate(db, kind, path, campaign=...)   every problem, and what would change; writes nothing
    import_recipients / import_catalog / import_template   all rows or none; ImportRefused lists why

See DESIGN.md sections 1 and 2: files come from Excel in Russian or Ukrainian locales, and a refused import
names every problem by file, row and column and leaves the database untouched.
"""

from models.core.import_kinds import ImportKind
from models.imports.columns import FieldSpec, fields
from models.imports.engine import (
    ColumnMapping,
    import_catalog,
    import_recipients,
    import_template,
    preview,
    validate,
)
from models.imports.readers import MAX_ROWS, SourceInfo
from models.imports.report import ImportRefused, ImportReport, Preview, Problem
from models.imports.sniffing import MAX_FILE_BYTES

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "ColumnMapping",
    "FieldSpec",
    "ImportKind",
    "ImportRefused",
    "ImportReport",
    "Preview",
    "Problem",
    "SourceInfo",
    "fields",
    "import_catalog",
    "import_recipients",
    "import_template",
    "preview",
    "validate",
]
