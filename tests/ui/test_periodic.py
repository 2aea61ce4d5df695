"""Backups on a timer and the automatic exchange folder, as the running application does them."""

import threading
from pathlib import Path

from app.workspace import Workspace
from models.core import settings as declared
from models.demo.campaign import create_demo
from models.storage.backup import list_backups
from models.storage.db import write_transaction
from models.sync import container, pack, roles
from tests.support.stations import make_network, rebuilt_equal, spy_on_import_all
from ui.periodic import PeriodicJobs
from ui.tasks import TaskRunner


def test_backups_and_exchange_polling_follow_the_settings(qtbot, tmp_path):
    workspace = Workspace.open(tmp_path / "station.db")
    try:
        create_demo(workspace.db, "Demo", recipients=5)
        jobs = PeriodicJobs(workspace)
        jobs.back_up()
        assert len(list_backups(workspace.path)) == 1 and not jobs.last_error

        workspace.station_service().ensure("Hub")
        with write_transaction(workspace.db):
            roles.ensure_hub(workspace.db)

        jobs.poll_exchange_folder()  # no folder set: nothing happens
        folder = tmp_path / "exchange"
        assert not folder.exists()
        workspace.settings().set(declared.SYNC_FOLDER, str(folder))
        jobs.poll_exchange_folder()
        assert not jobs.last_error
        written = [path.name for path in folder.iterdir() if not container.is_temporary(path)]
        assert written == [pack.PACK_FILE_NAME], "the hub publishes its campaign pack for the stations"
    finally:
        workspace.close()


class _SlowBackups(Workspace):
    """A worker's workspace whose backup waits until the test lets it go."""

    gate = threading.Event()

    def backup(self, reason: str = "auto") -> Path:
        assert self.gate.wait(20)
        return super().backup(reason)


def test_the_backup_runs_on_a_worker_so_the_window_never_waits_for_it(qtbot, tmp_path):
    """At start the window is shown, then the backup starts on a worker (ui.app.run_gui): `back_up` returns
    before the backup is taken, and a second one is not started while the first runs."""
    workspace = Workspace.open(tmp_path / "station.db")
    try:
        create_demo(workspace.db, "Demo", recipients=5)
        tasks = TaskRunner(lambda: _SlowBackups.open(workspace.path))
        jobs = PeriodicJobs(workspace, tasks=tasks)
        _SlowBackups.gate.clear()
        jobs.back_up()
        jobs.back_up()
        assert jobs.backing_up and list_backups(workspace.path) == []
        _SlowBackups.gate.set()
        qtbot.waitUntil(lambda: not jobs.backing_up, timeout=20_000)
        assert len(list_backups(workspace.path)) == 1 and not jobs.last_error
        assert tasks.wait()
        qtbot.wait(50)  # the task's last events delivered while this test's runner still exists
    finally:
        workspace.close()


def test_the_hub_polls_on_a_worker_and_reads_a_file_once(qtbot, tmp_path, monkeypatch):
    net = make_network(tmp_path)
    try:
        net.pack_package("Station A", 0)
        (events,) = net.export("Station A")
        hub = Workspace(net.hub.db, net.hub.path)
        hub.settings().set(declared.SYNC_FOLDER, str(net.folder))
        given = spy_on_import_all(monkeypatch)
        tasks = TaskRunner(hub.connection_factory())
        jobs = PeriodicJobs(hub, tasks=tasks)
        said: list[str] = []
        jobs.reported.connect(said.append)
        for _round in range(2):
            jobs.poll_exchange_folder()
            assert jobs.polling  # on a worker: the UI thread goes on
            qtbot.waitUntil(lambda: not jobs.polling, timeout=20_000)
            assert not jobs.last_error
        assert given == [[events.name], []]  # imported once, not read again
        assert "1 file imported" in said[0] and said[1].endswith("nothing new")
        first_imports = net.hub.db.execute("SELECT count(*) FROM events").fetchone()[0]
        assert first_imports >= 8 and rebuilt_equal(net.hub.db)
        assert tasks.wait()
        qtbot.wait(50)  # the tasks' last events delivered while this test's runner still exists
    finally:
        net.close()


def test_a_failed_round_is_reported_and_the_next_one_tries_again(qtbot, tmp_path):
    workspace = Workspace.open(tmp_path / "station.db")
    try:
        create_demo(workspace.db, "Demo", recipients=5)
        jobs = PeriodicJobs(workspace)
        said: list[str] = []
        jobs.reported.connect(said.append)
        blocked = tmp_path / "a file, not a folder"
        blocked.write_text("x")
        workspace.settings().set(declared.SYNC_FOLDER, str(blocked))
        jobs.poll_exchange_folder()
        assert jobs.last_error and said[-1].startswith("Exchange folder: ")
        workspace.settings().set(declared.SYNC_FOLDER, str(tmp_path / "exchange"))
        jobs.poll_exchange_folder()
        assert said[-1].startswith("Exchange folder, ") and not jobs.polling
    finally:
        workspace.close()


def test_the_main_window_shows_the_background_work_in_its_status_bar(qtbot, tmp_path):
    from ui.main_window import MainWindow

    workspace = Workspace.open(tmp_path / "station.db")
    try:
        create_demo(workspace.db, "Demo", recipients=5)
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        long = "Exchange folder, 11:52: 1 file refused: " + "a very long reason " * 40
        window.show_background_status(long)
        label = window.background_label
        assert label.toolTip() == long and label.text().endswith("…") and len(label.text()) < len(long)
        window.close()
    finally:
        workspace.close()


def test_a_log_grown_past_its_bound_is_cut_on_a_worker_while_the_app_s_connection_stays_open(qtbot, tmp_path):
    """Issue 19: the log stayed as large as the last large transaction until the app closed. Here one large
    write (as a rebuild or an import leaves it) grows the log past `LOG_CUT_BYTES`; the minute's look cuts it
    on a worker's connection while the app's own connection stays open, and the data stays."""
    from ui.periodic import LOG_CUT_BYTES

    workspace = Workspace.open(tmp_path / "station.db")
    try:
        create_demo(workspace.db, "Demo", recipients=5)
        tasks = TaskRunner(lambda: Workspace.open(workspace.path))
        jobs = PeriodicJobs(workspace, tasks=tasks)
        jobs.cut_grown_log()
        assert not jobs.cutting_log, "a small log is left to SQLite's own checkpoints"
        with write_transaction(workspace.db):
            workspace.db.execute("CREATE TABLE filler (text TEXT)")
            workspace.db.conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 1000,)] * 12_000)
        assert workspace.log_bytes() > LOG_CUT_BYTES
        jobs.cut_grown_log()
        assert jobs.cutting_log
        qtbot.waitUntil(lambda: not jobs.cutting_log, timeout=20_000)
        assert workspace.log_bytes() == 0 and not jobs.last_error
        assert workspace.db.execute("SELECT count(*) FROM filler").fetchone()[0] == 12_000
        assert tasks.wait()
        qtbot.wait(50)
    finally:
        workspace.close()
