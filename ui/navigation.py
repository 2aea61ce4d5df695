"""The screens of the main window, in sidebar order, and a placeholder for those not built yet."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.core.i18n import N_, _


@dataclass(frozen=True)
class ScreenInfo:
    key: str
    title: str  # msgid, translated when shown
    purpose: str  # msgid: one line on what the screen is for


SCREENS: tuple[ScreenInfo, ...] = (
    ScreenInfo("station", N_("Station"), N_("Pack packages by scanning their label and then each item.")),
    ScreenInfo("recipients", N_("Recipients"), N_("The people on the campaign's list and their packages.")),
    ScreenInfo("catalog", N_("Catalog and templates"),
               N_("Items with their barcodes, and the checklist every package is packed against.")),
    ScreenInfo("stock", N_("Stock and plan"),
               N_("Donated stock, and how many packages can be completed with it.")),
    ScreenInfo("letters", N_("Letters"), N_("Family letters: register them as they arrive and print their labels.")),
    ScreenInfo("handover", N_("Handover"), N_("Cartons, handover batches and their signed manifests.")),
    ScreenInfo("stations", N_("Stations"),
               N_("The hub's stations, their lots and last exchange; exchange files through a folder.")),
    ScreenInfo("conflicts", N_("Conflicts"),
               N_("Packages worked on at two stations: a supervisor decides whose work stands.")),
    ScreenInfo("dashboard", N_("Dashboard"), N_("Progress of the campaign, and packing rates by station and packer.")),
    ScreenInfo("settings", N_("Settings"), N_("Station name, printers, language, sounds and users.")),
)


def screen_index(key: str) -> int:
    return next(index for index, info in enumerate(SCREENS) if info.key == key)


class PlaceholderScreen(QWidget):
    """Stands where a screen of a later version will be, saying what it will do."""

    def __init__(self, info: ScreenInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.purpose = QLabel()
        self.purpose.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("placeholderNotice")
        self.notice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        for label in (self.title, self.purpose, self.notice):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            layout.addWidget(label)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_(self.info.title))
        self.purpose.setText(_(self.info.purpose))
        self.notice.setText(_("This screen is coming in a later version of Packline."))
