"""The pages of the import wizard: choose a file, check the columns, see every problem, import."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from models.campaigns.list_import import ListEffect, ListOutcome
from models.campaigns.list_versions import ListDifference
from models.core.i18n import N_, _, ngettext
from models.imports import ImportKind, ImportReport, Preview, Problem
from models.imports.columns import field_labels
from ui.tables import fill_table, read_only_table

if TYPE_CHECKING:
    from ui.campaign.import_wizard import ImportWizard

KIND_LABELS = {ImportKind.RECIPIENTS: N_("Recipient list"), ImportKind.CATALOG: N_("Item catalog"),
               ImportKind.TEMPLATE: N_("Content template")}
FILE_FILTER = N_("Tables (*.csv *.xlsx *.txt);;All files (*)")


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.kind = QComboBox()
        self.kind.setObjectName("importKind")
        for kind in ImportKind:
            self.kind.addItem("", kind)
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.template_name = QLineEdit()
        self.template_name.setObjectName("templateName")
        self.campaign = QComboBox()  # which campaign a list or a template is for (the catalog is shared)
        self.campaign.setObjectName("importCampaign")
        self.kind_label, self.path_label, self.name_label = QLabel(), QLabel(), QLabel()
        self.campaign_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout(self)
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.campaign_label, self.campaign)
        form.addRow(self.path_label, row)
        form.addRow(self.name_label, self.template_name)
        self.path.textChanged.connect(self.completeChanged)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Choose the file"))
        self.setSubTitle(_("CSV or XLSX, as Excel saves it; Cyrillic in Windows-1251 or UTF-8 is fine."))
        for index in range(self.kind.count()):
            self.kind.setItemText(index, _(KIND_LABELS[self.kind.itemData(index)]))
        self.kind_label.setText(_("&What it holds:"))
        self.kind_label.setBuddy(self.kind)
        self.path_label.setText(_("&File:"))
        self.path_label.setBuddy(self.path)
        self.browse.setText(_("&Browse…"))
        self.campaign_label.setText(_("For &campaign:"))
        self.campaign_label.setBuddy(self.campaign)
        self.name_label.setText(_("Template &name:"))
        self.name_label.setBuddy(self.template_name)

    def chosen_kind(self) -> ImportKind:
        return ImportKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        template = self.chosen_kind() is ImportKind.TEMPLATE
        self.template_name.setVisible(template)
        self.name_label.setVisible(template)
        for widget in (self.campaign, self.campaign_label):
            widget.setVisible(self.chosen_kind() is not ImportKind.CATALOG)

    def _browse(self) -> None:
        chosen = self.owner.choose_file(self, _("Choose the file to import"), self.path.text(), _(FILE_FILTER))
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        text = self.path.text().strip()
        return bool(text) and Path(text).is_file()


class MappingPage(QWizardPage):
    """The first rows as read, and which column holds which field (changeable)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.preview: Preview | None = None
        self.source = QLabel()
        self.source.setObjectName("importSource")
        self.source.setWordWrap(True)
        # A workbook of several sheets: the one the list is on (the preview names it when it is not the first).
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        self.sheet.activated.connect(self._sheet_chosen)
        self.sheet_caption = QLabel()
        self.sheet_caption.setBuddy(self.sheet)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_caption)
        sheet_row.addWidget(self.sheet, 1)
        self.rows = read_only_table("previewRows")
        self.mapping_form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        self.problems = QLabel()
        self.problems.setObjectName("previewProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addLayout(sheet_row)
        layout.addWidget(self.rows, 1)
        layout.addLayout(self.mapping_form)
        layout.addWidget(self.problems)

    def initializePage(self) -> None:  # noqa: N802
        self.setTitle(_("Check the columns"))
        self.setSubTitle(_("The first rows of the file, and the column each field is read from. Change a column "
                           "if it was not recognised."))
        self.sheet_caption.setText(_("S&heet:"))
        self.owner.sheet = None
        self._start_over()

    def _start_over(self) -> None:
        """The columns read afresh: a new file, or another sheet of it."""
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos.clear()
        self.owner.mapping = {}
        self.load()

    def _sheet_chosen(self) -> None:
        self.owner.sheet = self.sheet.currentText()
        self._start_over()

    def load(self) -> None:
        wizard = self.owner
        self.preview = preview = wizard.imports.preview(wizard.path(), wizard.kind(), wizard.mapping or None,
                                                        wizard.sheet)
        info = preview.source
        self.sheet.clear()
        self.sheet.addItems(list(info.sheets))
        self.sheet.setCurrentIndex(max(0, self.sheet.findText(info.sheet or "")))
        for widget in (self.sheet, self.sheet_caption):
            widget.setVisible(len(info.sheets) > 1)
        details = [info.file, info.format.upper()]
        details += [part for part in (info.encoding, info.sheet) if part]
        if info.delimiter:
            details.append(_("delimiter {delimiter}").format(delimiter=repr(info.delimiter)))
        self.source.setText(" · ".join(details))
        headers = [f"{index}: {text}" if text else str(index) for index, text in enumerate(preview.headers, 1)]
        width = max([len(headers)] + [len(cells) for _number, cells in preview.rows])
        headers += [str(index) for index in range(len(headers) + 1, width + 1)]
        self.rows.setColumnCount(width)
        fill_table(self.rows, headers, [list(cells) for _number, cells in preview.rows])
        self.rows.setVerticalHeaderLabels([str(number) for number, _cells in preview.rows])
        self.rows.verticalHeader().show()
        self.rows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if not self.combos:
            self._build_combos(headers)
        self._show_mapping(preview)
        self.problems.setText("\n".join(str(problem) for problem in preview.problems))
        self.completeChanged.emit()

    def _build_combos(self, headers: list[str]) -> None:
        for spec in self.owner.imports.fields(self.owner.kind()):
            combo = QComboBox()
            combo.setObjectName(f"map_{spec.key}")
            combo.addItem(_("(not in the file)"), 0)
            for index, header in enumerate(headers, 1):
                combo.addItem(header, index)
            combo.activated.connect(self._mapping_changed)
            label = _(spec.label) + (" *" if spec.required else "")
            self.mapping_form.addRow(label, combo)
            self.combos[spec.key] = combo

    def _show_mapping(self, preview: Preview) -> None:
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(key, 0))))
            combo.blockSignals(False)

    def _mapping_changed(self) -> None:
        self.owner.mapping = {key: combo.currentData() for key, combo in self.combos.items() if combo.currentData()}
        self.load()

    def isComplete(self) -> bool:  # noqa: N802
        return self.preview is not None and self.preview.ok


