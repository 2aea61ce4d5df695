"""Likely duplicates in a recipient list: one person twice, spelled in Russian, Ukrainian or Latin letters."""

from __future__ import annotations

import dataclasses
import random
import time
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import imports
from models.campaigns import duplicates
from models.campaigns.duplicates import likely_duplicates, name_key, place_key
from models.campaigns.reference import create_campaign
from models.core.text import split_full_name
from models.core.types import RecipientData
from tests.support.import_files import RU_HEADER, write_csv

BORN = date(1984, 5, 17)


def person(number: str, full_name: str, born: date | None = BORN, place: str = "ИК-3") -> RecipientData:
    surname, given_name, patronymic = split_full_name(full_name)
    return RecipientData(number, surname, given_name, patronymic, born, place)


@pytest.mark.parametrize(("a", "b"), [
    ("Їжакевич Олександр Ярославович", "Іжакевич Олександр Ярославович"),
    ("Петренко Ігор Фёдорович", "Петренко Игорь Федорович"),
    ("Їжакевич Олександр Ярославович", "Yizhakevych Oleksandr Yaroslavovych"),
    ("Іжакевич Олександр", "Izhakevych Oleksandr"),
    ("Дар'я", "Дарʼя"), ("Дар’я", "Дарья"), ("Андрій", "Andriy"), ("Юрій", "Iurii"),
    ("ПЕТРЕНКО-СИДОРЕНКО  Ігор", "петренко сидоренко ігор"), ("Щербина Євгенія", "Щербина Евгения"),
])
def test_spellings_of_one_name_fold_to_one_key(a, b):
    assert name_key(a) == name_key(b)


def test_the_key_is_latin_lower_case_with_single_spaces():
    assert name_key("  Петренко   Ігор-Фёдорович ") == "petrenko igor fedorovich"
    assert name_key("") == "" and name_key(" - ’ ") == ""


def test_places_fold_spaces_and_hyphens_away_but_keep_their_numbers():
    assert place_key("ИК-3") == place_key("ик 3") == place_key("IK3")
    assert place_key("ИК-10") != place_key("ИК-100")


def test_russian_and_ukrainian_forms_of_a_name_are_near_not_equal():
    found = likely_duplicates([person("1", "Петренко Олександр Іванович"), person("2", "Петренко Александр Иванович")])
    assert [(pair.first, pair.second) for pair in found] == [
        (("1", "Петренко Олександр Іванович"), ("2", "Петренко Александр Иванович"))]
    assert duplicates.NEAR <= found[0].score < 100
    assert found[0].reason == ("Number 1 Петренко Олександр Іванович and number 2 Петренко Александр Иванович: same "
                               f"birth date 17.05.1984 and place, names close (score {round(found[0].score)}).")


def test_equal_after_folding_says_so_and_names_both_rows():
    [pair] = likely_duplicates([person("7", "Петренко Ігор Фёдорович"), person("12", "Петренко Игорь Федорович")])
    assert pair.score == 100 and pair.positions == (0, 1) and not pair.in_existing
    assert pair.reason == ("Number 7 Петренко Ігор Фёдорович and number 12 Петренко Игорь Федорович: same birth "
                           "date 17.05.1984 and place, names equal after folding.")


def test_a_latin_transliteration_meets_the_cyrillic_name():
    found = likely_duplicates([person("1", "Їжакевич Олександр Ярославович", place="СИЗО-1"),
                               person("2", "Yizhakevych Oleksandr Yaroslavovych", place="SIZO-1")])
    assert [pair.score for pair in found] == [100]


def test_a_given_name_written_first_is_still_found():
    found = likely_duplicates([person("1", "Коваленко Тарас Богданович"), person("2", "Тарас Коваленко Богданович")])
    assert [pair.score for pair in found] == [100]


@pytest.mark.parametrize("change", [
    {"birth_date": date(1984, 5, 18)}, {"birth_date": None}, {"place": "ИК-10"},
])
def test_another_birth_date_or_place_is_another_person(change):
    first = person("1", "Петренко Ігор Фёдорович")
    assert likely_duplicates([first, dataclasses.replace(first, list_number="2", **change)]) == []


def test_two_people_without_a_birth_date_are_never_paired():
    assert likely_duplicates([person("1", "Петренко Ігор", born=None), person("2", "Петренко Ігор", born=None)]) == []


def test_different_names_are_not_paired():
    assert likely_duplicates([person("1", "Петренко Ігор Фёдорович"), person("2", "Коваленко Тарас Богданович"),
                              person("3", "Петренко Іван Фёдорович")]) == []


def test_against_the_previous_version_the_same_number_is_the_same_person():
    previous = [person("1", "Петренко Ігор Фёдорович"), person("2", "Коваленко Тарас Богданович")]
    new = [person("1", "Петренко Игорь Федорович"), person("5", "Коваленко Тарас Богданович")]
    [pair] = likely_duplicates(new, previous)
    assert (pair.first, pair.second, pair.positions, pair.in_existing) == (
        ("2", "Коваленко Тарас Богданович"), ("5", "Коваленко Тарас Богданович"), (1, 1), True)
    assert pair.reason.startswith("Number 5 Коваленко Тарас Богданович and number 2 Коваленко Тарас Богданович "
                                  "of the current list:")


