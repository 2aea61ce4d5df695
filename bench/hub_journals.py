"""A hub and stations whose journals are written straight into their databases, many events fast: for the
exchange benchmark (`bench/sync_bench.py`) and the tests of a large hub import (no tests in this module).

A hub with a campaign of N packages; each station is a copy of the hub, turned into a station, holding the
journal of packing its share of the packages (open, 8 item scans, seal: 10 events a package); the stations are
enrolled at the hub as a supervisor does after comparing fingerprints.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import app.workspace  # noqa: F401 - registers the features' projections, as the app does
from models.campaigns import reference
from models.core.codes import check_digit
from models.core.events import new_event_id
from models.core.types import CampaignRules, ItemData, RecipientData, TemplateLineData
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.station import StationService
from models.packing.users import Role, User
from models.storage.db import write_transaction
from models.storage.migrations import schema_version
from models.storage.opening import open_database
from models.sync import enrolment, signing
from models.sync.roles import ensure_hub
from models.sync.sql import sync_repo
from models.sync.sql.sync_repo import RawEvent

LINES = ((1, "tea", 2), (2, "soap", 2), (3, "socks", 4))
EVENTS_PER_PACKAGE = 2 + sum(quantity for _line, _name, quantity in LINES)


def ean(number: int) -> str:
    body = "482" + str(number).zfill(9)
    return body + check_digit(body)


def prepare_hub(path: Path, packages: int) -> None:
    db = open_database(path)
    campaign = reference.create_campaign(db, "Bench", packages, CampaignRules(max_package_weight_g=20_000))
    reference.save_items(db, [ItemData(name, "goods", 100, (ean(n),)) for n, (_l, name, _q) in enumerate(LINES)])
    ids = {item.name: item.id for item in reference.list_items(db)}
    reference.save_template(db, campaign, "Bench", [TemplateLineData(line, ids[name], quantity)
                                                     for line, name, quantity in LINES])
    reference.save_recipients(db, campaign, [RecipientData(str(n + 1), f"Прізвище{n % 997}", f"Ім'я{n % 89}",
                                                           place="Київ") for n in range(packages)])
    StationService(SqlStationStore(db)).ensure("Hub")
    with write_transaction(db):
        ensure_hub(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def make_station(hub: Path, path: Path, index: int, package_ids: list[int]) -> tuple[str, bytes]:
    """A station holding the journal of packing `package_ids` (events only: export reads the journal); its
    identity and public key, to be enrolled at the hub once every station is made (a copy of the hub)."""
    shutil.copyfile(hub, path)
    db = open_database(path)
    service = StationService(SqlStationStore(db))
    service.rename(f"Station {index + 1}")
    station = service.take_new_identity().instance_id
    items = dict(db.execute("SELECT name, id FROM items").fetchall())
    template, campaign = db.execute("SELECT id, campaign_id FROM templates").fetchone()
    version = schema_version(db)
    rows: list[tuple[object, ...]] = []

    def add(package: int, kind: str, payload: dict[str, object]) -> None:
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        rows.append(RawEvent(new_event_id(), station, len(rows) + 1, "2026-01-01T00:00:00.000+00:00", "Olena",
                             package, kind, text, version).row())

    for package in package_ids:
        add(package, "package_opened", {"campaign_id": campaign, "template_id": template, "resumed": False,
                                        "station_name": f"Station {index + 1}"})
        for line, name, quantity in LINES:
            for _n in range(quantity):
                add(package, "item_scanned", {"barcode": ean(0), "item_id": items[name], "line_no": line})
        add(package, "package_sealed", {"weight_g": None, "expected_weight_g": 1000})
    with write_transaction(db):
        db.conn.executemany(f"INSERT INTO events ({sync_repo.RAW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            rows)
        sync_repo.set_setting(db, sync_repo.SETTING_ROLE, sync_repo.ROLE_STATION)
    key = enrolment.signer(db, station).public_key
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return station, key


def enrol(hub_path: Path, stations: list[tuple[str, bytes]]) -> None:
    """The stations enrolled at the hub, as a supervisor does after comparing fingerprints."""
    hub = open_database(hub_path)
    try:
        for index, (station, key) in enumerate(stations):
            enrolment.note_request(hub, station, f"Station {index + 1}", key)
            enrolment.enrol(hub, station, signing.fingerprint(key), User(0, "Bench supervisor", Role.SUPERVISOR))
        hub.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        hub.close()
