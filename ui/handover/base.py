"""What every part of the Handover screen shares: its state, the widgets `ui.handover.screen.HandoverScreen` builds,
the replaceable dialogs and the message line. `ui.handover.document_actions` builds on this, `ui.handover.actions`
on that, and the screen on both, so each layer is type-checked against what lies beneath it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from models.core.errors import PacklineError
from models.core.types import Campaign
from models.packing.users import User
from printing.handover_documents import HandoverDocuments
from ui import system_dialogs
from ui.handover import dialogs
from ui.handover.services import HandoverServices
from ui.handover.tables import BatchTableModel, MembersModel
from ui.handover.view import BatchRow, HandoverView
from ui.scanner import ScannerInput


class HandoverBase(QWidget):
    # Replaceable in tests so no modal dialog ever blocks (STYLE.md item 8).
    choose_save_file: Callable[..., tuple[str, str]] = staticmethod(system_dialogs.save_file_name)
    choose_open_file: Callable[..., tuple[str, str]] = staticmethod(system_dialogs.open_file_name)
    choose_folder: Callable[..., str] = staticmethod(system_dialogs.existing_directory)
    ask_text: Callable[..., tuple[str, bool]] = staticmethod(system_dialogs.text)
    confirm = staticmethod(dialogs.confirm)
    edit_details = staticmethod(dialogs.edit_details)
    choose_printer = staticmethod(dialogs.choose_printer)

    # State, set in `HandoverScreen.__init__`.
    services: HandoverServices
    view: HandoverView
    documents: HandoverDocuments
    scanner: ScannerInput
    user: User | None
    campaign: Campaign | None
    current: BatchRow | None
    last_folder: Path | None

    # Widgets, built in `HandoverScreen._build`.
    title: QLabel
    user_caption: QLabel
    user_name: QLineEdit
    user_pin: QLineEdit
    sign_in_button: QPushButton
    sign_out_button: QPushButton
    signed_in: QLabel
    batches: BatchTableModel
    batch_table: QTableView
    new_batch_button: QPushButton
    new_carton_button: QPushButton
    import_file_button: QPushButton
    batches_box: QGroupBox
    batch_title: QLabel
    batch_summary: QLabel
    mode_caption: QLabel
    modes: QButtonGroup
    mode_buttons: dict[str, QPushButton]
    carton_choice: QComboBox
    damaged: QCheckBox
    message: QLabel
    code_caption: QLabel
    manual: QLineEdit
    members: MembersModel
    member_table: QTableView
    action_buttons: dict[str, QPushButton]
    detail_box: QGroupBox

    def show_message(self, text: str, tone: str = "") -> None:
        self.message.setText(text)
        self.message.setProperty("tone", tone)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _failed(self, error: PacklineError) -> None:
        self.show_message(str(error), "refused")
