"""The Stock and plan screen: record donated stock, see what is on the shelf, and the plan (completable now,
what runs out first, the shortage per line, who would get a substitute), exported as CSV or PDF.

The plan reads every remaining package, so it is computed in the background (`ui.tasks`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from models.core.errors import RefusedInput
from models.core.files import write_private
from models.core.i18n import _, current_language, translator
from models.core.spreadsheets import csv_bytes
from models.core.types import Campaign, StockReceipt
from models.stock.planning import Plan
from models.stock.service import StockLevel
from printing.plan_report import PlanReportData, plan_sections, render_plan_report, summary_lines
from ui.campaign.texts import format_number
from ui.forms import captioned_rows
from ui.message_label import MessageLabel
from ui.services import CampaignServices
from ui.tables import fill_table, read_only_table
from ui.tasks import TaskRunner


def size_columns(table: QTableWidget, stretch: int = 0) -> None:
    """Every column as wide as its contents, one taking the room that is left."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(table.columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)


def _save_file_name(parent: QWidget, caption: str, start: str, filters: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, start, filters)[0]


class StockScreen(QWidget):
    choose_save_file: Callable[[QWidget, str, str, str], str] = staticmethod(_save_file_name)

    def __init__(self, services: CampaignServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.tasks = services, tasks
        self.stock = services.stock_service()
        self.campaign: Campaign | None = None
        self.plan: Plan | None = None
        self.levels: list[StockLevel] = []
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        # Intake
        self.intake_box = QGroupBox()
        self.item = QComboBox()
        self.item.setObjectName("intakeItem")
        self.item.setEditable(True)
        self.item.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("intakeQuantity")
        self.quantity.setRange(1, 1_000_000)
        self.donor, self.lot = QLineEdit(), QLineEdit()
        self.donor.setObjectName("intakeDonor")
        self.lot.setObjectName("intakeLot")
        self.has_expiry = QCheckBox()
        self.expiry = QDateEdit(QDate.currentDate().addYears(1))
        self.expiry.setDisplayFormat("dd.MM.yyyy")
        self.expiry.setCalendarPopup(True)
        self.expiry.setEnabled(False)
        self.has_expiry.toggled.connect(self.expiry.setEnabled)
        self.record_button = QPushButton()
        self.record_button.setObjectName("recordIntake")
        self.record_button.clicked.connect(self.record_intake)
        self.intake_message = MessageLabel()
        self.intake_message.setObjectName("intakeMessage")
        self.intake_message.setWordWrap(True)
        expiry = QHBoxLayout()
        expiry.addWidget(self.has_expiry)
        expiry.addWidget(self.expiry, 1)
        form = QFormLayout(self.intake_box)
        self.intake_captions = captioned_rows(form, (self.item, self.quantity, self.donor, self.lot, expiry),
                                              self.has_expiry)
        form.addRow(self.intake_message, self.record_button)
        self.stock_table = read_only_table("stockTable")
        # Plan
        self.plan_box = QGroupBox()
        self.plan_button, self.csv_button, self.pdf_button = QPushButton(), QPushButton(), QPushButton()
        self.plan_button.setObjectName("computePlan")
        self.plan_button.clicked.connect(self.compute_plan)
        self.csv_button.clicked.connect(self.export_csv)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.plan_summary = QLabel()
        self.plan_summary.setObjectName("planSummary")
        self.plan_summary.setWordWrap(True)
        self.shortages = read_only_table("shortageTable")
        self.substitutes = read_only_table("substituteTable")
        self.shortage_title, self.substitute_title = QLabel(), QLabel()
        buttons = QHBoxLayout()
        for button in (self.plan_button, self.csv_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        plan = QVBoxLayout(self.plan_box)
        plan.addLayout(buttons)
        plan.addWidget(self.plan_summary)
        plan.addWidget(self.shortage_title)
        plan.addWidget(self.shortages, 1)
        plan.addWidget(self.substitute_title)
        plan.addWidget(self.substitutes, 2)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.intake_box)
        left_layout.addWidget(self.stock_table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.plan_box)
        splitter.setSizes([680, 520])
        for half in (left, self.plan_box):
            half.setMinimumWidth(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)
        self.retranslate()

    # -- data -------------------------------------------------------------------------------------------

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self.plan = None
        self.setEnabled(campaign is not None)
        self.refresh()

    def refresh(self) -> None:
        current = self.item.currentText()
        self.item.clear()
        for item in self.services.catalog_service().items():
            self.item.addItem(item.name, item.id)
        self.item.setCurrentText(current)
        self.levels = self.stock.levels(self.campaign.id) if self.campaign else []
        self._show_stock()
        self._show_plan()

    def _show_stock(self) -> None:
        fill_table(self.stock_table, [_("Item"), _("Received"), _("In sealed"), _("In open"), _("Available")],
                   [[level.name, *(format_number(n) for n in (level.received, level.consumed, level.in_open,
                                                              level.available))] for level in self.levels],
                   numeric=(1, 2, 3, 4))
        size_columns(self.stock_table)

    def record_intake(self) -> None:
        if self.campaign is None:
            return
        text = self.item.currentText().strip()
        try:
            index = self.item.findText(text, Qt.MatchFlag.MatchFixedString)
            item_id = self.item.itemData(index) if index >= 0 else self.stock.find_item(text)  # or a barcode
            chosen = self.expiry.date()
            expiry = date(chosen.year(), chosen.month(), chosen.day()) if self.has_expiry.isChecked() else None
            receipt = StockReceipt(item_id, self.quantity.value(), self.donor.text(), self.lot.text(), expiry)
            self.stock.intake(self.campaign.id, [receipt])
        except RefusedInput as refused:
            self.intake_message.setStyleSheet("color: #b00020;")
            self.intake_message.setText(str(refused))
            return
        name = self.item.itemText(self.item.findData(item_id))
        self.intake_message.setStyleSheet("")
        self.intake_message.setText(_("Recorded: {quantity} × {item}.").format(
            quantity=format_number(self.quantity.value()), item=name))
        self.quantity.setValue(1)
        self.plan = None
        self.refresh()

    # -- the plan ---------------------------------------------------------------------------------------

    def compute_plan(self) -> None:
        if self.campaign is None:
            return
        campaign_id = self.campaign.id
        self.plan_button.setEnabled(False)
        self.plan_summary.setText(_("Computing the plan…"))
        self.tasks.run(lambda workspace, _flag: workspace.plan_service().plan(campaign_id), self._planned,
                       self._plan_failed, label=_("Computing the plan…"), cancellable=False)

    def _planned(self, plan: Plan) -> None:
        self.plan = plan
        self.plan_button.setEnabled(True)
        self._show_plan()

    def _plan_failed(self, error: BaseException) -> None:
        self.plan_button.setEnabled(True)
        self.plan_summary.setText(str(error))

    def report_data(self) -> PlanReportData | None:
        plan, campaign = self.plan, self.campaign
        if plan is None or campaign is None:
            return None
        names = plan.item_names
        template = self.services.catalog_service().template(campaign)
        line_names = {line.line_no: f"{line.line_no}: {names.get(line.item_id, line.item_id)}"
                      for line in (template.lines if template else ())}
        return PlanReportData(
            campaign.name, datetime.now().strftime("%d.%m.%Y %H:%M"), plan.remaining, plan.open,
            plan.completable_now, tuple(names.get(item, str(item)) for item in plan.bottleneck_items),
            tuple((s.line_no, names.get(s.item_id, str(s.item_id)), s.missing) for s in plan.shortages),
            tuple((need.package_code, need.list_number, need.recipient_name,
                   "; ".join(line_names.get(line, str(line)) for line in need.lines))
                  for need in plan.substitutes_needed),
            tuple((level.name, level.received, level.consumed, level.in_open, level.available)
                  for level in self.levels))

    def _show_plan(self) -> None:
        data = self.report_data()
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(data is not None)
        tr = translator(current_language())
        if data is None:
            self.plan_summary.setText(_("Compute the plan to see how many packages the stock allows."))
            fill_table(self.shortages, [], [])
            fill_table(self.substitutes, [], [])
            return
        self.plan_summary.setText("\n".join(summary_lines(data, tr)))
        sections = plan_sections(data, tr)
        for table, (_title, headers, rows) in zip((self.shortages, self.substitutes), sections, strict=False):
            fill_table(table, list(headers), [list(row) for row in rows])
            size_columns(table, stretch=1 if table is self.shortages else 2)
        lines = self.substitutes.horizontalHeader()
        if self.substitutes.columnCount() == 4:  # the line names are long: they elide, with a tooltip
            lines.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
            lines.resizeSection(3, self.fontMetrics().horizontalAdvance("8: Зубная паста"))
            for row in range(self.substitutes.rowCount()):
                cell = self.substitutes.item(row, 3)
                if cell is not None:
                    cell.setToolTip(cell.text())

    def export_csv(self) -> Path | None:
        data = self.report_data()
        target = self._target("csv", _("CSV files (*.csv)"))
        if data is None or target is None:
            return None
        tr = translator(current_language())
        rows: list[Sequence[object]] = [[tr.gettext("Campaign plan"), data.campaign, data.generated_at]]
        rows += [[line] for line in summary_lines(data, tr)]
        for title, headers, section in plan_sections(data, tr):
            rows += [[], [title], list(headers), *section]
        write_private(target, csv_bytes(rows))  # safe to open in a spreadsheet, BOM for Excel
        self.plan_summary.setText(self.plan_summary.text() + "\n" + _("Saved {path}.").format(path=target))
        return target

    def export_pdf(self) -> Path | None:
        data = self.report_data()
        target = self._target("pdf", _("PDF files (*.pdf)"))
        if data is None or target is None:
            return None
        write_private(target, render_plan_report(data, current_language()))
        self.plan_summary.setText(self.plan_summary.text() + "\n" + _("Saved {path}.").format(path=target))
        return target

    def _target(self, suffix: str, filters: str) -> Path | None:
        start = str(self.services.path.parent / f"plan.{suffix}")
        chosen = self.choose_save_file(self, _("Save the plan"), start, filters)
        return Path(chosen) if chosen else None

    def retranslate(self) -> None:
        self.title.setText(_("Stock and plan"))
        self.intake_box.setTitle(_("Stock intake"))
        for caption, text in zip(self.intake_captions, (_("&Item or barcode:"), _("&Quantity:"), _("&Donor:"),
                                                        _("&Lot:"), _("&Expiry:")), strict=True):
            caption.setText(text)
        self.has_expiry.setText(_("has one"))
        self.record_button.setText(_("&Record intake"))
        self.plan_box.setTitle(_("Plan"))
        self.plan_button.setText(_("&Compute plan"))
        self.csv_button.setText(_("Export C&SV…"))
        self.pdf_button.setText(_("Export &PDF…"))
        self.shortage_title.setText(_("Shortages"))
        self.substitute_title.setText(_("Recipients who would get a substitute"))
        self._show_stock()
        self._show_plan()
