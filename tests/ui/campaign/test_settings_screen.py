"""Settings: typed business settings saved through the form; users and PINs only after a supervisor signs in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models.core import settings as declared
from models.packing.users import Role
from tests.support.campaign_screens import type_text
from ui.campaign.settings_screen import SettingsScreen


@pytest.fixture
def screen(qtbot, workspace, monkeypatch):
    monkeypatch.setattr(SettingsScreen, "printers", staticmethod(lambda: ["Zebra ZD421", "Office"]))
    widget = SettingsScreen(workspace)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_settings_show_their_defaults_and_are_saved(qtbot, workspace, screen):
    assert screen.layout_choice.currentData() == "100x150"
    assert screen.volume.value() == 80 and screen.idle.value() == 15
    assert [screen.printer.itemText(i) for i in range(screen.printer.count())] == ["", "Zebra ZD421", "Office"]

    type_text(screen.station_name, "Станція 2, лівий стіл")
    screen.layout_choice.setCurrentIndex(screen.layout_choice.findData("a4-21"))
    screen.printer.setCurrentText("Zebra ZD421")
    screen.dpi.setCurrentText("300")
    screen.volume.setValue(35)
    screen.idle.setValue(30)
    with qtbot.waitSignal(screen.language_chosen) as chosen:
        screen.language.setCurrentIndex(screen.language.findData("uk"))
        qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert chosen.args == ["uk"]

    stored = workspace.settings()
    assert (stored.get(declared.LABEL_LAYOUT), stored.get(declared.PRINTER_NAME), stored.get(declared.PRINTER_DPI),
            stored.get(declared.SOUND_VOLUME), stored.get(declared.IDLE_SIGN_OUT_MINUTES),
            stored.get(declared.LANGUAGE)) == ("a4-21", "Zebra ZD421", "300", 35, 30, "uk")
    assert workspace.station_service().identity().name == "Станція 2, лівий стіл"
    assert screen.message.text() == "Settings saved."


def test_the_first_user_is_an_administrator_and_then_users_need_a_supervisor(qtbot, workspace, screen):
    users = screen.users
    assert users.manage.isVisible()  # nobody yet: the first user may be created
    assert users.new_role.currentData() == Role.ADMIN and not users.new_role.isEnabled()
    type_text(users.new_name, "Олена")
    qtbot.keyClicks(users.new_pin, "2468")
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    assert workspace.user_service().get("Олена").role is Role.ADMIN
    assert users.status.text() == "Олена was added."

    users.sign_out()
    assert not users.manage.isVisible()
    assert "sign in" in users.status.text()


def test_a_packer_cannot_open_the_users_and_a_wrong_pin_is_refused(qtbot, workspace, screen):
    service = workspace.user_service()
    service.add("Admin", Role.ADMIN, "1111")
    service.add("Pavlo", Role.PACKER, "2222")
    screen.refresh()
    users = screen.users
    assert not users.manage.isVisible()

    qtbot.keyClicks(users.sign_in_name, "Pavlo")
    qtbot.keyClicks(users.sign_in_pin, "2222")
    qtbot.keyClick(users.sign_in_pin, Qt.Key.Key_Return)
    assert users.status.text() == "Only a supervisor can manage users and PINs."
    assert not users.manage.isVisible()

    users.sign_in_name.setText("Admin")
    qtbot.keyClicks(users.sign_in_pin, "9999")
    qtbot.mouseClick(users.sign_in_button, Qt.MouseButton.LeftButton)
    assert users.status.text() == "The name or the PIN is wrong."
    assert users.sign_in_pin.text() == ""  # a PIN never stays in a field


def test_an_administrator_adds_changes_a_pin_and_deactivates(qtbot, workspace, screen):
    service = workspace.user_service()
    service.add("Admin", Role.ADMIN, "1111")
    screen.refresh()
    users = screen.users
    users.sign_in_name.setText("Admin")
    qtbot.keyClicks(users.sign_in_pin, "1111")
    qtbot.keyClick(users.sign_in_pin, Qt.Key.Key_Return)
    assert users.manage.isVisible()
    assert users.status.text() == "Signed in as Admin."

    users.new_name.setText("Ivan")
    users.new_role.setCurrentIndex(users.new_role.findData(Role.SUPERVISOR.value))
    qtbot.keyClicks(users.new_pin, "12")
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    assert "A PIN is 4 to 12 digits." in users.status.text()
    qtbot.keyClicks(users.new_pin, "123456")
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    assert service.get("Ivan").role is Role.SUPERVISOR
    assert users.table.rowCount() == 2

    users.table.selectRow(1)  # Ivan (sorted by name)
    qtbot.keyClicks(users.changed_pin, "5555")
    qtbot.mouseClick(users.pin_button, Qt.MouseButton.LeftButton)
    assert service.sign_in("Ivan", "5555").name == "Ivan"

    users.table.selectRow(1)
    qtbot.mouseClick(users.badge_button, Qt.MouseButton.LeftButton)
    badge = service.get("Ivan").badge_code
    assert badge is not None and users.table.item(1, 3).text() == badge and badge in users.status.text()
    assert service.sign_in_badge(badge).name == "Ivan"

    users.table.selectRow(1)
    qtbot.mouseClick(users.deactivate_button, Qt.MouseButton.LeftButton)
    assert users.table.item(1, 4).text() == "deactivated"


def test_a_supervisor_may_not_add_users(qtbot, workspace, screen):
    service = workspace.user_service()
    service.add("Ivan", Role.SUPERVISOR, "1111")
    screen.refresh()
    users = screen.users
    users.sign_in_name.setText("Ivan")
    qtbot.keyClicks(users.sign_in_pin, "1111")
    qtbot.mouseClick(users.sign_in_button, Qt.MouseButton.LeftButton)
    users.new_name.setText("Somebody")
    qtbot.keyClicks(users.new_pin, "4444")
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    assert users.status.text() == "Only an administrator can add users."


def test_a_user_locked_by_wrong_pins_is_shown_and_a_supervisor_unlocks_them(qtbot, workspace, screen, monkeypatch):
    monkeypatch.setattr("models.packing.users.retry_delay_s", lambda failures: 0)  # no waiting between tries
    service = workspace.user_service()
    service.add("Admin", Role.ADMIN, "1111")
    service.add("Ivan", Role.SUPERVISOR, "3333")
    service.add("Pavlo", Role.PACKER, "2222")
    screen.refresh()
    users = screen.users
    for guess in ("0000", "0001", "0002", "0003", "0004"):
        users.sign_in_name.setText("Pavlo")
        qtbot.keyClicks(users.sign_in_pin, guess)
        qtbot.keyClick(users.sign_in_pin, Qt.Key.Key_Return)
    assert users.status.text() == "The PIN is wrong. Pavlo is now locked after 5 wrong PINs: a supervisor unlocks them."
    users.sign_in_name.setText("Ivan")
    qtbot.keyClicks(users.sign_in_pin, "3333")
    qtbot.keyClick(users.sign_in_pin, Qt.Key.Key_Return)
    assert users.status.text() == "Signed in as Ivan. Locked after wrong PINs: Pavlo. Choose one and Unlock."
    assert [users.table.item(row, 4).text() for row in range(3)] == ["active", "active", "locked"]
    users.table.selectRow(2)
    qtbot.mouseClick(users.unlock_button, Qt.MouseButton.LeftButton)
    assert users.status.text() == "Pavlo may sign in again."
    assert users.table.item(2, 4).text() == "active"
    assert service.sign_in("Pavlo", "2222").name == "Pavlo"


def test_the_printer_list_is_asked_for_once_not_at_every_show(qtbot, workspace, monkeypatch):
    asked: list[int] = []
    monkeypatch.setattr(SettingsScreen, "printers", staticmethod(lambda: asked.append(1) or ["Zebra ZD421"]))
    widget = SettingsScreen(workspace)
    qtbot.addWidget(widget)
    workspace.settings().set(declared.PRINTER_NAME, "Zebra ZD421")
    for _show in range(3):
        widget.show()
        qtbot.waitExposed(widget)
        widget.hide()
    assert len(asked) == 1
    assert widget.printer.currentText() == "Zebra ZD421"  # what is stored still shows at each show


def test_a_station_joined_by_a_plain_pack_makes_its_own_administrator_who_gives_the_pins(qtbot, workspace, screen,
                                                                                         tmp_path):
    from models.sync import pack
    from tests.support.packing_fixtures import PIN, copy_database, template_database

    hub = copy_database(template_database(), tmp_path / "hub.db")  # a copy: exporting makes it a hub
    try:
        written = pack.export_pack(hub, tmp_path)  # not encrypted: no PINs in it
    finally:
        hub.close()
    pack.import_pack(workspace.db, written.path)
    screen.refresh()
    users = screen.users
    assert users.manage.isVisible() and not users.sign_in_button.isEnabled()  # nobody here could sign in
    assert users.status.text().startswith("Nobody has a PIN at this station yet")
    states = {users.table.item(row, 0).text(): users.table.item(row, 4).text() for row in range(users.table.rowCount())}
    assert states["Olena"] == "no PIN here yet"
    assert users.new_role.currentData() == Role.ADMIN and not users.new_role.isEnabled()

    type_text(users.new_name, "Марія")
    qtbot.keyClicks(users.new_pin, "5555")
    qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
    assert users.status.text() == "Марія was added."
    assert not users.sign_in_button.isEnabled() and users.sign_out_button.isVisible()  # signed in as Марія

    olena = next(row for row in range(users.table.rowCount()) if users.table.item(row, 0).text() == "Olena")
    users.table.selectRow(olena)
    qtbot.keyClicks(users.changed_pin, PIN)
    qtbot.mouseClick(users.pin_button, Qt.MouseButton.LeftButton)
    assert users.status.text() == "The PIN of Olena was changed."
    assert users.table.item(olena, 4).text() == "active"
    assert workspace.user_service().sign_in("Olena", PIN).name == "Olena"
