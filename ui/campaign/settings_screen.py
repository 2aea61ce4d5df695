"""The Settings screen: station name, label layout and printer, language, sound, idle sign-out, backups
(business settings, stored in the database: `models.core.settings`), and users with their PINs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.core import settings as declared
from models.core.errors import RefusedInput
from models.core.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language
from ui.campaign.label_output import send_as_configured
from ui.campaign.users_panel import UsersPanel
from ui.forms import captioned_rows
from ui.message_label import MessageLabel
from ui.scanner_test import ScannerTestDialog, scanner_sheet
from ui.services import CampaignServices

LAYOUT_LABELS = {
    "100x150": N_("Thermal label 100 × 150 mm"), "4x6": N_("Thermal label 4 × 6 in"), "a6": N_("A6 sheet"),
    "a4-8": N_("A4 sheet of 8 labels"), "a4-21": N_("A4 sheet of 21 labels"),
}


def available_printers() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


class SettingsScreen(QWidget):
    language_chosen = Signal(str)
    """The language was saved; the window switches to it."""

    printers = staticmethod(available_printers)  # replaceable in tests

    def __init__(self, services: CampaignServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = services.settings()
        self.stations = services.station_service()
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.station_name = QLineEdit()
        self.station_name.setObjectName("stationName")
        self.layout_choice = QComboBox()
        self.layout_choice.setObjectName("labelLayout")
        for key in declared.LABEL_LAYOUTS:
            self.layout_choice.addItem("", key)
        self.printer = QComboBox()
        self.printer.setObjectName("printerName")
        self.printer.setEditable(True)
        self.dpi = QComboBox()
        self.dpi.setObjectName("printerDpi")
        self.dpi.addItems(list(declared.PRINTER_DPIS))
        self.printer_language = QComboBox()
        self.printer_language.setObjectName("printerLanguage")
        for key in declared.PRINTER_LANGUAGES:
            self.printer_language.addItem("", key)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for language in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[language], language)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setObjectName("soundVolume")
        self.volume.setRange(0, 100)
        self.volume_value = QLabel()
        self.volume.valueChanged.connect(lambda value: self.volume_value.setText(f"{value} %"))
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(1, 480)
        self.backup = QSpinBox()
        self.backup.setObjectName("backupMinutes")
        self.backup.setRange(5, 1440)
        self.backup_budget = QSpinBox()
        self.backup_budget.setObjectName("backupBudget")
        self.backup_budget.setRange(50, 1_000_000)
        self.backup_budget.setSingleStep(100)
        self.sync_folder = QLineEdit()
        self.sync_folder.setObjectName("syncFolder")
        self.slip_on_seal = QCheckBox()
        self.slip_on_seal.setObjectName("slipOnSeal")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.scanner_button = QPushButton()
        self.scanner_button.setObjectName("testScanner")
        self.scanner_button.clicked.connect(self.test_scanner)
        self.folder = services.path.parent
        self.scanner_test: ScannerTestDialog | None = None
        self.message = MessageLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        volume = QHBoxLayout()
        volume.addWidget(self.volume, 1)
        volume.addWidget(self.volume_value)
        self.station_box = QGroupBox()
        form = QFormLayout(self.station_box)
        self.captions = captioned_rows(form, (self.station_name, self.layout_choice, self.printer, self.dpi,
                                              self.printer_language, self.language, volume, self.idle, self.backup,
                                              self.backup_budget, self.slip_on_seal, self.sync_folder),
                                       self.volume)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.scanner_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.users = UsersPanel(services.user_service())
        body = QWidget()
        rows = QVBoxLayout(body)  # one above the other: side by side, the Russian forms need more than 1,280 px
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addWidget(self.station_box)
        rows.addWidget(self.users, 1)
        scroll = QScrollArea()  # a small window scrolls down rather than squeezing the forms
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self.retranslate()
        self.load()

    def load(self) -> None:
        get = self.settings.get
        identity = self.stations.identity()
        self.station_name.setText(identity.name if identity else "")
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(get(declared.LABEL_LAYOUT))))
        if self.printer.count() == 0:  # the system's queues once: asking CUPS can take seconds
            self.printer.addItem("")
            self.printer.addItems(self.printers())
        self.printer.setCurrentText(get(declared.PRINTER_NAME))
        self.dpi.setCurrentText(get(declared.PRINTER_DPI))
        self.printer_language.setCurrentIndex(self.printer_language.findData(get(declared.PRINTER_LANGUAGE)))
        self.language.setCurrentIndex(max(0, self.language.findData(get(declared.LANGUAGE))))
        self.volume.setValue(get(declared.SOUND_VOLUME))
        self.volume_value.setText(f"{self.volume.value()} %")
        self.idle.setValue(get(declared.IDLE_SIGN_OUT_MINUTES))
        self.backup.setValue(get(declared.BACKUP_INTERVAL_MINUTES))
        self.backup_budget.setValue(get(declared.BACKUP_BUDGET_MB))
        self.sync_folder.setText(get(declared.SYNC_FOLDER))
        self.slip_on_seal.setChecked(get(declared.SLIP_ON_SEAL) == "yes")

    def refresh(self) -> None:
        self.load()
        self.users.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """What is stored, each time the screen is shown (the station named on its set-up page meanwhile)."""
        super().showEvent(event)
        self.refresh()

    def save(self) -> None:
        """Every setting is checked by its declaration; a refused one is named and not stored."""
        language = self.language.currentData()
        before = self.settings.get(declared.LANGUAGE)
        try:
            name = self.station_name.text().strip()
            identity = self.stations.identity()
            if name and (identity is None or identity.name != name):
                self.stations.rename(name) if identity else self.stations.ensure(name)
            self.settings.set(declared.LABEL_LAYOUT, self.layout_choice.currentData())
            self.settings.set(declared.PRINTER_NAME, self.printer.currentText().strip())
            self.settings.set(declared.PRINTER_DPI, self.dpi.currentText())
            self.settings.set(declared.PRINTER_LANGUAGE, self.printer_language.currentData())
            self.settings.set(declared.LANGUAGE, language)
            self.settings.set(declared.SOUND_VOLUME, self.volume.value())
            self.settings.set(declared.IDLE_SIGN_OUT_MINUTES, self.idle.value())
            self.settings.set(declared.BACKUP_INTERVAL_MINUTES, self.backup.value())
            self.settings.set(declared.BACKUP_BUDGET_MB, self.backup_budget.value())
            self.settings.set(declared.SYNC_FOLDER, self.sync_folder.text().strip())
            self.settings.set(declared.SLIP_ON_SEAL, "yes" if self.slip_on_seal.isChecked() else "no")
        except RefusedInput as refused:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(str(refused))
            return
        self.message.setStyleSheet("")
        self.message.setText(_("Settings saved."))
        if language != before:
            self.language_chosen.emit(language)

    def test_scanner(self) -> ScannerTestDialog:
        """Open the scanner test (window-modal, not blocking); its sheet goes where labels go."""
        dialog = ScannerTestDialog(lambda: send_as_configured(*scanner_sheet(current_language()), self.settings,
                                                              self.folder), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.scanner_test = dialog
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        # The language shown is the one in use (View > Language chose and kept it, or this screen did).
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.title.setText(_("Settings"))
        self.station_box.setTitle(_("This station"))
        texts = (_("Station &name:"), _("&Label layout:"), _("Label &printer:"), _("Printer &resolution (dpi):"),
                 _("Printer lan&guage:"), _("&Language:"), _("Sound &volume:"),
                 _("Sign out after &idle minutes:"),
                 _("&Backup every (minutes):"), _("Backups may &take:"), _("Content &slips:"),
                 _("E&xchange folder:"))
        for caption, text in zip(self.captions, texts, strict=True):
            caption.setText(text)
        self.slip_on_seal.setText(_("Print one after the label of every package sealed here"))
        self.backup_budget.setSuffix(" " + _("MB"))
        for index in range(self.layout_choice.count()):
            self.layout_choice.setItemText(index, _(LAYOUT_LABELS[self.layout_choice.itemData(index)]))
        for index, text in enumerate((_("PDF (any printer, through its driver)"),
                                      _("ZPL (a Zebra-compatible label printer on a raw queue)"))):
            self.printer_language.setItemText(index, text)
        editor = self.printer.lineEdit()
        assert editor is not None  # the printer box is editable, so it has a line edit
        editor.setPlaceholderText(_("None: labels are saved as PDF files"))
        self.sync_folder.setPlaceholderText(_("None: exchange files are carried by hand"))
        self.save_button.setText(_("&Save settings"))
        self.scanner_button.setText(_("&Test a scanner…"))
        self.users.retranslate()
