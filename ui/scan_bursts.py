"""Telling scanner bursts from human typing, by timing and content (no Qt, so it is tested with plain pytest).

A USB scanner types a whole code in a few milliseconds per character and usually ends it with Enter, Tab or
CR+LF, sometimes with nothing. A person types tens of milliseconds apart at best. Keys are fed in with their
time; the detector answers, for each key, whether to hold it, and hands back finished scans and held keys
that turned out to be typing (to be replayed to the focused widget, in order).

Every code a scanner reads here is digits (Packline's 18-digit codes, EAN/UPC item barcodes), perhaps after a
symbology identifier such as `]C1` and with GS for FNC1. So:
- a burst with a letter or a space in it is typing, however fast (a person typing "Station 1" at 12 ms a key);
- a run of at least `MIN_RUN_TO_JOIN` digits at scanner speed is a scan in progress: a pause inside it of up to
  `JOIN_MS` (Bluetooth scanners and USB hubs pause 50-150 ms) is waited out and the rest joined to it;
- a scan in progress that ends too short or stops half-way is handed back as `broken`, never dropped: the
  caller gives it to a text field that has focus (it was typing), or else shows it refused;
- the same code read again within `REPEAT_MS` of the end of the first is the scanner reading twice: counted
  once, and handed back as `repeated` so the screen can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

Key = TypeVar("Key")

MAX_GAP_MS = 50.0
"""Longest pause between two characters a scanner sends in one go."""
JOIN_MS = 300.0
"""Longest pause inside one scan that is waited out (a burst that goes on after it is the same scan)."""
MIN_RUN_TO_JOIN = 4
"""Digits at scanner speed before a pause counts as inside a scan (people seldom type 4 keys 50 ms apart)."""
MIN_SCAN_LENGTH = 6
"""Shorter bursts are typing (our codes have 18 digits, item barcodes at least 8)."""
COMPLETE_LENGTHS = frozenset({8, 12, 13, 14, 18, 20})
"""Lengths of whole codes: EAN-8, UPC-A, EAN-13, GTIN-14, Packline's 18 digits (20 with the AI 00)."""
IDLE_MS = 200.0
"""With no suffix, a burst of a whole code's length ends after this much silence (a longer pause than those
inside scans, so a paused scan is joined, not cut)."""
TYPING_IDLE_MS = 80.0
"""Held keys that are not a scan in progress go to the focused widget after this much silence."""
SUFFIX_ECHO_MS = 60.0
"""A second terminator this soon after a scan (the LF of CR+LF) belongs to that scan."""
REPEAT_MS = 150.0
"""The same code again this soon after a scan ended is the scanner's double read, not a second scan."""
GS = "\x1d"


def _body(text: str) -> str:
    """The code without a symbology identifier (`]C1`, `]Q1`, ...) in front."""
    return text[3:] if text.startswith("]") else text


def code_like(text: str) -> bool:
    """Digits (and GS), perhaps after a symbology identifier such as `]C1`: what a scanner sends for our codes."""
    body = _body(text)
    return bool(body) and all(char.isascii() and char.isdigit() or char == GS for char in body)


@dataclass
class Decision(Generic[Key]):
    """What to do after one key: `scans` to handle, `replay` held keys that were typing, `hold` this key;
    `broken`: a scan that stopped half-way (its text and keys); `repeated`: a double read, counted once;
    `wait_ms`: call `idle` again after this long (a scan may still go on)."""

    hold: bool = False
    scans: list[str] = field(default_factory=list)
    replay: list[Key] = field(default_factory=list)
    broken: list[tuple[str, list[Key]]] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    wait_ms: float | None = None


