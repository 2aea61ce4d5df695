"""Package labels out of the station: drawn by `printing.labels` (or `printing.zpl`), printed or previewed.

A `LabelSink` takes a label to print (`LabelJob`). The station's sink (`PrinterLabelSink`) prints on the
printer Settings name, without a dialog, on a worker thread (`BackgroundPrinter`): the label is drawn at
the resolution the printer's queue states (else the one Settings give) and sent through CUPS, as PDF or, for
a Zebra-compatible printer on a raw queue, as ZPL. The packer scans on meanwhile; the outcome comes back on
the UI thread, a failure as a notice with Reprint. With no printer configured the label is shown in a preview
with "Save as PDF". Tests inject their own sink.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QSizeF, Qt, Signal
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

from models.core.errors import RefusedInput
from models.core.files import write_private
from models.core.i18n import _, translator
from models.core.settings import LABEL_LAYOUT, PRINTER_DPI, PRINTER_LANGUAGE, PRINTER_NAME, Settings
from models.packing.package_view import PackageView
from printing import queues
from ui import system_dialogs

Draw = Callable[[int, bool], bytes]
"""Draws a label at a printer's dots per inch, as ZPL when asked (True), else as PDF."""


@dataclass(frozen=True)
class LabelJob:
    """A label to print, drawn once its printer's resolution is known (on the print worker)."""

    draw: Draw
    package_code: str
    copy_number: int
    """0 for the label printed at sealing, n for the reprint marked "COPY n"."""
    layout: str
    package_id: int | None = None
    record: bool = False
    """Once printed, record the package's label as printed (the label of sealing)."""

    def pdf(self, dpi: int = 203) -> bytes:
        return self.draw(dpi, False)


@dataclass(frozen=True)
class LabelResult:
    done: bool
    """The label went to a printer or into the preview (then it is recorded as printed)."""
    message: str
    pending: bool = False
    """Sent to the print worker: the outcome comes later, through the sink's `finished` callback."""


Finished = Callable[[LabelJob, LabelResult], None]


class LabelSink(Protocol):
    def output(self, job: LabelJob, finished: Finished) -> LabelResult:
        """Print `job`; a pending result's outcome is passed to `finished` later, on the UI thread."""

    def package_shown(self, code: str | None) -> None:
        """The station now shows package `code` (None: none): a preview of another package's label goes."""


def prepare_labels() -> None:
    """Load what the first label needs (the printing modules, and the fonts ReportLab reads from their files,
    about 100 ms) on a thread of its own, so the packer's first Seal does not wait for it; called when a packer
    signs in, long before anything is sealed. A label drawn meanwhile loads what it needs itself."""
    threading.Thread(target=_load_label_printing, name="prepare-labels", daemon=True).start()


def _load_label_printing() -> None:
    from printing.fonts import register_fonts
    from printing.labels import PackageLabels  # noqa: F401 - imported for its cost, not its name

    register_fonts()


def render_job(view: PackageView, campaign: str, copy_number: int, settings: Settings, language: str,
               latin: str = "none", *, record: bool = False) -> LabelJob:
    """The label in the campaign's label language (the packer's screen may speak another), with the Latin line
    of the campaign's scheme `latin`; drawn when printed. (Printing is imported here, at the first label, not
    at the application's start; the screens built after the window is up have imported it long before.)"""
    from printing.labels import PackageLabels, label_for_package, render_sheets
    from printing.layout import get_layout
    from printing.zpl import render_zpl

    layout = get_layout(settings.get(LABEL_LAYOUT))
    label = label_for_package(view, campaign, copy_number, language, latin)

    def draw(dpi: int, zpl: bool) -> bytes:
        drawer = PackageLabels(layout, dpi, translator(language))
        return render_zpl([label], drawer) if zpl else render_sheets([label], drawer)

    return LabelJob(draw, view.code, copy_number, layout.key, view.package_id, record)


def document_job(pdf: bytes, package_code: str, layout: str) -> LabelJob:
    """A PDF already drawn (a content slip) as a job: it has no ZPL form, so a ZPL printer refuses it."""

    def draw(_dpi: int, zpl: bool) -> bytes:
        if zpl:
            raise RefusedInput(_("The station's label printer takes ZPL, and a content slip is a PDF: print "
                                 "content slips on an office printer (Print labels and sheets…, Content slips)."))
        return pdf

    return LabelJob(draw, package_code, 0, layout)


