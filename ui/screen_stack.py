"""The main window's screens, in navigation order: each built when first shown, the rest after the window is up.

A start builds only the screen it opens on; the window is painted, and then the other screens are built one
per turn of the event loop (a key pressed meanwhile waits in Qt's queue, never lost). A screen asked for
before its turn is built there and then. Tests and tools that want every screen at once call `build_all`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QStackedWidget, QWidget

from ui.navigation import SCREENS, PlaceholderScreen

if TYPE_CHECKING:
    from models.core.types import Campaign

ScreenFactory = Callable[[], QWidget]


@runtime_checkable
class Refreshes(Protocol):
    """A screen that reloads its data from the database (after an import, on Ctrl+R)."""

    def refresh(self) -> None: ...


@runtime_checkable
class Retranslates(Protocol):
    """A screen whose texts follow a change of language."""

    def retranslate(self) -> None: ...


@runtime_checkable
class ShowsACampaign(Protocol):
    """A screen that shows one campaign's data, told which when the campaign is chosen."""

    def set_campaign(self, campaign: Campaign | None) -> None: ...


class ScreenStack(QStackedWidget):
    def __init__(self, built: Mapping[str, QWidget], factories: Mapping[str, ScreenFactory],
                 on_built: Callable[[QWidget], None], parent: QWidget | None = None) -> None:
        """`built` screens take their places at once; `factories` build theirs later; a key in neither is a
        placeholder of a later version's screen. `on_built` is told of each screen a factory built."""
        super().__init__(parent)
        keys = [info.key for info in SCREENS]
        self._factories = {keys.index(key): factory for key, factory in factories.items() if key not in built}
        self._on_built = on_built
        self._painted = False
        self.screens: list[QWidget] = [
            built.get(info.key) or (QWidget() if index in self._factories else PlaceholderScreen(info))
            for index, info in enumerate(SCREENS)]
        """Every screen, in navigation order (a screen not built yet is an empty widget until it is)."""
        for screen in self.screens:
            self.addWidget(screen)
        self.installEventFilter(self)

    def pending(self) -> int:
        return len(self._factories)

    def built(self, index: int) -> QWidget:
        """The screen at `index`, built now if it was not yet."""
        factory = self._factories.pop(index, None)
        if factory is None:
            return self.screens[index]
        screen, waiting = factory(), self.screens[index]
        current = self.currentWidget()
        self.insertWidget(index, screen)
        self.removeWidget(waiting)
        waiting.deleteLater()
        self.screens[index] = screen
        if current is waiting:
            self.setCurrentIndex(index)
        self._on_built(screen)
        return screen

    def show_index(self, index: int) -> None:
        self.built(index)
        self.setCurrentIndex(index)

    def build_all(self) -> None:
        for index in list(self._factories):
            self.built(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """After the first paint, the screens still to build are built one per turn of the event loop."""
        if watched is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._build_next)
        return False

    def _build_next(self) -> None:
        if self._factories:
            self.built(next(iter(self._factories)))
            QTimer.singleShot(0, self, self._build_next)
