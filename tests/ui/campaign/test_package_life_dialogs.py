"""Campaign > List decisions and Campaign > Void or replace a package, driven as a supervisor does: a corrected
list's change to a sealed package accepted (the new label printed and the old one refused no more), a person
who left the list kept, a package voided and replaced."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.campaigns import reference
from models.campaigns.list_versions import ListSource
from models.package_life.decisions import Outcome
from tests.support.campaign_screens import type_text
from tests.support.handover_fixtures import SUPERVISOR_PIN, Demo, current_list, packed_demo
from ui.campaign.package_life_dialogs import DecisionsDialog, VoidDialog
from ui.main_window import MainWindow


@pytest.fixture
def demo(tmp_path: Path) -> Demo:
    return packed_demo(tmp_path, recipients=12, packages=6)


@pytest.fixture
def window(qtbot, demo: Demo) -> MainWindow:
    win = MainWindow(demo.workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def sign(qtbot, dialog, pin: str = SUPERVISOR_PIN) -> None:
    type_text(dialog.supervisor, "Supervisor")
    type_text(dialog.pin, pin)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_supervisor_accepts_a_change_keeps_a_person_and_the_label_is_printed_again(qtbot, window, demo, tmp_path):
    people = current_list(demo)
    first, second = demo.sealed[:2]
    numbers = {code: demo.db.execute("SELECT r.list_number FROM packages p JOIN recipients r ON r.id = "
                                     "p.recipient_id WHERE p.code = ?", [code]).fetchone()[0]
               for code in (first, second)}
    corrected = [replace(p, surname="Петренко") if p.list_number == numbers[first] else p
                 for p in people if p.list_number != numbers[second]]
    reference.save_recipients(demo.db, demo.campaign, corrected, source=ListSource("b.csv", "b" * 64), user="k")
    sent: list[list] = []
    window.campaign_menu._send_labels = (  # type: ignore[method-assign]
        lambda labels: sent.append(labels) or "the test printer")
    dialog = window.campaign_menu.show_decisions()
    assert isinstance(dialog, DecisionsDialog) and dialog.table.rowCount() == 2
    change = next(row for row, d in enumerate(dialog.pending) if d.kind == "changed")
    dialog.table.selectRow(change)
    assert dialog.buttons[Outcome.ACCEPT].isEnabled() and not dialog.buttons[Outcome.KEEP].isEnabled()
    sign(qtbot, dialog, "0000")
    click(qtbot, dialog.buttons[Outcome.ACCEPT])
    assert "wrong" in dialog.result_label.text() and dialog.table.rowCount() == 2
    dialog.pin.clear()
    type_text(dialog.pin, SUPERVISOR_PIN)
    click(qtbot, dialog.buttons[Outcome.ACCEPT])
    assert "the test printer" in dialog.result_label.text() and len(sent) == 1
    assert sent[0][0].package_code == first and "Петренко" in sent[0][0].surname
    scanned = demo.workspace.scan_service().handle(demo.station, demo.packer, first)
    assert "already sealed" in scanned.message  # the old label's refusal is lifted: the new one is printed
    assert dialog.table.rowCount() == 1
    dialog.table.selectRow(0)
    click(qtbot, dialog.buttons[Outcome.KEEP])
    assert dialog.table.rowCount() == 0
    assert demo.workspace.consistency_findings() == []


def test_a_package_is_voided_and_replaced_from_the_menu(qtbot, window, demo):
    sent: list[list] = []
    window.campaign_menu._send_labels = (  # type: ignore[method-assign]
        lambda labels: sent.append(labels) or "the test printer")
    dialog = window.campaign_menu.void_package()
    assert isinstance(dialog, VoidDialog)
    type_text(dialog.code, demo.sealed[2])
    type_text(dialog.reason, "коробка порвана")
    sign(qtbot, dialog)
    click(qtbot, dialog.replace_button)
    text = dialog.result_label.text()
    assert "voided" in text and "is replaced by package" in text and "the test printer" in text
    [[label]] = sent
    new = label.package_code
    assert new in text and new != demo.sealed[2]
    assert demo.db.execute("SELECT replaces FROM packages WHERE code = ?", [new]).fetchone()[0] is not None
    window.set_language("uk")
    assert dialog.void_button.text() != "&Void"


def test_the_window_checks_the_papers_at_start_and_names_what_differs(qtbot, window, demo):
    window.check_papers()
    qtbot.waitUntil(lambda: "agree" in window.background_label.toolTip(), timeout=10_000)
    demo.db.execute("UPDATE packages SET live = 0 WHERE code = ?", [demo.planned[0]])  # behind Packline's back
    window.check_papers()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "papersWarning") is not None, timeout=10_000)
    warning = window.findChild(QMessageBox, "papersWarning")
    assert "has no live package" in warning.text()
    assert window.tasks is not None and window.tasks.wait()