class BurstDetector(Generic[Key]):
    """Collects characters whose gaps are short enough to be a scanner's.

    `Key` is whatever the caller needs to replay a held key (a copy of a Qt key event, say).
    """

    def __init__(self, max_gap_ms: float = MAX_GAP_MS, min_length: int = MIN_SCAN_LENGTH) -> None:
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._chars: list[str] = []
        self._keys: list[Key] = []
        self._first_ms: float | None = None
        self._last_ms: float | None = None
        self._run = 0
        """Characters held so far that came at scanner speed (the first one counts)."""
        self._last_scan: tuple[str, float] | None = None

    @property
    def pending(self) -> bool:
        return bool(self._chars)

    def character(self, char: str, key: Key, now_ms: float) -> Decision[Key]:
        """A printable character arrived; it is held until we know whether it is part of a scan."""
        decision: Decision[Key] = Decision(hold=True)
        if self._chars and self._last_ms is not None:
            gap = now_ms - self._last_ms
            if gap <= self.max_gap_ms:
                self._run += 1
            elif self._in_scan() and gap <= JOIN_MS and code_like(char):
                self._run += 1  # a pause inside a scan: the rest belongs to it
            else:
                self._flush_into(decision)
        if not self._chars:
            self._first_ms, self._run = now_ms, 1
        self._chars.append(char)
        self._keys.append(key)
        self._last_ms = now_ms
        return decision

    def terminator(self, key: Key, now_ms: float) -> Decision[Key]:
        """Enter, Return or Tab arrived."""
        if self._is_scan(now_ms, JOIN_MS if self._in_scan() else self.max_gap_ms):
            return self._finish(now_ms)
        if not self._chars and self._last_scan is not None and now_ms - self._last_scan[1] <= SUFFIX_ECHO_MS:
            self._last_scan = None
            return Decision(hold=True)  # the LF of a CR+LF suffix
        decision: Decision[Key] = Decision(hold=False)
        if self._in_scan():
            self._keys.append(key)  # the suffix goes with the broken scan: to a text field, or refused with it
            decision.hold = True
        self._flush_into(decision)
        return decision

    def other_key(self, now_ms: float) -> Decision[Key]:
        """A key that is not text (arrows, Escape, a shortcut): whatever was held ends here."""
        if self._is_scan(now_ms, self.max_gap_ms):
            return Decision(hold=False, scans=self._finish(now_ms).scans)
        decision: Decision[Key] = Decision(hold=False)
        self._flush_into(decision)
        return decision

    def idle_after_ms(self) -> float:
        """When to call `idle` after the last key: later for a scan in progress than for typing."""
        return IDLE_MS if self._in_scan() else TYPING_IDLE_MS

    def idle(self, now_ms: float) -> Decision[Key]:
        """No key for a while: a whole code without suffix is a scan; a scan in progress may still go on
        (`wait_ms`); anything else was typing."""
        if not self._chars or self._last_ms is None:
            return Decision()
        silence = now_ms - self._last_ms
        text = "".join(self._chars)
        if self._in_scan() and len(text) >= self.min_length and len(_digits(text)) in COMPLETE_LENGTHS:
            if silence >= IDLE_MS:
                return self._finish(now_ms)
            return Decision(wait_ms=IDLE_MS - silence)
        if self._in_scan() and silence < JOIN_MS:
            return Decision(wait_ms=JOIN_MS - silence)
        decision: Decision[Key] = Decision()
        self._flush_into(decision)
        return decision

    def _in_scan(self) -> bool:
        return self._run >= MIN_RUN_TO_JOIN and code_like("".join(self._chars))

    def _is_scan(self, now_ms: float, longest_pause: float) -> bool:
        if len(self._chars) < self.min_length or self._last_ms is None:
            return False
        fast = self._run == len(self._chars) and now_ms - self._last_ms <= longest_pause
        return fast and code_like("".join(self._chars))

    def _finish(self, now_ms: float) -> Decision[Key]:
        text = "".join(self._chars)
        first = self._first_ms if self._first_ms is not None else now_ms
        self._chars.clear()
        self._keys.clear()
        self._run = 0
        previous, self._last_scan = self._last_scan, (text, now_ms)
        if previous is not None and previous[0] == text and first - previous[1] <= REPEAT_MS:
            return Decision(hold=True, repeated=[text])
        return Decision(hold=True, scans=[text])

    def _flush_into(self, decision: Decision[Key]) -> None:
        """Hand back what is held: a scan that stopped half-way as `broken`, typing as `replay`."""
        if not self._chars:
            return
        text = "".join(self._chars)
        keys = list(self._keys)
        broken = self._in_scan()
        self._chars.clear()
        self._keys.clear()
        self._run = 0
        if broken:
            decision.broken.append((text, keys))
        else:
            decision.replay.extend(keys)


def _digits(text: str) -> str:
    return _body(text).replace(GS, "")
