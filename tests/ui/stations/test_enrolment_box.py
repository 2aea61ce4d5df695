"""Enrolment on the hub's Stations screen: a new station's first file is refused and shown as asking; the
supervisor compares the fingerprint the station's screen shows, types it, and enrols it; revoking refuses
its files again. Real databases, real key presses, the exchange on the screen's worker thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.workspace import Workspace
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.station import StationService
from models.storage.opening import open_database
from models.sync import enrolment, exchange, pack
from tests.support.campaign_screens import type_text
from tests.support.stations import PASSPHRASE, Network, Node, make_network
from tests.support.stations_screens import stations_screen
from ui.stations import StationsScreen

LATE = "Станція Пізня"


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path, ("Station A",))
    path = tmp_path / "late.db"
    late = Node(LATE, open_database(path), path)  # joins, but nobody has enrolled it at the hub
    pack.import_pack(late.db, network.folder / pack.PACK_FILE_NAME, passphrase=PASSPHRASE)
    StationService(SqlStationStore(late.db)).ensure(LATE)
    network.stations[LATE] = late
    yield network
    network.close()


def _import(qtbot, hub: StationsScreen) -> str:
    with qtbot.waitSignal(hub.exchanged, timeout=10_000):
        qtbot.mouseClick(hub.import_button, Qt.MouseButton.LeftButton)
    return hub.exchange_message.text()


def _decide(qtbot, hub: StationsScreen, button, fingerprint: str = "") -> str:
    box = hub.enrolment_box
    box.fingerprint.clear()
    type_text(box.fingerprint, fingerprint)
    box.supervisor.clear()
    type_text(box.supervisor, "Ivan")
    type_text(box.pin, "9876")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return box.message.text()


def test_a_supervisor_enrols_a_new_station_after_comparing_its_fingerprint_and_can_revoke_it(
        qtbot, net: Network, tmp_path: Path) -> None:
    usb = net.folder
    net.pack_package(LATE, 0)
    (sent,) = exchange.export_events(net[LATE].db, usb)
    station_screen = stations_screen(qtbot, Workspace(net[LATE].db, net[LATE].path), usb, (1300, 900))
    shown = enrolment.own_fingerprint(net[LATE].db)
    assert shown in station_screen.identity.text()  # what the station shows, for the supervisor to compare
    hub = stations_screen(qtbot, Workspace(net.hub.db, net.hub.path), usb, (1300, 900))
    assert hub.enrolment_box.isVisible() and not station_screen.enrolment_box.isVisibleTo(station_screen)

    said = _import(qtbot, hub)
    assert "not enrolled" in said and shown in said
    box = hub.enrolment_box
    assert f"<b>{LATE}</b>&nbsp;</td><td>asks" in box.listing.text() and shown in box.listing.text()
    assert box.station.currentData() == sent.station_id

    wrong = _decide(qtbot, hub, box.enrol_button, "0000-0000-0000-0000")
    assert "is not the one station" in wrong and box.message.styleSheet()
    assert enrolment.station_keys(net.hub.db).enrolled.get(sent.station_id) is None
    done = _decide(qtbot, hub, box.enrol_button, shown.lower().replace("-", " "))
    assert f"{LATE} is enrolled" in done and box.pin.text() == ""
    assert f"{LATE}&nbsp;</td><td>enrolled" in box.listing.text()
    assert f"{LATE}: events 1–8, 8 merged" in _import(qtbot, hub)

    box.station.setCurrentIndex(box.station.findData(sent.station_id))
    assert f"{LATE} is revoked" in _decide(qtbot, hub, box.revoke_button)
    net.pack_package(LATE, 1)
    exchange.export_events(net[LATE].db, usb)
    assert "revoked" in _import(qtbot, hub)
