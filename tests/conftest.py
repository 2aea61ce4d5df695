"""Hermetic tests: offscreen Qt set before Qt is imported, a fresh database per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
os.environ["PACKLINE_LANGUAGE"] = "en"  # tests expect English unless they choose; the command line reads this

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

import models.handover.sql.journal_projection  # noqa: E402, F401 - registers the handover projections, as
import models.packing.sql.journal_projection  # noqa: E402, F401 - app.workspace's loader does
from models.core import i18n  # noqa: E402
from models.storage.database import Database  # noqa: E402
from models.storage.opening import open_database  # noqa: E402

pytest_plugins = ["tests.support.cups"]  # the private CUPS server, for the tests that print for real

settings.register_profile("packline", deadline=None, max_examples=100)
settings.load_profile("packline")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "station.db"


@pytest.fixture
def db(db_path: Path) -> Database:
    """A fresh, migrated, empty station database."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def english_ui():
    """Every test starts with the UI language English and leaves it so."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")
