"""Rows of a content template -> TemplateLineData. Items are named by catalog name or by any barcode."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from models.campaigns.reference import SaveResult, list_items, save_template
from models.core.i18n import _
from models.core.types import Campaign, TemplateLineData
from models.imports import cells
from models.imports.columns import Columns
from models.imports.readers import Cell, Row
from models.imports.rows import RowParser

if TYPE_CHECKING:
    from models.storage.database import Database

SUBSTITUTE_SEPARATORS = re.compile(r"[;|]")
_whole_or_none: Callable[[Cell], int | None] = cells.whole_number


class ItemFinder:
    """Looks an item up by its exact name, by its name in any case, or by one of its barcodes."""

    def __init__(self, db: Database) -> None:
        items = list_items(db)
        self.names = {item.id: item.name for item in items}
        self._exact = {item.name: item.id for item in items}
        folded: dict[str, list[int]] = {}
        for item in items:
            folded.setdefault(item.name.casefold(), []).append(item.id)
        self._folded = folded
        self._barcodes = {barcode: item.id for item in items for barcode in item.barcodes}

    def find(self, reference: str) -> int:
        if reference in self._exact:
            return self._exact[reference]
        matches = self._folded.get(reference.casefold(), [])
        if len(matches) == 1:
            return matches[0]
        if reference in self._barcodes:
            return self._barcodes[reference]
        if matches:
            raise cells.CellError(_("Several catalog items are named {item} (in different case); write the "
                                    "name exactly or use a barcode.").format(item=reference))
        raise cells.CellError(_("{item} is not in the catalog (neither an item name nor a barcode of an "
                                "item).").format(item=reference))


class TemplateParser(RowParser[TemplateLineData]):
    def __init__(self, file: str, columns: Columns, db: Database, campaign: Campaign, name: str) -> None:
        super().__init__(file, columns)
        self.campaign = campaign
        self.name = name
        self._finder = ItemFinder(db)
        self._position = 0

    def _item(self, cell: Cell) -> int | None:
        reference = cells.code(cell)
        return self._finder.find(reference) if reference else None

    def _substitutes(self, cell: Cell) -> tuple[int, ...]:
        if cell is None:
            return ()
        parts = SUBSTITUTE_SEPARATORS.split(cell) if isinstance(cell, str) else [cell]
        found: list[int] = []
        missing: list[str] = []
        for part in parts:
            try:
                item_id = self._item(part.strip() if isinstance(part, str) else part)
            except cells.CellError as exc:
                missing.append(str(exc))
                continue
            if item_id is not None and item_id not in found:
                found.append(item_id)
        if missing:
            raise cells.CellError(" ".join(missing))
        return tuple(found)

    def parse(self, row: Row) -> TemplateLineData | None:
        self._position += 1
        line_no = self._position
        if self.has("line_no"):
            before = len(self.problems)
            written = self.require("line_no", _whole_or_none, _("The line number is missing."))
            line_no = written or 0
            if line_no < 1 and len(self.problems) == before:
                self.problem("line_no", _("The line number must be 1 or more."))
        item_id = self.require("item", self._item, _("The item is missing."))
        quantity = self.require("quantity", _whole_or_none, _("The quantity is missing."))
        if quantity is not None and quantity < 1:
            self.problem("quantity", _("The quantity must be at least 1."))
        required = self.get("required", cells.yes_no, None)
        no_substitutes: tuple[int, ...] = ()
        substitutes = self.get("substitutes", self._substitutes, no_substitutes)
        if item_id is not None and item_id in substitutes:
            self.problem("substitutes", _("An item cannot substitute for itself."))
        if item_id is None or quantity is None:
            return None
        return TemplateLineData(line_no, item_id, quantity, True if required is None else required, substitutes)

    def finish(self) -> None:
        by_line: dict[int, int] = {}
        by_item: dict[int, int] = {}
        for row, line in self.records:
            first = by_line.setdefault(line.line_no, row)
            if line.line_no and first != row:
                self.problem("line_no", _("Line {line} also appears in row {other}.").format(
                    line=line.line_no, other=first), row=row)
            first = by_item.setdefault(line.item_id, row)
            if first != row:
                self.problem("item", _("{item} is also on the line in row {other}.").format(
                    item=self._finder.names.get(line.item_id, line.item_id), other=first), row=row)
        self.problems.sort(key=lambda problem: problem.row or 0)

    def save(self, db: Database) -> SaveResult:
        lines = [line for _row, line in self.records]
        _template, result = save_template(db, self.campaign, self.name, lines, transaction=False)
        return result
