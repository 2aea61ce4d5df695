"""The hub's Enrolment box on the Stations screen: stations asking to be enrolled, enrolled and revoked ones,
and a supervisor's Enrol (after comparing the fingerprint the station shows) and Revoke."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from models.core.errors import RefusedInput
from models.core.i18n import _
from models.packing.users import User, UserService
from models.sync.enrolment import Enrolment
from models.sync.overview import StationsService
from ui.credentials import supervisor_fields
from ui.forms import captioned_rows
from ui.message_label import MessageLabel

ERROR_STYLE = "color: #b00020;"


class EnrolmentBox(QGroupBox):
    def __init__(self, service: StationsService, users: UserService) -> None:
        super().__init__()
        self.service, self.users = service, users
        self.listing = QLabel()
        self.listing.setObjectName("enrolmentList")
        self.listing.setWordWrap(True)
        self.station = QComboBox()
        self.station.setObjectName("enrolStation")
        self.fingerprint = QLineEdit()
        self.fingerprint.setObjectName("enrolFingerprint")
        self.supervisor, self.pin = supervisor_fields(self.enrol)
        self.enrol_button, self.revoke_button = QPushButton(), QPushButton()
        self.enrol_button.setObjectName("enrolStationButton")
        self.revoke_button.setObjectName("revokeStationButton")
        self.enrol_button.clicked.connect(self.enrol)
        self.revoke_button.clicked.connect(self.revoke)
        self.message = MessageLabel()
        self.message.setObjectName("enrolmentMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        self.captions = captioned_rows(form, (self.station, self.fingerprint, self.supervisor, self.pin))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.enrol_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.listing)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.retranslate()

    def refresh(self) -> None:
        asking, enrolled = self.service.requests(), self.service.enrolments()
        rows = [(r.station_name, _("asks"), r.fingerprint, True) for r in asking]
        rows += [(e.station_name, _("revoked") if e.revoked_at else _("enrolled"), e.fingerprint, False)
                 for e in enrolled]
        # One line per station, the fingerprint never broken across lines: it is read out and compared.
        self.listing.setText("<table>" + "".join(
            f"<tr><td>{'<b>' if bold else ''}{escape(name)}{'</b>' if bold else ''}&nbsp;</td>"
            f"<td>{escape(state)}&nbsp;</td><td><nobr><tt>{fingerprint}</tt></nobr></td></tr>"
            for name, state, fingerprint, bold in rows) + "</table>" if rows else escape(_(
                "No station has asked yet: a station asks with its first events file.")))
        chosen = self.station.currentData()
        self.station.clear()
        for request in asking:
            self.station.addItem(_("{station} (asks)").format(station=request.station_name), request.station_id)
        for found in enrolled:
            if found.revoked_at is None:
                self.station.addItem(found.station_name, found.station_id)
        # The choice stays, unless a station is asking and the choice was not one of those asking: then the first
        # asking one (what the supervisor came to decide).
        index = self.station.findData(chosen)
        self.station.setCurrentIndex(index if 0 <= index < len(asking) or (index >= 0 and not asking) else 0)

    def enrol(self) -> None:
        self._decide(lambda supervisor: [self.service.enrol(self.station.currentData() or "", self.fingerprint.text(),
                                                            supervisor)],
                     _("{station} is enrolled: the hub takes its files."))

    def revoke(self) -> None:
        self._decide(lambda supervisor: self.service.revoke(self.station.currentData() or "", supervisor),
                     _("{station} is revoked: the hub refuses its files."))

    def _decide(self, action: Callable[[User], list[Enrolment]], done: str) -> None:
        try:
            supervisor = self.users.supervisor(self.supervisor.text(), self.pin.text())
            decided = action(supervisor)
        except RefusedInput as refused:
            self._say(str(refused), error=True)
            return
        finally:
            self.pin.clear()
        self.fingerprint.clear()
        self._say(" ".join(done.format(station=found.station_name) for found in decided), error=False)
        self.refresh()

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message.show()

    def retranslate(self) -> None:
        self.setTitle(_("Enrolment"))
        for caption, text in zip(self.captions, (_("St&ation:"), _("&Key fingerprint:"), _("S&upervisor:"), _("PIN:")),
                                 strict=True):
            caption.setText(text)
        self.fingerprint.setPlaceholderText(_("as the station shows it, e.g. 3F2A-9C01-…"))
        self.enrol_button.setText(_("Enro&l"))
        self.revoke_button.setText(_("Re&voke"))  # (the screen refreshes the lists, at the hub only)
