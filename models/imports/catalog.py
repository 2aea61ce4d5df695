"""Rows of an item catalog -> ItemData: name, category, unit weight in grams, one or more barcodes.

Barcodes are checked here with row and column (the catalog service would check them again, but without
saying where in the file they came from), against each other and against the catalog already stored.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from models.campaigns.reference import SaveResult, list_items, save_items
from models.core import codes
from models.core.i18n import _
from models.core.types import ItemData
from models.imports import cells
from models.imports.columns import Columns
from models.imports.readers import Cell, Row
from models.imports.rows import RowParser

if TYPE_CHECKING:
    from models.storage.database import Database

BARCODE_SEPARATORS = re.compile(r"[\s,;|]+")
BARCODE_LENGTHS = (8, 12, 13, 14)


def barcode_problem(value: str) -> str | None:
    """Why `value` is not a valid item barcode, for a person; None if it is valid."""
    try:
        codes.validate_item_barcode(value)
    except ValueError:
        pass
    else:
        return None
    if not (value.isascii() and value.isdigit()):
        return _("{barcode} is not a barcode: only digits are allowed.").format(barcode=value)
    if len(value) not in BARCODE_LENGTHS:
        return _("Barcode {barcode} has {count} digits; EAN-8, UPC-A, EAN-13 and GTIN-14 have 8, 12, 13 or "
                 "14.").format(barcode=value, count=len(value))
    return _("Barcode {barcode} has a wrong check digit (it was not corrected: check the number on the "
             "package).").format(barcode=value)


def split_barcodes(cell: Cell) -> tuple[str, ...]:
    """Barcodes of one cell, separated by spaces, commas, semicolons or `|`; repeats dropped."""
    if isinstance(cell, str):
        parts = [cells.code(part) for part in BARCODE_SEPARATORS.split(cell) if part]
    else:
        parts = [cells.code(cell)] if cell is not None else []
    return tuple(dict.fromkeys(part for part in parts if part))


class CatalogParser(RowParser[ItemData]):
    def __init__(self, file: str, columns: Columns, db: Database) -> None:
        super().__init__(file, columns)
        self._owners = {barcode: item.name for item in list_items(db) for barcode in item.barcodes}

    def parse(self, row: Row) -> ItemData | None:
        name = self.require("name", cells.text, _("The item name is missing.")) or ""
        category = self.get("category", cells.text, "")
        weight = self.require("unit_weight_g", cells.whole_number, _("The unit weight is missing."))
        if weight is not None and weight < 0:
            self.problem("unit_weight_g", _("The unit weight cannot be negative."))
        barcodes = self.require("barcodes", split_barcodes, _("The item has no barcode.")) or ()
        for barcode in barcodes:
            reason = barcode_problem(barcode)
            if reason:
                self.problem("barcodes", reason)
            owner = self._owners.get(barcode)
            if owner is not None and owner != name:
                self.problem("barcodes", _("Barcode {barcode} already belongs to {item} in the catalog.").format(
                    barcode=barcode, item=owner))
        return ItemData(name, category, weight or 0, barcodes) if name else None

    def finish(self) -> None:
        by_name: dict[str, int] = {}
        by_barcode: dict[str, tuple[int, str]] = {}
        for row, item in self.records:
            first = by_name.setdefault(item.name.casefold(), row)
            if first != row:
                self.problem("name", _("{item} also appears in row {other}.").format(item=item.name, other=first),
                             row=row)
            for barcode in item.barcodes:
                other, other_item = by_barcode.setdefault(barcode, (row, item.name))
                if other != row:
                    self.problem("barcodes", _("Barcode {barcode} is also given in row {other} ({item}).").format(
                        barcode=barcode, other=other, item=other_item), row=row)
        self.problems.sort(key=lambda problem: problem.row or 0)

    def save(self, db: Database) -> SaveResult:
        return save_items(db, [item for _row, item in self.records], transaction=False)
