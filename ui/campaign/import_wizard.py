"""The import wizard: the same engine as the command line (`models.imports`), step by step.

Pick a file; see its first rows with the recognised column mapping and change it; see every problem of the
whole file before anything is written (the check runs in the background); import in the background, with a
progress bar and cancel. A refused or cancelled import writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from models.core.cancel import Cancelled
from models.core.errors import PacklineError
from models.core.i18n import _
from models.core.types import Campaign
from models.imports import ImportKind, ImportRefused, ImportReport
from ui.campaign.import_pages import CheckPage, FilePage, MappingPage, RunPage
from ui.services import CampaignServices
from ui.tasks import Task, TaskRunner


def _open_file_name(parent: QWidget, caption: str, start: str, filters: str) -> str:
    return QFileDialog.getOpenFileName(parent, caption, start, filters)[0]


class ImportWizard(QWizard):
    imported = Signal(object)
    """An ImportReport, after rows were written."""

    # Replaceable in tests so no native dialog blocks (STYLE.md item 8).
    choose_file: Callable[[QWidget, str, str, str], str] = staticmethod(_open_file_name)

    def __init__(self, services: CampaignServices, tasks: TaskRunner, campaign: Campaign | None,
                 kind: ImportKind = ImportKind.RECIPIENTS, path: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(_("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(1040, 620)  # the difference table shows each person and what happens to the package
        self.services, self.tasks = services, tasks
        self.open_campaigns = [c for c in services.campaigns() if c.writable]
        self.imports = services.import_service()
        self.mapping: dict[str, Any] = {}
        self.sheet: str | None = None
        """The workbook's sheet chosen on the columns page (None: the first)."""
        self.task: Task | None = None
        self.file_page, self.mapping_page = FilePage(self), MappingPage(self)
        self.check_page, self.run_page = CheckPage(self), RunPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.run_page):
            self.addPage(page)
        chooser = self.file_page.campaign
        for found in self.open_campaigns:
            chooser.addItem(found.name, found.id)
        chooser.setCurrentIndex(max(0, chooser.findData(campaign.id if campaign else None)))
        if not self.open_campaigns:  # recipients and templates belong to an open campaign
            combo = self.file_page.kind
            for index in reversed(range(combo.count())):
                if combo.itemData(index) is not ImportKind.CATALOG:
                    combo.removeItem(index)
        self.file_page.kind.setCurrentIndex(max(0, self.file_page.kind.findData(kind)))
        self.file_page.template_name.setText(campaign.name if campaign and campaign.writable else "")
        self.file_page.path.setText(path)
        self.file_page._kind_changed()
        self.rejected.connect(self.cancel_import)

    # -- what the pages read ----------------------------------------------------------------------------

    def kind(self) -> ImportKind:
        return self.file_page.chosen_kind()

    @property
    def campaign(self) -> Campaign | None:
        """The campaign chosen on the first page (None: only the catalog can be imported)."""
        chosen = self.file_page.campaign.currentData()
        return next((c for c in self.open_campaigns if c.id == chosen), None)

    def path(self) -> Path:
        return Path(self.file_page.path.text().strip())

    def _options(self) -> dict[str, Any]:
        name = self.file_page.template_name.text().strip() or None
        return {"mapping": dict(self.mapping) or None, "sheet": self.sheet,
                "template_name": name if self.kind() is ImportKind.TEMPLATE else None}

    # -- background work --------------------------------------------------------------------------------

    def start_check(self) -> None:
        kind, path, campaign, options = self.kind(), self.path(), self.campaign, self._options()

        def work(workspace: Any, flag: Any) -> ImportReport:
            return workspace.import_service().validate(kind, path, campaign, flag=flag, **options)

        self.task = self.tasks.run(work, self.check_page.show_report, self._check_failed,
                                   label=_("Checking {file}…").format(file=path.name))

    def _check_failed(self, error: BaseException) -> None:
        self.check_page.show_error(self._message(error))

    def start_import(self) -> None:
        kind, path, campaign, options = self.kind(), self.path(), self.campaign, self._options()

        def work(workspace: Any, flag: Any) -> ImportReport:
            return workspace.import_service().run(kind, path, campaign, flag=flag, **options)

        self.task = self.tasks.run(work, self._imported, self._import_failed,
                                   label=_("Importing {file}…").format(file=path.name))

    def cancel_import(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()

    def _imported(self, report: ImportReport) -> None:
        self.run_page.show_outcome(report.summary(), ok=True)
        self.imported.emit(report)

    def _import_failed(self, error: BaseException) -> None:
        self.run_page.show_outcome(self._message(error), ok=False)

    @staticmethod
    def _message(error: BaseException) -> str:
        if isinstance(error, Cancelled):
            return _("Cancelled: nothing was written.")
        if isinstance(error, ImportRefused):
            return "\n".join([str(error.args[0]), *error.report.messages()])
        if isinstance(error, PacklineError):
            return str(error)
        return _("The import failed: {error}").format(error=error)
