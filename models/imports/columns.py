"""Which column holds which field: headers recognised in English, Russian and Ukrainian, or a mapping.

Headers are compared after folding case, `ё` to `е`, and dropping spaces, punctuation and apostrophes, so
"Ім'я", "ІМʼЯ" and "Ім’я" are the same header, as are "Вес, г" and "Вес (г)". Only whole headers match: a
prefix rule would read "Номер телефона" as the list number. Anything unusual is for the explicit mapping
(field -> header text or 1-based column number), which always wins.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from models.core.i18n import N_, _
from models.core.import_kinds import ImportKind
from models.core.text import clean
from models.imports.readers import Cell, Row

FULL_NAME = "full_name"
NAME_PARTS = ("surname", "given_name")
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    """English label marked with N_; translate with `_` when shown."""
    aliases: tuple[str, ...]
    required: bool = False


_APOSTROPHES = "'ʼ’‘`´"
"""ʼ (U+02BC, the Ukrainian apostrophe) is a letter to Unicode, so it must be dropped by name."""


def normalise_header(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return "".join(char for char in folded if (char.isalnum() and char not in _APOSTROPHES) or char in "№#")


def _spec(key: str, label: str, aliases: str, required: bool = False) -> FieldSpec:
    return FieldSpec(key, label, tuple(normalise_header(a) for a in aliases.split("|")), required)


FIELDS: dict[ImportKind, tuple[FieldSpec, ...]] = {
    ImportKind.RECIPIENTS: (
        _spec("list_number", N_("Number"), "№|#|№ п/п|номер|номер по списку|номер у списку|порядковый номер|"
              "no|nr|number|list number|list no", required=True),
        _spec("surname", N_("Surname"), "фамилия|прізвище|surname|last name|family name"),
        _spec("given_name", N_("Given name"), "имя|ім'я|given name|first name|forename"),
        _spec("patronymic", N_("Patronymic"), "отчество|по батькові|patronymic|middle name|father's name"),
        _spec(FULL_NAME, N_("Full name"), "фио|ф.и.о.|фамилия имя отчество|піб|п.і.б.|"
              "прізвище ім'я по батькові|full name"),
        _spec("birth_date", N_("Date of birth"), "дата рождения|дата рожд|д.р.|дата народження|дата нар|"
              "date of birth|birth date|birthdate|dob"),
        _spec("place", N_("Place of detention"), "место содержания|место нахождения|учреждение|"
              "місце утримання|місце тримання|місце перебування|установа|place of detention|"
              "detention place|place|facility"),
        _spec("service_number", N_("Service number"), "личный номер|жетон|военный билет|особистий номер|"
              "військовий квиток|service number|service no|personal number"),
        _spec("notes", N_("Notes"), "примечание|примечания|комментарий|примітка|примітки|коментар|notes|"
              "note|comment|comments|remarks"),
    ),
    ImportKind.CATALOG: (
        _spec("name", N_("Item"), "название|наименование|товар|назва|найменування|name|item|item name|"
              "product", required=True),
        _spec("category", N_("Category"), "категория|категорія|группа|група|category|group"),
        _spec("unit_weight_g", N_("Unit weight (g)"), "вес|вес г|вес гр|вес единицы|вес единицы г|масса|"
              "масса г|вага|вага г|вага одиниці|вага одиниці г|маса|маса г|weight|weight g|unit weight|"
              "unit weight g|weight grams", required=True),
        _spec("barcodes", N_("Barcodes"), "штрихкод|штрих-код|штрихкоды|штрих-коды|штрихкоди|штрих-коди|"
              "штрихкод(ы)|штрихкод(и)|ean|gtin|barcode|barcodes|ean13", required=True),
    ),
    ImportKind.TEMPLATE: (
        _spec("line_no", N_("Line"), "№|#|№ п/п|номер|строка|номер строки|рядок|номер рядка|no|line|line no"),
        _spec("item", N_("Item"), "товар|предмет|позиция|позиція|название|наименование|назва|найменування|"
              "item|product|name", required=True),
        _spec("quantity", N_("Quantity"), "количество|кол-во|кількість|к-сть|шт|qty|quantity|count",
              required=True),
        _spec("required", N_("Required"), "обязательно|обязательный|обязательная|обов'язково|обов'язковий|"
              "обов'язкова|required|mandatory"),
        _spec("substitutes", N_("Substitutes"), "замены|замена|заменители|замінники|заміни|заміна|"
              "substitutes|substitute|alternatives"),
    ),
}


def field_labels(kind: ImportKind) -> dict[str, str]:
    """Field key -> its English label (an N_ msgid, translated where shown)."""
    return {spec.key: spec.label for spec in FIELDS[kind]}


def fields(kind: ImportKind) -> tuple[FieldSpec, ...]:
    """The fields of a kind of file. Recipients also need a surname and a given name, or a full name."""
    return FIELDS[kind]


@dataclass(frozen=True)
class Columns:
    """The header row and where each field is. `index` values are 0-based."""

    header_row: int
    headers: tuple[str, ...]
    index: dict[str, int]

    def header(self, column: int) -> str:
        text = self.headers[column] if column < len(self.headers) else ""
        return text or _("column {number}").format(number=column + 1)

    def named(self) -> dict[str, str]:
        return {key: self.header(column) for key, column in self.index.items()}


def header_text(cell: Cell) -> str:
    return clean(cell if isinstance(cell, str) else "" if cell is None else str(cell))


def find_header(kind: ImportKind, rows: Sequence[Row]) -> int:
    """Index of the header among the first rows: the first with two recognised headers (title rows above
    it are skipped), else the first row."""
    aliases = {alias for spec in FIELDS[kind] for alias in spec.aliases}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(normalise_header(header_text(cell)) in aliases for cell in row.cells) >= 2:
            return index
    return 0


def resolve(kind: ImportKind, header: Row, mapping: Mapping[str, str | int] | None = None
            ) -> tuple[Columns, list[str]]:
    """Assign columns to fields: the mapping first, then recognised headers. Returns reasons for problems."""
    headers = tuple(header_text(cell) for cell in header.cells)
    while headers and not headers[-1]:
        headers = headers[:-1]
    specs = {spec.key: spec for spec in FIELDS[kind]}
    problems: list[str] = []
    index: dict[str, int] = {}
    for key, target in (mapping or {}).items():
        if key not in specs:
            problems.append(_("The column mapping names an unknown field {field}; the fields are: "
                              "{fields}.").format(field=key, fields=", ".join(specs)))
            continue
        column = _mapped_column(headers, target, problems)
        if column is not None and column in index.values():
            other = next(field for field, taken in index.items() if taken == column)
            problems.append(_("The column mapping gives column {number} to both {first} and {second}.").format(
                number=column + 1, first=other, second=key))
        elif column is not None:
            index[key] = column
    taken = set(index.values())
    by_alias = {alias: spec.key for spec in FIELDS[kind] for alias in spec.aliases}
    found: dict[str, list[int]] = {}
    for column, text in enumerate(headers):
        field = by_alias.get(normalise_header(text))
        if field is not None and field not in index and column not in taken:
            found.setdefault(field, []).append(column)
    columns = Columns(header.number, headers, index)
    for key, places in found.items():
        if len(places) > 1:
            problems.append(_('Columns "{first}" and "{second}" both look like {field}; say which one to use '
                              "with a column mapping.").format(first=columns.header(places[0]),
                                                               second=columns.header(places[1]),
                                                               field=_(specs[key].label)))
        index[key] = places[0]
    problems.extend(_missing(kind, index, headers))
    if FULL_NAME in index and all(part in index for part in NAME_PARTS):
        del index[FULL_NAME]  # separate columns are more precise than splitting a full name
    return columns, problems


def _mapped_column(headers: tuple[str, ...], target: str | int, problems: list[str]) -> int | None:
    if isinstance(target, int):
        if 1 <= target <= len(headers):
            return target - 1
        problems.append(_("The column mapping names column {number}, but the file has {count} columns.")
                        .format(number=target, count=len(headers)))
        return None
    wanted = clean(target).casefold()
    matches = [i for i, text in enumerate(headers) if text.casefold() == wanted]
    if not matches:
        matches = [i for i, text in enumerate(headers) if normalise_header(text) == normalise_header(target)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        problems.append(_('Several columns are headed "{header}"; name the column by its number instead.')
                        .format(header=target))
    else:
        problems.append(_('The column mapping names a column "{header}", but the headers are: {headers}.')
                        .format(header=target, headers=", ".join(h for h in headers if h)))
    return None


def _missing(kind: ImportKind, index: dict[str, int], headers: tuple[str, ...]) -> list[str]:
    specs = FIELDS[kind]
    missing = [_(spec.label) for spec in specs if spec.required and spec.key not in index]
    if kind is ImportKind.RECIPIENTS and FULL_NAME not in index:
        missing += [_(spec.label) for spec in specs if spec.key in NAME_PARTS and spec.key not in index]
    if not missing:
        return []
    return [_("No column found for: {fields}. The headers read are: {headers}. Rename the headers or give a "
              "column mapping.").format(fields=", ".join(missing),
                                        headers=", ".join(h for h in headers if h) or _("none"))]
