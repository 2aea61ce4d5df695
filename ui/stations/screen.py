"""The Stations screen: on the hub, the stations heard from and their lots; everywhere, exchange by folder.

The hub sees a table of station identities (last exchange, last event number, events received, lot, open
conflicts) and a lots panel where a supervisor, signing with their PIN, gives list numbers to a station. A
station sees its identity, its hub and how far the hub has acknowledged its events. Both carry files by hand
through a chosen folder (a LAN share or a USB stick); the exchange runs off the UI thread (`ui.tasks`) on its
own connection, and the result or each file's refusal is shown as the service words it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.core.errors import PacklineError, RefusedInput
from models.core.i18n import _
from models.core.types import Campaign
from models.packing.users import UserService
from models.sync.overview import FolderReport, StationsService
from ui import system_dialogs
from ui.credentials import supervisor_fields
from ui.forms import captioned_rows
from ui.message_label import MessageLabel
from ui.stations.enrolment_box import EnrolmentBox
from ui.stations.model import StationsModel
from ui.stations.texts import identity_rows, key_rows, lot_lines, report_lines
from ui.tables import row_table
from ui.tasks import TaskRunner

ERROR_STYLE = "color: #b00020;"
SIDE_WIDTH = 380
"""The hub's right-hand column (identity, lots, exchange): the table of stations takes the rest."""


