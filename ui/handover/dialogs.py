"""Dialogs of the Handover screen: the handover details of a batch, and where documents go (a PDF file or a
printer). Each is reached through a replaceable function, so tests never block on a modal dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from models.core.i18n import _
from models.handover.records import HandoverDetails, PartyDetails


class DetailsDialog(QDialog):
    """Place and time, the three parties, transport and seals of a handover."""

    def __init__(self, details: HandoverDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDetails")
        self.setWindowTitle(_("Handover details"))
        self.place = QLineEdit(details.place)
        self.timed = QCheckBox(_("Set the date and time (otherwise: when the batch is closed)"))
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.when.setCalendarPopup(True)
        moment = QDateTime.fromString(details.handover_at, Qt.DateFormat.ISODate)
        self.timed.setChecked(moment.isValid())
        self.when.setDateTime(moment if moment.isValid() else QDateTime.currentDateTime())
        self.when.setEnabled(moment.isValid())
        self.timed.toggled.connect(self.when.setEnabled)
        form = QFormLayout()
        form.addRow(_("Place of handover"), self.place)
        form.addRow(self.timed)
        form.addRow(_("Date and time"), self.when)
        parties = QGroupBox(_("Parties"))
        grid = QGridLayout(parties)
        for column, caption in enumerate((_("Organisation"), _("Representative"), _("Position")), start=1):
            grid.addWidget(QLabel(caption), 0, column)
        self.parties: dict[str, tuple[QLineEdit, QLineEdit, QLineEdit]] = {}
        for row, (key, caption, party) in enumerate((
                ("sending", _("Sending party"), details.sending), ("mediator", _("Mediator"), details.mediator),
                ("receiving", _("Receiving party"), details.receiving)), start=1):
            fields = (QLineEdit(party.organisation), QLineEdit(party.representative), QLineEdit(party.position))
            grid.addWidget(QLabel(caption), row, 0)
            for column, field in enumerate(fields, start=1):
                field.setObjectName(f"{key}{column}")
                grid.addWidget(field, row, column)
            self.parties[key] = fields
        self.vehicle, self.registration, self.driver = (QLineEdit(details.vehicle), QLineEdit(details.registration),
                                                        QLineEdit(details.driver))
        self.seals = QLineEdit(", ".join(details.seal_numbers))
        transport = QFormLayout()
        transport.addRow(_("Vehicle"), self.vehicle)
        transport.addRow(_("Registration"), self.registration)
        transport.addRow(_("Driver"), self.driver)
        transport.addRow(_("Seal numbers (separated by commas)"), self.seals)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(parties)
        layout.addLayout(transport)
        layout.addWidget(buttons)
        self.resize(760, 0)

    def details(self) -> HandoverDetails:
        def party(key: str) -> PartyDetails:
            organisation, representative, position = (field.text().strip() for field in self.parties[key])
            return PartyDetails(organisation, representative, position)

        when = self.when.dateTime().toString("yyyy-MM-ddTHH:mm") if self.timed.isChecked() else ""
        seals = tuple(seal.strip() for seal in self.seals.text().split(",") if seal.strip())
        return HandoverDetails(self.place.text().strip(), when, party("sending"), party("mediator"),
                               party("receiving"), self.vehicle.text().strip(), self.registration.text().strip(),
                               self.driver.text().strip(), seals)


def edit_details(parent: QWidget, details: HandoverDetails) -> HandoverDetails | None:
    dialog = DetailsDialog(details, parent)
    return dialog.details() if dialog.exec() == QDialog.DialogCode.Accepted else None


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """Yes or No to a step that cannot be undone; No is the default (Enter does not sign by accident)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def choose_printer(parent: QWidget) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def suggested_path(folder: Path | None, name: str) -> str:
    return str((folder or Path.home()) / name)
