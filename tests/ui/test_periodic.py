"""Backups on a timer and the automatic exchange folder, as the running application does them."""

from models import settings as declared
from models.demo import create_demo
from models.storage.backup import list_backups
from models.storage.db import write_transaction
from models.sync import container, pack, roles
from models.workspace import Workspace
from tests.models.test_sync_helpers import make_network, rebuilt_equal, spy_on_import_all
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
        for _round in range(2):
            jobs.poll_exchange_folder()
            assert jobs.polling  # on a worker: the UI thread goes on
            qtbot.waitUntil(lambda: not jobs.polling, timeout=20_000)
            assert not jobs.last_error
        assert given == [[events.name], []]  # imported once, not read again
        first_imports = net.hub.db.execute("SELECT count(*) FROM events").fetchone()[0]
        assert first_imports >= 8 and rebuilt_equal(net.hub.db)
        tasks.wait()
    finally:
        net.close()
