"""Small read-only tables: the one set-up of a list table (whole rows, one at a time, no editing, no row
numbers), and a table filled whole from strings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget, QTableWidgetItem

Table = TypeVar("Table", bound=QTableView)


def row_table(table: Table, object_name: str) -> Table:
    """Configure `table` (a QTableView or QTableWidget) for picking one row; returns it for chaining."""
    table.setObjectName(object_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table


def fill_table(table: QTableWidget, headers: list[str], rows: list[list[str]], numeric: tuple[int, ...] = (),
               tips: Mapping[tuple[int, int], str] | None = None) -> None:
    """Replace a small table's contents; `numeric` columns are aligned right; `tips`: {(row, column): the
    whole text on hover} for cells a narrow column may cut."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(headers)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c in numeric:
                item.setTextAlignment(right)
            if tips and (r, c) in tips:
                item.setToolTip(tips[r, c])
            table.setItem(r, c, item)


def read_only_table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table
