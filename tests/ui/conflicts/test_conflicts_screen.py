"""The Conflicts screen: flagged packages, what each station did, resolution signed with a supervisor's PIN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.workspace import Workspace
from models.sync import exchange
from models.sync.conflicts import KEEP, is_flagged
from tests.support.campaign_screens import type_text
from tests.support.stations import Network, make_network
from ui.conflicts.screen import ConflictsScreen, build_conflicts_screen


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path, ("Станція А", "Станція Б"))
    yield network
    network.close()


def _double_pack(net: Network, index: int = 0) -> None:
    """Both stations pack the same package (A's file reaches the hub first), and B one more of its own."""
    net.pack_package("Станція А", index)
    net.pack_package("Станція Б", index)
    net.pack_package("Станція Б", index + 1)
    for name in ("Станція А", "Станція Б"):
        for path in net.export(name):
            exchange.import_events(net.hub.db, path)
            path.unlink()


@pytest.fixture
def screen(qtbot, net: Network) -> ConflictsScreen:
    _double_pack(net)
    widget = build_conflicts_screen(Workspace(net.hub.db, net.hub.path))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_model_passes_the_model_tester(qtmodeltester, screen: ConflictsScreen):
    qtmodeltester.check(screen.model)
    screen.model.retranslate()
    qtmodeltester.check(screen.model)


def test_the_screen_lists_the_flagged_package_and_what_each_station_did(net: Network, screen: ConflictsScreen):
    assert screen.model.rowCount() == 1 and not screen.empty.isVisible()
    assert screen.model.data(screen.model.index(0, 0)) == net.codes[0]
    assert screen.model.data(screen.model.index(0, 2)) == "Worked at two stations"
    assert screen.model.data(screen.model.index(0, 3)) == "Станція А, Станція Б"
    stations = screen.stations.text()
    assert "Станція А</b> (in the hub's records)" in stations and "Станція Б</b> (held, not merged)" in stations
    assert "6 items" in stations and "sealed" in stations
    buttons = screen.choices.buttons()
    assert [b.isEnabled() for b in buttons] == [True, True]
    assert "the box sealed at Станція А is to be unpacked" in screen.choice_rows[1].text.text()
    assert not screen.resolve_button.isEnabled()


def test_a_wrong_pin_or_a_packer_changes_nothing(qtbot, net: Network, screen: ConflictsScreen):
    a = net["Станція А"].station.instance_id
    screen.choose(KEEP + a)
    assert screen.resolve_button.isEnabled()
    type_text(screen.supervisor, "Ivan")
    type_text(screen.pin, "0000", enter=True)
    assert screen.message.text() == "The name or the PIN is wrong." and screen.pin.text() == ""
    screen.supervisor.setText("Olena")
    type_text(screen.pin, "1234")
    qtbot.mouseClick(screen.resolve_button, Qt.MouseButton.LeftButton)
    assert "Only a supervisor" in screen.message.text()
    assert is_flagged(net.hub.db, net.package_id(0)) and screen.model.rowCount() == 1


def test_a_supervisor_resolves_and_the_package_is_no_longer_flagged(qtbot, net: Network, screen: ConflictsScreen):
    screen.choose(KEEP + net["Станція А"].station.instance_id)
    type_text(screen.note, "коробку Б розпаковано")
    type_text(screen.supervisor, "Ivan")
    type_text(screen.pin, "9876")
    with qtbot.waitSignal(screen.resolved) as resolved:
        qtbot.mouseClick(screen.resolve_button, Qt.MouseButton.LeftButton)
    assert resolved.args == [screen.service.conflicts(open_only=False)[0].id]
    assert screen.message.text().startswith("Conflict") and "Keep the work of Станція А" in screen.message.text()
    assert screen.model.rowCount() == 0 and screen.empty.isVisible() and not screen.detail.isEnabled()
    assert not is_flagged(net.hub.db, net.package_id(0))


def test_the_screen_speaks_ukrainian(net: Network, screen: ConflictsScreen):
    from models.core import i18n

    i18n.set_language("uk")
    screen.retranslate()
    assert screen.title.text() != "" and screen.model.rowCount() == 1


def test_a_language_switch_retells_the_conflict_and_keeps_the_choice(qtbot, net: Network, screen: ConflictsScreen):
    from models.core import i18n

    b = net["Станція Б"].station.instance_id
    screen.choose(KEEP + b)
    try:
        i18n.set_language("uk")
        screen.retranslate()
        assert screen.summary.text().startswith("З посилкою")  # told again by the service, in Ukrainian
        assert "Залишити роботу" in screen.choice_rows[1].text.text()
    finally:
        i18n.set_language("en")
    assert screen.chosen() == KEEP + b and screen.resolve_button.isEnabled()


def test_a_long_choice_wraps_and_a_click_on_its_sentence_chooses_it(qtbot, net: Network, screen: ConflictsScreen):
    screen.resize(700, 700)
    row = screen.choice_rows[1]
    qtbot.waitUntil(lambda: row.text.height() >= row.text.heightForWidth(row.text.width()))
    assert row.text.fontMetrics().horizontalAdvance(row.text.text()) > row.text.width()  # it is long: it wraps
    qtbot.mouseClick(row.text, Qt.MouseButton.LeftButton)
    assert screen.chosen() == KEEP + net["Станція Б"].station.instance_id
