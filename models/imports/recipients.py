"""Rows of a recipient list -> RecipientData, with duplicates within the file named by both rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from models.campaigns.duplicates import likely_duplicates
from models.campaigns.list_versions import ListSource
from models.campaigns.reference import SaveResult, save_recipients
from models.core.i18n import _
from models.core.text import split_full_name
from models.core.types import Campaign, RecipientData
from models.imports import cells
from models.imports.columns import FULL_NAME, Columns
from models.imports.dates import parse_birth_date
from models.imports.readers import Row
from models.imports.rows import RowParser

if TYPE_CHECKING:
    from models.storage.database import Database


class RecipientParser(RowParser[RecipientData]):
    def __init__(self, file: str, columns: Columns, campaign: Campaign, today: date,
                 source: ListSource | None = None, user: str = "", existing: Sequence[RecipientData] = ()) -> None:
        """`source` and `user`: the list version an import records (who imported which file); `existing`: the
        campaign's current list, to warn of a person added under a new number who seems to be on it already."""
        super().__init__(file, columns)
        self.existing = existing
        self.campaign = campaign
        self.source, self.user = source, user
        self._split = FULL_NAME in columns.index
        names = [(FULL_NAME, cells.text, _("The name is missing."))] if self._split else [
            ("surname", cells.text, _("The surname is missing.")),
            ("given_name", cells.text, _("The given name is missing.")),
            ("patronymic", cells.text, None),
        ]
        self._plan = self.plan([
            ("list_number", cells.code, _("The number on the list is missing.")),
            *names,
            ("birth_date", partial(parse_birth_date, today=today), None),
            ("place", cells.text, None),
            ("service_number", cells.code, None),
            ("notes", partial(cells.text, multiline=True), None),
        ], repeating={"surname", "given_name", "patronymic", "birth_date", "place", "notes"})

    def parse(self, row: Row) -> RecipientData:
        values = self.read(self._plan)
        if self._split:
            full_name = values.pop(FULL_NAME, "")
            values["surname"], values["given_name"], values["patronymic"] = split_full_name(full_name)
            if full_name and not values["given_name"]:
                self.problem(FULL_NAME, _("The full name needs at least a surname and a given name."))
        return RecipientData(
            list_number=values.get("list_number", ""), surname=values.get("surname", ""),
            given_name=values.get("given_name", ""), patronymic=values.get("patronymic", ""),
            birth_date=values.get("birth_date"), place=values.get("place", ""),
            service_number=values.get("service_number", ""), notes=values.get("notes", ""),
        )

    def finish(self) -> None:
        by_number: dict[str, int] = {}
        for row, data in self.records:
            first = by_number.setdefault(data.list_number, row)
            if data.list_number and first != row:
                self.problem("list_number", _("Number {number} also appears in row {other}.").format(
                    number=data.list_number, other=first), row=row)
        warned: set[int] = set()
        for pair in likely_duplicates([data for _row, data in self.records]):
            row, other = self.records[pair.positions[1]][0], self.records[pair.positions[0]][0]
            if row not in warned:  # the earliest row that may be the same person (pairs come in that order)
                warned.add(row)
                self.problem(None, _("Perhaps the same person as in row {other}: {reason} Check that this is not "
                                     "the same person twice.").format(other=other, reason=pair.reason),
                             row=row, warning=True)
        known = {person.list_number for person in self.existing}
        added = [(row, data) for row, data in self.records if data.list_number not in known] if known else []
        # a first list, or one that adds nobody, has nobody to look for on the current list
        for pair in likely_duplicates([data for _row, data in added], self.existing) if added else ():
            row = added[pair.positions[1]][0]
            if pair.in_existing and row not in warned:
                warned.add(row)
                self.problem(None, _("Perhaps already on the current list as number {number}: {reason} Check that "
                                     "this is not the same person under a new number.").format(
                    number=pair.first[0], reason=pair.reason), row=row, warning=True)
        self.problems.sort(key=lambda problem: problem.row or 0)
        self.existing = ()  # only the warnings needed it: the write reads the list again inside its transaction,
        # and two copies of 100,000 people at once would double what an import holds

    def save(self, db: Database) -> SaveResult:
        return save_recipients(db, self.campaign, [data for _row, data in self.records], transaction=False,
                               source=self.source, user=self.user)
