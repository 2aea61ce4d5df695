"""Codes Packline issues, and classification of anything a scanner sends.

Packline's own codes (packages, letters, cartons, batches, commands) are 18 digits in the structure of a
GS1 SSCC: extension digit (the kind of code), company prefix, serial, GS1 mod-10 check digit. Digits only,
so a USB scanner types them correctly under any keyboard layout, and never confusable with an item's
EAN-8 / UPC-A / EAN-13 / GTIN-14. See DESIGN.md section 3.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

CODE_LENGTH = 18
DEFAULT_COMPANY_PREFIX = "0000000"
"""Used until an organisation configures its own GS1 company prefix (7 to 10 digits)."""

BLOCK_DIGITS = 2
"""The first digits of a code's serial name the block of the database that issued it: 0 for the hub (or a
station on its own), 1-99 for the stations the hub gave a block to, so codes never collide across stations."""
MAX_BLOCK = 10**BLOCK_DIGITS - 1

SCANNER_TEST_CODE = "123456789012345670"
"""The scanner test sheet's code: every digit, the length of Packline's codes, and a wrong check digit, so that
scanned anywhere else it is refused, never taken for a package."""

GS = "\x1d"  # FNC1 as a scanner transmits it
SYMBOLOGY_GS1_128 = "]C1"
AI_SSCC = "00"


class CodeKind(enum.Enum):
    PACKAGE = "package"
    LETTER = "letter"
    CARTON = "carton"
    BATCH = "batch"
    COMMAND = "command"
    ITEM = "item"
    UNKNOWN = "unknown"


EXTENSION_DIGIT: dict[CodeKind, str] = {
    CodeKind.PACKAGE: "1",
    CodeKind.LETTER: "2",
    CodeKind.CARTON: "3",
    CodeKind.BATCH: "4",
    CodeKind.COMMAND: "9",
}
_KIND_BY_DIGIT = {digit: kind for kind, digit in EXTENSION_DIGIT.items()}


class Command(enum.Enum):
    """Command barcodes on the command sheet; the value is the serial in the code.

    Serials are chosen so that their codes are transposition-safe (see `is_transposition_safe`).
    """

    SEAL = 1
    UNDO = 3
    ACKNOWLEDGE = 4
    REPRINT = 6
    NEXT_PACKAGE = 8
    CALL_SUPERVISOR = 9


class CodeProblem(enum.Enum):
    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    BAD_LENGTH = "bad_length"
    BAD_CHECK_DIGIT = "bad_check_digit"
    UNKNOWN_EXTENSION = "unknown_extension"
    UNKNOWN_COMMAND = "unknown_command"


@dataclass(frozen=True)
class ScannedCode:
    """What a scanned string is. `value` is the normalised code (no prefixes, no whitespace)."""

    kind: CodeKind
    value: str
    raw: str
    problem: CodeProblem | None = None
    command: Command | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_digit(digits: str) -> str:
    """GS1 mod-10 check digit for a string of digits (the code without its last digit).

    Weights 3 and 1 alternate from the right. Written with slices so issuing 100,000 codes stays cheap.
    """
    return str(-_weighted_sum(digits) % 10)


def _weighted_sum(digits: str) -> int:
    return 3 * sum(map(int, digits[-1::-2])) + sum(map(int, digits[-2::-2]))


def make_code(kind: CodeKind, serial: int, company_prefix: str = DEFAULT_COMPANY_PREFIX) -> str:
    """Issue the 18-digit code for `serial` of the given kind."""
    return _CodeMaker(kind, company_prefix).code(serial)


class _CodeMaker:
    """The codes of one kind and company prefix: what is the same in all of them is checked and summed once."""

    def __init__(self, kind: CodeKind, company_prefix: str) -> None:
        if kind not in EXTENSION_DIGIT:
            raise ValueError(f"Packline does not issue codes of kind {kind.value}")
        if not (company_prefix.isdigit() and 7 <= len(company_prefix) <= 10):
            raise ValueError("The GS1 company prefix must be 7 to 10 digits")
        self.head = EXTENSION_DIGIT[kind] + company_prefix
        self.width = CODE_LENGTH - 2 - len(company_prefix)
        self.head_sum = _weighted_sum(self.head + "0" * self.width)  # the serial's digits weigh the same alone

    def code(self, serial: int) -> str:
        if not 0 <= serial < 10**self.width:
            raise ValueError(f"Serial {serial} does not fit in {self.width} digits")
        digits = str(serial).zfill(self.width)
        return f"{self.head}{digits}{-(self.head_sum + _weighted_sum(digits)) % 10}"


def is_transposition_safe(code: str) -> bool:
    """True when no two adjacent digits differ by exactly 5.

    The GS1 mod-10 check digit catches every single wrong digit and every swap of adjacent digits except
    a swap of two digits five apart (0<->5, 1<->6, ...). Packline only issues codes without such a pair, so
    any swap of adjacent digits in an issued code breaks its check digit.
    """
    return _first_unsafe_pair(code) is None


_UNSAFE_PAIR = re.compile("05|50|16|61|27|72|38|83|49|94")


def _first_unsafe_pair(code: str) -> int | None:
    found = _UNSAFE_PAIR.search(code)
    return found.start() if found else None


def issue_codes(kind: CodeKind, next_serial: int, count: int,
                company_prefix: str = DEFAULT_COMPANY_PREFIX) -> tuple[list[str], int]:
    """Issue `count` transposition-safe codes from `next_serial` on; returns them and the next serial to use.

    An unsafe pair inside the serial rules out a whole block of serials, which is skipped in one step.
    """
    serial_start, check_position = 1 + len(company_prefix), CODE_LENGTH - 1
    issued: list[str] = []
    serial = next_serial
    maker = _CodeMaker(kind, company_prefix)
    while len(issued) < count:
        code = maker.code(serial)
        pair = _first_unsafe_pair(code)
        if pair is None:
            issued.append(code)
            serial += 1
            continue
        digit = pair + 1
        if digit < serial_start:
            raise ValueError(f"Company prefix {company_prefix} cannot give transposition-safe {kind.value} codes")
        if digit == check_position:
            serial += 1
        else:
            step = 10 ** (check_position - 1 - digit)
            serial = (serial // step + 1) * step
    return issued, serial


def command_code(command: Command) -> str:
    """Command codes never leave the warehouse, so they always use the all-zero prefix."""
    return make_code(CodeKind.COMMAND, command.value)


def block_size(company_prefix: str = DEFAULT_COMPANY_PREFIX) -> int:
    """Serials in one block: 10,000,000 with the default 7-digit company prefix."""
    return int(10 ** (CODE_LENGTH - 2 - len(company_prefix) - BLOCK_DIGITS))


def block_can_issue(block: int, company_prefix: str = DEFAULT_COMPANY_PREFIX) -> bool:
    """Whether block `block` holds transposition-safe codes of every kind a station issues. Some do not: with
    the default prefix, block 5's serials all begin 05, a pair that is never issued, so the whole block is
    skipped; the hub never gives such a block."""
    size = block_size(company_prefix)
    for kind in (CodeKind.PACKAGE, CodeKind.LETTER, CodeKind.CARTON, CodeKind.BATCH):
        try:
            _issued, after = issue_codes(kind, max(block * size, 1), 1, company_prefix)
        except ValueError:
            return False
        if after > (block + 1) * size:
            return False
    return True


def serial_of(code: str, company_prefix: str = DEFAULT_COMPANY_PREFIX) -> int:
    return int(code[1 + len(company_prefix) : -1])


def normalise(raw: str) -> str:
    """Strip what scanners add around a code: whitespace, CR/LF/Tab, `]C1`, FNC1 (GS) and AI 00."""
    text = raw.strip().replace(GS, "")
    if text.startswith(SYMBOLOGY_GS1_128):
        text = text[len(SYMBOLOGY_GS1_128) :].replace(GS, "").strip()
    if text.startswith("(00)"):
        text = text[4:]
    if len(text) == CODE_LENGTH + len(AI_SSCC) and text.startswith(AI_SSCC) and text.isdigit():
        text = text[len(AI_SSCC) :]
    return text


def classify(raw: str) -> ScannedCode:
    """Tell what a scanned string is, checking format and check digit before anything is looked up.

    The check digit matters: a decoder can misread a Code 128 into another symbol that passes Code 128's own
    checksum (DESIGN.md section 8), and only our GS1 check digit catches it.
    """
    value = normalise(raw)
    if not value:
        return ScannedCode(CodeKind.UNKNOWN, value, raw, CodeProblem.EMPTY)
    if not (value.isascii() and value.isdigit()):
        return ScannedCode(CodeKind.UNKNOWN, value, raw, CodeProblem.NOT_DIGITS)
    if len(value) == CODE_LENGTH:
        return _classify_own(value, raw)
    if len(value) in (8, 12, 13, 14):
        if not _valid_gtin(value):
            return ScannedCode(CodeKind.ITEM, value, raw, CodeProblem.BAD_CHECK_DIGIT)
        return ScannedCode(CodeKind.ITEM, value, raw)
    return ScannedCode(CodeKind.UNKNOWN, value, raw, CodeProblem.BAD_LENGTH)


def _classify_own(value: str, raw: str) -> ScannedCode:
    if check_digit(value[:-1]) != value[-1]:
        return ScannedCode(CodeKind.UNKNOWN, value, raw, CodeProblem.BAD_CHECK_DIGIT)
    kind = _KIND_BY_DIGIT.get(value[0])
    if kind is None:
        return ScannedCode(CodeKind.UNKNOWN, value, raw, CodeProblem.UNKNOWN_EXTENSION)
    if kind is CodeKind.COMMAND:
        try:
            return ScannedCode(kind, value, raw, command=Command(int(value[1:-1])))
        except ValueError:
            return ScannedCode(kind, value, raw, CodeProblem.UNKNOWN_COMMAND)
    return ScannedCode(kind, value, raw)


def validate_item_barcode(barcode: str) -> str:
    """Return the barcode if it is a valid EAN-8, UPC-A, EAN-13 or GTIN-14; raise ValueError otherwise.

    Never corrects: a wrong check digit or length is an error (python-barcode would silently "fix" it).
    """
    value = barcode.strip()
    if not (value.isascii() and value.isdigit()):
        raise ValueError(f"barcode {barcode!r} must contain digits only")
    if len(value) not in (8, 12, 13, 14):
        raise ValueError(f"barcode {value} has {len(value)} digits; EAN-8, UPC-A, EAN-13 or GTIN-14 expected")
    if not _valid_gtin(value):
        raise ValueError(f"barcode {value} has a wrong check digit")
    return value


def _valid_gtin(value: str) -> bool:
    """python-stdnum's GS1 check of an EAN-8, UPC-A, EAN-13 or GTIN-14. Imported when first needed: stdnum
    loads `ssl` for its online checks, a tenth of a short command's time."""
    from stdnum import ean
    from stdnum.exceptions import ValidationError

    try:
        ean.validate(value)
    except ValidationError:
        return False
    return True


def sscc_text(code: str, prefix_length: int = len(DEFAULT_COMPANY_PREFIX)) -> str:
    """Human-readable form of a Packline code in GS1 style, e.g. "(00) 1 0000000 000000123 4": extension digit,
    company prefix, serial, check digit. One function for the screens and the paper, so both group alike."""
    if len(code) != CODE_LENGTH:
        return code
    serial_end = 1 + prefix_length
    return f"({AI_SSCC}) {code[0]} {code[1:serial_end]} {code[serial_end:-1]} {code[-1]}"


def grouped(code: str, prefix_length: int = len(DEFAULT_COMPANY_PREFIX)) -> str:
    """The code in readable groups without the AI: "1 0000000 000000123 4"."""
    return sscc_text(code, prefix_length).removeprefix(f"({AI_SSCC}) ")
