"""A station screen on a fresh copy of a prepared demo database, with a fake printer, a listening sound
player and a scanner on a fake clock that types bursts as key events."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.workspace import Workspace
from models.storage.opening import open_database
from tests.support.station_screens import (
    PACKER,
    PIN,
    FakeClock,
    FakeSink,
    KeyboardScanner,
    RecordingPlayer,
    make_scanner,
    prepare_database,
)
from ui.station import StationScreen

SIZE = (1366, 768)


@pytest.fixture(scope="session")
def prepared_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("station-template") / "station.db"
    workspace = prepare_database(path)
    workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.close()
    return path


@pytest.fixture
def station_db(prepared_database: Path, tmp_path: Path) -> Path:
    path = tmp_path / "station.db"
    shutil.copyfile(prepared_database, path)
    return path


@pytest.fixture
def open_workspace(station_db: Path) -> Iterator[Callable[[], Workspace]]:
    """Opens workspaces on the test's database (a restart opens a second one); all closed at the end."""
    opened: list[Workspace] = []

    def open_one() -> Workspace:
        workspace = Workspace(open_database(station_db), station_db)
        opened.append(workspace)
        return workspace

    yield open_one
    for workspace in opened:
        workspace.close()


@dataclass
class Station:
    screen: StationScreen
    workspace: Workspace
    sink: FakeSink
    player: RecordingPlayer
    clock: FakeClock
    keys: KeyboardScanner

    def scan(self, *codes: str, suffix: str = "\r") -> None:
        for code in codes:
            self.keys.scan(code, suffix)

    def sign_in(self, name: str = PACKER, pin: str = PIN) -> None:
        self.screen.sign_in.choose(name)
        self.screen.sign_in.pin.setText(pin)
        self.screen.sign_in.button.click()
        assert self.screen.session.user is not None

    def view(self):
        return self.screen.package.view

    def counts(self) -> list[int]:
        view = self.view()
        return [line.state.scanned for line in view.lines] if view else []


@pytest.fixture
def make_station(qtbot, open_workspace):
    def make(*, sink: FakeSink | None = None, signed_in: bool = True) -> Station:
        workspace = open_workspace()
        clock = FakeClock()
        sink = sink or FakeSink()
        player = RecordingPlayer()
        screen = StationScreen(workspace, label_sink=sink, sound_player=player, scanner=make_scanner(clock))
        qtbot.addWidget(screen)
        screen.resize(*SIZE)
        screen.show()
        qtbot.waitExposed(screen)
        screen.activateWindow()
        qtbot.waitUntil(screen.isActiveWindow)  # function keys are window shortcuts
        station = Station(screen, workspace, sink, player, clock, KeyboardScanner(screen, clock))
        if signed_in:
            station.sign_in()
        return station

    return make


@pytest.fixture
def station(make_station) -> Station:
    return make_station()
