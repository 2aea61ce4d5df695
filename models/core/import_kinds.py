"""The kinds of file a coordinator imports. Here, apart from `models.imports`, so the window's menu can name
them without loading the import engine (its readers and checks) at start."""

from __future__ import annotations

import enum


class ImportKind(enum.Enum):
    RECIPIENTS = "recipients"
    CATALOG = "catalog"
    TEMPLATE = "template"
