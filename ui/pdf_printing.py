"""Printing PDF bytes (rendered by `printing/`) on a Qt printer, page by page at the printer's resolution."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo


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


def named_printer(name: str, dpi: int) -> QPrinter | None:
    """The installed printer called `name` at `dpi`, or None when it is not there."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return None
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setResolution(dpi)
    return printer