def test_three_rows_of_one_person_give_every_pair_in_order_of_the_later_row():
    found = likely_duplicates([person("1", "Петренко Ігор"), person("2", "Петренко Игорь"),
                               person("3", "Petrenko Ihor"), person("4", "ПЕТРЕНКО ІГОР")])
    assert [pair.positions for pair in found] == [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]


def test_a_huge_group_of_one_birth_date_and_place_looks_for_equal_names_only(monkeypatch):
    monkeypatch.setattr(duplicates, "BLOCK", 3)
    people = [person("1", "Петренко Ігор"), person("2", "Петренко Игорь"), person("3", "Коваленко Тарас"),
              person("4", "Коваленко Таран")]
    assert [pair.positions for pair in likely_duplicates(people)] == [(0, 1)]


def test_a_hundred_thousand_people_take_well_under_a_second():
    rng = random.Random(14)
    surnames = [root + ending for root in ("Петр", "Коваль", "Шевч", "Бондар", "Ткач", "Мельн", "Кравч", "Олійн",
                                           "Гриц", "Мороз", "Павл", "Савч", "Руд", "Марч", "Давыд", "Федор")
                for ending in ("енко", "ук", "ишин", "ов", "ський", "чук")]
    given_names = ["Ігор", "Олександр", "Тарас", "Андрій", "Сергей", "Юрій", "Богдан", "Максим", "Пётр", "Иван"]
    patronymics = ["Іванович", "Петрович", "Сергеевич", "Тарасович", "Богданович", ""]
    people = [RecipientData(str(n), rng.choice(surnames), rng.choice(given_names), rng.choice(patronymics),
                            date(1960, 1, 1) + timedelta(days=rng.randrange(16000)), rng.choice(["ИК-3", "СИЗО-1"]))
              for n in range(100_000)]
    started = time.perf_counter()
    found = likely_duplicates(people)
    assert time.perf_counter() - started < 1.5  # about 0.5 s on a 2-core workstation; slack for a busy one
    assert found and all(pair.score >= duplicates.NEAR for pair in found)


def test_an_import_warns_on_the_later_row_naming_the_earliest_other(db, tmp_path):
    campaign = create_campaign(db, "Зима 2026")
    path = write_csv(tmp_path / "list.csv", [
        RU_HEADER, ["1", "Їжакевич", "Олександр", "Ярославович", "17.05.1984", "ИК-3"],
        ["2", "Коваленко", "Тарас", "", "17.05.1984", "ИК-3"],
        ["3", "Іжакевич", "Александр", "Ярославович", "17.05.1984", "ИК 3"],
        ["4", "Izhakevych", "Oleksandr", "Yaroslavovych", "17.05.1984", "IK-3"],
    ])
    report = imports.validate(db, "recipients", path, campaign=campaign, today=date(2026, 3, 1))
    assert report.ok and [(w.row, w.reason.split(":")[0]) for w in report.warnings] == [
        (4, "Perhaps the same person as in row 2"), (5, "Perhaps the same person as in row 2")]
    assert report.warnings[0].reason == (
        "Perhaps the same person as in row 2: Number 1 Їжакевич Олександр Ярославович and number 3 Іжакевич "
        "Александр Ярославович: same birth date 17.05.1984 and place, names close (score 97). Check that this is "
        "not the same person twice.")


NAMES = st.sampled_from(["Петренко Ігор Фёдорович", "Їжакевич Олександр Ярославович", "Дар'я Коваленко",
                         "Щербина Євгенія Семенівна", "Ёлкин Артём Сергеевич", "Гончаренко Ярема"])


def _variant(name: str, data: st.DataObject) -> str:
    """`name` with ё/е swapped, apostrophes changed or dropped, letters in another case: one person."""
    swaps = {"ё": "е", "е": "ё", "Ё": "Е", "'": data.draw(st.sampled_from(["’", "ʼ", "`", "‘", ""]))}
    chars = [swaps[ch] if ch in swaps and data.draw(st.booleans()) else ch for ch in name]
    return "".join(ch.upper() if data.draw(st.booleans()) else ch.lower() for ch in chars)


@given(st.text(max_size=40))
def test_name_key_is_idempotent(text):
    assert name_key(name_key(text)) == name_key(text)


@given(NAMES, st.data())
def test_a_pair_differing_by_yo_apostrophe_or_case_is_always_reported(name, data):
    other = _variant(name, data)
    found = likely_duplicates([person("1", name), person("2", other)])
    assert [(pair.first, pair.second, pair.score) for pair in found] == [
        (("1", person("1", name).full_name), ("2", person("2", other).full_name), 100)]


@given(NAMES, st.dates(date(1901, 1, 1), date(2020, 1, 1)), st.dates(date(1901, 1, 1), date(2020, 1, 1)))
def test_people_with_different_birth_dates_are_never_paired(name, born, other_born):
    people = [person("1", name, born=born), person("2", name, born=other_born)]
    assert bool(likely_duplicates(people)) == (born == other_born)
