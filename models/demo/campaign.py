"""The demo campaign: a believable catalog, content template, recipient list and donated stock.

Used on a first start (so the app is never empty), by `main.py demo`, and by tests and benchmarks. Everything
is invented and reproducible: the same seed gives the same people and stock. The stock is deliberately
short on exactly two template items, so the "what is short" and "who gets a substitute" questions have
answers: condensed milk (no substitute) and toothpaste (its substitute, tooth powder, covers only part).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from models.campaigns.reference import save_items, save_recipients, save_template
from models.campaigns.sql import reference_repo as repo
from models.core import codes
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.core.text import clean
from models.core.types import (
    Campaign,
    CampaignRules,
    HandoverParties,
    ItemData,
    RecipientData,
    StockReceipt,
    TemplateLineData,
)
from models.demo import names
from models.storage.db import write_transaction

if TYPE_CHECKING:
    from models.storage.database import Database

RULES = CampaignRules(max_package_weight_g=5000, forbidden_categories=("tobacco",), letters_allowed=True,
                      box_tare_g=250, weight_tolerance_g=100)
DEMO_PARTIES = HandoverParties("Demo Relief Foundation", "Demo Mediator", "Demo Receiving Facility")
DEMO_USER = "demo"
TEMPLATE_NAME = "Стандартна посилка / Стандартная посылка"
_UK_PREFIX, _RU_PREFIX = "482", "460"
_OLDEST = date(1950, 1, 1)
_BIRTH_SPAN = (date(2004, 12, 31) - _OLDEST).days

# (name, category, unit weight in grams (gross), number of barcodes, Ukrainian-made)
CATALOG: tuple[tuple[str, str, int, int, bool], ...] = (
    ("Тушёнка говяжья, 325 г", "food", 380, 2, False),
    ("Тушонка свиняча, 325 г", "food", 380, 1, True),
    ("Молоко сгущённое, 380 г", "food", 420, 2, False),
    ("Чай чёрный листовой, 100 г", "food", 110, 2, False),
    ("Чай чорний у пакетиках, 100 шт.", "food", 220, 1, True),
    ("Кофе растворимый, 95 г", "food", 150, 2, False),
    ("Кава розчинна, 100 г", "food", 160, 1, True),
    ("Сахар-рафинад, 500 г", "food", 510, 2, False),
    ("Печенье «Юбилейное», 112 г", "food", 120, 1, False),
    ("Галети, 300 г", "food", 310, 1, True),
    ("Сухари ржаные, 200 г", "food", 210, 1, False),
    ("Шоколад молочний, 90 г", "food", 95, 2, True),
    ("Карамель «Дюшес», 250 г", "food", 260, 1, False),
    ("Каша вівсяна швидкого приготування, 6 × 35 г", "food", 230, 1, True),
    ("Лапша быстрого приготовления, 90 г", "food", 95, 2, False),
    ("Паштет печінковий, 250 г", "food", 280, 1, True),
    ("Сардина в масле, 240 г", "food", 270, 1, False),
    ("Халва подсолнечная, 350 г", "food", 360, 1, False),
    ("Курага, 200 г", "food", 210, 1, False),
    ("Мыло туалетное, 90 г", "hygiene", 100, 2, False),
    ("Мило господарське, 200 г", "hygiene", 210, 1, True),
    ("Зубная паста, 100 мл", "hygiene", 140, 2, False),
    ("Зубний порошок, 100 г", "hygiene", 120, 1, True),
    ("Зубна щітка", "hygiene", 25, 1, True),
    ("Шампунь, 250 мл", "hygiene", 280, 1, False),
    ("Туалетная бумага, 4 рулона", "hygiene", 400, 1, False),
    ("Серветки вологі, 15 шт.", "hygiene", 60, 1, True),
    ("Носки шерстяные", "clothing", 90, 1, False),
    ("Шкарпетки бавовняні, 3 пари", "clothing", 150, 1, True),
    ("Трусы мужские хлопковые", "clothing", 80, 1, False),
    ("Футболка бавовняна", "clothing", 180, 1, True),
    ("Термобельё, комплект", "clothing", 350, 1, False),
    ("Шапка в'язана", "clothing", 100, 1, True),
    ("Тетрадь, 48 листов", "stationery", 120, 2, False),
    ("Конверти поштові, 10 шт.", "stationery", 60, 1, True),
    ("Ручки шариковые синие, 2 шт.", "stationery", 20, 1, False),
    ("Календар кишеньковий", "stationery", 10, 1, True),
    ("Вітаміни полівітамінні, 30 табл.", "medicine", 60, 1, True),
    ("Витамин C, 20 табл.", "medicine", 50, 1, False),
    ("Уголь активированный, 10 табл.", "medicine", 10, 1, False),
    ("Сигареты, блок 10 пачек", "tobacco", 200, 2, False),
    ("Махорка, 50 г", "tobacco", 55, 1, False),
)

# (main item, quantity, required, substitutes)
TEMPLATE: tuple[tuple[str, int, bool, tuple[str, ...]], ...] = (
    ("Тушёнка говяжья, 325 г", 2, True, ("Тушонка свиняча, 325 г",)),
    ("Молоко сгущённое, 380 г", 1, True, ()),
    ("Чай чёрный листовой, 100 г", 2, True, ("Чай чорний у пакетиках, 100 шт.",)),
    ("Кофе растворимый, 95 г", 1, True, ("Кава розчинна, 100 г",)),
    ("Сахар-рафинад, 500 г", 1, True, ()),
    ("Печенье «Юбилейное», 112 г", 2, True, ("Галети, 300 г", "Сухари ржаные, 200 г")),
    ("Мыло туалетное, 90 г", 2, True, ("Мило господарське, 200 г",)),
    ("Зубная паста, 100 мл", 1, True, ("Зубний порошок, 100 г",)),
    ("Носки шерстяные", 2, True, ("Шкарпетки бавовняні, 3 пари",)),
    ("Тетрадь, 48 листов", 1, True, ()),
    ("Конверти поштові, 10 шт.", 1, True, ()),
    ("Вітаміни полівітамінні, 30 табл.", 1, False, ()),
)

SHORT_ITEMS: tuple[str, str] = ("Молоко сгущённое, 380 г", "Зубная паста, 100 мл")
"""Stocked below what the packages need; no substitute stock closes the gap."""


@dataclass(frozen=True)
class ShortItem:
    name: str
    item_id: int
    needed: int
    received: int
    substitutes_received: int

    @property
    def missing(self) -> int:
        return self.needed - self.received - self.substitutes_received


@dataclass(frozen=True)
class DemoSummary:
    campaign: Campaign
    items: int
    items_created: int
    barcodes: int
    template_lines: int
    recipients: int
    packages: int
    stock_receipts: int
    short_items: tuple[ShortItem, ...]


def catalog_items() -> list[ItemData]:
    """The demo catalog, each item with one or two valid EAN-13s (the same on every run and seed)."""
    taken: set[str] = set()
    items = []
    for name, category, weight, count, ukrainian in CATALOG:
        rng = random.Random(f"packline-demo-barcode:{name}")
        barcodes: list[str] = []
        while len(barcodes) < count:
            body = (_UK_PREFIX if ukrainian else _RU_PREFIX) + "".join(rng.choices("0123456789", k=9))
            barcode = codes.validate_item_barcode(body + codes.check_digit(body))
            if barcode not in taken:
                taken.add(barcode)
                barcodes.append(barcode)
        items.append(ItemData(name, category, weight, tuple(barcodes)))
    return items


def create_demo(db: Database, campaign_name: str = "Demo", recipients: int = 2000, seed: int = 1,
                today: date | None = None) -> DemoSummary:
    """Create the demo campaign in one transaction, or refuse (nothing changed) if the name is taken."""
    name = clean(campaign_name)
    if not name:
        raise RefusedInput(_("A campaign needs a name."))
    if recipients < 1:
        raise RefusedInput(_("The demo needs at least one recipient."))
    rng = random.Random(seed)
    today = today or date.today()
    items = catalog_items()
    with write_transaction(db):
        if repo.campaign_by_name(db, name):
            raise RefusedInput(_("A campaign named {name} already exists.").format(name=name))
        _refuse_changed_items(db, items)
        campaign = repo.campaign_by_id(db, repo.insert_campaign(
            db, Campaign(0, name, recipients, RULES, DEMO_PARTIES, demo=True), DEMO_USER))
        assert campaign is not None
        created = save_items(db, items, transaction=False).created
        ids = {item.name: item.id for item in repo.all_items(db)}
        lines = [TemplateLineData(no, ids[main], qty, required, tuple(ids[s] for s in subs))
                 for no, (main, qty, required, subs) in enumerate(TEMPLATE, start=1)]
        save_template(db, campaign, TEMPLATE_NAME, lines, transaction=False)
        people = make_recipients(rng, recipients)
        planned = save_recipients(db, campaign, people, transaction=False).created
        receipts = make_stock(rng, ids, recipients, today)
        repo.insert_stock_receipts(db, campaign.id, receipts)
    received: dict[int, int] = {}
    for receipt in receipts:
        received[receipt.item_id] = received.get(receipt.item_id, 0) + receipt.quantity
    short = tuple(
        ShortItem(main, ids[main], qty * recipients, received.get(ids[main], 0),
                  sum(received.get(ids[s], 0) for s in subs))
        for main, qty, _required, subs in TEMPLATE if main in SHORT_ITEMS
    )
    return DemoSummary(campaign, len(items), created, sum(len(i.barcodes) for i in items), len(lines),
                       len(people), planned, len(receipts), short)


def _refuse_changed_items(db: Database, items: list[ItemData]) -> None:
    """The demo may reuse catalog items of the same name, never change a coordinator's real ones."""
    existing = {item.name: item for item in repo.all_items(db)}
    clashes = [item.name for item in items if item.name in existing
               and (existing[item.name].category, existing[item.name].unit_weight_g)
               != (item.category, item.unit_weight_g)]
    if clashes:
        raise RefusedInput(_("The catalog already has items of the demo's names with other details; the demo "
                             "would change them."), clashes)


