"""The demo campaign: believable, valid, reproducible, short on exactly two items, all-or-nothing."""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

import pytest

from app.cli import demo as demo_cli
from models.campaigns.reference import get_campaign, save_items
from models.campaigns.sql import reference_repo as repo
from models.core import codes
from models.core.errors import RefusedInput
from models.core.types import ItemData
from models.demo import names
from models.demo.campaign import SHORT_ITEMS, create_demo
from models.storage.database import Database
from models.storage.opening import open_database
from tests.support.dbdump import dump

TODAY = date(2025, 3, 1)



def people(db: Database) -> list[tuple]:
    return db.execute(
        "SELECT r.list_number, surname, given_name, patronymic, birth_date, place, service_number, notes, p.code "
        "FROM recipients r JOIN packages p ON p.recipient_id = r.id ORDER BY r.number_key"
    ).fetchall()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    """One 2,000-recipient demo, shared by the read-only checks (and timed)."""
    database = open_database(tmp_path_factory.mktemp("demo") / "demo.db")
    start = time.perf_counter()
    summary = create_demo(database, today=TODAY)
    elapsed = time.perf_counter() - start
    yield database, summary, elapsed
    database.close()


def test_two_thousand_recipients_are_created_well_under_two_seconds(demo):
    _db, summary, elapsed = demo
    assert summary.recipients == summary.packages == 2000
    assert elapsed < 1.0, f"create_demo took {elapsed:.2f} s"


def test_catalog_has_about_forty_items_all_with_valid_ean13s(demo):
    db, summary, _ = demo
    items = repo.all_items(db)
    assert 38 <= len(items) == summary.items <= 45
    barcodes = [barcode for item in items for barcode in item.barcodes]
    assert len(barcodes) == len(set(barcodes)) == summary.barcodes
    assert any(len(item.barcodes) == 2 for item in items)
    for item in items:
        assert 1 <= len(item.barcodes) <= 2 and item.unit_weight_g > 0
        for barcode in item.barcodes:
            assert codes.validate_item_barcode(barcode) == barcode and len(barcode) == 13
            assert barcode[:3] in ("460", "482")
            assert codes.classify(barcode).kind is codes.CodeKind.ITEM
    assert {"food", "hygiene", "clothing", "stationery", "medicine", "tobacco"} <= {i.category for i in items}


def test_rules_forbid_a_category_present_in_the_catalog(demo):
    db, summary, _ = demo
    campaign = get_campaign(db, "Demo")
    assert campaign == summary.campaign and campaign.target_count == 2000
    rules = campaign.rules
    assert rules.letters_allowed and rules.box_tare_g > 0 and rules.weight_tolerance_g > 0
    assert rules.forbidden_categories == ("tobacco",)
    assert any(item.category == "tobacco" for item in repo.all_items(db))


def test_template_has_twelve_lines_substitutes_and_exactly_one_optional_line(demo):
    db, summary, _ = demo
    template = repo.latest_template(db, summary.campaign.id)
    items = {item.id: item for item in repo.all_items(db)}
    assert template is not None and len(template.lines) == summary.template_lines == 12
    assert sum(1 for line in template.lines if line.substitutes) >= 4
    assert [line.required for line in template.lines].count(False) == 1
    mains = [line.item_id for line in template.lines]
    subs = [item for line in template.lines for item in line.substitutes]
    assert len(set(mains + subs)) == len(mains) + len(subs), "each item plays one role in the template"
    assert not any(items[i].category in summary.campaign.rules.forbidden_categories for i in mains + subs)
    heaviest = sum(line.quantity * max(items[i].unit_weight_g for i in (line.item_id, *line.substitutes))
                   for line in template.lines)
    assert heaviest + summary.campaign.rules.box_tare_g <= summary.campaign.rules.max_package_weight_g


def test_recipients_have_unique_numbers_and_planned_packages_with_valid_codes(demo):
    db, _, _ = demo
    rows = people(db)
    assert [row[0] for row in rows] == [str(n) for n in range(1, 2001)]
    package_codes = [row[-1] for row in rows]
    assert len(set(package_codes)) == 2000
    assert all(codes.classify(code).kind is codes.CodeKind.PACKAGE for code in package_codes)
    assert all(codes.classify(code).ok for code in package_codes)


def test_names_are_realistic_russian_and_ukrainian(demo):
    db, _, _ = demo
    rows = people(db)
    text = " ".join(" ".join(row[1:4]) for row in rows)
    for letter in "іїєґІЇЄҐ'ʼ":
        assert letter in text, letter
    ukrainian = sum(1 for row in rows if row[1].replace("ʼ", "'") in _ukrainian_surnames())
    assert 800 <= ukrainian <= 1200
    female_names = set(names.RUSSIAN_FEMALE_NAMES + names.UKRAINIAN_FEMALE_NAMES)
    for _number, _surname, given, patronymic, born, place, *_ in rows:
        female = given.replace("ʼ", "'") in female_names
        assert patronymic.endswith("на") if female else patronymic.endswith("ич"), (given, patronymic)
        assert "1950-01-01" <= born <= "2004-12-31"
        assert place in names.PLACES_RU + names.PLACES_UK
    assert any(row[6] for row in rows) and sum(1 for row in rows if row[6]) < 200
    assert any(row[7] for row in rows) and sum(1 for row in rows if row[7]) < 200
    assert any(given.replace("ʼ", "'") in female_names for _n, _s, given, *_ in rows)


