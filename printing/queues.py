"""The system's print queues, through CUPS's own commands: `lpstat` and `lpoptions` to list them, `lp` to print.

A queue takes PDF (CUPS converts it for the printer, keeping our vector bars: no page bitmap leaves
Packline) or, for a raw queue, the printer's own language as it is (ZPL for a Zebra-compatible label
printer). A PDF job names its page size as the medium (`media=A4`, `media=Custom.100x150mm`), so CUPS
neither scales a label to the office printer's default paper nor centres it on a Letter page.

The commands are CUPS's public interface on every Linux desktop; the CUPS server they talk to is the one
`CUPS_SERVER` names, else the system's. Nothing here needs Qt, so the command line prints headless and the
station prints from a worker thread with the same code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from models.core.errors import RefusedInput
from models.core.i18n import _

TIMEOUT_S = 30.0
"""A CUPS server that answers nothing in this long is reported, not waited for."""

_ISO_SIZES = {"A4": (210, 297), "A5": (148, 210), "A6": (105, 148)}
_POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Queue:
    name: str
    default: bool
    resolution: int | None
    """The dots per inch its driver prints at by default; None when the queue states none (a raw queue)."""
    raw: bool
    """No driver: the queue passes the printer's own language (ZPL) through untouched, and cannot take PDF."""


class PrintingFailed(RefusedInput):
    """CUPS is missing, the queue is unknown, or the job was refused; the message says which."""


def queues() -> list[Queue]:
    """Every queue of the CUPS server, default first, then by name."""
    names = _names()
    default_line = _run(["lpstat", "-d"], allow_failure=True)
    default = default_line.split(":", 1)[1].strip() if ":" in default_line else ""
    found = [_describe(name, name == default) for name in names]
    return sorted(found, key=lambda queue: (not queue.default, queue.name.casefold()))


def find(name: str) -> Queue:
    """The queue called `name`; raises PrintingFailed naming the queues there are."""
    names = _names()
    if name not in names:
        raise PrintingFailed(_("There is no printer {printer}. Printers here: {names}.").format(
            printer=name, names=", ".join(sorted(names, key=str.casefold)) or _("none")))
    return _describe(name, default=False)


def _names() -> list[str]:
    if "not running" in _run(["lpstat", "-r"], allow_failure=True):
        raise PrintingFailed(_("The print system (CUPS) is not running on this computer, so nothing can be "
                               "printed: start it (the cups service), or save the document as a file instead."))
    return [line.strip() for line in _run(["lpstat", "-e"]).splitlines() if line.strip()]


def print_pdf(name: str, pdf: bytes, title: str, copies: int = 1) -> str:
    """Send `pdf` to queue `name` at its own page size; returns CUPS's job id. A raw queue is refused: a label
    printer's raw queue takes ZPL (`--format zpl`), not PDF."""
    queue = find(name)
    if queue.raw:
        raise PrintingFailed(_("Printer {printer} is a raw queue: it takes the printer's own language, not PDF. "
                               "Print ZPL to it (--format zpl), or use a queue with a driver.").format(
                                   printer=name))
    return _submit(name, pdf, title, ["-n", str(max(1, copies)), "-o", f"media={page_medium(pdf)}"])


def print_raw(name: str, data: bytes, title: str) -> str:
    """Send `data` (ZPL) to queue `name` untouched; returns CUPS's job id."""
    find(name)
    return _submit(name, data, title, ["-o", "raw"])


def page_medium(pdf: bytes) -> str:
    """The first page's size as a CUPS medium: an ISO name when it is one (within 1 mm), else Custom.WxHmm."""
    match = re.search(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    if match is None:
        raise PrintingFailed(_("The document has no page size; it was not printed."))
    left, bottom, right, top = (float(value) for value in match.groups())
    width, height = (right - left) / _POINTS_PER_MM, (top - bottom) / _POINTS_PER_MM
    for iso, (short, long) in _ISO_SIZES.items():
        if abs(min(width, height) - short) <= 1 and abs(max(width, height) - long) <= 1:
            return iso
    return f"Custom.{width:.1f}x{height:.1f}mm"


def _describe(name: str, default: bool) -> Queue:
    """The queue's driver options: a raw queue has none (CUPS answers "Not Found" for its PPD); otherwise the
    default of its Resolution option, when the driver has one."""
    done = _completed(["lpoptions", "-p", name, "-l"])
    if not done.stdout.strip():  # lpoptions says why on stderr, and may still exit 0
        raw = "not found" in done.stderr.decode("utf-8", "replace").casefold()
        return Queue(name, default, None, raw=raw)
    resolution = None
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.split("/", 1)[0].strip() == "Resolution":
            chosen = next((word for word in line.split(":", 1)[1].split() if word.startswith("*")), "")
            digits = re.match(r"\*(\d+)", chosen)
            resolution = int(digits.group(1)) if digits else None
    return Queue(name, default, resolution, raw=False)


def _submit(name: str, data: bytes, title: str, options: list[str]) -> str:
    output = _run(["lp", "-d", name, "-t", title, *options, "-"], stdin=data)
    match = re.search(r"request id is (\S+)", output)
    if match is None:
        raise PrintingFailed(_("Printer {printer} did not take the job: {answer}").format(printer=name,
                                                                                          answer=output.strip()))
    return match.group(1)


def _run(command: list[str], *, stdin: bytes | None = None, allow_failure: bool = False) -> str:
    done = _completed(command, stdin)
    if done.returncode != 0 and not allow_failure:
        answer = done.stderr.decode("utf-8", "replace").strip() or done.stdout.decode("utf-8", "replace").strip()
        raise PrintingFailed(_("The print system refused: {answer}").format(answer=answer))
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def _completed(command: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    if shutil.which(command[0]) is None:
        raise PrintingFailed(_("Printing needs CUPS: the {command} command is not installed (Debian and Ubuntu: "
                               "apt install cups-client).").format(command=command[0]))
    try:
        return subprocess.run(command, input=stdin, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise PrintingFailed(_("The print system did not answer {command} within {seconds} s.").format(
            command=command[0], seconds=int(TIMEOUT_S))) from error
