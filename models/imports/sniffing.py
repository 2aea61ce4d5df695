"""What a file really is: its format by content (not by name), a text file's encoding and delimiter.

Excel in Russian and Ukrainian locales saves "CSV" as Windows-1251 with `;`; newer versions offer UTF-8 with
a BOM; "Unicode text" is UTF-16 with Tab. Anything else that arrives (a renamed picture, a password-protected
workbook, an old .xls) is named for what it is, so the coordinator knows what to ask the sender for.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from models.core.i18n import N_, _

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Larger files are refused before they are read (a real list of 200,000 people is far smaller)."""

CSV = "csv"
XLSX = "xlsx"

DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {";": N_("semicolon"), ",": N_("comma"), "\t": N_("tab")}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", N_("a PDF document")),
    (b"\x89PNG", N_("a PNG picture")),
    (b"\xff\xd8\xff", N_("a JPEG picture")),
    (b"GIF8", N_("a GIF picture")),
    (b"Rar!", N_("a RAR archive")),
    (b"7z\xbc\xaf", N_("a 7-Zip archive")),
    (b"\x1f\x8b", N_("a gzip archive")),
    (b"MZ", N_("a Windows program")),
    (b"\x7fELF", N_("a program")),
    (b"{\\rtf", N_("an RTF document")),
)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 with BOM"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
_SEP_LINE = re.compile(r"\Asep=(.)\r?\n", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is ready for a person."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    """How the file was encoded, for people: "UTF-8", "UTF-8 with BOM", "UTF-16", "Windows-1251"."""


def sniff_format(data: bytes) -> str:
    """Return CSV or XLSX from the content, or raise FileProblem naming what the file really is."""
    if not data:
        raise FileProblem(_("The file is empty."))
    if data.startswith(_OLE2):
        raise FileProblem(_ole2_reason(data))
    if data.startswith(_ZIP):
        return XLSX
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise FileProblem(_("The file is {what}, not a CSV or Excel (.xlsx) file.").format(what=_(what)))
    return CSV


def _ole2_reason(data: bytes) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data:
        return _("The workbook is protected with a password. Open it in Excel, remove the password "
                 "(File > Info > Protect Workbook) and save it again, or save it as CSV.")
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return _("The file is an old Excel 97-2003 workbook (.xls). Open it in Excel and save it as "
                 "Excel Workbook (.xlsx) or as CSV.")
    return _("The file is an old Microsoft Office document, not a CSV or Excel (.xlsx) file.")


def decode(data: bytes) -> DecodedText:
    """Decode text: a BOM decides; else UTF-16 without BOM by its zero bytes, strict UTF-8, Windows-1251."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return DecodedText(_strict(data, codec), label)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data[:4096])
        if utf16 is None:
            raise FileProblem(_not_text())
        try:
            return DecodedText(_strict(data, utf16), "UTF-16")
        except FileProblem:
            raise FileProblem(_not_text()) from None
    try:
        return DecodedText(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    mixed = _mixed_lines(data)
    if mixed is not None:
        raise FileProblem(_(
            "Line {line} of the file is not UTF-8, but line {utf8} is: the file mixes two encodings (rows pasted "
            "from another file?), and read either way some names would be garbled. Save the "
            "whole list again from one program, as CSV UTF-8 or as .xlsx.").format(line=mixed[0], utf8=mixed[1]))
    return DecodedText(_strict(data, "cp1251"), "Windows-1251")


def _mixed_lines(data: bytes) -> tuple[int, int] | None:
    """(the first line that is not UTF-8, the first line that is UTF-8 with letters beyond ASCII), both
    numbered from 1, when the file has both: never decoded as one encoding or the other."""
    first_bad = first_utf8 = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            first_bad = first_bad or number
        else:
            first_utf8 = first_utf8 or number
        if first_bad and first_utf8:
            return first_bad, first_utf8
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text has zero bytes on one side only (the high byte of digits, delimiters and line ends);
    binary data has them on both sides."""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) % 2 == 0 and odd * 10 >= len(sample) // 2 and even == 0:
        return "utf-16-le"
    if len(sample) % 2 == 0 and even * 10 >= len(sample) // 2 and odd == 0:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise FileProblem(_("The file cannot be read as text: byte {offset} is not valid {codec}. Save it "
                            "from Excel as CSV UTF-8 or as .xlsx.").format(offset=exc.start, codec=codec)) from None
    if _CONTROL.search(text[:65536]):
        raise FileProblem(_not_text())
    return text


def _not_text() -> str:
    return _("The file is not text (it contains binary data); a CSV or Excel (.xlsx) file is expected.")


def strip_sep_line(text: str) -> tuple[str, str | None]:
    """Excel's `sep=;` first line names the delimiter and is not shown as a row; remove it."""
    match = _SEP_LINE.match(text)
    if match and match.group(1) in DELIMITERS:
        return text[match.end():], match.group(1)
    return text, None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first rows into the most rows of one width (more columns win ties)."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = DELIMITERS[0], (0, 0, 0)
    for delimiter in DELIMITERS:
        widths: dict[int, int] = {}
        try:
            for index, record in enumerate(csv.reader(io.StringIO(sample), delimiter=delimiter)):
                if index >= 100:
                    break
                if any(cell.strip(" \t;,") for cell in record):  # ";;;" is a blank row, not data
                    widths[len(record)] = widths.get(len(record), 0) + 1
        except csv.Error:
            continue
        if not widths:
            continue
        width, rows = max(widths.items(), key=lambda pair: (pair[1], pair[0]))
        score = (int(width > 1), rows, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best
