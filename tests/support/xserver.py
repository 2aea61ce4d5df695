"""A private X server (Xvfb) with a keyboard layout set by `setxkbmap`, and physical key presses through XTest.

A USB scanner is a keyboard that presses the keys of a US layout: for "1" it sends the physical key left of
"2" (evdev keycode 10), whatever layout the workstation has; the layout decides what character that key
gives ("1" on a US or Russian layout, "&" on a French one). `Keyboard` presses keys by keycode, as the scanner
does, so the layout in force turns them into characters exactly as it would for a real scanner.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from Xlib import X, display
from Xlib.ext import xtest

SIZE = "1280x720x24"
DIGIT_KEYCODES = {str((index + 1) % 10): 10 + index for index in range(10)}  # evdev: the digit row, 1 ... 0
RETURN, F5 = 36, 71
NEEDED = ("Xvfb", "setxkbmap")


def missing_tools() -> list[str]:
    return [tool for tool in NEEDED if shutil.which(tool) is None]


@contextmanager
def xvfb() -> Iterator[str]:
    """A fresh Xvfb at 1,280 x 720 on a free display; yields its DISPLAY name. `-noreset`: an X server resets
    its keyboard layout when its last client leaves, and `setxkbmap` leaves before the app comes."""
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                  and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", SIZE, "-nolisten", "tcp", "-noreset"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    name = f":{number}"
    try:
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb {name} did not start")
            time.sleep(0.05)
        yield name
    finally:
        server.terminate()
        server.wait(10)


def set_layout(display_name: str, layout: str) -> None:
    """`setxkbmap LAYOUT` on the server, as a user switching the workstation's keyboard layout."""
    subprocess.run(["setxkbmap", "-display", display_name, layout], check=True)


class Keyboard:
    """Presses physical keys on the X server, with the timing a scanner (or a person) has."""

    def __init__(self, display_name: str) -> None:
        self.display = display.Display(display_name)

    def close(self) -> None:
        self.display.close()

    def tap(self, keycode: int) -> None:
        xtest.fake_input(self.display, X.KeyPress, keycode)
        xtest.fake_input(self.display, X.KeyRelease, keycode)
        self.display.sync()

    def digits(self, digits: str, gap_ms: float = 4.0) -> None:
        for digit in digits:
            self.tap(DIGIT_KEYCODES[digit])
            time.sleep(gap_ms / 1000)

    def scan(self, code: str, *, pause_at: int | None = None, pause_ms: float = 0.0, gap_ms: float = 4.0) -> None:
        """A scanner's burst: the code's digits, a few ms apart, and Enter; optionally a pause inside (after
        `pause_at` digits), as Bluetooth scanners and USB hubs make."""
        head, tail = (code[:pause_at], code[pause_at:]) if pause_at is not None else (code, "")
        self.digits(head, gap_ms)
        if tail:
            time.sleep(pause_ms / 1000)
            self.digits(tail, gap_ms)
        self.tap(RETURN)


def x_environment(display_name: str) -> dict[str, str]:
    """The environment of a process that opens real windows on `display_name`."""
    env = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    return env | {"DISPLAY": display_name, "QT_QPA_PLATFORM": "xcb"}
