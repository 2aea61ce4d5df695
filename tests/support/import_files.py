"""Helpers shared by the import tests: files written the way Excel and other tools write them."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

from models.storage.database import Database
from tests.support.dbdump import dump  # noqa: F401 - pysqlite3 has no iterdump(); this dumps every table

RU_HEADER = ["№", "Фамилия", "Имя", "Отчество", "Дата рождения", "Место содержания"]
UK_HEADER = ["№", "Прізвище", "Ім'я", "По батькові", "Дата народження", "Місце утримання"]
EN_HEADER = ["No", "Surname", "Given name", "Patronymic", "Date of birth", "Place of detention"]


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ";",
              newline: str = "\r\n") -> Path:
    """Write rows as Excel does: quoted only when needed, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, sheet: str = "Лист1",
               extra_sheets: dict[str, Sequence[Sequence[Any]]] | None = None) -> Path:
    book = openpyxl.Workbook()
    worksheet = book.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    for name, other in (extra_sheets or {}).items():
        extra = book.create_sheet(name)
        for row in other:
            extra.append(list(row))
    book.save(path)
    return path


def patch_xlsx(path: Path, replacements: dict[str, str], part: str = "xl/worksheets/sheet1.xml",
               replace_part: str | None = None) -> Path:
    """Rewrite raw XML of a workbook part, to produce cells as other programs store them (openpyxl writes
    1.0 as `1`; Excel and others may store `123.0` or `4.60123E+12`)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts[part].decode("utf-8") if replace_part is None else replace_part
    for old, new in replacements.items():
        assert old in xml, old
        xml = xml.replace(old, new)
    parts[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def recipients_in(db: Database) -> list[tuple]:
    return db.execute(
        "SELECT list_number, surname, given_name, patronymic, birth_date, place, service_number, notes "
        "FROM recipients ORDER BY id"
    ).fetchall()
