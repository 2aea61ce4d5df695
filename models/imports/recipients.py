"""Rows of a recipient list -> RecipientData, with duplicates within the file named by both rows."""

from __future__ import annotations

from datetime import date
from functools import partial

from sqlite_utils import Database

from models.i18n import _
from models.imports import cells
from models.imports.columns import FULL_NAME, Columns
from models.imports.dates import format_date, parse_birth_date
from models.imports.readers import Row
from models.imports.rows import RowParser
from models.reference import SaveResult, save_recipients
from models.text import split_full_name
from models.types import Campaign, RecipientData


class RecipientParser(RowParser[RecipientData]):
    def __init__(self, file: str, columns: Columns, campaign: Campaign, today: date) -> None:
        super().__init__(file, columns)
        self.campaign = campaign
        self._birth_date = partial(parse_birth_date, today=today)
        self._split = FULL_NAME in columns.index
        self._notes = partial(cells.text, multiline=True)

    def parse(self, row: Row) -> RecipientData:
        number = self.require("list_number", cells.code, _("The number on the list is missing.")) or ""
        if self._split:
            full_name = self.require(FULL_NAME, cells.text, _("The name is missing.")) or ""
            surname, given, patronymic = split_full_name(full_name)
            if full_name and not given:
                self.problem(FULL_NAME, _("The full name needs at least a surname and a given name."))
        else:
            surname = self.require("surname", cells.text, _("The surname is missing.")) or ""
            given = self.require("given_name", cells.text, _("The given name is missing.")) or ""
            patronymic = self.get("patronymic", cells.text, "")
        return RecipientData(
            list_number=number, surname=surname, given_name=given, patronymic=patronymic,
            birth_date=self.get("birth_date", self._birth_date, None), place=self.get("place", cells.text, ""),
            service_number=self.get("service_number", cells.code, ""),
            notes=self.get("notes", self._notes, ""),
        )

    def finish(self) -> None:
        by_number: dict[str, int] = {}
        by_person: dict[tuple[str, date], tuple[int, str]] = {}
        for row, data in self.records:
            first = by_number.setdefault(data.list_number, row)
            if data.list_number and first != row:
                self.problem("list_number", _("Number {number} also appears in row {other}.").format(
                    number=data.list_number, other=first), row=row)
            if data.birth_date is None:
                continue
            person = (data.full_name.casefold(), data.birth_date)
            other, other_number = by_person.setdefault(person, (row, data.list_number))
            if other != row:
                self.problem(None, _("{name}, born {date}, also appears in row {other} (number {number}); "
                                     "check that this is not the same person twice.").format(
                    name=data.full_name, date=format_date(data.birth_date), other=other,
                    number=other_number), row=row, warning=True)
        self.problems.sort(key=lambda problem: problem.row or 0)

    def save(self, db: Database) -> SaveResult:
        return save_recipients(db, self.campaign, [data for _row, data in self.records], transaction=False)
