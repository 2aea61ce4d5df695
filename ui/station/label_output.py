"""Package labels out of the station: rendered by `printing.labels`, then printed or previewed.

A `LabelSink` takes a rendered label (`LabelJob`). The station's sink (`PrinterLabelSink`) prints to the
printer named in the settings straight away, without a dialog; when no printer is configured (or the named
one is missing) it shows the label in a preview window with "Save as PDF". Tests inject their own sink.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.core.files import write_private
from models.core.i18n import _
from models.core.settings import LABEL_LAYOUT, PRINTER_DPI, PRINTER_NAME, Settings
from models.packing.package_view import PackageView
from printing.labels import label_for_package, render_labels
from ui import system_dialogs
from ui.pdf_printing import named_printer, open_pdf, print_pdf


@dataclass(frozen=True)
class LabelJob:
    pdf: bytes
    package_code: str
    copy_number: int
    """0 for the label printed at sealing, n for the reprint marked "COPY n"."""
    layout: str


@dataclass(frozen=True)
class LabelResult:
    done: bool
    """The label went to a printer or into the preview (then it is recorded as printed)."""
    message: str


class LabelSink(Protocol):
    def output(self, job: LabelJob) -> LabelResult: ...

    def package_shown(self, code: str | None) -> None:
        """The station now shows package `code` (None: none): a preview of another package's label goes."""


def render_job(view: PackageView, campaign: str, copy_number: int, settings: Settings, language: str,
               latin: str = "none") -> LabelJob:
    """The label in the campaign's label language (the packer's screen may speak another), with the Latin line
    of the campaign's scheme `latin`."""
    layout = settings.get(LABEL_LAYOUT)
    pdf = render_labels([label_for_package(view, campaign, copy_number, language, latin)], layout,
                        dpi=int(settings.get(PRINTER_DPI)), language=language)
    return LabelJob(pdf, view.code, copy_number, layout)


class LabelPreview(QDialog):
    """The labels of one job, page by page, with "Save as PDF". Non-modal, so packing goes on."""

    # Replaceable in tests so no file dialog ever blocks (STYLE.md item 8).
    choose_file: Callable[[QWidget, str, str, str], tuple[str, str]] = staticmethod(system_dialogs.save_file_name)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPreview")
        self.job: LabelJob | None = None
        self.saved_to: str | None = None
        self.pages = QLabel()
        self.pages.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.pages)
        scroll.setWidgetResizable(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.resize(520, 760)
        self.retranslate()

    def show_job(self, job: LabelJob) -> None:
        self.job = job
        self.pages.setPixmap(QPixmap.fromImage(self.page_image(job.pdf)))
        self.retranslate()

    @staticmethod
    def page_image(pdf: bytes, width: int = 460) -> QImage:
        """The pages one below the other, `width` pixels wide."""
        document = open_pdf(pdf)
        images = []
        for page in range(document.pageCount()):
            size = document.pagePointSize(page)
            images.append(document.render(page, QSizeF(width, width * size.height() / size.width()).toSize()))
        height = sum(image.height() + 12 for image in images)
        sheet = QImage(width, max(1, height), QImage.Format.Format_RGB32)
        sheet.fill(Qt.GlobalColor.lightGray)
        painter = QPainter(sheet)
        top = 0
        for image in images:
            painter.drawImage(0, top, image)
            top += image.height() + 12
        painter.end()
        return sheet

    def save(self) -> None:
        if self.job is None:
            return
        suggested = f"label-{self.job.package_code}" + (f"-copy-{self.job.copy_number}" if self.job.copy_number
                                                        else "") + ".pdf"
        path, _filter = self.choose_file(self, _("Save the label as PDF"), suggested, _("PDF files (*.pdf)"))
        if path:
            write_private(Path(path), self.job.pdf)
            self.saved_to = path

    def retranslate(self) -> None:
        self.setWindowTitle(_("Label preview"))
        code = self.job.package_code if self.job else ""
        self.notice.setText(_("No label printer is configured for this station (Settings). Label of package "
                              "{code}:").format(code=code))
        self.save_button.setText(_("&Save as PDF…"))
        self.close_button.setText(_("Close"))


class PrinterLabelSink:
    """Prints to the configured printer without a dialog; previews when none is configured or found."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        self._settings = settings
        self._parent = parent
        self.preview: LabelPreview | None = None

    def output(self, job: LabelJob) -> LabelResult:
        name = self._settings.get(PRINTER_NAME).strip()
        if not name:
            self._show_preview(job)
            return LabelResult(True, _("No printer configured: the label is shown in the preview."))
        # At the label printer's own resolution (Settings): a 203-dpi label is not rendered at 1,200 dpi.
        printer = named_printer(name, int(self._settings.get(PRINTER_DPI)))
        if printer is None:
            self._show_preview(job)
            return LabelResult(True, _("Printer {printer} was not found: the label is shown in the preview.").format(
                printer=name))
        printer.setDocName(job.package_code)
        if not print_pdf(job.pdf, printer):
            return LabelResult(False, _("Printer {printer} did not accept the label.").format(printer=name))
        return LabelResult(True, _("Label sent to {printer}.").format(printer=name))

    def package_shown(self, code: str | None) -> None:
        """The preview closes once the station moves on: it must not stand over the next package's checklist."""
        preview = self.preview
        if preview is not None and preview.isVisible() and preview.job is not None and preview.job.package_code != code:
            preview.hide()

    def _show_preview(self, job: LabelJob) -> None:
        if self.preview is None:
            self.preview = LabelPreview(self._parent)
            self.preview.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.preview.show_job(job)
        self.preview.show()
