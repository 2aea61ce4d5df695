"""Printing PDF bytes (rendered by `printing/`) on the printer a print dialog chose.

`print_document` sends the PDF itself to the chosen CUPS queue (`printing.queues`: vector bars, the page
size of the document, the copies asked for), or writes it when the dialog chose a PDF file. `print_pdf`
paints pages as images at the printer's resolution, for a Qt printer that is not a CUPS queue (the tests'
PDF printer, a system without CUPS).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from models.core.files import write_private
from models.core.i18n import _
from printing import queues


def open_pdf(pdf: bytes) -> QPdfDocument:
    """A loaded QPdfDocument (its buffer is kept alive as the document's child)."""
    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page of `pdf` on `printer`, full page at the document's own page size (a label stays a label).

    Returns the number of pages printed (0: nothing to print, or the printer could not be opened)."""
    document = open_pdf(pdf)
    if document.pageCount() == 0:
        return 0
    points = document.pagePointSize(0)
    printer.setPageSize(QPageSize(QSizeF(points.width(), points.height()), QPageSize.Unit.Point, "",
                                  QPageSize.SizeMatchPolicy.FuzzyMatch))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport()
            painter.drawImage(target, document.render(page, target.size()))
    finally:
        painter.end()
    return document.pageCount()


def print_document(pdf: bytes, printer: QPrinter, title: str) -> str:
    """Print `pdf` where the print dialog's `printer` points; says where it went. Raises
    `printing.queues.PrintingFailed` when the queue refuses it."""
    target = printer.outputFileName()
    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and target:
        write_private(Path(target), pdf)
        return _("Written to {file}.").format(file=target)
    if not printer.printerName():
        raise queues.PrintingFailed(_("The print dialog chose no printer: nothing was printed."))
    job = queues.print_pdf(printer.printerName(), pdf, title, printer.copyCount())
    return _("Sent to {printer} (job {job}).").format(printer=printer.printerName(), job=job)
