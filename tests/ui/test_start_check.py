"""Opening a database reads only its header (issue 19: a whole-file read at every open cost a short command up
to a second); the window's start checks the whole file in the background and says when it is damaged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.workspace import Workspace
from models.storage.db import connect
from tests.support.dbdump import damage_pages
from tests.support.handover_fixtures import packed_demo
from ui.main_window import MainWindow


def test_a_damaged_page_inside_is_found_by_the_start_s_background_check(qtbot, tmp_path: Path) -> None:
    demo = packed_demo(tmp_path, recipients=300, packages=30)
    path = demo.workspace.path
    demo.workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    demo.workspace.close()
    damage_pages(path)
    workspace = Workspace(connect(path), path)  # the open reads the header and the schema only: it opens
    try:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        window.check_papers()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "papersWarning") is not None, timeout=20_000)
        warning = window.findChild(QMessageBox, "papersWarning")
        assert "failed its integrity check" in warning.text() and "restore the newest backup" in warning.text()
        assert window.tasks is not None and window.tasks.wait()
    finally:
        workspace.close()

