"""The content template half of the Catalog and templates screen: checklist lines with quantity, required
or optional, and allowed substitutes.

Saving a changed template always stores a new version (`models.campaigns.reference.save_template`); packages already
packed keep the version they were packed against, and the editor says how many that is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.campaigns.catalog_service import CatalogService
from models.core.errors import RefusedInput
from models.core.i18n import _, ngettext
from models.core.types import Campaign, Item, Template, TemplateLineData
from ui.elided_button import ElidedToolButton
from ui.message_label import MessageLabel


@dataclass
class Line:
    item_id: int
    quantity: int = 1
    required: bool = True
    substitutes: list[int] = field(default_factory=list)


class TemplateEditor(QGroupBox):
    saved = Signal(object)
    """The Template now current."""

    def __init__(self, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.campaign: Campaign | None = None
        self.template: Template | None = None
        self.items: list[Item] = []
        self.lines: list[Line] = []
        self.name = QLineEdit()
        self.name.setObjectName("templateName")
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.info = QLabel()
        self.info.setObjectName("templateInfo")
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("templateLines")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.resizeSection(3, self.fontMetrics().horizontalAdvance("Шкарпетки бавовняні, 3") + 24)
        self.add_button, self.remove_button, self.save_button = QPushButton(), QPushButton(), QPushButton()
        self.save_button.setObjectName("saveTemplate")
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)
        self.save_button.clicked.connect(self.save)
        self.message = MessageLabel()
        self.message.setObjectName("templateMessage")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addWidget(self.name, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.retranslate()

    # -- loading --------------------------------------------------------------------------------------------

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self.refresh()

    def refresh(self) -> None:
        self.items = self.catalog.items()
        self.template = self.catalog.template(self.campaign) if self.campaign else None
        template = self.template
        self.lines = [Line(line.item_id, line.quantity, line.required, list(line.substitutes))
                      for line in template.lines] if template else []
        self.name.setText(template.name if template else (self.campaign.name if self.campaign else ""))
        self.setEnabled(self.campaign is not None)
        self.message.clear()
        self._show_info()
        self._fill()

    def _show_info(self) -> None:
        template = self.template
        if template is None:
            self.info.setText(_("This campaign has no content template yet: add lines and save."))
            return
        used = self.catalog.packages_using(template.id)
        sealed, packed = used.get("sealed", 0), sum(used.values())
        text = _("Version {version}.").format(version=template.version)
        if packed:
            text += " " + ngettext("{count} package was packed with it ({sealed} sealed).",
                                   "{count} packages were packed with it ({sealed} sealed).", packed).format(
                count=packed, sealed=sealed)
            text += " " + _("Saving a change creates version {next}; those packages keep version {version}.").format(
                next=template.version + 1, version=template.version)
        self.info.setText(text)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            self._fill_row(row, line)

    def _fill_row(self, row: int, line: Line) -> None:
        combo = QComboBox()
        combo.setObjectName(f"lineItem{row}")
        for item in self.items:
            combo.addItem(item.name, item.id)
        combo.setCurrentIndex(max(0, combo.findData(line.item_id)))
        combo.currentIndexChanged.connect(lambda _i, ln=line, c=combo: setattr(ln, "item_id", c.currentData()))
        quantity = QSpinBox()
        quantity.setObjectName(f"lineQuantity{row}")
        quantity.setRange(1, 999)
        quantity.setValue(line.quantity)
        quantity.valueChanged.connect(lambda value, ln=line: setattr(ln, "quantity", value))
        required = QCheckBox()
        required.setObjectName(f"lineRequired{row}")
        required.setChecked(line.required)
        required.toggled.connect(lambda on, ln=line: setattr(ln, "required", on))
        substitutes = ElidedToolButton()  # the whole list in its tooltip
        substitutes.setObjectName(f"lineSubstitutes{row}")
        substitutes.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        substitutes.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        substitutes.setSizePolicy(substitutes.sizePolicy().horizontalPolicy().Expanding,
                                  substitutes.sizePolicy().verticalPolicy())
        menu = QMenu(substitutes)
        for item in self.items:
            action = QAction(item.name, menu)
            action.setCheckable(True)
            action.setChecked(item.id in line.substitutes)
            action.toggled.connect(lambda on, ln=line, i=item.id, b=substitutes: self._toggle(ln, i, on, b))
            menu.addAction(action)
        substitutes.setMenu(menu)
        self._label_substitutes(line, substitutes)
        for column, widget in enumerate((combo, quantity, required, substitutes)):
            self.table.setCellWidget(row, column, widget)

    def _toggle(self, line: Line, item_id: int, on: bool, button: ElidedToolButton) -> None:
        if on and item_id not in line.substitutes:
            line.substitutes.append(item_id)
        elif not on and item_id in line.substitutes:
            line.substitutes.remove(item_id)
        self._label_substitutes(line, button)

    def _label_substitutes(self, line: Line, button: ElidedToolButton) -> None:
        names = {item.id: item.name for item in self.items}
        button.set_full_text("; ".join(names.get(i, str(i)) for i in line.substitutes) or _("none"))

    # -- editing --------------------------------------------------------------------------------------------

    def add_line(self) -> None:
        if not self.items:
            self.message.setText(_("Add items to the catalog first."))
            return
        self.lines.append(Line(self.items[0].id))
        self._fill()
        self.table.selectRow(len(self.lines) - 1)

    def remove_line(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.table.currentRow()
        if 0 <= row < len(self.lines):
            del self.lines[row]
            self._fill()

    def template_lines(self) -> list[TemplateLineData]:
        return [TemplateLineData(number, line.item_id, line.quantity, line.required, tuple(line.substitutes))
                for number, line in enumerate(self.lines, start=1)]

    def save(self) -> None:
        if self.campaign is None:
            return
        try:
            template, result = self.catalog.save_template(self.campaign, self.name.text(), self.template_lines())
        except RefusedInput as refused:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(str(refused))
            return
        self.refresh()
        self.message.setStyleSheet("")
        self.message.setText(_("Saved as version {version}.").format(version=template.version) if result.changed
                             else _("Nothing changed: version {version} stays.").format(version=template.version))
        self.saved.emit(template)

    def retranslate(self) -> None:
        self.setTitle(_("Content template"))
        self.name_label.setText(_("&Template:"))
        self.table.setHorizontalHeaderLabels([_("Item"), _("Quantity"), _("Required"), _("Substitutes")])
        self.add_button.setText(_("&Add line"))
        self.remove_button.setText(_("&Remove line"))
        self.save_button.setText(_("Save &template"))
        if self.campaign is not None:
            self._show_info()
            for row, line in enumerate(self.lines):
                button = self.table.cellWidget(row, 3)
                if isinstance(button, ElidedToolButton):
                    self._label_substitutes(line, button)
