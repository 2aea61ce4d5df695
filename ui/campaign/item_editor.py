"""The catalog half of the Catalog and templates screen: the items, and a form to add or change one.

Barcodes are checked as they are typed (python-stdnum, never "corrected"); a wrong one disables saving and
says what is wrong. Items are matched by name, and barcodes are only ever added (scans in the journal name
them), so the name of an existing item is not editable here.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.campaigns.catalog_service import CatalogService, barcode_problem
from models.core.categories import category_key, category_name
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.core.types import Item, ItemData
from ui.campaign.texts import format_number
from ui.forms import captioned_rows
from ui.message_label import MessageLabel

_SEPARATORS = re.compile(r"[\s,;]+")


def split_barcodes(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text.strip()) if part]


class ItemEditor(QGroupBox):
    items_changed = Signal()

    def __init__(self, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.items: list[Item] = []
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("itemTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.resizeSection(3, self.fontMetrics().horizontalAdvance("4600000000000 46…") + 12)  # the rest: tooltip
        self.table.itemSelectionChanged.connect(self._selected)
        self.name = QLineEdit()
        self.name.setObjectName("itemName")
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setObjectName("itemCategory")
        self.weight = QSpinBox()
        self.weight.setObjectName("itemWeight")
        self.weight.setRange(0, 100_000)
        self.barcodes = QLineEdit()
        self.barcodes.setObjectName("itemBarcodes")
        self.barcode_status = QLabel()
        self.barcode_status.setObjectName("barcodeStatus")
        self.barcode_status.setWordWrap(True)
        self.message = MessageLabel()
        self.message.setObjectName("itemMessage")
        self.message.setWordWrap(True)
        self.new_button, self.save_button = QPushButton(), QPushButton()
        self.save_button.setObjectName("saveItem")
        self.new_button.clicked.connect(self.new_item)
        self.save_button.clicked.connect(self.save)
        self.barcodes.textChanged.connect(self._check_barcodes)
        self.name.textChanged.connect(self._check_barcodes)
        form = QFormLayout()
        self.labels = captioned_rows(form, (self.name, self.category, self.weight, self.barcodes))
        form.addRow("", self.barcode_status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.retranslate()

    def refresh(self) -> None:
        self.items = self.catalog.items()
        self._show_items()

    def _show_items(self) -> None:
        """The table and the category choices, with built-in categories in the current language."""
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = (item.name, category_name(item.category), format_number(item.unit_weight_g),
                     " ".join(item.barcodes))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        categories = sorted({category_name(item.category) for item in self.items})
        current = self.category.currentText()
        self.category.clear()
        self.category.addItems(categories)
        self.category.setCurrentText(current)

    def retranslate(self) -> None:
        self.setTitle(_("Items"))
        self.table.setHorizontalHeaderLabels([_("Item"), _("Category"), _("Weight, g"), _("Barcodes")])
        texts = (_("&Name:"), _("C&ategory:"), _("Unit &weight, g:"), _("&Barcodes:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.barcodes.setPlaceholderText(_("EAN-13, EAN-8, UPC-A or GTIN-14; several separated by spaces"))
        self.new_button.setText(_("&New item"))
        self.save_button.setText(_("&Save item"))
        self._check_barcodes()
        self._show_items()

    def new_item(self) -> None:
        self.table.clearSelection()
        self._load(None)
        self.name.setFocus()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._load(self.items[rows[0].row()] if rows else None)

    def _load(self, item: Item | None) -> None:
        self.name.setText(item.name if item else "")
        self.name.setReadOnly(item is not None)
        self.category.setCurrentText(category_name(item.category) if item else "")
        self.weight.setValue(item.unit_weight_g if item else 0)
        self.barcodes.setText(" ".join(item.barcodes) if item else "")
        self.message.clear()

    def _check_barcodes(self) -> None:
        problems = [f"{code}: {problem}" for code in split_barcodes(self.barcodes.text())
                    if (problem := barcode_problem(code))]
        self.barcode_status.setText("\n".join(problems))
        self.barcode_status.setStyleSheet("color: #b00020;" if problems else "")
        self.save_button.setEnabled(not problems and bool(self.name.text().strip())
                                    and bool(split_barcodes(self.barcodes.text())))

    def save(self) -> None:
        data = ItemData(self.name.text().strip(), category_key(self.category.currentText()) or "other",
                        self.weight.value(), tuple(split_barcodes(self.barcodes.text())))
        try:
            result = self.catalog.save_items([data])
        except RefusedInput as refused:
            self.message.setText(str(refused))
            self.message.setStyleSheet("color: #b00020;")
            return
        self.refresh()
        row = next((index for index, item in enumerate(self.items) if item.name == data.name), -1)
        if row >= 0:
            self.table.selectRow(row)
        self.message.setStyleSheet("")
        self.message.setText(_("Saved.") if result.changed else _("Nothing changed."))
        self.items_changed.emit()
