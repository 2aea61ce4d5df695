from datetime import date

import pytest

from models.campaigns import reference
from models.campaigns.sql import reference_repo as repo
from models.core import codes
from models.core.collation import name_key
from models.core.errors import NotFound, RefusedInput
from models.core.types import CampaignRules, ItemData, RecipientData, TemplateLineData
from tests.support.dbdump import dump

TEA = ItemData("Чай чорний", "food", 100, ("4820000000017",))
SOAP = ItemData("Мило", "hygiene", 90, ("4600000000015", "96385074"))
SUGAR = ItemData("Сахар", "food", 1000, ("4600000000022",))


def test_campaign_create_get_and_refusals(db):
    rules = CampaignRules(max_package_weight_g=5000, forbidden_categories=("tobacco",), letters_allowed=False)
    created = reference.create_campaign(db, "  Зима 2026 ", 100, rules)
    assert created.name == "Зима 2026" and created.rules == rules
    assert reference.get_campaign(db, "Зима 2026") == created
    with pytest.raises(RefusedInput, match="already exists"):
        reference.create_campaign(db, "Зима 2026")
    with pytest.raises(NotFound, match="Зима 2026"):
        reference.get_campaign(db, "Лето")
    with pytest.raises(RefusedInput):
        reference.create_campaign(db, "   ")


def test_items_are_validated_and_never_corrected(db):
    before = dump(db)
    bad = ItemData("Кава", "food", 250, ("4820000000018",))  # wrong check digit
    with pytest.raises(RefusedInput) as refused:
        reference.save_items(db, [TEA, bad])
    assert any("4820000000018" in problem and "check digit" in problem for problem in refused.value.problems)
    assert dump(db) == before


def test_saving_the_same_items_twice_changes_nothing(db):
    assert reference.save_items(db, [TEA, SOAP]) == reference.SaveResult(created=2)
    before = dump(db)
    assert reference.save_items(db, [TEA, SOAP]) == reference.SaveResult(unchanged=2)
    assert dump(db) == before
    heavier = ItemData(TEA.name, "food", 125, TEA.barcodes + ("4820000000024",))
    assert reference.save_items(db, [heavier]) == reference.SaveResult(updated=1)
    [tea] = [item for item in reference.list_items(db) if item.name == TEA.name]
    assert tea.unit_weight_g == 125 and tea.barcodes == ("4820000000017", "4820000000024")


def test_a_barcode_cannot_belong_to_two_items(db):
    reference.save_items(db, [TEA])
    with pytest.raises(RefusedInput, match="catalog was not changed") as refused:
        reference.save_items(db, [ItemData("Кава", "food", 250, TEA.barcodes)])
    assert "already belongs to Чай чорний" in refused.value.problems[0]


def test_templates_are_versioned_only_when_they_change(db):
    campaign = reference.create_campaign(db, "C", 10)
    reference.save_items(db, [TEA, SOAP, SUGAR])
    ids = {item.name: item.id for item in reference.list_items(db)}
    lines = [TemplateLineData(1, ids[TEA.name], 2), TemplateLineData(2, ids[SOAP.name], 1, False, (ids[SUGAR.name],))]
    first, result = reference.save_template(db, campaign, "Main", lines)
    assert (first.version, result.created) == (1, 1)
    again, result = reference.save_template(db, campaign, "Main", list(reversed(lines)))
    assert (again.id, result.unchanged) == (first.id, 1)
    changed, _ = reference.save_template(db, campaign, "Main", [TemplateLineData(1, ids[TEA.name], 3), lines[1]])
    assert changed.version == 2 and changed.lines[0].quantity == 3
    assert reference.current_template(db, campaign) == changed
    assert first.lines[1].substitutes == (ids[SUGAR.name],) and not first.lines[1].required


def test_template_problems_are_all_reported(db):
    campaign = reference.create_campaign(db, "C", 10)
    reference.save_items(db, [TEA])
    tea = reference.list_items(db)[0].id
    with pytest.raises(RefusedInput) as refused:
        reference.save_template(
            db, campaign, "T", [TemplateLineData(1, tea, 0), TemplateLineData(1, 999, 1, True, (tea, 999))]
        )
    text = "\n".join(refused.value.problems)
    assert "quantity must be at least 1" in text and "appears twice" in text and "999 is not in the catalog" in text


def recipient(number, surname="Шевченко", given="Тарас", patronymic="Григорович"):
    return RecipientData(number, surname, given, patronymic, date(1980, 3, 9), "СІЗО-1, м. Київ")


def test_recipients_get_one_planned_package_each_with_a_valid_code(db):
    campaign = reference.create_campaign(db, "C", 3)
    result = reference.save_recipients(
        db, campaign, [recipient("1"), recipient("2", "Ґудзь"), recipient("10", "Мар'яненко")]
    )
    assert result == reference.SaveResult(created=3)
    rows = db.execute("SELECT code FROM packages ORDER BY id").fetchall()
    assert len({code for (code,) in rows}) == 3
    assert all(codes.classify(code).kind is codes.CodeKind.PACKAGE for (code,) in rows)
    assert repo.recipients_by_number(db, campaign.id)["10"].surname == "Мар'яненко"


def test_reimporting_recipients_changes_nothing_and_updates_what_changed(db):
    campaign = reference.create_campaign(db, "C", 3)
    reference.save_recipients(db, campaign, [recipient("1"), recipient("2")])
    before = dump(db)
    again = reference.save_recipients(db, campaign, [recipient("1"), recipient("2")])
    assert again == reference.SaveResult(unchanged=2)
    assert dump(db) == before
    result = reference.save_recipients(db, campaign, [recipient("1", "Шевченко-Бойко"), recipient("2")])
    assert result == reference.SaveResult(updated=1, unchanged=1)
    assert db.execute("SELECT count(*) FROM packages").fetchone()[0] == 2


def test_duplicate_or_incomplete_recipients_are_refused_whole(db):
    campaign = reference.create_campaign(db, "C", 3)
    before = dump(db)
    with pytest.raises(RefusedInput) as refused:
        reference.save_recipients(db, campaign, [recipient("1"), recipient("1"), recipient("3", given="")])
    text = "\n".join(refused.value.problems)
    assert "Number 1 appears twice" in text and "Number 3: surname and given name are required" in text
    assert dump(db) == before


def test_cyrillic_names_sort_in_alphabetical_order():
    names = ["Яковенко", "Іваненко", "Ґудзь", "Євтушенко", "Їжак", "Гнатюк", "Ёлкин", "Ершов", "Жук", "Иванов",
             "Абрамов", "Йосипенко", "Adams"]
    expected = ["Абрамов", "Гнатюк", "Ґудзь", "Ершов", "Ёлкин", "Євтушенко", "Жук", "Иванов", "Іваненко", "Їжак",
                "Йосипенко", "Яковенко", "Adams"]
    assert sorted(names, key=name_key) == expected
    assert name_key("ШЕВЧЕНКО") == name_key("шевченко")