class LabelPreview(QDialog):
    """The labels of one job, page by page, with "Save as PDF". Non-modal, so packing goes on."""

    # Replaceable in tests so no file dialog ever blocks (STYLE.md item 8).
    choose_file: Callable[[QWidget, str, str, str], tuple[str, str]] = staticmethod(system_dialogs.save_file_name)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPreview")
        self.job: LabelJob | None = None
        self.pdf = b""
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
        self.pdf = job.pdf()
        self.pages.setPixmap(QPixmap.fromImage(self.page_image(self.pdf)))
        self.retranslate()

    @staticmethod
    def page_image(pdf: bytes, width: int = 460) -> QImage:
        """The pages one below the other, `width` pixels wide."""
        from ui.pdf_printing import open_pdf  # QtPdf: loaded with the first preview, not at the start

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
            write_private(Path(path), self.pdf)
            self.saved_to = path

    def retranslate(self) -> None:
        self.setWindowTitle(_("Label preview"))
        code = self.job.package_code if self.job else ""
        self.notice.setText(_("No label printer is configured for this station (Settings). Label of package "
                              "{code}:").format(code=code))
        self.save_button.setText(_("&Save as PDF…"))
        self.close_button.setText(_("Close"))


class BackgroundPrinter(QObject):
    """Prints labels on one worker thread, in order, so sealing never waits for a printer. A queue's stated
    resolution is asked once per printer name. `finished(job, result)` is emitted back on the UI thread."""

    finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="labels")
        self._queues: dict[str, queues.Queue] = {}
        self.destroyed.connect(lambda: self._pool.shutdown(wait=False))

    def submit(self, job: LabelJob, printer: str, zpl: bool, fallback_dpi: int) -> None:
        """Print `job` on `printer` (its settings read on the UI thread: the worker never touches the database)."""
        self._pool.submit(self._print, job, printer, zpl, fallback_dpi)

    def _print(self, job: LabelJob, printer: str, zpl: bool, fallback_dpi: int) -> None:  # on the worker
        from printing.barcodes import PRINTER_DPI as LABEL_PRINTER_DPIS

        try:
            queue = self._queues.get(printer) or queues.find(printer)
            self._queues[printer] = queue
            dpi = queue.resolution if queue.resolution in LABEL_PRINTER_DPIS else fallback_dpi
            data = job.draw(dpi, zpl)
            send = queues.print_raw if zpl else queues.print_pdf
            send(printer, data, job.package_code)
            result = LabelResult(True, _("Label sent to {printer}.").format(printer=printer))
        except RefusedInput as refused:
            result = LabelResult(False, _("The label of package {code} did not print: {reason}").format(
                code=job.package_code, reason=refused))
        except Exception as error:  # noqa: BLE001 - a worker's failure is a failed print, reported like one
            result = LabelResult(False, _("The label of package {code} did not print: {reason}").format(
                code=job.package_code, reason=error))
        self.finished.emit(job, result)


class PrinterLabelSink:
    """Prints to the configured printer without a dialog; previews when none is configured or found."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        self._settings = settings
        self._parent = parent
        self.preview: LabelPreview | None = None
        self.printer = BackgroundPrinter(parent)
        self._waiting: dict[int, Finished] = {}
        self.printer.finished.connect(self._printed)

    def output(self, job: LabelJob, finished: Finished) -> LabelResult:
        name = self._settings.get(PRINTER_NAME).strip()
        if not name:
            self._show_preview(job)
            return LabelResult(True, _("No printer configured: the label is shown in the preview."))
        self._waiting[id(job)] = finished
        self.printer.submit(job, name, self._settings.get(PRINTER_LANGUAGE) == "zpl",
                            int(self._settings.get(PRINTER_DPI)))
        return LabelResult(False, _("Printing the label on {printer}…").format(printer=name), pending=True)

    def _printed(self, job: LabelJob, result: LabelResult) -> None:
        finished = self._waiting.pop(id(job), None)
        if finished is not None:
            finished(job, result)

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
