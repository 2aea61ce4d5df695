"""The application's start builds the screen it opens on; the others follow once the window is painted."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from models.core.i18n import set_language
from models.packing.users import Role
from ui.app import operational_screen_factories
from ui.main_window import MainWindow
from ui.navigation import SCREENS, PlaceholderScreen, screen_index


def started(qtbot, workspace) -> MainWindow:
    """The window as `ui.app.run_gui` makes it."""
    window = MainWindow(workspace, factories=operational_screen_factories(workspace), build_later=True)
    qtbot.addWidget(window)
    return window


def not_built(window: MainWindow) -> list[str]:
    return [info.key for info, screen in zip(SCREENS, window.screens, strict=True)
            if type(screen) is QWidget]


def test_the_window_opens_with_its_opening_screen_only_and_builds_the_rest_after_painting(qtbot, filled_workspace):
    filled_workspace.station_service().ensure("Station 1")
    filled_workspace.user_service().add("Олена", Role.PACKER, "1234")
    window = started(qtbot, filled_workspace)
    assert window.current_screen_key() == "station"
    waiting = not_built(window)
    assert "station" not in waiting and {"recipients", "handover", "conflicts", "dashboard", "settings"} <= set(waiting)
    assert window.stack.pending() == len(waiting)
    people = filled_workspace.recipient_queries().count(window.campaign.id)
    assert f"{people:,} recipients in Winter parcels" in window.counts_label.text()  # counted without the screen
    window.show()
    qtbot.waitUntil(lambda: window.stack.pending() == 0, timeout=20_000)
    assert not_built(window) == []
    assert all(window.stack.widget(index) is screen for index, screen in enumerate(window.screens))
    assert window.current_screen_key() == "station" and window.stack.currentWidget() is window.screens[0]
    assert window.recipients.model.rowCount() == people  # built after the paint, on the chosen campaign
    dashboard = window.screens[screen_index("dashboard")]
    assert dashboard.campaign is not None and dashboard.campaign.name == "Winter parcels"
    assert not any(isinstance(screen, PlaceholderScreen) for screen in window.screens[:screen_index("settings")])


def test_a_screen_chosen_before_its_turn_is_built_there_and_then_in_the_language_of_the_moment(
        qtbot, filled_workspace):
    window = started(qtbot, filled_workspace)
    assert window.current_screen_key() == "recipients" and "handover" in not_built(window)
    set_language("uk")
    try:
        window.retranslate()
        window.sidebar.setCurrentRow(screen_index("handover"))  # as a click in the sidebar
        handover = window.stack.currentWidget()
        assert window.current_screen_key() == "handover" and type(handover) is not QWidget
        assert handover is window.screens[screen_index("handover")] and "handover" not in not_built(window)
        assert any("Передача" in label for label in visible_texts(handover)), visible_texts(handover)
    finally:
        set_language("en")


def visible_texts(widget: QWidget) -> list[str]:
    from PySide6.QtWidgets import QLabel, QPushButton

    return [child.text() for kind in (QLabel, QPushButton) for child in widget.findChildren(kind) if child.text()]
