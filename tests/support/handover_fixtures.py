"""A demo campaign with packages packed through `ScanService`, for the handover tests.

    campaign = packed_demo(db, db_path, packages=20)   # 20 sealed packages, a supervisor, a station

Packing goes the whole way a station goes: the package label, every required checklist line's main item as
often as the template asks, then the Seal command code.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.workspace import Workspace
from models.campaigns import reference
from models.campaigns.sql.reference_repo import recipients_by_number
from models.core.codes import Command, command_code
from models.core.types import Campaign, RecipientData
from models.demo.campaign import create_demo
from models.packing.sql.users_repo import SqlUserStore
from models.packing.station import Station
from models.packing.users import Role, User, UserService
from models.storage.database import Database
from models.storage.opening import open_database

SEAL = command_code(Command.SEAL)
SUPERVISOR_PIN = "2468"
PACKER_PIN = "1357"


@dataclass
class Demo:
    workspace: Workspace
    campaign: Campaign
    station: Station
    packer: User
    supervisor: User
    sealed: list[str]
    """Codes of the sealed packages, in recipient-list order."""
    planned: list[str]
    """Codes of packages never opened."""

    @property
    def db(self) -> Database:
        return self.workspace.db


def pack(workspace: Workspace, station: Station, packer: User, campaign: Campaign, codes: list[str]) -> None:
    """Pack and seal each package through ScanService, as a station does."""
    service = workspace.scan_service()
    template = reference.current_template(workspace.db, campaign)
    assert template is not None
    barcodes = {item.id: item.barcodes[0] for item in reference.list_items(workspace.db)}
    scans = [barcodes[line.item_id] for line in template.lines if line.required for _ in range(line.quantity)]
    for code in codes:
        for raw in (code, *scans, SEAL):
            outcome = service.handle(station, packer, raw)
            assert outcome.accepted, outcome.message


def build(db: Database, path: Path, *, recipients: int = 30, packages: int = 20) -> Demo:
    summary = create_demo(db, "Demo", recipients=recipients)
    users = UserService(SqlUserStore(db))
    packer = users.add("Packer", Role.PACKER, PACKER_PIN, language="en")
    supervisor = users.add("Supervisor", Role.SUPERVISOR, SUPERVISOR_PIN, language="en")
    workspace = Workspace(db, path)
    station = workspace.station_service().ensure("Hub")
    station = workspace.station_service().set_campaign(summary.campaign.id)
    codes = [row[0] for row in db.execute(
        "SELECT p.code FROM packages p JOIN recipients r ON r.id = p.recipient_id WHERE p.campaign_id = ? "
        "ORDER BY r.number_key", [summary.campaign.id])]
    pack(workspace, station, packer, summary.campaign, codes[:packages])
    return Demo(workspace, summary.campaign, station, packer, supervisor, codes[:packages], codes[packages:])


_templates: dict[tuple[int, int], Path] = {}


def packed_demo(folder: Path, *, recipients: int = 30, packages: int = 20) -> Demo:
    """A fresh copy of a demo database with `packages` sealed (built once per test process)."""
    key = (recipients, packages)
    if key not in _templates:
        build_folder = Path(tempfile.mkdtemp(prefix="packline-handover-"))
        atexit.register(shutil.rmtree, build_folder, True)
        db = open_database(build_folder / "template.db")
        build(db, build_folder / "template.db", recipients=recipients, packages=packages)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        _templates[key] = build_folder / "template.db"
    target = folder / "station.db"
    shutil.copyfile(_templates[key], target)
    db = open_database(target)
    workspace = Workspace(db, target)
    users = workspace.user_service()
    station = workspace.station_service().identity()
    assert station is not None
    campaign = workspace.campaigns()[0]
    codes = [row[0] for row in db.execute(
        "SELECT p.code FROM packages p JOIN recipients r ON r.id = p.recipient_id ORDER BY r.number_key")]
    return Demo(workspace, campaign, station, users.get("Packer"), users.get("Supervisor"), codes[:packages],
                codes[packages:])


def current_list(demo: Demo) -> list[RecipientData]:
    """The campaign's recipient list as it stands, in the order it was imported (to write a corrected one)."""
    people = recipients_by_number(demo.db, demo.campaign.id)
    return [RecipientData(p.list_number, p.surname, p.given_name, p.patronymic, p.birth_date, p.place,
                          p.service_number, p.notes) for p in sorted(people.values(), key=lambda p: p.id)]


def signed_batch(demo: Demo, codes: list[str]) -> str:
    """A batch of `codes`, closed and signed by the supervisor, as the handover screen makes one; its code."""
    batches = demo.workspace.batch_service()
    created = batches.create_batch(demo.station, demo.supervisor, demo.campaign.id)
    assert created.accepted, created.message
    for code in codes:
        added = batches.add(demo.station, demo.supervisor, created.batch_code, code)
        assert added.accepted, added.message
    for step in (batches.close, batches.sign):
        outcome = step(demo.station, demo.supervisor, created.batch_code)
        assert outcome.accepted, outcome.message
    return created.batch_code


def format_one(batch: str, version: int, codes: list[str]) -> str:
    """A sheet printed before lines were hashed, built from its documented format (models/handover/seal.py)."""
    digest = int(hashlib.sha256("\n".join(sorted(codes)).encode()).hexdigest(), 16)
    return f"1{batch}{version:03d}{len(codes):06d}{digest:078d}"
