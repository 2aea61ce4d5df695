"""The recipient table's read service: orders done in SQL, rows by id."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.workspace import Workspace
from models.campaigns.queries import STATE_PLANNED, RecipientQueries, SortColumn
from models.campaigns.reference import create_campaign, save_recipients
from models.campaigns.sql.recipient_queries import SqlRecipientStore
from models.core.collation import name_key
from models.core.types import RecipientData
from models.storage.database import Database

# Merged Russian-Ukrainian alphabet: а б в г ґ д е ё є ж з и і ї й ... я, then Latin.
ALPHABETICAL = [
    "Антоненко", "Бойко", "Гнатюк", "Ґалаґан", "Ґудзь", "Дорошенко", "Егоров", "Ёлкин", "Євтушенко", "Жук",
    "Зайцев", "Иванов", "Іваненко", "Іщенко", "Їжак", "Їжакевич", "Йосипенко", "Кузнецов", "Д'яченко",
    "Эйхман", "Юрченко", "Яковенко", "Smith",
]
ALPHABETICAL.sort(key=name_key)  # the apostrophe is ignored: Д'яченко sorts as Дяченко


def recipient(number: str, surname: str, born: date | None = None, place: str = "СИЗО-1") -> RecipientData:
    return RecipientData(number, surname, "Іван", "Петрович", born, place)


@pytest.fixture
def queries(db: Database, db_path: Path) -> RecipientQueries:
    return Workspace(db, db_path).recipient_queries()


def names_in(queries: RecipientQueries, ids: list[int]) -> list[str]:
    rows = queries.rows(ids)
    return [rows[rid].full_name.split(" ")[0] for rid in ids]


def test_name_order_follows_the_alphabet_including_ukrainian_letters(db, queries):
    campaign = create_campaign(db, "C")
    shuffled = sorted(ALPHABETICAL, key=lambda s: s[::-1])
    save_recipients(db, campaign, [recipient(str(i), name) for i, name in enumerate(shuffled, 1)])

    ids = queries.ids(campaign.id, SortColumn.NAME)

    assert names_in(queries, ids) == ALPHABETICAL
    assert names_in(queries, queries.ids(campaign.id, SortColumn.NAME, descending=True)) == ALPHABETICAL[::-1]
    # The hand-checked landmarks, independent of the key function:
    order = names_in(queries, ids)
    for earlier, later in [("Гнатюк", "Ґалаґан"), ("Ёлкин", "Євтушенко"), ("Иванов", "Іваненко"),
                           ("Іщенко", "Їжак"), ("Їжакевич", "Йосипенко"), ("Яковенко", "Smith")]:
        assert order.index(earlier) < order.index(later)


def test_list_numbers_sort_as_numbers_and_others_after_them(db, queries):
    campaign = create_campaign(db, "C")
    save_recipients(db, campaign, [recipient(n, "Бойко") for n in ["10", "2", "A-7", "1", "100", "B-1"]])

    ids = queries.ids(campaign.id, SortColumn.NUMBER)
    assert [queries.rows(ids)[rid].number for rid in ids] == ["1", "2", "10", "100", "A-7", "B-1"]
    down = queries.ids(campaign.id, SortColumn.NUMBER, descending=True)
    assert [queries.rows(down)[rid].number for rid in down] == ["100", "10", "2", "1", "B-1", "A-7"]


def test_missing_birth_dates_stay_last_in_both_directions(db, queries):
    campaign = create_campaign(db, "C")
    save_recipients(db, campaign, [
        recipient("1", "А", date(1980, 5, 1)), recipient("2", "Б", None), recipient("3", "В", date(1975, 1, 9)),
    ])
    numbers = lambda ids: [queries.rows(ids)[rid].number for rid in ids]  # noqa: E731
    assert numbers(queries.ids(campaign.id, SortColumn.BIRTH_DATE)) == ["3", "1", "2"]
    assert numbers(queries.ids(campaign.id, SortColumn.BIRTH_DATE, descending=True)) == ["1", "3", "2"]


def test_place_order_uses_the_collation_then_names(db, queries):
    campaign = create_campaign(db, "C")
    save_recipients(db, campaign, [
        recipient("1", "Бойко", place="Ізолятор Оленівка"), recipient("2", "Антоненко", place="ИК-10"),
        recipient("3", "Жук", place="Єнакієве"), recipient("4", "Гнатюк", place="Ізолятор Оленівка"),
    ])
    ids = queries.ids(campaign.id, SortColumn.PLACE)
    rows = queries.rows(ids)
    assert [(rows[rid].place, rows[rid].full_name.split()[0]) for rid in ids] == [
        ("Єнакієве", "Жук"), ("ИК-10", "Антоненко"), ("Ізолятор Оленівка", "Бойко"),
        ("Ізолятор Оленівка", "Гнатюк"),
    ]


def test_package_code_and_state_orders(db, queries):
    campaign = create_campaign(db, "C")
    save_recipients(db, campaign, [recipient(str(n), "Бойко") for n in (3, 1, 2)])
    by_code = queries.ids(campaign.id, SortColumn.PACKAGE_CODE)
    codes = [queries.rows(by_code)[rid].package_code for rid in by_code]
    assert codes == sorted(codes) and all(len(code) == 18 and code.isdigit() for code in codes)
    assert queries.ids(campaign.id, SortColumn.PACKAGE_CODE, descending=True) == by_code[::-1]
    # Every package is planned for now, so the state order is the list order either way.
    by_number = queries.ids(campaign.id, SortColumn.NUMBER)
    assert queries.ids(campaign.id, SortColumn.STATE) == by_number
    assert queries.ids(campaign.id, SortColumn.STATE, descending=True) == by_number


def test_rows_carry_what_the_table_shows(db, queries):
    campaign = create_campaign(db, "C")
    save_recipients(db, campaign, [
        RecipientData("7", "Пʼятничук", "Євген", "Ігорович", date(1990, 2, 3), "ИК-2 Торез"),
        RecipientData("8", "Ким", "Олег", "", None, "СИЗО-3"),
    ])
    ids = queries.ids(campaign.id)
    rows = queries.rows([*ids, 999_999])  # an id that no longer exists is simply left out
    assert set(rows) == set(ids)
    first, second = rows[ids[0]], rows[ids[1]]
    assert (first.id, first.number, first.full_name, first.birth_date, first.place, first.state) == (
        ids[0], "7", "Пʼятничук Євген Ігорович", date(1990, 2, 3), "ИК-2 Торез", STATE_PLANNED)
    assert len(first.package_code) == 18
    assert (second.full_name, second.birth_date) == ("Ким Олег", None)


def test_campaigns_are_kept_apart_and_counted(db, queries):
    one, two = create_campaign(db, "One"), create_campaign(db, "Two")
    save_recipients(db, one, [recipient(str(n), "Бойко") for n in range(1, 4)])
    save_recipients(db, two, [recipient(str(n), "Жук") for n in range(1, 6)])
    assert (queries.count(one.id), queries.count(two.id)) == (3, 5)
    assert len(queries.ids(two.id, SortColumn.NAME)) == 5
    assert set(queries.ids(one.id)).isdisjoint(queries.ids(two.id))
    assert queries.ids(9999) == [] and queries.count(9999) == 0


def test_rows_are_fetched_in_chunks_for_long_id_lists(db, queries):
    campaign = create_campaign(db, "C")
    save_recipients(db, campaign, [recipient(str(n), "Бойко") for n in range(1, 1201)])
    ids = queries.ids(campaign.id)
    assert len(queries.rows(ids)) == 1200


def test_unknown_orders_are_refused(db):
    with pytest.raises(ValueError):
        SqlRecipientStore(db).recipient_ids(1, "surname; DROP TABLE recipients", False)
    with pytest.raises(ValueError):
        RecipientQueries(SqlRecipientStore(db)).ids(1, "colour")  # type: ignore[arg-type]


# -- search (FTS5, migration 0003) and the detail panel's reads ---------------------------------------------

from models.campaigns.queries import search_terms  # noqa: E402


def test_search_terms_fold_apostrophes_and_yo_and_recognise_codes():
    terms = search_terms("  Пʼят   Сем’ён ")
    assert terms.fts == '"Пят"* "Семен"*' and terms.number == "Пʼят Сем’ён" and terms.code == ""
    assert search_terms("]C1" + "100000000000000014").code == "100000000000000014"
    assert search_terms("   ") is None
    assert search_terms('"; DROP').fts == '"DROP"*'  # quotes and punctuation never reach FTS syntax


def test_search_follows_names_as_they_are_changed(db, queries):
    campaign = create_campaign(db, "C")
    save_recipients(db, campaign, [recipient("1", "Шевченко"), recipient("2", "Їжак"), recipient("3", "Іжак")])
    assert names_in(queries, queries.ids(campaign.id, search="шевч")) == ["Шевченко"]
    assert names_in(queries, queries.ids(campaign.id, search="ЇЖАК")) == ["Їжак"]
    assert names_in(queries, queries.ids(campaign.id, search="іжак")) == ["Іжак"]
    save_recipients(db, campaign, [recipient("1", "Коваленко")])  # the list corrected a surname
    assert queries.ids(campaign.id, search="шевч") == []
    assert names_in(queries, queries.ids(campaign.id, search="ковал")) == ["Коваленко"]
    assert queries.ids(campaign.id, search="2") == queries.ids(campaign.id, search="Їж")


def test_search_stays_inside_the_campaign_and_finds_package_codes(db, queries):
    one, two = create_campaign(db, "One"), create_campaign(db, "Two")
    save_recipients(db, one, [recipient("1", "Бойко")])
    save_recipients(db, two, [recipient("1", "Бойко")])
    found = queries.ids(one.id, search="бойко")
    assert len(found) == 1 and found == queries.ids(one.id, search="1")
    code = queries.rows(found)[found[0]].package_code
    assert queries.ids(one.id, search=code) == found and queries.ids(two.id, search=code) == []


def test_detail_of_a_planned_recipient(db, queries):
    campaign = create_campaign(db, "C")
    save_recipients(db, campaign, [RecipientData("7", "Пʼятничук", "Євген", "Ігорович", None, "ИК-2",
                                                 "АВ-123456", "diabetic")])
    rid = queries.ids(campaign.id)[0]
    detail = queries.detail(rid)
    assert detail.row.full_name == "Пʼятничук Євген Ігорович"
    assert detail.name_parts == ("Пʼятничук", "Євген", "Ігорович")
    assert (detail.service_number, detail.notes, detail.events, detail.letters) == ("АВ-123456", "diabetic", (), ())
    assert detail.row.state == STATE_PLANNED and detail.row.letters == "none"
    assert queries.detail(999_999) is None
