"""The one set-up of a read-only list table: whole rows, one at a time, no editing, no row numbers."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QAbstractItemView, QTableView

Table = TypeVar("Table", bound=QTableView)


def row_table(table: Table, object_name: str) -> Table:
    """Configure `table` (a QTableView or QTableWidget) for picking one row; returns it for chaining."""
    table.setObjectName(object_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table