class CheckPage(QWizardPage):
    """Every problem in the whole file (nothing is written), or what the import would change."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.report: ImportReport | None = None
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.problems = read_only_table("problemRows")
        self.difference = read_only_table("listDifference")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.difference, 1)
        self.setCommitPage(True)

    def initializePage(self) -> None:  # noqa: N802
        self.setTitle(_("Check every row"))
        self.setSubTitle(_("Nothing is written until every row is right."))
        self.setButtonText(self.owner.WizardButton.CommitButton, _("&Import"))
        self.report = None
        self.summary.setText(_("Checking {file}…").format(file=self.owner.path().name))
        self.busy.show()
        self.problems.hide()
        self.difference.hide()
        self.completeChanged.emit()
        self.owner.start_check()

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        self.busy.hide()
        rows = report.problems or report.warnings
        self.problems.setVisible(bool(rows))
        fill_table(self.problems, [_("Row"), _("Column"), _("Problem")], [_problem_cells(p) for p in rows])
        for column in (0, 1):
            self.problems.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        if report.problems:
            text = report.summary() + " " + _("Nothing was written. Correct the file and check it again.")
        else:
            counts = report.result
            text = _("Ready to import {rows} rows: {created} new, {updated} updated, {unchanged} unchanged.").format(
                rows=report.rows, created=counts.created if counts else 0, updated=counts.updated if counts else 0,
                unchanged=counts.unchanged if counts else 0)
            if report.warnings:
                text += " " + _("Worth a look before importing:")
            difference = counts.difference if counts else None
            # A first list is only added; a later one is shown against the current one, person by person.
            if difference is not None and (difference.changed or difference.removed or difference.unchanged):
                text += " " + self._show_difference(difference, counts.effects if counts else ())
        self.summary.setText(text)
        self.completeChanged.emit()

    def _show_difference(self, difference: ListDifference, effects: Sequence[ListEffect]) -> str:
        """The list against the current one, person by person and field by field, and what it does to each
        person's package (withdrawn, given back, waiting for a supervisor), for a supervisor to review."""
        labels = field_labels(ImportKind.RECIPIENTS)
        does = {effect.list_number: effect.short() for effect in effects}
        rows = [[_("added"), number, name, "", "", "", does.get(number, "")] for number, name in difference.added]
        rows += [[_("changed"), person.list_number, person.name, _(labels.get(change.field, change.field)),
                  change.old, change.new, does.get(person.list_number, "")]
                 for person in difference.changed for change in person.changes]
        rows += [[_("not in the new list"), number, name, "", "", "", does.get(number, "")]
                 for number, name in difference.removed]
        sentences = {effect.list_number: effect.text() for effect in effects}
        fill_table(self.difference, [_("What"), _("No."), _("Recipient"), _("Field"), _("Before"), _("After"),
                                     _("Its package")], rows,
                   tips={(r, 6): sentences[row[1]] for r, row in enumerate(rows) if row[1] in sentences})
        self.difference.resizeColumnsToContents()  # whole names: a supervisor reviews who changes
        self.difference.show()
        text = difference.summary()
        waiting = sum(effect.outcome in (ListOutcome.CHANGE_HELD, ListOutcome.REMOVAL_HELD) for effect in effects)
        withdrawn = sum(effect.outcome is ListOutcome.WITHDRAWN for effect in effects)
        if withdrawn:
            text += " " + ngettext("{count} planned package is withdrawn (no label is issued for it).",
                                   "{count} planned packages are withdrawn (no label is issued for them).",
                                   withdrawn).format(count=withdrawn)
        if waiting:
            text += " " + ngettext("{count} change waits for a supervisor's decision (Campaign > List decisions): "
                                   "the package is sealed or being packed.",
                                   "{count} changes wait for a supervisor's decision (Campaign > List decisions): "
                                   "their packages are sealed or being packed.", waiting).format(count=waiting)
        return text

    def show_error(self, message: str) -> None:
        self.busy.hide()
        self.summary.setText(message)

    def isComplete(self) -> bool:  # noqa: N802
        return self.report is not None and self.report.ok


def _problem_cells(problem: Problem) -> list[str]:
    return ["" if problem.row is None else str(problem.row), problem.column or "", problem.reason]


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.finished = False
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.cancel = QPushButton()
        self.cancel.setObjectName("cancelImport")
        self.cancel.clicked.connect(wizard.cancel_import)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.setTitle(_("Import"))
        self.cancel.setText(_("&Cancel the import"))
        self.summary.setText(_("Importing {file}…").format(file=self.owner.path().name))
        self.finished = False
        self.owner.start_import()

    def show_outcome(self, text: str, *, ok: bool) -> None:
        self.finished = True
        self.bar.setRange(0, 1)
        self.bar.setValue(1 if ok else 0)
        self.cancel.hide()
        self.summary.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.finished
