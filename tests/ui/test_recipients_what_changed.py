"""The Recipients screen and the status bar show what is stored after work elsewhere (STYLE.md rule 4)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.campaigns.queries import SortColumn
from models.core.codes import Command, command_code
from tests.support.handover_fixtures import packed_demo
from tests.support.station_screens import template_scans
from ui.main_window import MainWindow
from ui.recipients_model import COLUMNS


def state_of(window: MainWindow, code: str) -> str:
    model = window.recipients.model
    codes = COLUMNS.index(SortColumn.PACKAGE_CODE)
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, codes)) == code)
    return model.data(model.index(row, COLUMNS.index(SortColumn.STATE)), Qt.ItemDataRole.DisplayRole)


def test_a_package_sealed_while_recipients_was_hidden_shows_sealed_when_it_is_shown_again(qtbot, tmp_path):
    demo = packed_demo(tmp_path, recipients=10, packages=2)
    window = MainWindow(demo.workspace)
    qtbot.addWidget(window)
    window.show()
    window.show_screen("recipients")
    code = demo.planned[0]
    assert state_of(window, code) == "Planned"
    window.show_screen("letters")
    scans = demo.workspace.scan_service()
    for raw in (command_code(Command.NEXT_PACKAGE), *template_scans()):
        assert scans.handle(demo.station, demo.packer, raw).accepted
    assert scans.seal(demo.station, demo.packer).accepted
    window.show_screen("recipients")
    assert state_of(window, code) == "Sealed"


def test_the_status_bar_counts_the_campaign_not_the_search(qtbot, tmp_path):
    demo = packed_demo(tmp_path, recipients=10, packages=2)
    window = MainWindow(demo.workspace)
    qtbot.addWidget(window)
    window.show()
    window.recipients.search_box.setText(demo.planned[0])
    qtbot.waitUntil(lambda: window.recipients.model.rowCount() == 1)
    window.refresh()
    assert "10 recipients in Demo" in window.counts_label.text()
