"""Demo data for sample documents, previews, tests and benchmarks: made-up people, Cyrillic with the hard
cases (Ukrainian і ї є ґ, both apostrophes, very long names)."""

from __future__ import annotations

from datetime import date, datetime

from models.core.codes import CodeKind, make_code
from printing.documents import (
    CartonLabelData,
    LabelData,
    LetterLabelData,
    ManifestData,
    ManifestLine,
    Party,
    SlipData,
    SlipLine,
)

LONGEST = ("Ґалаґан-Дем'яненко-Білозерська-Ющук", "Олександра", "Вʼячеславівна")
"""A 60-character full name (surname, given name, patronymic with spaces)."""

NAMES: tuple[tuple[str, str, str], ...] = (
    ("Шевченко", "Тарас", "Григорович"),
    ("Ґудзь", "Їжена", "Євгенівна"),
    ("Дем'яненко", "Юрій", "Олексійович"),
    ("Возняк", "Марʼяна", "Іванівна"),
    ("Иванов", "Сергей", "Петрович"),
    ("Кузнецова", "Наталья", "Эдуардовна"),
    ("Hrytsenko", "Olena", ""),
    ("Білозерська-Квітка-Основ'яненко", "Олександра-Вікторія", "Володимирівна"),
    ("Константинопольський", "Максиміліан", "Вʼячеславович"),
    ("Ярошенко", "Ігор", "Ґеннадійович"),
    LONGEST,
)

PLACES: tuple[str, ...] = (
    "Установа № 4, м. Житомир",
    "Учреждение № 12, г. Воронеж, Воронежская обл.",
    "Слідчий ізолятор № 1, м. Київ, вул. Дегтярівська",
    "Place 7",
)
CAMPAIGN = "Зимові посилки 2026"
SUMMARY = "Продукти 4,2 кг · гігієна · шкарпетки 3 пари · лист"
ITEMS: tuple[SlipLine, ...] = (
    SlipLine("Консерва м'ясна 325 г", 2),
    SlipLine("Чай чорний 100 г", 1),
    SlipLine("Печиво вівсяне 300 г", 2, "Печиво здобне 300 г"),
    SlipLine("Шкарпетки вовняні", 3),
    SlipLine("Мило господарське", 2),
    SlipLine("Зубна паста", 1),
)


def recipient(index: int) -> tuple[str, str, str]:
    return NAMES[index % len(NAMES)]


def list_number(index: int) -> str:
    """The mediator's numbers are theirs: not the line order (here, 1000 upwards, every third skipped)."""
    return str(1000 + index + index // 2)


def birth_date(index: int) -> date:
    return date(1960 + index % 40, 1 + index % 12, 1 + index % 28)


def labels(count: int, copy_every: int = 0) -> list[LabelData]:
    out = []
    for index in range(count):
        surname, given, patronymic = recipient(index)
        out.append(LabelData(
            make_code(CodeKind.PACKAGE, index + 1), surname, given, patronymic, birth_date(index),
            PLACES[index % len(PLACES)], CAMPAIGN, SUMMARY if index % 3 else "Продукти, гігієна",
            has_letter=index % 2 == 0, copy_number=1 if copy_every and index % copy_every == copy_every - 1 else 0,
            list_number=list_number(index)))
    return out


def slip(index: int = 0, lines: tuple[SlipLine, ...] = ITEMS) -> SlipData:
    surname, given, patronymic = recipient(index)
    return SlipData(make_code(CodeKind.PACKAGE, index + 1), surname, given, patronymic, CAMPAIGN, lines,
                    has_letter=True, packed_on=date(2026, 11, 20), list_number=list_number(index))


def letter_labels(count: int) -> list[LetterLabelData]:
    out = []
    for index in range(count):
        surname, given, patronymic = recipient(index)
        out.append(LetterLabelData(make_code(CodeKind.LETTER, index + 1), surname, given, patronymic,
                                   PLACES[index % len(PLACES)], CAMPAIGN, make_code(CodeKind.PACKAGE, index + 1),
                                   list_number(index)))
    return out


def cartons(count: int, per_carton: int = 12) -> list[CartonLabelData]:
    return [CartonLabelData(make_code(CodeKind.CARTON, index + 1), index + 1, per_carton, CAMPAIGN,
                            make_code(CodeKind.BATCH, 17)) for index in range(count)]


def manifest(count: int, version: int = 1) -> ManifestData:
    lines = []
    for index in range(count):
        surname, given, patronymic = recipient(index)
        lines.append(ManifestLine(
            make_code(CodeKind.PACKAGE, index + 1), surname, given, patronymic, birth_date(index),
            PLACES[index % len(PLACES)], has_letter=index % 2 == 0,
            weight_g=None if index % 11 == 5 else 4200 + (index * 37) % 900, expected_weight_g=4250,
            substitutions="Печиво вівсяне → здобне" if index % 7 == 3 else "", list_number=list_number(index)))
    return ManifestData(
        campaign=CAMPAIGN, batch_code=make_code(CodeKind.BATCH, 17), version=version,
        created=datetime(2026, 11, 27, 14, 30), place="м. Київ, склад № 2",
        sending_party=Party("Благодійний фонд «Рідні»", "Ковальчук Ганна Іванівна", "Координаторка"),
        mediator=Party("International Committee (mediator)", "Jean Dupont", "Delegate"),
        receiving_party=Party("Учреждение № 12", "Петров Алексей Викторович", "Представитель"),
        lines=tuple(lines), transport="Вантажівка AA 1234 BB, водій Петренко О. М.",
        seal_numbers=("0045123", "0045124"), events_included=(("station-1", 5321), ("station-2", 4410)),
        rules_versions=(1, 2),
    )
