"""The background task helper: work on a worker thread with its own connection, callbacks on the UI thread,
a progress dialog only when the work is slow, and cancel."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from models.core.cancel import Cancelled
from ui.tasks import TaskRunner


def test_work_runs_on_its_own_connection_and_answers_on_the_ui_thread(qtbot, workspace):
    runner = TaskRunner(workspace.connection_factory())
    seen: dict[str, object] = {}

    def work(ws, flag):
        seen["thread"] = threading.current_thread()
        seen["own connection"] = ws.db.conn is not workspace.db.conn
        return ws.db.execute("SELECT count(*) FROM recipients").fetchone()[0]

    def done(result):
        seen["result"] = result
        seen["callback thread"] = QThread.currentThread()

    runner.run(work, done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 0
    assert seen["own connection"] is True
    assert seen["thread"] is not threading.main_thread()
    assert seen["callback thread"] is QApplication.instance().thread()
    assert runner.running == [] or all(task.done for task in runner.running)


def test_fast_work_shows_no_dialog(qtbot, workspace):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(workspace.connection_factory(), parent)
    results = []
    task = runner.run(lambda ws, flag: 42, results.append)
    qtbot.waitUntil(lambda: results == [42])
    assert task.dialog is None
    assert not parent.findChildren(QProgressDialog)


def test_slow_work_shows_a_dialog_whose_cancel_stops_the_work(qtbot, workspace, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(TaskRunner, "SLOW_MS", 20)
    runner = TaskRunner(workspace.connection_factory(), parent)
    errors: list[BaseException] = []
    started = threading.Event()

    def slow(ws, flag):
        started.set()
        with ws.interruptible(flag):
            while True:  # a statement that runs until interrupted
                ws.db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 200000) "
                              "SELECT count(*) FROM n").fetchone()

    task = runner.run(slow, lambda result: None, errors.append, label="Slow work")
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible())
    assert started.is_set()
    assert task.dialog.labelText() == "Slow work"
    dialog = task.dialog
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], Cancelled)
    assert task.dialog is None  # closed (and deleted)
    runner.wait()


def test_an_error_in_the_work_reaches_the_error_callback(qtbot, workspace):
    runner = TaskRunner(workspace.connection_factory())
    errors: list[BaseException] = []

    def broken(ws, flag):
        raise ValueError("broken")

    runner.run(broken, lambda result: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "broken"
