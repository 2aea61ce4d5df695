"""Catalog and templates: barcodes checked as typed, items saved, a template edited into a new version."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models.campaigns.reference import current_template, list_items
from tests.support.campaign_screens import seal_packages, type_text
from tests.support.dbdump import dump
from ui.campaign.catalog_screen import CatalogScreen


@pytest.fixture
def packed(workspace):
    return seal_packages(workspace.db, 1)


@pytest.fixture
def screen(qtbot, workspace, packed):
    widget = CatalogScreen(workspace)
    qtbot.addWidget(widget)
    widget.set_campaign(workspace.campaigns()[0])
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_barcodes_are_checked_as_they_are_typed(qtbot, screen):
    items = screen.items
    qtbot.mouseClick(items.new_button, Qt.MouseButton.LeftButton)
    type_text(items.name, "Кава мелена")
    assert not items.save_button.isEnabled()  # no barcode yet
    qtbot.keyClicks(items.barcodes, "460000000001")
    assert "12 digits" not in items.barcode_status.text()  # 12 digits is a UPC-A length
    assert "check digit" in items.barcode_status.text()
    assert not items.save_button.isEnabled()
    qtbot.keyClicks(items.barcodes, "5")
    assert "13 digits" not in items.barcode_status.text()
    assert items.barcode_status.text() == ""
    assert items.save_button.isEnabled()
    qtbot.keyClicks(items.barcodes, " 12345")
    assert items.barcode_status.text() == "12345: 5 digits: a barcode has 8, 12, 13 or 14."
    assert not items.save_button.isEnabled()
    qtbot.keyClicks(items.barcodes, "x")
    assert items.barcode_status.text() == "12345x: A barcode has digits only."


def test_a_new_item_is_saved_and_listed(qtbot, workspace, screen):
    items = screen.items
    qtbot.mouseClick(items.new_button, Qt.MouseButton.LeftButton)
    type_text(items.name, "Кава мелена")
    items.category.setCurrentText("food")
    items.weight.setValue(250)
    qtbot.keyClicks(items.barcodes, "4600000000992")
    qtbot.mouseClick(items.save_button, Qt.MouseButton.LeftButton)
    assert items.message.text() == "Saved."
    saved = {item.name: item for item in list_items(workspace.db)}["Кава мелена"]
    assert (saved.category, saved.unit_weight_g, saved.barcodes) == ("food", 250, ("4600000000992",))
    assert items.table.item(items.table.currentRow(), 0).text() == "Кава мелена"
    assert items.name.isReadOnly()  # an existing item keeps its name


def test_a_barcode_of_another_item_is_refused_with_the_reason(qtbot, workspace, screen, packed):
    items = screen.items
    qtbot.mouseClick(items.new_button, Qt.MouseButton.LeftButton)
    type_text(items.name, "Копія чаю")
    qtbot.keyClicks(items.barcodes, packed.item("tea"))
    qtbot.mouseClick(items.save_button, Qt.MouseButton.LeftButton)
    assert "already belongs to tea" in items.message.text()
    assert "Копія чаю" not in {item.name for item in list_items(workspace.db)}


def test_editing_a_template_that_sealed_packages_used_creates_a_new_version(qtbot, workspace, screen, packed):
    editor = screen.template
    assert editor.table.rowCount() == 4
    assert "Version 1." in editor.info.text()
    assert "1 package was packed with it (1 sealed)" in editor.info.text()
    assert "creates version 2" in editor.info.text()

    editor.table.cellWidget(1, 1).setValue(2)  # two soaps
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.message.text() == "Saved as version 2."
    campaign = workspace.campaigns()[0]
    template = current_template(workspace.db, campaign)
    assert template.version == 2 and template.lines[1].quantity == 2
    assert "Version 2." in editor.info.text()
    assert workspace.db.execute("SELECT template_id FROM package_state").fetchone()[0] == packed.template_id


def test_lines_are_added_removed_and_substitutes_chosen(qtbot, workspace, screen, packed):
    editor = screen.template
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.table.rowCount() == 5
    combo = editor.table.cellWidget(4, 0)
    combo.setCurrentIndex(combo.findText("batteries"))
    editor.table.cellWidget(4, 2).setChecked(False)
    button = editor.table.cellWidget(4, 3)
    next(action for action in button.menu().actions() if action.text() == "chocolate").setChecked(True)
    assert button.text() == "chocolate"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    line = current_template(workspace.db, workspace.campaigns()[0]).lines[4]
    assert (line.item_id, line.required, line.substitutes) == (
        packed.item_ids["batteries"], False, (packed.item_ids["chocolate"],))

    editor.table.selectRow(4)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.message.text() == "Saved as version 3."


def test_saving_an_unchanged_template_keeps_its_version(qtbot, screen):
    qtbot.mouseClick(screen.template.save_button, Qt.MouseButton.LeftButton)
    assert screen.template.message.text() == "Nothing changed: version 1 stays."


def test_a_template_that_breaks_the_campaign_rules_is_refused_with_the_reason(qtbot, workspace, screen):
    editor = screen.template
    before = dump(workspace.db)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    combo = editor.table.cellWidget(4, 0)
    combo.setCurrentIndex(combo.findText("vodka"))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert [line.strip() for line in editor.message.text().splitlines()] == [
        "The template was not saved.", "Line 5: vodka is in the category alcohol, which the campaign forbids."]
    combo.setCurrentIndex(combo.findText("gloves"))
    spin = editor.table.cellWidget(4, 1)
    spin.setValue(20)  # 20 pairs of gloves at 120 g: far over the campaign's 2,000 g
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "over the campaign's maximum of 2000 g" in editor.message.text()
    assert dump(workspace.db) == before


def test_categories_show_in_the_window_s_language_and_are_saved_as_their_key(qtbot, screen, workspace):
    from models.core import i18n

    items = screen.items
    i18n.set_language("ru")
    try:
        screen.retranslate()
        shown = {items.table.item(row, 1).text() for row in range(items.table.rowCount())}
        assert "продукты" in shown and "food" not in shown
        qtbot.mouseClick(items.new_button, Qt.MouseButton.LeftButton)
        type_text(items.name, "Кава мелена")
        items.category.setCurrentText("табак")
        items.weight.setValue(250)
        qtbot.keyClicks(items.barcodes, "4600000000992")
        qtbot.mouseClick(items.save_button, Qt.MouseButton.LeftButton)
        assert items.message.text() == "Сохранено."
    finally:
        i18n.set_language("en")
    saved = next(item for item in list_items(workspace.db) if item.name == "Кава мелена")
    assert saved.category == "tobacco"
