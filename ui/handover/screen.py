"""The Handover screen: batches and their state on the left; on the right the chosen batch, built by scanning,
closed, printed, signed, exported, received and reconciled.

Every scan and button is one service call (`BatchService`, `ManifestService`, `ReceivingService`); the outcome
it returns is shown as it is (green, amber or red), then the lists reload from the database. Scans are
captured application-wide while the screen is visible (`ScannerInput`), or typed into the code field. A
manifest's QR code scanned at any time is checked against the database. The actions live in
`ui.handover.actions` and `ui.handover.document_actions`, on the shared `ui.handover.base`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.core.types import Campaign
from models.packing.users import User
from printing.handover_documents import HandoverDocuments
from ui.handover.actions import Actions
from ui.handover.services import HandoverServices
from ui.handover.tables import BatchTableModel, MembersModel
from ui.handover.texts import retranslate
from ui.handover.view import BatchRow, HandoverView
from ui.message_label import MessageLabel
from ui.scanner import ScannerInput
from ui.tables import row_table

STYLE = """
QLabel#screenTitle { font-size: 15pt; font-weight: bold; }
QLabel#batchTitle { font-size: 13pt; font-weight: bold; }
QLabel#handoverMessage { padding: 8px 10px; border-radius: 4px; font-size: 12pt; background: #eef0f2; }
QLabel#handoverMessage[tone="ok"] { background: #d7f0d0; color: #123d0c; }
QLabel#handoverMessage[tone="warning"] { background: #fbe3b4; color: #4a3300; }
QLabel#handoverMessage[tone="refused"] { background: #c62828; color: white; font-weight: bold; }
QPushButton:checked { background: #2f6fb3; color: white; }
"""
MODES = ("batch", "carton", "remove", "receive")


class HandoverScreen(Actions):
    """The screen itself: builds the widgets `ui.handover.base.HandoverBase` declares and wires them up. The
    replaceable dialogs (file choosers, text and details prompts, printer choice) live on that base."""

    def __init__(self, services: HandoverServices, *, scanner: ScannerInput | None = None,
                 documents: HandoverDocuments | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverScreen")
        self.setStyleSheet(STYLE)
        self.services = services
        self.view = HandoverView(services)
        self.documents = documents or HandoverDocuments()
        self.scanner = scanner if scanner is not None else ScannerInput()
        self.scanner.setParent(self)
        self.user: User | None = None
        self.campaign: Campaign | None = None
        self.current: BatchRow | None = None
        self.last_folder: Path | None = None
        self._build()
        self._connect()
        retranslate(self)
        campaigns = services.campaigns()
        station = services.station_service().identity()
        chosen = next((c for c in campaigns if station and c.id == station.campaign_id), None)
        self.set_campaign(chosen or (campaigns[-1] if campaigns else None))

    # -- building ----------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.user_caption = QLabel()
        self.user_name = QLineEdit()
        self.user_name.setObjectName("userName")
        self.user_pin = QLineEdit()
        self.user_pin.setObjectName("userPin")
        self.user_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_pin.setMaximumWidth(90)
        self.sign_in_button = self._button("signIn")
        self.sign_out_button = self._button("signOut")
        self.signed_in = QLabel()
        self.signed_in.setObjectName("signedIn")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for widget in (self.signed_in, self.user_caption, self.user_name, self.user_pin, self.sign_in_button,
                       self.sign_out_button):
            top.addWidget(widget)

        self.batches = BatchTableModel()
        self.batch_table = self._table("batchTable", self.batches)
        self._fit_columns(self.batch_table, stretch=(1,))
        self.new_batch_button, self.new_carton_button = self._button("newBatch"), self._button("newCarton")
        self.import_file_button = self._button("importBatchFile")
        self.batches_box = QGroupBox()
        self.batches_box.setMinimumWidth(280)  # with the three columns of actions, the screen fits 1,280 px
        left = QVBoxLayout(self.batches_box)
        left.addWidget(self.batch_table, 1)
        row = QGridLayout()
        row.addWidget(self.new_batch_button, 0, 0)
        row.addWidget(self.new_carton_button, 0, 1)
        row.addWidget(self.import_file_button, 1, 0, 1, 2)
        left.addLayout(row)

        self.batch_title = QLabel()
        self.batch_title.setObjectName("batchTitle")
        self.batch_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.batch_summary = QLabel()
        self.batch_summary.setObjectName("batchSummary")
        self.batch_summary.setWordWrap(True)
        self.mode_caption = QLabel()
        self.modes = QButtonGroup(self)
        self.mode_buttons: dict[str, QPushButton] = {}
        modes = QHBoxLayout()
        modes.addWidget(self.mode_caption)
        for number, key in enumerate(MODES):
            button = self._button(f"mode_{key}")
            button.setCheckable(True)
            self.modes.addButton(button, number)
            self.mode_buttons[key] = button
            modes.addWidget(button)
        self.carton_choice = QComboBox()
        self.carton_choice.setObjectName("cartonChoice")
        self.carton_choice.setMinimumWidth(150)
        self.damaged = QCheckBox()
        self.damaged.setObjectName("damagedBox")
        modes.addWidget(self.carton_choice)
        modes.addWidget(self.damaged)
        modes.addStretch(1)
        self.message = MessageLabel()
        self.message.setObjectName("handoverMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(44)
        self.code_caption = QLabel()
        self.manual = QLineEdit()
        self.manual.setObjectName("manualCode")
        self.manual.setClearButtonEnabled(True)
        self.code_caption.setBuddy(self.manual)
        entry = QHBoxLayout()
        entry.addWidget(self.code_caption)
        entry.addWidget(self.manual, 1)
        self.members = MembersModel()
        self.member_table = self._table("memberTable", self.members)
        self._fit_columns(self.member_table, stretch=(2, 3))

        # Rows of three, a row a step of the work; the two longest Russian and Ukrainian labels share the last
        # column, so the screen fits 1,280 px.
        keys = ("detailsButton", "closeBatch", "reopenBatch", "signBatch", "correctBatch", "attachSheet",
                "manifestPdf", "manifestPrint", "labelsPdf", "exportBatch", "reconcileReport", "importChecklist",
                "importReceipt", "exportReceipt")
        self.action_buttons = {key: self._button(key) for key in keys}
        actions = QGridLayout()
        for index, key in enumerate(keys):
            actions.addWidget(self.action_buttons[key], index // 3, index % 3)

        self.detail_box = QGroupBox()
        right = QVBoxLayout(self.detail_box)
        right.addWidget(self.batch_title)
        right.addWidget(self.batch_summary)
        right.addLayout(actions)
        right.addLayout(modes)
        right.addWidget(self.message)
        right.addLayout(entry)
        right.addWidget(self.member_table, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.batches_box)
        splitter.addWidget(self.detail_box)
        splitter.setSizes([390, 750])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _button(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    @staticmethod
    def _table(name: str, model: BatchTableModel | MembersModel) -> QTableView:
        table = row_table(QTableView(), name)
        table.setModel(model)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        return table

    @staticmethod
    def _fit_columns(table: QTableView, stretch: tuple[int, ...]) -> None:
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)

    def _connect(self) -> None:
        self.scanner.scanned.connect(self.handle_scan)
        self.manual.returnPressed.connect(self._manual_entered)
        self.user_pin.returnPressed.connect(self.sign_in)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.batch_table.selectionModel().currentRowChanged.connect(lambda current, _old: self._chosen(current.row()))
        self.modes.idToggled.connect(self._mode_toggled)
        calls = {"newBatch": self.new_batch, "newCarton": self.new_carton, "importBatchFile": self.import_batch_file,
                 "detailsButton": self.edit_batch_details, "closeBatch": self.close_batch,
                 "reopenBatch": self.reopen_batch, "signBatch": self.sign_batch, "correctBatch": self.correct_batch,
                 "attachSheet": self.attach_sheet, "manifestPdf": self.save_manifest,
                 "manifestPrint": self.print_manifest, "labelsPdf": self.save_carton_labels,
                 "exportBatch": self.export_batch, "importChecklist": self.import_checklist,
                 "reconcileReport": self.save_reconciliation, "importReceipt": self.import_receipt,
                 "exportReceipt": self.export_receipt}
        buttons = {self.new_batch_button.objectName(): self.new_batch_button,
                   self.new_carton_button.objectName(): self.new_carton_button,
                   self.import_file_button.objectName(): self.import_file_button, **self.action_buttons}
        for key, call in calls.items():
            buttons[key].clicked.connect(lambda _checked=False, call=call: call())

    def _mode_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.update_controls()

    def _manual_entered(self) -> None:
        text = self.manual.text()
        self.manual.clear()
        if text.strip():
            self.handle_scan(text)

    # -- scanner capture only while the screen is visible -------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.scanner.install()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.scanner.uninstall()
        super().hideEvent(event)

    def retranslate(self) -> None:
        retranslate(self)
