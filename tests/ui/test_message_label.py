"""A language switch clears the sentences said in the old language (ui.message_label)."""

from __future__ import annotations

from models.core import i18n
from tests.support.handover_fixtures import SUPERVISOR_PIN, packed_demo
from ui.app import build_operational_screens
from ui.handover.screen import HandoverScreen
from ui.main_window import MainWindow


def test_a_language_switch_clears_what_was_said_in_the_old_language(qtbot, tmp_path):
    demo = packed_demo(tmp_path, recipients=10, packages=2)
    window = MainWindow(demo.workspace, screens=build_operational_screens(demo.workspace))
    qtbot.addWidget(window)
    window.show()
    window.set_language("en")
    handover = next(s for s in window.screens if isinstance(s, HandoverScreen))
    window.show_screen("handover")
    handover.user_name.setText("Supervisor")
    handover.user_pin.setText(SUPERVISOR_PIN)
    handover.sign_in()
    assert handover.message.text().startswith("Signed in as Supervisor")
    window.statusBar().showMessage("A scan went nowhere.")
    window.show_background_status("Backed up.")
    try:
        window.set_language("uk")
        assert handover.message.text().startswith("Увійдіть")  # the screen's hint, in the new language
        assert window.statusBar().currentMessage() == ""
        assert window.background_label.text() == ""
        assert handover.isVisible() and window.sidebar.item(0).text() == "Станція"  # the rest re-translated
    finally:
        i18n.set_language("en")
