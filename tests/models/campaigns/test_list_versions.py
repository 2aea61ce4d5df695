"""A recipient list against the current one (added, removed, changed field by field, unchanged), and the list
versions an import records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from models.campaigns import reference
from models.campaigns.list_versions import FieldChange, ListSource, list_difference
from models.core.types import RecipientData
from models.storage.opening import open_database


def person(number: str, surname: str = "Іваненко", **fields: object) -> RecipientData:
    return RecipientData(number, surname, "Петро", **fields)  # type: ignore[arg-type]


def test_the_difference_names_each_person_and_each_changed_field() -> None:
    current = {p.list_number: p for p in (person("1", birth_date=date(1980, 2, 1)), person("2", "Шевченко"),
                                          person("10", "Бондар"), person("3", "Коваль"))}
    new = [person("1", patronymic="Миколайович", birth_date=date(1981, 2, 1)), person("2", "Шевченко"),
           person("4", "Кузнецов")]
    found = list_difference(current, new)
    assert found.added == (("4", "Кузнецов Петро"),)
    assert found.removed == (("3", "Коваль Петро"), ("10", "Бондар Петро"))  # list-number order
    [changed] = found.changed
    assert (changed.list_number, changed.name) == ("1", "Іваненко Петро")
    assert changed.changes == (FieldChange("patronymic", "", "Миколайович"),
                               FieldChange("birth_date", "01.02.1980", "01.02.1981"))
    assert found.unchanged == 1


numbers = st.lists(st.integers(1, 40).map(str), unique=True, max_size=15)


@given(numbers, numbers, st.sets(st.integers(1, 40).map(str)))
def test_every_person_is_counted_once(old: list[str], new: list[str], renamed: set[str]) -> None:
    current = {n: person(n) for n in old}
    incoming = [person(n, "Інший" if n in renamed else "Іваненко") for n in new]
    found = list_difference(current, incoming)
    assert len(found.added) + len(found.changed) + found.unchanged == len(new)
    assert {n for n, _name in found.removed} == set(old) - set(new)
    assert {n for n, _name in found.added} == set(new) - set(old)
    assert {c.list_number for c in found.changed} == set(old) & set(new) & renamed


def test_an_import_with_a_source_records_the_next_list_version(tmp_path: Path) -> None:
    db = open_database(tmp_path / "station.db")
    campaign = reference.create_campaign(db, "Зима", 3)
    reference.save_recipients(db, campaign, [person("1"), person("2")], source=ListSource("a.csv", "ab" * 32),
                              user="olena")
    result = reference.save_recipients(db, campaign, [person("1", "Коваль"), person("3")],
                                       source=ListSource("b.csv", "cd" * 32), user="olena")
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert result.difference is not None and result.difference.removed == (("2", "Іваненко Петро"),)
    versions = reference.list_versions(db, campaign)
    assert [(v["version"], v["file"], v["rows"], v["added"], v["removed"], v["changed"], v["unchanged"],
             v["imported_by"]) for v in versions] == [(1, "a.csv", 2, 2, 0, 0, 0, "olena"),
                                                      (2, "b.csv", 2, 1, 1, 1, 0, "olena")]
    assert versions[1]["sha256"] == "cd" * 32
    reference.save_recipients(db, campaign, [person("4")])  # no source (a program, not a file): no version
    reference.save_recipients(db, campaign, [person("4")], source=ListSource("b.csv", "cd" * 32), user="olena")
    assert len(reference.list_versions(db, campaign)) == 2  # the same file again is no new version
    db.close()
