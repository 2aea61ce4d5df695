"""Where a printed document goes: straight to the configured label printer (no dialog), or, with no printer
set, into a PDF file beside the database (`labels/`), so nothing is lost when no printer is attached."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPainter


def send_to_printer(pdf: bytes, printer_name: str, dpi: int) -> bool:
    """Render each page at the printer's resolution and print it; False if the printer is not there."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        return False
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setResolution(dpi)
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            painter.drawImage(0, 0, document.render(page, size))
    finally:
        painter.end()
    return True


def save_or_print(pdf: bytes, name: str, folder: Path, printer_name: str = "", dpi: int = 203) -> str:
    """Print on `printer_name` if set and present, else save `folder/labels/name.pdf`; says which."""
    if printer_name and send_to_printer(pdf, printer_name, dpi):
        return printer_name
    target = folder / "labels" / f"{name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return str(target)
