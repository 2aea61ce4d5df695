"""A small campaign for packing-engine tests, built through the public services.

Template (version 1):
  line 1  tea x2        required, coffee may substitute
  line 2  soap x1       required
  line 3  socks x3      required, gloves may substitute
  line 4  chocolate x1  optional
Also in the catalog: vodka (category "alcohol", forbidden by the campaign) and batteries (not in the
template). Box tare 300 g, tolerance 100 g, maximum 2,000 g.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from models.campaigns import reference
from models.core.codes import Command, check_digit, command_code
from models.core.types import CampaignRules, ItemData, RecipientData, TemplateLineData
from models.packing.letters import LetterService
from models.packing.scanning import ScanOutcome, ScanService
from models.packing.sql.letters_repo import SqlLetterStore
from models.packing.sql.packing_store import SqlPackingStore
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.sql.users_repo import SqlUserStore
from models.packing.station import Station, StationService
from models.packing.users import Role, User, UserService
from models.storage.database import Database
from models.storage.opening import open_database

ITEMS = {  # name: (category, unit weight g)
    "tea": ("food", 100), "coffee": ("food", 200), "soap": ("hygiene", 150), "socks": ("clothing", 80),
    "gloves": ("clothing", 120), "chocolate": ("food", 100), "vodka": ("alcohol", 500),
    "batteries": ("electronics", 50),
}
RULES = CampaignRules(max_package_weight_g=2000, forbidden_categories=("alcohol",), letters_allowed=True,
                      box_tare_g=300, weight_tolerance_g=100)
RECIPIENTS = [
    RecipientData("1", "Шевченко", "Олена", "Петрівна", place="Київ"),
    RecipientData("2", "Іваненко", "Ґанна", "", place="Львів"),
    RecipientData("3", "Кузнецов", "Иван", "Сергеевич", place="Москва"),
    RecipientData("10", "Д'Аркура", "Їжак", "", place="Одеса"),
    RecipientData("4", "Петров", "Пётр", "", place="Харків"),
]
PIN = "1234"
ACK, SEAL, UNDO = command_code(Command.ACKNOWLEDGE), command_code(Command.SEAL), command_code(Command.UNDO)
REPRINT, NEXT, CALL = command_code(Command.REPRINT), command_code(Command.NEXT_PACKAGE), command_code(
    Command.CALL_SUPERVISOR)


def ean13(number: int) -> str:
    body = "460" + str(number).zfill(9)
    return body + check_digit(body)


def bad_check_digit(code: str) -> str:
    return code[:-1] + str((int(code[-1]) + 1) % 10)


@dataclass
class Packing:
    db: Database
    service: ScanService
    store: SqlPackingStore
    station: Station
    other: Station
    packer: User
    supervisor: User
    campaign_id: int
    template_id: int
    item_ids: dict[str, int]
    barcodes: dict[str, str]
    packages: list[str]
    """Package codes in the order of the recipient list (1, 2, 3, 4, 10)."""
    package_ids: dict[str, int] = field(default_factory=dict)

    def scan(self, *codes: str, station: Station | None = None, user: User | None = None) -> list[ScanOutcome]:
        return [self.service.handle(station or self.station, user or self.packer, code) for code in codes]

    def item(self, name: str) -> str:
        return self.barcodes[name]

    def full_package(self) -> list[str]:
        """Codes that fill every required line with main items."""
        return [self.item("tea")] * 2 + [self.item("soap")] + [self.item("socks")] * 3

    def letters(self) -> LetterService:
        return LetterService(SqlLetterStore(self.db))


def build_campaign(db: Database) -> None:
    """Reference data, users and the station identity, written through the services."""
    campaign = reference.create_campaign(db, "Зима", 5, RULES)
    reference.save_items(db, [ItemData(name, cat, weight, (ean13(i + 1),))
                              for i, (name, (cat, weight)) in enumerate(ITEMS.items())])
    ids = {item.name: item.id for item in reference.list_items(db)}
    reference.save_template(db, campaign, "Winter", [
        TemplateLineData(1, ids["tea"], 2, True, (ids["coffee"],)),
        TemplateLineData(2, ids["soap"], 1, True),
        TemplateLineData(3, ids["socks"], 3, True, (ids["gloves"],)),
        TemplateLineData(4, ids["chocolate"], 1, False),
    ])
    reference.save_recipients(db, campaign, RECIPIENTS)
    users = UserService(SqlUserStore(db))
    users.add("Olena", Role.PACKER, PIN, badge_code="7000001")
    users.add("Оксана", Role.PACKER, PIN, language="uk")
    users.add("Ivan", Role.SUPERVISOR, "9876")
    StationService(SqlStationStore(db)).ensure("Station 1")


def add_recipients(db: Database, count: int, first_number: int = 100) -> None:
    """More recipients (and planned packages) for the fixture campaign."""
    campaign = reference.get_campaign(db, "Зима")
    reference.save_recipients(db, campaign, [
        RecipientData(str(first_number + n), "Коваленко", f"Ім'я {n}", "Їжаківна", place="Суми") for n in range(count)])


def load(db: Database) -> Packing:
    store = SqlPackingStore(db)
    users = UserService(SqlUserStore(db))
    station = StationService(SqlStationStore(db)).identity()
    assert station is not None and station.campaign_id is not None
    other = Station("01OTHERSTATION0000000000AA", "Station 2", station.campaign_id)
    ids = {item.name: item.id for item in reference.list_items(db)}
    barcodes = {item.name: item.barcodes[0] for item in reference.list_items(db)}
    rows = db.execute(
        "SELECT p.code, p.id FROM packages p JOIN recipients r ON r.id = p.recipient_id "
        "ORDER BY r.number_key, r.list_number").fetchall()
    template_id = store.current_template_id(station.campaign_id)
    assert template_id is not None
    return Packing(db, ScanService(store), store, station, other, users.get("Olena"), users.get("Ivan"),
                   station.campaign_id, template_id, ids, barcodes, [code for code, _ in rows], dict(rows))


def make_packing(db: Database) -> Packing:
    build_campaign(db)
    return load(db)


def copy_database(source: Path, target: Path) -> Database:
    """A fresh copy of a prepared database (much faster than building one per hypothesis example)."""
    shutil.copyfile(source, target)
    return open_database(target)


_template: Path | None = None


def template_database() -> Path:
    """The fixture campaign, built once per test process; tests work on copies."""
    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="packline-packing-"))
        atexit.register(shutil.rmtree, folder, True)
        db = open_database(folder / "template.db")
        build_campaign(db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        _template = folder / "template.db"
    return _template


def packing_in(folder: Path) -> Iterator[Packing]:
    """For a test module's fixture: a fresh copy of the campaign in `folder`, closed afterwards.

        @pytest.fixture(name="packing")
        def packing_fixture(tmp_path): yield from packing_in(tmp_path)
    """
    packing = load(copy_database(template_database(), folder / "station.db"))
    yield packing
    packing.db.close()
