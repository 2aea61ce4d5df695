"""Station start and restart: naming the station once, signing in by name and PIN or by badge, idle
sign-out, and the open package and a pending refusal shown exactly as stored after a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.workspace import Workspace
from models.demo.campaign import create_demo
from models.packing.states import PackageState
from models.packing.users import Role
from tests.support.station_screens import (
    ACK,
    BADGE,
    BARCODES,
    NEXT,
    PACKER,
    PIN,
    REPRINT,
    SEAL,
    STATION,
    TOBACCO,
    FakeSink,
    RecordingPlayer,
    template_scans,
)
from ui.station import StationScreen

TEA = BARCODES["Чай чёрный листовой, 100 г"]


def test_the_station_is_named_once_and_remembered(qtbot, tmp_path: Path):
    workspace = Workspace.open(tmp_path / "new.db")
    create_demo(workspace.db, "Demo", recipients=3)
    create_demo(workspace.db, "Second", recipients=2)
    workspace.user_service().add(PACKER, Role.PACKER, PIN)
    screen = StationScreen(workspace, label_sink=FakeSink(), sound_player=RecordingPlayer())
    qtbot.addWidget(screen)
    screen.show()
    setup = screen.setup_page
    assert screen.pages.currentWidget() is setup
    assert not setup.campaign.isHidden()  # two campaigns: the station must choose one

    setup.button.click()
    assert "name" in setup.error.text()
    QTest.keyClicks(setup.name, "Table 3")
    setup.campaign.setCurrentIndex(1)
    QTest.keyClick(setup.name, Qt.Key.Key_Return)
    assert screen.pages.currentWidget() is screen.station_page
    station = workspace.station_service().identity()
    assert station.name == "Table 3"
    assert station.campaign_id == workspace.campaigns()[1].id
    screen.close()

    again = StationScreen(workspace, label_sink=FakeSink(), sound_player=RecordingPlayer())
    qtbot.addWidget(again)
    assert again.pages.currentWidget() is again.station_page
    assert "Table 3" in again.station_bar.text()
    workspace.close()


def test_sign_in_by_choosing_a_name_and_typing_the_pin(make_station):
    station = make_station(signed_in=False)
    screen = station.screen
    assert screen.side_stack.currentWidget() is screen.sign_in
    assert not screen.commands.action("seal").isEnabled()
    names = [screen.sign_in.users.item(row).text() for row in range(screen.sign_in.users.count())]
    assert PACKER in names

    screen.sign_in.choose(PACKER)
    screen.sign_in.pin.setFocus()
    station.keys.type_slowly("9999")  # a person types: the keys reach the PIN field
    station.keys.press("\r", Qt.Key.Key_Return, gap=200)
    assert screen.session.user is None
    assert "PIN is wrong" in screen.sign_in.error.text()

    screen.sign_in.pin.setFocus()
    station.keys.type_slowly(PIN)
    station.keys.press("\r", Qt.Key.Key_Return, gap=200)
    assert screen.session.user is not None and screen.session.user.name == PACKER
    assert screen.side_stack.currentWidget() is screen.side
    assert PACKER in screen.station_bar.text()
    assert screen.commands.action("seal").isEnabled()


def test_sign_in_by_scanning_a_badge(make_station):
    station = make_station(signed_in=False)
    station.scan("7777777")
    assert station.screen.session.user is None
    assert "badge" in station.screen.sign_in.error.text()
    station.scan(BADGE)
    assert station.screen.session.user.name == PACKER


def test_scans_before_sign_in_pack_nothing(make_station):
    station = make_station(signed_in=False)
    station.scan(NEXT)
    assert station.view() is None
    assert station.screen.session.user is None


def test_sign_out_after_idle_time(qtbot, station):
    screen = station.screen
    screen.idle.set_interval_ms(60)
    screen.idle.start()
    with qtbot.waitSignal(screen.idle.timed_out, timeout=3000):
        pass
    assert screen.session.user is None
    assert screen.side_stack.currentWidget() is screen.sign_in
    assert "without activity" in screen.sign_in.error.text()


def test_activity_keeps_the_packer_signed_in(qtbot, station):
    screen = station.screen
    screen.idle.set_interval_ms(400)
    screen.idle.start()
    remaining = screen.idle._timer.remainingTime()
    station.scan(NEXT)
    assert screen.idle.active and screen.idle._timer.remainingTime() >= remaining - 50


def test_sign_out_key(station):
    QTest.keyClick(station.screen, Qt.Key.Key_F9)
    assert station.screen.session.user is None


def test_after_a_restart_the_open_package_is_shown_as_stored(make_station):
    first = make_station()
    first.scan(NEXT, TEA, TEA, BARCODES["Сахар-рафинад, 500 г"])
    code, counts = first.view().code, first.counts()
    first.screen.close()

    second = make_station(signed_in=False)  # a new screen on a new connection to the same file
    assert second.view() is not None
    assert second.view().code == code
    assert second.counts() == counts
    assert second.screen.package.name_label.full_text() == first.screen.package.name_label.full_text()


def test_a_pending_refusal_is_shown_after_a_restart_and_acknowledged_after_sign_in(make_station):
    first = make_station()
    first.scan(NEXT, TOBACCO)
    message = first.screen.refusal.reason.text()
    first.screen.close()

    second = make_station(signed_in=False)
    refusal = second.screen.refusal
    assert refusal.isVisible() and refusal.reason.text() == message
    QTest.keyClick(second.screen, Qt.Key.Key_Escape)  # nobody to acknowledge: sign in first
    assert not refusal.isVisible()
    assert "sign in" in second.screen.sign_in.error.text()
    second.scan(BADGE)
    assert refusal.isVisible()
    second.scan(ACK)
    assert not refusal.isVisible()
    second.scan(TEA)
    assert second.screen.last_outcome.accepted


def test_the_station_name_is_stored_in_the_database(station):
    assert station.workspace.station_service().identity().name == STATION


def test_a_seal_without_a_printed_label_is_pointed_out_at_the_next_sign_in(make_station):
    first = make_station(sink=FakeSink(done=False))  # the printer fails (or Packline stops) after sealing
    first.scan(NEXT, *template_scans(), SEAL)
    code = first.view().code
    assert first.view().state is PackageState.SEALED and first.view().label_copies == 0
    first.screen.close()

    second = make_station(signed_in=False)
    second.sign_in()
    message = second.screen.message
    assert code in message.text() and "F7" in message.text() and message.tone.value == "warning"
    second.scan(REPRINT)
    assert second.sink.jobs and second.sink.jobs[-1].copy_number == 1  # marked a copy: one may have printed
    second.screen.sign_out()
    second.sign_in()
    assert code not in second.screen.message.text()  # a label is recorded now
