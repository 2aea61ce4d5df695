"""Telling scanner bursts from human typing, by timing alone (no Qt, so it is tested with plain pytest).

A USB scanner types a whole code in a few milliseconds per character and usually ends it with Enter, Tab or
CR+LF, sometimes with nothing. A person types tens of milliseconds apart at best. Keys are fed in with their
time; the detector answers, for each key, whether to hold it, and hands back finished scans and held keys
that turned out to be typing (to be replayed to the focused widget, in order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

Key = TypeVar("Key")

MAX_GAP_MS = 50.0
"""Longest pause between two characters of one scan."""
MIN_SCAN_LENGTH = 6
"""Shorter bursts are typing (our codes have 18 digits, item barcodes at least 8)."""
IDLE_MS = 80.0
"""With no suffix, a burst ends after this much silence."""
SUFFIX_ECHO_MS = 60.0
"""A second terminator this soon after a scan (the LF of CR+LF) belongs to that scan."""


@dataclass
class Decision(Generic[Key]):
    """What to do after one key: `scans` to handle, `replay` held keys that were typing, `hold` this key."""

    hold: bool = False
    scans: list[str] = field(default_factory=list)
    replay: list[Key] = field(default_factory=list)


class BurstDetector(Generic[Key]):
    """Collects characters whose gaps are short enough to be a scanner's.

    `Key` is whatever the caller needs to replay a held key (a copy of a Qt key event, say).
    """

    def __init__(self, max_gap_ms: float = MAX_GAP_MS, min_length: int = MIN_SCAN_LENGTH) -> None:
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._chars: list[str] = []
        self._keys: list[Key] = []
        self._last_ms: float | None = None
        self._last_scan_ms: float | None = None

    @property
    def pending(self) -> bool:
        return bool(self._chars)

    def character(self, char: str, key: Key, now_ms: float) -> Decision[Key]:
        """A printable character arrived; it is held until we know whether it is part of a scan."""
        decision: Decision[Key] = Decision(hold=True)
        if self._chars and self._last_ms is not None and now_ms - self._last_ms > self.max_gap_ms:
            decision.replay = self._take_keys()  # the earlier characters were typing
        self._chars.append(char)
        self._keys.append(key)
        self._last_ms = now_ms
        return decision

    def terminator(self, key: Key, now_ms: float) -> Decision[Key]:
        """Enter, Return or Tab arrived."""
        if self._is_scan(now_ms):
            return self._finish(now_ms)
        if not self._chars and self._last_scan_ms is not None and now_ms - self._last_scan_ms <= SUFFIX_ECHO_MS:
            self._last_scan_ms = None
            return Decision(hold=True)  # the LF of a CR+LF suffix
        return Decision(hold=False, replay=self._take_keys())

    def other_key(self, now_ms: float) -> Decision[Key]:
        """A key that is not text (arrows, Escape, a shortcut): whatever was held was typing."""
        if self._is_scan(now_ms):
            return Decision(hold=False, scans=self._finish(now_ms).scans)
        return Decision(hold=False, replay=self._take_keys())

    def idle(self, now_ms: float) -> Decision[Key]:
        """No key for a while: a fast enough burst was a scan without suffix; anything else was typing."""
        if self._is_scan(now_ms, allow_idle=True):
            return self._finish(now_ms)
        return Decision(replay=self._take_keys())

    def _is_scan(self, now_ms: float, allow_idle: bool = False) -> bool:
        if len(self._chars) < self.min_length or self._last_ms is None:
            return False
        return allow_idle or now_ms - self._last_ms <= self.max_gap_ms

    def _finish(self, now_ms: float) -> Decision[Key]:
        text = "".join(self._chars)
        self._chars.clear()
        self._keys.clear()
        self._last_scan_ms = now_ms
        return Decision(hold=True, scans=[text])

    def _take_keys(self) -> list[Key]:
        keys = list(self._keys)
        self._chars.clear()
        self._keys.clear()
        return keys