def _ukrainian_surnames() -> set[str]:
    return {form for s in names.UKRAINIAN_SURNAMES for form in (s, names.feminine(s, True))}


def test_feminine_surnames():
    assert names.feminine("Иванов", False) == "Иванова"
    assert names.feminine("Вишневский", False) == "Вишневская"
    assert names.feminine("Толстой", False) == "Толстая"
    assert names.feminine("Черных", False) == "Черных"
    assert names.feminine("Ковальський", True) == "Ковальська"
    assert names.feminine("Білий", True) == "Біла"
    for invariant in ("Шевченко", "Гнатюк", "Ґудзь", "Федорів", "Стефанишин", "Дем'янчук"):
        assert names.feminine(invariant, True) == invariant


def test_stock_is_short_on_exactly_two_items_that_no_substitute_covers(demo):
    db, summary, _ = demo
    template = repo.latest_template(db, summary.campaign.id)
    items = {item.id: item.name for item in repo.all_items(db)}
    stock = repo.stock_received(db, summary.campaign.id)
    short_alone = {items[line.item_id] for line in template.lines if stock.get(line.item_id, 0) < line.quantity * 2000}
    short_with_substitutes = {
        items[line.item_id] for line in template.lines
        if sum(stock.get(i, 0) for i in (line.item_id, *line.substitutes)) < line.quantity * 2000
    }
    assert short_alone == short_with_substitutes == set(SHORT_ITEMS)
    assert {s.name for s in summary.short_items} == set(SHORT_ITEMS)
    for short in summary.short_items:
        assert short.received == stock.get(short.item_id, 0) and short.missing > 0
    assert any(s.substitutes_received for s in summary.short_items), "one short line shows a substitute"
    receipts = db.execute("SELECT donor, lot, expiry FROM stock_receipts").fetchall()
    assert len(receipts) == summary.stock_receipts
    assert all(donor for donor, _lot, _expiry in receipts)
    assert any(lot for _d, lot, _e in receipts) and any(not lot for _d, lot, _e in receipts)
    assert any(expiry and expiry > TODAY.isoformat() for _d, _l, expiry in receipts)


@pytest.mark.parametrize("count", [1, 7])
def test_even_a_tiny_demo_is_short_on_the_two_items(db: Database, count: int):
    summary = create_demo(db, recipients=count, today=TODAY)
    assert summary.recipients == count and len(summary.short_items) == 2
    assert all(short.missing > 0 for short in summary.short_items)


def test_same_seed_gives_the_same_demo_and_another_seed_another(tmp_path: Path):
    def build(name: str, seed: int):
        database = open_database(tmp_path / name)
        try:
            create_demo(database, recipients=300, seed=seed, today=TODAY)
            stock = database.execute("SELECT item_id, quantity, donor, lot, expiry FROM stock_receipts").fetchall()
            return people(database), stock, [(i.name, i.barcodes) for i in repo.all_items(database)]
        finally:
            database.close()

    first, again, other = build("a.db", 7), build("b.db", 7), build("c.db", 8)
    assert first == again
    assert first[0] != other[0] and first[1] != other[1]
    assert first[2] == other[2], "the catalog does not depend on the seed"


def test_refused_when_the_campaign_exists_and_nothing_changes(db: Database):
    create_demo(db, recipients=50, today=TODAY)
    before = dump(db)
    with pytest.raises(RefusedInput, match="already exists"):
        create_demo(db, " Demo ", recipients=50, today=TODAY)
    assert dump(db) == before


def test_a_second_demo_reuses_the_catalog(db: Database):
    create_demo(db, recipients=20, today=TODAY)
    second = create_demo(db, "Demo 2", recipients=30, seed=2, today=TODAY)
    assert second.items_created == 0 and second.recipients == 30
    assert len(repo.all_items(db)) == second.items
    codes_planned = [row[0] for row in db.execute("SELECT code FROM packages")]
    assert len(codes_planned) == len(set(codes_planned)) == 50


def test_refused_rather_than_changing_a_real_catalog_item(db: Database):
    save_items(db, [ItemData("Сахар-рафинад, 500 г", "food", 1000, ("4820000000017",))])
    before = dump(db)
    with pytest.raises(RefusedInput) as refused:
        create_demo(db, recipients=10, today=TODAY)
    assert refused.value.problems == ["Сахар-рафинад, 500 г"]
    assert dump(db) == before


def test_refused_without_a_name_or_recipients(db: Database):
    before = dump(db)
    with pytest.raises(RefusedInput):
        create_demo(db, "  ")
    with pytest.raises(RefusedInput):
        create_demo(db, recipients=0)
    assert dump(db) == before


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    demo_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_cli_creates_then_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = str(tmp_path / "cli.db")
    assert _cli(["demo", "--db", path, "--recipients", "40"]) == 0
    assert "Created campaign Demo: 40 recipients" in capsys.readouterr().out
    assert _cli(["demo", "--db", path, "--recipients", "40"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert _cli(["demo", "--db", path, "--recipients", "25", "--campaign", "Winter", "--seed", "3",
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] and result["campaign"]["name"] == "Winter" and result["recipients"] == 25
    assert [s["name"] for s in result["short_items"]] == list(SHORT_ITEMS)
    assert all(s["missing"] > 0 for s in result["short_items"])
