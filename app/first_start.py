"""First start: with no database yet, create one holding a demo campaign so the app is never empty."""

from __future__ import annotations

from pathlib import Path

from app.workspace import Workspace

DEMO_CAMPAIGN = "Demo"


def ensure_database(path: Path) -> Workspace:
    """Open the database at `path`; when it did not exist, fill it with the demo campaign first.

    The folder is created private (0700): it holds personal data.
    """
    path = Path(path)
    is_new = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    workspace = Workspace.open(path)
    if is_new:
        from models.demo.campaign import create_demo

        try:
            create_demo(workspace.db, DEMO_CAMPAIGN)
        except BaseException:
            workspace.close()
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
            raise
    else:
        workspace.backup("auto")
    workspace.check_station_identity()
    return workspace