def make_recipients(rng: random.Random, count: int) -> list[RecipientData]:
    """`count` people, about half with Russian and half with Ukrainian names, numbered 1..count."""
    people = []
    for number in range(1, count + 1):
        ukrainian = rng.random() < 0.5
        male = rng.random() < 0.85
        if ukrainian:
            surname = rng.choice(names.UKRAINIAN_SURNAMES)
            given = rng.choice(names.UKRAINIAN_MALE_NAMES if male else names.UKRAINIAN_FEMALE_NAMES)
            patronymics = names.UKRAINIAN_PATRONYMICS
        else:
            surname = rng.choice(names.RUSSIAN_SURNAMES)
            given = rng.choice(names.RUSSIAN_MALE_NAMES if male else names.RUSSIAN_FEMALE_NAMES)
            patronymics = names.RUSSIAN_PATRONYMICS
        patronymic = rng.choice(patronymics)[0 if male else 1]
        surname = surname if male else names.feminine(surname, ukrainian)
        if ukrainian and rng.random() < 0.4:  # this clerk types the modifier letter apostrophe
            surname, given, patronymic = (part.replace("'", "ʼ") for part in (surname, given, patronymic))
        born = _OLDEST + timedelta(days=int(rng.triangular(0, _BIRTH_SPAN, 12_000)))
        place = rng.choice(names.PLACES_RU if rng.random() < 0.55 else names.PLACES_UK)
        service = ""
        if rng.random() < 0.04:
            service = f"{rng.choice('АВЕКМНР')}{rng.choice('АВЕКМНР')}-{rng.randint(100000, 999999)}"
        notes = rng.choice(names.NOTES_UK if ukrainian else names.NOTES_RU) if rng.random() < 0.03 else ""
        people.append(RecipientData(str(number), surname, given, patronymic, born, place, service, notes))
    return people


