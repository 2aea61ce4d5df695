"""The Handover screen (issue 7): cartons and batches, manifests, export, receiving and reconciliation.

Wire it into the main window with `MainWindow(workspace, screens={"handover": build_handover_screen(workspace)})`.
This package imports Qt only inside `build_handover_screen`, so `app.cli.handover_documents` stays headless.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.handover.screen import HandoverScreen
    from ui.handover.services import HandoverServices

__all__ = ["build_handover_screen"]


def build_handover_screen(workspace: HandoverServices, parent: QWidget | None = None) -> HandoverScreen:
    """The Handover screen on a workspace, with the real scanner, file dialogs and printing."""
    from ui.handover.screen import HandoverScreen

    return HandoverScreen(workspace, parent=parent)
