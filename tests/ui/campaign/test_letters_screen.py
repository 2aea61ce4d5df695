"""Letters: registered by finding the recipient (number or name) or by scanning a letter code; labels printed;
the list by status."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.support.campaign_screens import type_text
from tests.support.packing_fixtures import make_packing
from tests.support.pdfcheck import page_texts
from ui.campaign.letters_screen import LettersScreen


@pytest.fixture
def packing(workspace):
    return make_packing(workspace.db)


@pytest.fixture
def screen(qtbot, workspace, packing):
    widget = LettersScreen(workspace)
    widget.printed = []
    widget.output = lambda pdf, name: widget.printed.append((name, pdf)) or f"{name}.pdf"
    qtbot.addWidget(widget)
    widget.set_campaign(workspace.campaigns()[0])
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def table_rows(screen: LettersScreen) -> list[tuple[str, ...]]:
    table = screen.table
    return [tuple(table.item(r, c).text() for c in range(1, 4)) for r in range(table.rowCount())]


def test_a_letter_is_registered_by_list_number_and_its_label_printed(qtbot, screen):
    qtbot.keyClicks(screen.entry, "3")
    qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    assert screen.message.text().startswith("Letter ") and "Кузнецов Иван Сергеевич" in screen.message.text()
    assert table_rows(screen) == [("3", "Кузнецов Иван Сергеевич", "Received")]
    name, pdf = screen.printed[0]
    assert name.startswith("letter-")
    text = page_texts(pdf)[0]
    assert "Кузнецов" in text and screen.all[0].code[-6:] in text.replace(" ", "")
    assert screen.entry.text() == ""


def test_a_name_with_several_matches_offers_a_choice(qtbot, screen, packing):
    from models.campaigns.reference import get_campaign, save_recipients
    from models.core.types import RecipientData

    save_recipients(screen.letters._store.db, get_campaign(screen.letters._store.db, "Зима"),
                    [RecipientData("20", "Шевчук", "Ігор", "")])
    type_text(screen.entry, "шев", enter=True)
    assert screen.candidates.isVisible() and screen.candidates.count() == 2
    assert "choose one" in screen.message.text()
    screen.candidates.setCurrentRow(1)
    qtbot.keyClick(screen.candidates, Qt.Key.Key_Return)
    assert [row[0] for row in table_rows(screen)] == ["20"]
    assert not screen.candidates.isVisible()


def test_an_expected_letter_is_received_by_scanning_its_code(qtbot, screen, packing):
    screen.arrived.setChecked(False)
    screen.print_label.setChecked(False)
    type_text(screen.entry, "Їжак", enter=True)
    assert table_rows(screen) == [("10", "Д'Аркура Їжак", "Expected")]
    assert screen.printed == []
    assert screen.counts.text() == "Expected: 1 · Received: 0 · Enclosed: 0"

    code = screen.all[0].code
    qtbot.keyClicks(screen.entry, code)
    qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    assert screen.message.text() == f"Letter {code} for Д'Аркура Їжак is here."
    assert table_rows(screen)[0][2] == "Received"


def test_unknown_recipients_and_letter_codes_are_refused(qtbot, screen):
    type_text(screen.entry, "Никто", enter=True)
    assert screen.message.text() == "No recipient matches Никто."
    from models.core.codes import CodeKind, make_code
    screen.entry.setText(make_code(CodeKind.LETTER, 999))
    qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    assert "is not registered" in screen.message.text()
    assert screen.all == []


def test_the_filter_shows_letters_by_status_and_labels_print_again(qtbot, screen, packing):
    letters = packing.letters()
    letters.register(packing.campaign_id, ["1", "2"], received=True)
    letters.register(packing.campaign_id, ["4"])
    screen.refresh()
    screen.filter.setCurrentIndex(screen.filter.findData("expected"))
    assert [row[0] for row in table_rows(screen)] == ["4"]
    screen.filter.setCurrentIndex(screen.filter.findData("received"))
    assert [row[0] for row in table_rows(screen)] == ["1", "2"]
    screen.table.selectAll()
    qtbot.mouseClick(screen.reprint, Qt.MouseButton.LeftButton)
    assert len(page_texts(screen.printed[-1][1])) == 2  # one 100 x 150 label each (the station's layout)
    assert screen.printed[-1][0].startswith("letters-")


def test_the_enclosure_rule_is_a_campaign_setting(qtbot, screen, packing):
    assert screen.must_enclose.isChecked()
    box = screen.must_enclose
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on its indicator
    assert packing.letters().must_enclose(packing.campaign_id) is False
