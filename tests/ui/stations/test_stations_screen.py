"""The Stations screen: a station exports through a folder, the hub imports there and lists the station.

Hub and station are real databases in temporary folders (tests.support.stations); the station packs
through ScanService; the folder dialog is replaced; the exchange runs on the screen's worker thread, and the
tests wait for its `exchanged` signal.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.workspace import Workspace
from models.core import i18n
from models.sync.overview import StationRow, split_numbers
from tests.support.campaign_screens import type_text
from tests.support.dbdump import dump
from tests.support.stations import Network, make_network
from tests.support.stations_screens import stations_screen
from ui.stations import StationsScreen
from ui.stations.model import cell

STATION = "Станція А"


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path, (STATION,))
    yield network
    network.close()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def hub(qtbot, net: Network, usb: Path) -> StationsScreen:
    return stations_screen(qtbot, Workspace(net.hub.db, net.hub.path), usb)


@pytest.fixture
def station(qtbot, net: Network, usb: Path) -> StationsScreen:
    return stations_screen(qtbot, Workspace(net[STATION].db, net[STATION].path), usb)


def _click_and_wait(qtbot, screen: StationsScreen, button) -> str:
    with qtbot.waitSignal(screen.exchanged, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return screen.exchange_message.text()


def test_a_station_exports_and_the_hub_imports_and_lists_it(qtbot, net: Network, usb: Path, hub, station):
    assert not station.table.isVisibleTo(station) and not station.lots_box.isVisibleTo(station)
    assert STATION in station.identity.text() and "none yet" in station.identity.text()
    assert hub.model.rowCount() == 0 and hub.empty.isVisible()
    net.pack_package(STATION, 0)
    net.pack_package(STATION, 1)
    last = net[STATION].db.execute("SELECT max(seq) FROM events").fetchone()[0]

    text = _click_and_wait(qtbot, station, station.export_button)
    files = sorted(usb.glob("events-*.plxe"))
    assert len(files) == 1 and files[0].name in text and "written to" in text
    seq_to = int(files[0].stem.rsplit("-", 1)[1])
    assert seq_to == last
    assert station.exchange_message.styleSheet() == ""

    text = _click_and_wait(qtbot, hub, hub.import_button)
    assert f"{STATION}: events 1–{seq_to}, {seq_to} merged, 0 held." in text
    assert "Campaign pack version" in text and (usb / "campaign-pack.plxp").is_file()
    assert list(usb.glob("ack-*.plxa"))
    assert hub.model.rowCount() == 1 and not hub.empty.isVisible()
    row = hub.model.row(0)
    assert row.name == STATION and row.station_id == net[STATION].station.instance_id
    assert row.last_seq == seq_to and row.events == seq_to and row.open_conflicts == 0
    assert hub.model.data(hub.model.index(0, 3)) == str(seq_to)
    assert hub.model.data(hub.model.index(0, 1)) == "…" + row.station_id[-6:]

    text = _click_and_wait(qtbot, hub, hub.import_button)  # again: nothing new
    assert "1 file held nothing new." in text and hub.model.row(0).last_seq == seq_to

    text = _click_and_wait(qtbot, station, station.import_button)  # the acknowledgement comes back
    assert f"up to number {seq_to}" in text
    assert f"up to event {seq_to}" in station.identity.text()


def test_the_model_passes_the_model_tester(qtbot, qtmodeltester, net: Network, hub, station):
    qtmodeltester.check(hub.model)
    net.pack_package(STATION, 0)
    _click_and_wait(qtbot, station, station.export_button)
    _click_and_wait(qtbot, hub, hub.import_button)
    hub.model.set_rows([*hub.model.rows, StationRow("", "Станція Б", lot_packages=3, lot_first="4", lot_last="6",
                                                               lot_ranges="4–6")])
    qtmodeltester.check(hub.model)
    hub.model.retranslate()
    qtmodeltester.check(hub.model)


def test_a_refused_file_shows_its_message_and_changes_nothing(qtbot, net: Network, usb: Path, hub, station):
    net.pack_package(STATION, 0)
    _click_and_wait(qtbot, station, station.export_button)
    (path,) = usb.glob("events-*.plxe")
    path.write_bytes(path.read_bytes()[:-40])  # cut short, as on a stick pulled out too early
    Workspace(net.hub.db, net.hub.path).check_station_identity()  # as at opening: the file's token is adopted
    before = dump(net.hub.db)
    text = _click_and_wait(qtbot, hub, hub.import_button)
    assert path.name in text and "incomplete" in text
    assert hub.exchange_message.styleSheet() != ""
    assert dump(net.hub.db) == before
    assert hub.model.rowCount() == 0 and not list(usb.glob("ack-*"))


def test_a_station_not_joined_is_told_so(qtbot, tmp_path: Path, usb: Path):
    workspace = Workspace.open(tmp_path / "new.db")
    try:
        screen = stations_screen(qtbot, workspace, usb)
        text = _click_and_wait(qtbot, screen, screen.export_button)
        assert "has not joined a hub" in text and screen.exchange_message.styleSheet() != ""
    finally:
        workspace.close()


def test_a_supervisor_gives_list_numbers_to_a_station(qtbot, net: Network, hub):
    hub.lot_station.setEditText(STATION)
    type_text(hub.lot_numbers, "1-3")
    type_text(hub.supervisor, "Olena")
    type_text(hub.pin, "1234", enter=True)
    assert "Only a supervisor" in hub.lot_message.text() and hub.pin.text() == ""
    assert hub.model.rowCount() == 0
    hub.supervisor.setText("Ivan")
    type_text(hub.pin, "0000")
    qtbot.mouseClick(hub.assign_button, Qt.MouseButton.LeftButton)
    assert hub.lot_message.text() == "<b>The name or the PIN is wrong.</b>"
    type_text(hub.pin, "9876")
    with qtbot.waitSignal(hub.lot_assigned):
        qtbot.mouseClick(hub.assign_button, Qt.MouseButton.LeftButton)
    assert f"3 packages given to {STATION}" in hub.lot_message.text()
    assert hub.lot_message.styleSheet() == "" and hub.lot_numbers.text() == ""
    row = hub.model.row(0)
    assert (row.name, row.station_id, row.lot_packages) == (STATION, "", 3)
    assert hub.model.data(hub.model.index(0, 5)) == "1–3 (3)"
    assert hub.model.data(hub.model.index(0, 2)) == "not heard from yet"


def test_an_unknown_list_number_is_refused_with_its_reason(qtbot, net: Network, hub):
    hub.lot_station.setEditText(STATION)
    hub.lot_numbers.setText("1-2, 99999")
    hub.supervisor.setText("Ivan")
    type_text(hub.pin, "9876", enter=True)
    assert "The lot was not changed." in hub.lot_message.text() and "99999" in hub.lot_message.text()
    assert hub.model.rowCount() == 0


def test_list_numbers_are_read_as_ranges_and_single_numbers():
    assert split_numbers("1-500, 612 700 .. 720; 9 – 3") == (["1-500", "700-720", "3-9"], ["612"])
    assert split_numbers("  ") == ([], [])
    assert split_numbers("A-12") == ([], ["A-12"])


def test_cells_without_a_view():
    heard = StationRow("01HXYZABCDEFGHJKMNPQRSTVWX", "A", "2024-05-01T10:00:00.000+00:00", "f", 12, 12, 5, "1", "5", 2,
                       "1–5")
    assert [cell(heard, c) for c in (0, 1, 3, 4, 5, 6)] == ["A", "…RSTVWX", "12", "12", "1–5 (5)", "2"]
    assert cell(heard, 2).startswith("2024-05-01")
    waiting = StationRow("", "B", lot_packages=1, lot_first="7", lot_last="7", lot_ranges="7")
    assert [cell(waiting, c) for c in range(7)] == ["B", "", "not heard from yet", "", "", "7 (1)", ""]


def test_the_screen_speaks_ukrainian(net: Network, hub):
    i18n.set_language("uk")
    try:
        hub.retranslate()
        assert hub.export_button.text() != "" and hub.model.headerData(0, Qt.Orientation.Horizontal) != ""
    finally:
        i18n.set_language("en")
