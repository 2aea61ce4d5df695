"""Opening a database reads only its header (issue 19: a whole-file read at every open cost a short command up
to a second); the window's start checks the whole file in the background and says when it is damaged."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from app.workspace import Workspace
from models.core.cancel import CancelFlag, Cancelled
from models.storage.db import connect
from tests.support.dbdump import damage_pages
from tests.support.handover_fixtures import packed_demo
from ui.main_window import MainWindow
from ui.start_check import StartCheckReport, checked_at_start


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



def test_closing_the_window_stops_the_application_s_own_work_instead_of_waiting_for_it(qtbot, workspace) -> None:
    """The start's check of 100,000 packages reads for seconds; closing the window must not wait for it."""
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, float] = {}

    def own_work(_workspace: object, flag: CancelFlag) -> None:
        seen["started"] = time.monotonic()
        deadline = seen["started"] + 30
        while not flag.cancelled and time.monotonic() < deadline:
            time.sleep(0.005)
        if flag.cancelled:
            seen["cancelled"] = time.monotonic()

    assert window.tasks is not None
    window.tasks.run(own_work, lambda _result: None, quiet=True)
    qtbot.waitUntil(lambda: "started" in seen)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 5
    assert "cancelled" in seen


def test_the_start_s_check_stops_when_its_flag_is_set_and_says_nothing_of_it(workspace) -> None:
    flag = CancelFlag()
    assert checked_at_start(workspace, flag) == []
    flag.cancel()
    with pytest.raises(Cancelled):
        checked_at_start(workspace, flag)
    shown: list[str] = []
    StartCheckReport(QWidget(), shown.append).damaged(Cancelled())
    assert shown == []
