"""The detail panel beside the recipient table: who, their package's state and letters, and its events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.campaigns.queries import RecipientDetail
from models.core.i18n import _
from ui.campaign.texts import event_text, format_number, format_time
from ui.recipients_model import LETTER_LABELS, STATE_LABELS

_FIELDS = ("number", "name", "birth_date", "place", "service_number", "notes", "package", "state", "station",
           "sealed", "letters")


class RecipientDetailPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recipientDetail")
        self.detail: RecipientDetail | None = None
        self.heading = QLabel()
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for key in _FIELDS:
            caption, value = QLabel(), QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"detail_{key}")
            self.captions[key], self.values[key] = caption, value
            form.addRow(caption, value)
        self.events_title = QLabel()
        self.events = QTableWidget(0, 4)
        self.events.setObjectName("packageEvents")
        self.events.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events.verticalHeader().hide()
        self.events.setWordWrap(False)
        header = self.events.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # what happened: the rest of the room
        self.events.setToolTip("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.events_title)
        layout.addWidget(self.events, 1)
        self.retranslate()

    def show_detail(self, detail: RecipientDetail | None) -> None:
        self.detail = detail
        self._fill()

    def retranslate(self) -> None:
        captions = {
            "number": _("No."), "name": _("Name"), "birth_date": _("Date of birth"), "place": _("Place"),
            "service_number": _("Service number"), "notes": _("Notes"), "package": _("Package code"),
            "state": _("State"), "station": _("Station"), "sealed": _("Sealed"), "letters": _("Letters"),
        }
        for key, label in self.captions.items():
            label.setText(captions[key] + ":")
        self.events_title.setText(_("Events of the package, newest first"))
        self.events.setHorizontalHeaderLabels([_("Time"), _("What happened"), _("User"), _("Station")])
        self._fill()

    def _fill(self) -> None:
        detail = self.detail
        for value in self.values.values():
            value.clear()
        self.events.setRowCount(0)
        if detail is None:
            self.heading.setText(_("Choose a recipient to see their package."))
            return
        row = detail.row
        self.heading.setText(row.full_name)
        values = {
            "number": row.number, "name": row.full_name,
            "birth_date": row.birth_date.strftime("%d.%m.%Y") if row.birth_date else "",
            "place": row.place, "service_number": detail.service_number, "notes": detail.notes,
            "package": row.package_code, "state": _(STATE_LABELS.get(row.state, row.state)),
            "station": detail.station, "sealed": self._sealed(detail),
            "letters": ", ".join(f"{code} ({_(LETTER_LABELS[status])})" for code, status in detail.letters)
            or _("none"),
        }
        for key, text in values.items():
            self.values[key].setText(text)
        self.events.setRowCount(len(detail.events))
        for index, event in enumerate(detail.events):
            cells = (format_time(event.at), event_text(event), event.user, event.station)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(" · ".join(cells))
                self.events.setItem(index, column, item)

    @staticmethod
    def _sealed(detail: RecipientDetail) -> str:
        if not detail.sealed_at:
            return ""
        text = _("{time} by {user}").format(time=format_time(detail.sealed_at), user=detail.sealed_by)
        if detail.weight_g:
            text += ", " + _("{weight} g").format(weight=format_number(detail.weight_g))
        if detail.voided_by:
            text += "; " + _("voided by {user}: {reason}").format(user=detail.voided_by, reason=detail.void_reason)
        return text