class StationsServices(Protocol):
    """What the screen needs (`app.workspace.Workspace` provides it)."""

    path: Path
    db: Any
    """Handed to the service (`models.sync.overview`); the screen never uses it itself."""

    def user_service(self) -> UserService: ...

    def connection_factory(self) -> Callable[[], Any]: ...


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class StationsScreen(QWidget):
    exchanged = Signal()
    """An export or import through a folder ended (done or refused): other screens may reload."""
    lot_assigned = Signal()

    # Replaceable in tests so no modal dialog ever blocks (STYLE.md item 8).
    choose_folder: Callable[..., str] = staticmethod(system_dialogs.existing_directory)

    def __init__(self, service: StationsService, users: UserService, connections: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        """`connections` opens a workspace on the same database for the exchange's worker thread."""
        super().__init__(parent)
        self.service, self.users = service, users
        self.tasks = TaskRunner(connections, self)
        self.campaign_id: int | None = None
        self.folder = ""
        self.role: str | None = None
        self.title, self.hint = QLabel(), QLabel()
        self.title.setObjectName("screenTitle")
        self.hint.setWordWrap(True)
        self._build_table()
        self._build_identity()
        self.enrolment_box = EnrolmentBox(service, users)
        self.enrolment_box.setObjectName("enrolmentBox")
        self._build_lots()
        self._build_exchange()
        right = QWidget()
        self.side = QVBoxLayout(right)
        self.side.setContentsMargins(0, 0, 0, 0)
        for box in (self.identity_box, self.enrolment_box, self.lots_box):
            self.side.addWidget(box)
        self.side.addWidget(self.exchange_box, 1)
        # The column scrolls when the window is short (1,280 x 720): its texts are never cut off.
        self.right = QScrollArea()
        self.right.setObjectName("stationsSide")
        self.right.setWidgetResizable(True)
        self.right.setFrameShape(QFrame.Shape.NoFrame)
        self.right.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.right.setWidget(right)
        right.setMinimumHeight(right.sizeHint().height())
        body = QHBoxLayout()
        body.addWidget(self.left, 3)
        body.addWidget(self.right, 2)
        body.addStretch(0)  # takes what a station's capped column leaves, so that column stays on the left
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(body, 1)
        self.retranslate()

    # -- building -----------------------------------------------------------------------------------------

    def _build_table(self) -> None:
        self.model = StationsModel(self)
        self.table = row_table(QTableView(), "stationsTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._row_chosen(current.row()))
        self.empty = QLabel()
        self.empty.setObjectName("noStations")
        self.empty.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshStations")
        self.refresh_button.clicked.connect(self.refresh)
        self.left = QWidget()
        column = QVBoxLayout(self.left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        column.addLayout(buttons)

    def _build_identity(self) -> None:
        self.identity_box = QGroupBox()
        self.identity = QLabel()
        self.identity.setObjectName("stationIdentity")
        self.identity.setWordWrap(True)
        QVBoxLayout(self.identity_box).addWidget(self.identity)

    def _build_lots(self) -> None:
        self.lots_box = QGroupBox()
        self.lot_station = QComboBox()
        self.lot_station.setObjectName("lotStation")
        self.lot_station.setEditable(True)
        self.lot_numbers = QLineEdit()
        self.lot_numbers.setObjectName("lotNumbers")
        self.supervisor, self.pin = supervisor_fields(self.assign_lot)
        self.assign_button = QPushButton()
        self.assign_button.setObjectName("assignLot")
        self.assign_button.clicked.connect(self.assign_lot)
        self.lot_message = MessageLabel()
        self.lot_message.setObjectName("lotMessage")
        self.lot_message.setWordWrap(True)
        self.lot_message.hide()
        form = QFormLayout()
        self.lot_captions = captioned_rows(form, (self.lot_station, self.lot_numbers, self.supervisor, self.pin))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.assign_button)
        layout = QVBoxLayout(self.lots_box)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.lot_message)

    def _build_exchange(self) -> None:
        self.exchange_box = QGroupBox()
        self.exchange_hint = QLabel()
        self.exchange_hint.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("exchangePassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_caption = QLabel()
        self.passphrase_caption.setBuddy(self.passphrase)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportToFolder")
        self.export_button.clicked.connect(self.export_to_folder)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importFromFolder")
        self.import_button.clicked.connect(self.import_from_folder)
        self.exchange_message = MessageLabel()
        self.exchange_message.setObjectName("exchangeMessage")
        self.exchange_message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.passphrase_caption, self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.exchange_message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()  # one line per file: ten stations' refusals must stay readable
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.exchange_message)
        layout = QVBoxLayout(self.exchange_box)
        layout.addWidget(self.exchange_hint)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)

    # -- data ---------------------------------------------------------------------------------------------

    def set_campaign(self, campaign: Campaign | None) -> None:
        """The main window's campaign: lots are handed out in it."""
        self.campaign_id = campaign.id if campaign is not None else None

    def refresh(self) -> None:
        info = self.service.this_database()
        self.role = info.role
        rows = self.service.rows() if info.role != "station" else []
        self.model.set_rows(rows)
        hub_like = info.role != "station"
        self.left.setVisible(hub_like)
        self.lots_box.setVisible(hub_like)
        self.enrolment_box.setVisible(info.role == "hub")
        if info.role == "hub":
            self.enrolment_box.refresh()
        self.right.setMaximumWidth(SIDE_WIDTH if hub_like else 2 * SIDE_WIDTH)
        self.empty.setVisible(hub_like and not rows)
        self.identity.setText("<table>" + "".join(
            f"<tr><td>{_escape(caption).replace(' ', '&nbsp;')}&nbsp;</td><td><b>{_escape(value)}</b></td></tr>"
            for caption, value in identity_rows(info)) + "</table>" + "".join(
            f"<nobr>{_escape(caption)} <b><tt>{_escape(value)}</tt></b></nobr><br>"
            for caption, value in key_rows(info)))
        self.identity.setToolTip(_("Station id {id}").format(id=info.station.instance_id) if info.station else "")
        typed = self.lot_station.currentText()
        self.lot_station.blockSignals(True)
        self.lot_station.clear()
        self.lot_station.addItems(sorted({row.name for row in rows}, key=str.casefold))
        self.lot_station.setEditText(typed)
        self.lot_station.blockSignals(False)
        self._retranslate_role()

    def _row_chosen(self, row: int) -> None:
        found = self.model.row(row)
        if found is not None:
            self.lot_station.setEditText(found.name)

    # -- lots ---------------------------------------------------------------------------------------------

    def assign_lot(self) -> None:
        try:
            supervisor = self.users.sign_in(self.supervisor.text(), self.pin.text())
            change = self.service.assign(self.lot_station.currentText(), self.lot_numbers.text(), supervisor,
                                         self.campaign_id)
        except RefusedInput as refused:
            self._show(self.lot_message, [], [str(refused)])
            return
        finally:
            self.pin.clear()
        self._show(self.lot_message, lot_lines(change), [])
        self.lot_numbers.clear()
        self.refresh()
        self.lot_assigned.emit()

    # -- exchange -----------------------------------------------------------------------------------------

    def export_to_folder(self) -> None:
        self._exchange(_("Export to a folder"), "export_to", _("Exporting…"))

    def import_from_folder(self) -> None:
        self._exchange(_("Import from a folder"), "import_from", _("Importing…"))

    def _exchange(self, caption: str, method: str, label: str) -> None:
        chosen = self.choose_folder(self, caption, self.folder)
        if not chosen:
            return
        self.folder = chosen
        folder, passphrase = Path(chosen), self.passphrase.text() or None
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.exchange_message.setStyleSheet("")
        self.exchange_message.setText(label)

        def work(workspace: Any, _flag: Any) -> FolderReport:
            return getattr(StationsService.of(workspace), method)(folder, passphrase)  # type: ignore[no-any-return]

        self.tasks.run(work, self._exchanged, self._exchange_failed, label=label, cancellable=False)

    def _exchanged(self, report: FolderReport) -> None:
        done, refused = report_lines(report)
        self._show(self.exchange_message, done, refused)
        self._exchange_ended()

    def _exchange_failed(self, error: BaseException) -> None:
        if not isinstance(error, PacklineError | OSError):
            self._exchange_ended()
            raise error
        self._show(self.exchange_message, [], [str(error)])
        self._exchange_ended()

    def _exchange_ended(self) -> None:
        self.export_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.refresh()
        self.exchanged.emit()

    @staticmethod
    def _show(label: QLabel, done: list[str], refused: list[str]) -> None:
        label.setVisible(bool(done or refused))
        label.setStyleSheet(ERROR_STYLE if refused else "")
        label.setText("<br>".join([_escape(line) for line in done] +
                                  [f"<b>{_escape(line)}</b>".replace("\n", "<br>") for line in refused]))

    # -- texts --------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(_("Stations"))
        self.empty.setText(_("No station has sent its events yet. Give each station a lot, export the campaign "
                             "pack to a folder for it, and import its events files here."))
        self.refresh_button.setText(_("&Refresh"))
        self.identity_box.setTitle(_("This database"))
        self.lots_box.setTitle(_("Lots"))
        for caption, text in zip(self.lot_captions, (_("S&tation:"), _("List &numbers:"), _("&Supervisor:"),
                                                      _("&PIN:")), strict=True):
            caption.setText(text)
        self.lot_numbers.setPlaceholderText(_("e.g. 1-500, 612, 700-720"))
        self.assign_button.setText(_("&Give to the station"))
        self.exchange_box.setTitle(_("Exchange through a folder"))
        self.passphrase_caption.setText(_("Pass&phrase:"))
        self.passphrase.setPlaceholderText(_("optional, for files on a USB stick"))
        self.export_button.setText(_("&Export to folder…"))
        self.import_button.setText(_("&Import from folder…"))
        self.model.retranslate()
        self.enrolment_box.retranslate()
        self.refresh()

    def _retranslate_role(self) -> None:
        if self.role == "station":
            self.hint.setText(_("This station sends its events to the hub and gets the campaign pack, its lot and "
                                "the hub's acknowledgements back, through a LAN share or a USB stick."))
            self.exchange_hint.setText(_("Export writes this station's events the hub has not acknowledged yet "
                                         "(and first reads the hub's acknowledgements there). Import reads the "
                                         "hub's acknowledgements and a newer campaign pack."))
        else:
            self.hint.setText(_("The stations this hub has heard from, how far their events have arrived, their "
                                "lots and open conflicts."))
            self.exchange_hint.setText(_("Import merges every station's events file in the folder and answers with "
                                         "acknowledgements and the campaign pack. Export writes only the campaign "
                                         "pack and the acknowledgements."))


def build_stations_screen(workspace: StationsServices, parent: QWidget | None = None) -> StationsScreen:
    """The factory the main window uses: the screen runs its exchanges on connections of its own."""
    return StationsScreen(StationsService.of(workspace), workspace.user_service(), workspace.connection_factory(),
                          parent)
