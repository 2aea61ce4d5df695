"""First start: open the database, creating it (in a private folder) when there is none yet.

A new database holds no campaign: the window offers to start a real one or to explore the demo
(`ui.campaign.campaign_menu.FirstStartDialog`); headless, `campaign create` or `demo` does it.
"""

from __future__ import annotations

from pathlib import Path

from app.workspace import Workspace


def ensure_database(path: Path) -> Workspace:
    """Open the database at `path`, creating it when it did not exist.

    The folder is created private (0700): it holds personal data. The start's backup is taken by the window,
    on a worker, once it is shown (`ui.periodic.PeriodicJobs.back_up`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    workspace = Workspace.open(path)
    workspace.check_station_identity()
    return workspace
