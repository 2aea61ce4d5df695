"""Stock and plan: intake through the form, current stock, the plan computed in the background, exports."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models.demo.campaign import SHORT_ITEMS, catalog_items, create_demo
from tests.support.campaign_screens import type_text
from tests.support.pdfcheck import page_texts
from ui.campaign.stock_screen import StockScreen


@pytest.fixture
def screen(qtbot, workspace, tasks):
    create_demo(workspace.db, "Demo", recipients=200)
    widget = StockScreen(workspace, tasks)
    qtbot.addWidget(widget)
    widget.set_campaign(workspace.campaigns()[0])
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def available(screen: StockScreen, name: str) -> int:
    return next(level.available for level in screen.levels if level.name == name)


def test_intake_by_name_or_barcode_adds_to_the_stock(qtbot, screen):
    milk = SHORT_ITEMS[0]
    before = available(screen, milk)
    screen.item.setCurrentText("")
    type_text(screen.item.lineEdit(), milk)
    screen.quantity.setValue(40)
    qtbot.keyClicks(screen.donor, "Red Cross")
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)
    assert screen.intake_message.text() == f"Recorded: 40 × {milk}."
    assert available(screen, milk) == before + 40

    barcode = next(item.barcodes[0] for item in catalog_items() if item.name == milk)
    screen.item.setCurrentText(barcode)
    screen.quantity.setValue(5)
    screen.has_expiry.setChecked(True)
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)
    assert available(screen, milk) == before + 45
    rows = {screen.stock_table.item(r, 0).text(): screen.stock_table.item(r, 4).text()
            for r in range(screen.stock_table.rowCount())}
    assert rows[milk] == str(before + 45)


def test_an_unknown_item_is_refused_and_nothing_recorded(qtbot, workspace, screen):
    count = workspace.db.execute("SELECT count(*) FROM stock_receipts").fetchone()[0]
    screen.item.setCurrentText("Unobtainium")
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)
    assert "No item named or with barcode Unobtainium" in screen.intake_message.text()
    assert workspace.db.execute("SELECT count(*) FROM stock_receipts").fetchone()[0] == count


def test_the_plan_is_computed_in_the_background_and_exported(qtbot, screen, tmp_path):
    assert not screen.csv_button.isEnabled()
    qtbot.mouseClick(screen.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.plan is not None, timeout=20_000)
    plan = screen.plan
    assert 0 < plan.completable_now < 200 and plan.remaining == 200
    assert f"Can be completed with the stock now: {plan.completable_now}" in screen.plan_summary.text()
    assert "Runs out first:" in screen.plan_summary.text()
    shortages = {screen.shortages.item(r, 1).text() for r in range(screen.shortages.rowCount())}
    assert set(SHORT_ITEMS) <= shortages
    assert screen.substitutes.rowCount() == len(plan.substitutes_needed)

    screen.choose_save_file = lambda *args: str(tmp_path / "plan.csv")
    qtbot.mouseClick(screen.csv_button, Qt.MouseButton.LeftButton)
    text = (tmp_path / "plan.csv").read_text(encoding="utf-8-sig")
    assert "Shortages" in text and SHORT_ITEMS[0] in text and "Recipients who would get a substitute" in text

    screen.choose_save_file = lambda *args: str(tmp_path / "plan.pdf")
    qtbot.mouseClick(screen.pdf_button, Qt.MouseButton.LeftButton)
    pages = page_texts((tmp_path / "plan.pdf").read_bytes())
    assert "Campaign plan: Demo" in pages[0]
    assert SHORT_ITEMS[0].split(",")[0] in " ".join(pages)  # Cyrillic embedded and readable
    assert f"Page 1 of {len(pages)}" in pages[0]
