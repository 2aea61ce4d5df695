"""QR codes as vector modules: ReportLab's own encoder gives the matrix; we draw it as one path.

ReportLab's QR widget costs about 12 ms a symbol (DESIGN.md section 8); taking the matrix and drawing
runs of dark modules as rectangles is cheaper and keeps every module on the printer's dot grid.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from printing.barcodes import dot, snap

QUIET_ZONE_MODULES = 4


@lru_cache(maxsize=16)
def qr_matrix(data: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The module matrix (rows top-down, True = dark) for `data`, in the smallest version that fits.
    ReportLab picks numeric, alphanumeric or byte mode from the data."""
    # Imported when a QR code is first drawn: reportlab.graphics.barcode loads all of ReportLab's graphics on
    # import (about 65 ms), which every start of the application paid through the manifest's module.
    from reportlab.graphics.barcode import qrencoder

    levels = qrencoder.QRErrorCorrectLevel
    code = qrencoder.QRCode(None, {"L": levels.L, "M": levels.M, "Q": levels.Q, "H": levels.H}[level])
    code.addData(data)
    code.make()
    size = code.getModuleCount()
    return tuple(tuple(bool(code.isDark(row, col)) for col in range(size)) for row in range(size))


def module_for(size: float, modules: int, dpi: int) -> float:
    """The widest whole-dot module for which the symbol and its quiet zones fit in `size` points."""
    dots = int(size / ((modules + 2 * QUIET_ZONE_MODULES) * dot(dpi)))
    if dots < 1:
        raise ValueError("The QR code does not fit")
    return dots * dot(dpi)


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float, dpi: int, level: str = "M") -> float:
    """Draw the symbol (quiet zones included) in the square whose bottom-left corner is (x, y) and side
    at most `size`; returns the side actually used."""
    matrix = qr_matrix(data, level)
    count = len(matrix)
    module = module_for(size, count, dpi)
    left = snap(x + QUIET_ZONE_MODULES * module, dpi)
    top = snap(y + (count + QUIET_ZONE_MODULES) * module, dpi)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        col = 0
        while col < count:
            if row[col]:
                start = col
                while col < count and row[col]:
                    col += 1
                path.rect(left + start * module, top - (row_index + 1) * module, (col - start) * module, module)
            else:
                col += 1
    canvas.drawPath(path, stroke=0, fill=1)
    return (count + 2 * QUIET_ZONE_MODULES) * module
