"""Backups on a timer and the automatic exchange folder, as the running application does them."""

from models import settings as declared
from models.demo import create_demo
from models.storage.backup import list_backups
from models.storage.db import write_transaction
from models.sync import container, pack, roles
from models.workspace import Workspace
from ui.periodic import PeriodicJobs


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
