"""Reading rendered PDFs back: text, character boxes, fonts, and barcodes decoded from pixels."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image

from models.core.codes import classify

MM = 72 / 25.4


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(data)


def page_size_mm(data: bytes, page_index: int = 0) -> tuple[float, float]:
    """(width, height) of a page in millimetres."""
    width, height = open_pdf(data)[page_index].get_size()
    return width * 25.4 / 72, height * 25.4 / 72


def page_count(data: bytes) -> int:
    return len(open_pdf(data))


def page_texts(data: bytes) -> list[str]:
    pdf = open_pdf(data)
    return [page.get_textpage().get_text_range() for page in pdf]


def normalise(text: str) -> str:
    """Line breaks to spaces, runs of space collapsed, and a name broken after a hyphen joined again
    (pdfium reports a hyphen at the end of a line as U+FFFE and drops the line break)."""
    text = re.sub(r"\s+", " ", text.replace("\ufffe", "-"))
    return text.replace("- ", "-")


@dataclass(frozen=True)
class Char:
    char: str
    left: float
    bottom: float
    right: float
    top: float


def page_chars(data: bytes, page_index: int = 0) -> list[Char]:
    page = open_pdf(data)[page_index]
    textpage = page.get_textpage()
    chars = []
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if not char.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        chars.append(Char(char, left, bottom, right, top))
    return chars


def page_image(data: bytes, page_index: int, dpi: int, one_bit: bool = True) -> Image.Image:
    """The page as a thermal printer would print it: `dpi`, and 1-bit (threshold, no dithering)."""
    page = open_pdf(data)[page_index]
    image = page.render(scale=dpi / 72, grayscale=True, no_smoothpath=one_bit).to_pil().convert("L")
    if one_bit:
        image = image.point(lambda value: 255 if value > 127 else 0).convert("1", dither=Image.Dither.NONE)
    return image


@dataclass(frozen=True)
class Decoded:
    text: str
    value: str
    format: str
    symbology: str
    center: tuple[float, float]
    """In points from the page's top-left corner."""
    height: float
    """Of the decoded region, in points."""


def decode_page(data: bytes, page_index: int, dpi: int, one_bit: bool = True) -> list[Decoded]:
    image = page_image(data, page_index, dpi, one_bit)
    found = []
    for barcode in zxingcpp.read_barcodes(image):
        position = barcode.position
        xs = [position.top_left.x, position.top_right.x, position.bottom_left.x, position.bottom_right.x]
        ys = [position.top_left.y, position.top_right.y, position.bottom_left.y, position.bottom_right.y]
        scale = 72 / dpi
        found.append(Decoded(
            barcode.text, classify(barcode.text).value, str(barcode.format), barcode.symbology_identifier,
            (sum(xs) / 4 * scale, sum(ys) / 4 * scale), (max(ys) - min(ys)) * scale))
    return found


def font_names(data: bytes) -> set[str]:
    """Every /BaseFont in the file (ReportLab writes object dictionaries uncompressed)."""
    return {match.decode() for match in re.findall(rb"/BaseFont\s*/([^\s/>\]]+)", data)}


def run_lengths(row: list[int]) -> list[int]:
    """Lengths of the dark runs (value 0) in a row of 1-bit pixels."""
    runs, count = [], 0
    for value in row:
        if value == 0:
            count += 1
        elif count:
            runs.append(count)
            count = 0
    if count:
        runs.append(count)
    return runs


def filled_rects(data: bytes) -> list[tuple[float, float, float, float]]:
    """Every `x y w h re` in the page content streams: the barcode bars and QR modules we draw."""
    rects = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            content = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        for found in re.findall(rb"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re", content):
            x, y, w, h = (float(value) for value in found)
            rects.append((x, y, w, h))
    return rects
