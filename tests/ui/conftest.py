"""Screen tests: QSettings in a temporary folder, Qt warnings fail the test, a workspace with recipients."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.workspace import Workspace
from models.storage.database import Database
from tests.support.sample_data import make_campaign, sample_recipients
from ui.app import configure_application
from ui.qt_translations import install_qt_translations
from ui.tasks import TaskRunner

# Said by the offscreen platform plugin itself, not by our code.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def hermetic_settings(qapp, tmp_path: Path) -> Path:
    """Point every QSettings at a per-test folder, so no test reads or writes the user's real settings."""
    configure_application(qapp)
    folder = tmp_path / "qsettings"
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield folder
    install_qt_translations("en")


@pytest.fixture
def workspace(db: Database, db_path: Path) -> Workspace:
    """The test database as the UI gets it (not closed here: the `db` fixture closes the connection)."""
    return Workspace(db, db_path)


@pytest.fixture
def filled_workspace(workspace: Workspace) -> Workspace:
    make_campaign(workspace.db, "Winter parcels", sample_recipients(1000))
    return workspace


@pytest.fixture
def tasks(workspace: Workspace) -> Iterator[TaskRunner]:
    """A task runner that outlives the test's screens: its workers are done before the test's widgets and
    the runner go (a worker finishing into a deleted screen crashed a later test's event processing)."""
    runner = TaskRunner(workspace.connection_factory())
    yield runner
    runner.wait()
