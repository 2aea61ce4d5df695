"""Station start: name the station once (and choose its campaign), then packers sign in by choosing their
name and typing their PIN, or by scanning their badge (the screen routes badge scans here)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.core.i18n import _
from models.core.types import Campaign
from models.packing.station import Station
from models.packing.users import User
from ui.message_label import MessageLabel
from ui.station.style import BUTTON_PT, big_font

PIN_PATTERN = r"[0-9]{0,12}"


class SignInPanel(QWidget):
    """Name list, PIN field and button; `sign_in_requested(name, pin)` when the packer confirms."""

    sign_in_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInPanel")
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.name_caption = QLabel()
        self.users = QListWidget()
        self.users.setObjectName("userList")
        self.users.setFont(big_font(self.users, 16))
        self.name_caption.setBuddy(self.users)
        self.pin_caption = QLabel()
        self.pin = QLineEdit()
        self.pin.setObjectName("pinInput")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setValidator(QRegularExpressionValidator(PIN_PATTERN, self.pin))
        self.pin_caption.setBuddy(self.pin)
        self.button = QPushButton()
        self.button.setObjectName("signInButton")
        self.button.setFont(big_font(self.button, BUTTON_PT, bold=True))
        self.button.setMinimumHeight(48)
        self.badge_hint = QLabel()
        self.badge_hint.setWordWrap(True)
        self.error = MessageLabel()
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.name_caption)
        layout.addWidget(self.users, 1)
        layout.addWidget(self.pin_caption)
        layout.addWidget(self.pin)
        layout.addWidget(self.button)
        layout.addWidget(self.badge_hint)
        layout.addWidget(self.error)

        self.users.itemActivated.connect(lambda _item: self.pin.setFocus())
        self.pin.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.retranslate()

    def set_users(self, users: list[User]) -> None:
        chosen = self.chosen_name()
        self.users.clear()
        for user in users:
            item = QListWidgetItem(user.name)
            item.setData(Qt.ItemDataRole.UserRole, user.name)
            self.users.addItem(item)
        found = self.users.findItems(chosen, Qt.MatchFlag.MatchExactly) if chosen else []
        self.users.setCurrentItem(found[0] if found else self.users.item(0))
        if not users:
            self.show_error(_("Nobody can sign in yet: an administrator adds packers in the Settings."))

    def chosen_name(self) -> str:
        item = self.users.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def choose(self, name: str) -> None:
        found = self.users.findItems(name, Qt.MatchFlag.MatchExactly)
        if found:
            self.users.setCurrentItem(found[0])

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def reset(self, message: str = "") -> None:
        self.pin.clear()
        self.error.setText(message)
        self.users.setFocus()

    def _submit(self) -> None:
        name = self.chosen_name()
        if not name:
            self.show_error(_("Choose your name first."))
            return
        if not self.pin.text():
            self.show_error(_("Type your PIN."))
            self.pin.setFocus()
            return
        pin = self.pin.text()
        self.pin.clear()
        self.sign_in_requested.emit(name, pin)

    def retranslate(self) -> None:
        self.title.setText(_("Sign in"))
        self.name_caption.setText(_("&Your name:"))
        self.pin_caption.setText(_("&PIN:"))
        self.button.setText(_("Sign in"))
        self.badge_hint.setText(_("…or scan your badge."))


class SetupPage(QWidget):
    """Shown until the station has a name (set once) and, when the database holds several campaigns,
    a campaign to pack for. `submitted(name, campaign_id)`; campaign_id is -1 when there is no choice."""

    submitted = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupPage")
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.name_caption = QLabel()
        self.name = QLineEdit()
        self.name.setObjectName("stationName")
        self.name.setMaxLength(80)
        self.campaign_caption = QLabel()
        self.campaign = QComboBox()
        self.campaign.setObjectName("stationCampaign")
        self.campaign.setFont(big_font(self.campaign, 14))
        self.button = QPushButton()
        self.button.setObjectName("saveStationButton")
        self.button.setFont(big_font(self.button, BUTTON_PT, bold=True))
        self.button.setMinimumHeight(48)
        self.error = QLabel()
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)

        self.name_caption.setBuddy(self.name)
        self.campaign_caption.setBuddy(self.campaign)
        form = QFormLayout()
        form.addRow(self.name_caption, self.name)
        form.addRow(self.campaign_caption, self.campaign)
        box = QWidget()
        box.setMaximumWidth(760)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.explanation)
        inner.addSpacing(12)
        inner.addLayout(form)
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(box)
        layout.addStretch(1)

        self.name.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.retranslate()

    def prepare(self, station: Station | None, campaigns: list[Campaign]) -> None:
        """Fill in what is known; a name once given is kept (renaming belongs to the settings)."""
        self.name.setText(station.name if station else "")
        self.name.setReadOnly(bool(station and station.name))
        self.campaign.clear()
        for campaign in campaigns:
            self.campaign.addItem(campaign.name, campaign.id)
        several = len(campaigns) > 1
        self.campaign.setVisible(several)
        self.campaign_caption.setVisible(several)
        if station is not None and station.campaign_id is not None:
            self.campaign.setCurrentIndex(max(0, self.campaign.findData(station.campaign_id)))
        (self.campaign if self.name.isReadOnly() else self.name).setFocus()

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def _submit(self) -> None:
        campaign_id = self.campaign.currentData() if self.campaign.count() else None
        self.submitted.emit(self.name.text(), int(campaign_id) if campaign_id is not None else -1)

    def retranslate(self) -> None:
        self.title.setText(_("Set up this packing station"))
        self.explanation.setText(_(
            "Give this workstation a name people recognise, for example “Station 3, left table”. The name is "
            "stored in this database, set once, and recorded with every scan made here."))
        self.name_caption.setText(_("Station &name:"))
        self.campaign_caption.setText(_("&Campaign:"))
        self.button.setText(_("Save and continue"))
