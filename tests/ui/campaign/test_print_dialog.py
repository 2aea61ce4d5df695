"""Campaign > Print labels and sheets: labels in advance (planned, a range of list numbers, the rows chosen
on the Recipients screen), the command sheet, badges and letter labels, each PDF decoded back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

from models.campaigns import lifecycle
from models.core.codes import SCANNER_TEST_CODE, Command, command_code
from models.demo.campaign import create_demo
from tests.support.pdfcheck import decode_page, normalise, page_count, page_texts
from ui.campaign.print_dialog import PrintDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, workspace) -> MainWindow:
    campaign = create_demo(workspace.db, "Зима", recipients=6).campaign
    lifecycle.edit(workspace.db, campaign, replace(lifecycle.CampaignDraft.of(campaign), label_language="uk"))
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def codes_by_number(workspace) -> dict[str, str]:
    return dict(workspace.db.execute("SELECT r.list_number, p.code FROM packages p JOIN recipients r "
                                     "ON r.id = p.recipient_id").fetchall())


def open_dialog(window: MainWindow, printed: list[tuple[bytes, str]]) -> PrintDialog:
    dialog = window.campaign_menu.print_documents()
    assert isinstance(dialog, PrintDialog)
    dialog.output = lambda pdf, name: printed.append((pdf, name)) or f"{name}.pdf"
    return dialog


def choose(qtbot, button) -> None:
    """Click a radio button on its circle (a click past its text misses it, as it would for a user)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def decoded(pdf: bytes) -> list[str]:
    return [found.value for page in range(page_count(pdf)) for found in decode_page(pdf, page, 203)]


def test_labels_in_advance_for_a_range_of_list_numbers(qtbot, window, workspace):
    printed: list[tuple[bytes, str]] = []
    dialog = open_dialog(window, printed)
    assert dialog.choices["planned"].isChecked() and not dialog.choices["chosen"].isEnabled()
    qtbot.mouseClick(dialog.by_numbers, Qt.MouseButton.LeftButton)
    dialog.first.setValue(2)
    dialog.last.setValue(4)
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("100x150"))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    [(pdf, name)] = printed
    numbers = codes_by_number(workspace)
    assert decoded(pdf) == [numbers["2"], numbers["3"], numbers["4"]]
    texts = [normalise(text) for text in page_texts(pdf)]
    assert [text.split("№ ")[1].split()[0] for text in texts] == ["2", "3", "4"]
    assert "Дата народження" in texts[0]  # the campaign's label language
    assert dialog.result_label.text() == f"Sent to {name}.pdf."


def test_labels_of_the_rows_chosen_on_the_recipients_screen(qtbot, window, workspace):
    table = window.recipients.table
    table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
    table.selectRow(0)
    table.selectRow(4)
    printed: list[tuple[bytes, str]] = []
    dialog = open_dialog(window, printed)
    assert dialog.choices["chosen"].isEnabled()
    choose(qtbot, dialog.choices["chosen"])
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    numbers = codes_by_number(workspace)
    assert sorted(decoded(printed[0][0])) == sorted([numbers["1"], numbers["5"]])


def test_command_sheet_badges_and_letter_labels(qtbot, window, workspace):
    printed: list[tuple[bytes, str]] = []
    dialog = open_dialog(window, printed)
    dialog.kind.setCurrentIndex(dialog.kind.findData("commands"))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert decoded(printed[-1][0]) == [command_code(command) for command in Command]

    dialog.kind.setCurrentIndex(dialog.kind.findData("scanner"))  # the scanner test sheet
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printed[-1][1] == "scanner-test-sheet"  # an A4 page, for an office printer (300 dpi, 1-bit)
    assert [found.text for found in decode_page(printed[-1][0], 0, 300)] == [SCANNER_TEST_CODE] * 2

    dialog.kind.setCurrentIndex(dialog.kind.findData("badges"))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert "No user has a badge yet" in dialog.result_label.text() and len(printed) == 2
    users = workspace.user_service()
    users.add("Олена", "supervisor", "4321")
    badge = users.set_badge("Олена", None).badge_code
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert decoded(printed[-1][0]) == [badge] and "Олена" in normalise(page_texts(printed[-1][0])[0])

    letters = workspace.letter_service().register(window.campaign.id, ["1", "3", "5"])
    dialog.kind.setCurrentIndex(dialog.kind.findData("letters"))
    dialog.letters_first.setValue(2)
    dialog.letters_last.setValue(5)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert sorted(decoded(printed[-1][0])) == sorted(letter.code for letter in letters[1:])
    dialog.letters_first.setValue(6)
    dialog.letters_last.setValue(9)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert "No letter is registered for list numbers 6 to 9." in dialog.result_label.text()


def test_printing_still_works_in_a_closed_campaign(qtbot, window, workspace):
    lifecycle.close(workspace.db, window.campaign)
    window.reload_campaigns()
    printed: list[tuple[bytes, str]] = []
    dialog = open_dialog(window, printed)
    choose(qtbot, dialog.choices["all"])
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert len(decoded(printed[0][0])) == 6


def test_content_slips_of_the_sealed_packages_chosen(qtbot, window, workspace):
    from tests.support.handover_fixtures import pack

    packer = workspace.user_service().add("Петро", "packer", "1111")
    station = workspace.station_service().ensure("Склад")
    station = workspace.station_service().set_campaign(window.campaign.id)
    numbers = codes_by_number(workspace)
    pack(workspace, station, packer, window.campaign, [numbers["2"]])
    printed: list[tuple[bytes, str]] = []
    dialog = open_dialog(window, printed)
    dialog.kind.setCurrentIndex(dialog.kind.findData("slips"))
    assert not dialog.layout_choice.isVisible()
    choose(qtbot, dialog.choices["all"])
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    [(pdf, _name)] = printed
    text = normalise(" ".join(page_texts(pdf)))
    assert page_count(pdf) == 1 and "Номер у списку 2" in text and "Пакунок" not in text
    choose(qtbot, dialog.choices["planned"])
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert "None of these packages is sealed" in dialog.result_label.text() and len(printed) == 1
