"""What a scanner does wrong, from the keys it typed for the test sheet's code (no Qt: tested with plain pytest).

The scanner test (ui.scanner_test) records every key the scanner sends while the volunteer scans the test
sheet's code once: the character the layout gave, the character of the physical key (ui.scanner), and when.
`check_reads` splits them into reads and tells, point by point, what a volunteer can set on the scanner:
- the code itself: the sheet's digits, or something else (another code, a scanner that changes digits);
- the keyboard layout: it moves the digits (Packline reads the keys, other programs will not);
- a prefix before the code (a symbology identifier such as `]C0` is understood; anything else is not);
- the suffix after it: Enter or Tab, or nothing (then a code ends only after a silence);
- the speed: the longest pause between two characters (Bluetooth and USB hubs pause);
- a double read: the code sent twice at once.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from models.core.codes import SCANNER_TEST_CODE
from models.core.i18n import _
from ui.scan_bursts import JOIN_MS, MAX_GAP_MS, REPEAT_MS

END_OF_READ_MS = 400.0
"""With no suffix, a read ends after this much silence (longer than any pause a scanner makes inside a code)."""
SYMBOLOGY_IDENTIFIER = re.compile(r"\][A-Za-z][0-9A-Za-z]")


class Level(enum.Enum):
    OK = "ok"
    NOTE = "note"
    """Works in Packline; worth knowing or setting better."""
    PROBLEM = "problem"


@dataclass(frozen=True)
class Key:
    text: str
    """What the layout made of the key ('' for Enter and Tab)."""
    physical: str
    """The character of the physical key on a US layout (what the scanner meant)."""
    at_ms: float
    terminator: str = ""
    """"Enter" or "Tab" for those keys."""


@dataclass(frozen=True)
class Read:
    keys: tuple[Key, ...]

    @property
    def typed(self) -> str:
        return "".join(key.text for key in self.keys if not key.terminator)

    @property
    def meant(self) -> str:
        return "".join(key.physical for key in self.keys if not key.terminator)

    @property
    def suffix(self) -> str:
        return self.keys[-1].terminator

    @property
    def longest_pause_ms(self) -> float:
        times = [key.at_ms for key in self.keys if not key.terminator]
        return max((later - earlier for earlier, later in zip(times, times[1:], strict=False)), default=0.0)


@dataclass(frozen=True)
class Finding:
    level: Level
    text: str


def split_reads(keys: list[Key]) -> list[Read]:
    """Reads end at Enter or Tab, or at a silence of END_OF_READ_MS."""
    reads: list[Read] = []
    current: list[Key] = []
    for key in keys:
        if current and key.at_ms - current[-1].at_ms > END_OF_READ_MS:
            reads.append(Read(tuple(current)))
            current = []
        current.append(key)
        if key.terminator:
            reads.append(Read(tuple(current)))
            current = []
    if current:
        reads.append(Read(tuple(current)))
    return [read for read in reads if read.meant]


def check_reads(keys: list[Key]) -> list[Finding]:
    """The findings for one scan of the test sheet's code (empty when nothing was read)."""
    reads = split_reads(keys)
    if not reads:
        return []
    first = reads[0]
    where = first.meant.find(SCANNER_TEST_CODE)
    joined = _joined(reads)
    if where < 0 and SCANNER_TEST_CODE in joined.meant:
        return [_too_long_a_pause(round(joined.longest_pause_ms))]
    if where < 0:
        return [Finding(Level.PROBLEM, _(
            "The scanner sent \"{sent}\", not the test sheet's code {code}: scan the code on the test sheet, or "
            "reset the scanner to its factory settings.").format(sent=first.typed, code=SCANNER_TEST_CODE))]
    findings = [Finding(Level.OK, _("The test sheet's code was read whole."))]
    findings.append(_layout(first))
    findings.append(_prefix(first.meant[:where]))
    findings.append(_suffix(first, first.meant[where + len(SCANNER_TEST_CODE):]))
    findings.append(_speed(first))
    findings.append(_repeat(reads))
    return findings


def _joined(reads: list[Read]) -> Read:
    """The first read and those that went on after a silence without a suffix (a code cut by a long pause)."""
    keys = list(reads[0].keys)
    for later in reads[1:]:
        if keys[-1].terminator:
            break
        keys += later.keys
    return Read(tuple(keys))


def _layout(read: Read) -> Finding:
    if read.typed == read.meant:
        return Finding(Level.OK, _("The keyboard layout gives the digits as they are."))
    return Finding(Level.NOTE, _(
        "The keyboard layout turns the scanner's digits into \"{typed}\". Packline reads the keys themselves, so "
        "it works here; other programs need an English layout while scanning.").format(typed=read.typed))


def _prefix(prefix: str) -> Finding:
    if not prefix:
        return Finding(Level.OK, _("Nothing comes before the code."))
    if SYMBOLOGY_IDENTIFIER.fullmatch(prefix):
        return Finding(Level.OK, _("The scanner sends the symbology identifier {prefix} first; Packline "
                                   "understands it.").format(prefix=prefix))
    return Finding(Level.PROBLEM, _("The scanner adds \"{prefix}\" before each code: switch its prefix off in "
                                    "the scanner's settings.").format(prefix=prefix))


def _suffix(read: Read, after: str) -> Finding:
    if after:
        return Finding(Level.PROBLEM, _("The scanner adds \"{suffix}\" after each code: switch that suffix off "
                                        "and keep Enter.").format(suffix=after))
    if read.suffix == "Enter":
        return Finding(Level.OK, _("Each code ends with Enter."))
    if read.suffix == "Tab":
        return Finding(Level.NOTE, _("Each code ends with Tab: it works; Enter is the usual setting."))
    return Finding(Level.NOTE, _("The scanner sends nothing after a code, so Packline waits a moment to know it "
                                 "ended: set the scanner to add Enter."))


def _speed(read: Read) -> Finding:
    pause = round(read.longest_pause_ms)
    if pause <= MAX_GAP_MS:
        return Finding(Level.OK, _("Fast enough: the longest pause inside the code was {ms} ms.").format(ms=pause))
    if pause <= JOIN_MS:
        return Finding(Level.NOTE, _(
            "The scanner paused {ms} ms inside the code. Packline joins pauses up to {limit} ms; a cable or a "
            "port without a hub is steadier.").format(ms=pause, limit=round(JOIN_MS)))
    return _too_long_a_pause(pause)


def _too_long_a_pause(ms: int) -> Finding:
    return Finding(Level.PROBLEM, _(
        "The scanner paused {ms} ms inside the code, longer than Packline waits ({limit} ms): codes will be "
        "cut. Use a cable, or set the scanner's keyboard speed higher.").format(ms=ms, limit=round(JOIN_MS)))


def _repeat(reads: list[Read]) -> Finding:
    first = reads[0]
    for later in reads[1:]:
        gap = later.keys[0].at_ms - first.keys[-1].at_ms
        if later.meant == first.meant and gap <= REPEAT_MS:
            return Finding(Level.NOTE, _(
                "The scanner sent the code twice within {ms} ms. Packline counts it once; set the scanner's "
                "same-code delay higher.").format(ms=round(gap)))
    return Finding(Level.OK, _("The code was sent once."))