def make_stock(rng: random.Random, ids: dict[str, int], recipients: int, today: date) -> list[StockReceipt]:
    """Donations: enough for every package of every template line except the two SHORT_ITEMS."""
    categories = {name: category for name, category, *_rest in CATALOG}
    wanted: dict[str, int] = {}
    for main, qty, _required, subs in TEMPLATE:
        need = qty * recipients
        if main in SHORT_ITEMS:
            wanted[main] = need * rng.randint(50, 65) // 100
            for sub in subs:
                wanted[sub] = need * rng.randint(10, 20) // 100
        else:
            wanted[main] = math.ceil(need * rng.uniform(1.02, 1.25))
            for sub in subs:
                wanted[sub] = need * rng.randint(5, 30) // 100
    for name, *_rest in CATALOG:
        wanted.setdefault(name, rng.randint(max(10, recipients // 20), max(20, recipients // 5)))
    receipts = []
    for name, total in wanted.items():
        if total <= 0:  # a tiny demo can leave a short item with nothing at all
            continue
        parts = min(total, rng.randint(1, 3))
        cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
        for quantity in (b - a for a, b in zip([0, *cuts], [*cuts, total], strict=False)):
            perishable = categories[name] in ("food", "hygiene", "medicine")
            lot = f"{rng.choice('ABCLP')}{rng.randint(1000, 9999)}-{rng.randint(1, 99):02d}"
            lot = lot if rng.random() < 0.6 else ""
            expiry = today + timedelta(days=rng.randint(120, 900)) if perishable else None
            receipts.append(StockReceipt(ids[name], quantity, rng.choice(names.DONORS), lot, expiry))
    return receipts
