"""The Catalog and templates screen: items with their barcodes beside the campaign's content template."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from models.core.i18n import _
from models.core.types import Campaign
from models.imports import ImportKind
from ui.campaign.item_editor import ItemEditor
from ui.campaign.template_editor import TemplateEditor
from ui.services import CampaignServices


class CatalogScreen(QWidget):
    import_requested = Signal(object)
    """An ImportKind: the catalog or a template from a file."""

    def __init__(self, services: CampaignServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        catalog = services.catalog_service()
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.items = ItemEditor(catalog)
        self.template = TemplateEditor(catalog)
        self.items.items_changed.connect(self.template.refresh)
        self.import_items, self.import_template = QPushButton(), QPushButton()
        self.import_items.clicked.connect(lambda: self.import_requested.emit(ImportKind.CATALOG))
        self.import_template.clicked.connect(lambda: self.import_requested.emit(ImportKind.TEMPLATE))
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_items)
        buttons.addWidget(self.import_template)
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.items)
        splitter.addWidget(self.template)
        splitter.setSizes([560, 640])
        for half in (self.items, self.template):  # a narrow window squeezes the halves rather than growing
            half.setMinimumWidth(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(heading)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self.items.refresh()

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.template.set_campaign(campaign)
        self.import_template.setEnabled(campaign is not None)

    def refresh(self) -> None:
        self.items.refresh()
        self.template.refresh()

    def retranslate(self) -> None:
        self.title.setText(_("Catalog and templates"))
        self.import_items.setText(_("Import catalog…"))
        self.import_template.setText(_("Import template…"))
        self.items.retranslate()
        self.template.retranslate()
