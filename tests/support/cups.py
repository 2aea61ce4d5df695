"""A private CUPS server for tests that print for real: its own folders, port and queues, nothing of the system's.

Two queues, as a warehouse has them:
- `Office`, an office printer taking PDF through CUPS's own filters (the Generic PDF Printer driver of
  cups-filters), as an A4 laser's queue does;
- `Zebra`, a raw queue for a label printer, passing ZPL through untouched.

Both end in a small backend that keeps each job's bytes as they would reach the device (`capture:/NAME`),
so a test reads what the printer would have received. `cupsd` comes from Debian's `cups-daemon`, which
`.ci/run` installs; elsewhere, without it, the tests that need it are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

CUPSD = "/usr/sbin/cupsd"
OFFICE_DRIVER = "lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd"
_BACKEND = """#!/bin/sh
[ $# -eq 0 ] && { echo 'direct capture "Unknown" "Capture"'; exit 0; }
out="OUT/${DEVICE_URI#capture:/}-$1"
if [ -n "$6" ]; then cat "$6" > "$out.part"; else cat > "$out.part"; fi && mv "$out.part" "$out"
"""


@dataclass(frozen=True)
class PrivateCups:
    server: str
    """What CUPS_SERVER names: host:port of the private scheduler."""
    out: Path

    def received(self, queue: str, job: str, timeout: float = 30.0) -> bytes:
        """The bytes job `job` (CUPS's "Queue-N") delivered to the device of `queue`, once it is done."""
        path = self.out / f"{queue.lower()}-{job.rsplit('-', 1)[1]}"
        deadline = time.monotonic() + timeout
        while not path.exists():
            if time.monotonic() > deadline:
                raise AssertionError(f"job {job} never reached the {queue} queue's device")
            time.sleep(0.1)
        return path.read_bytes()

    def delivered(self, queue: str, *, wait_for: int = 0, timeout: float = 30.0) -> list[bytes]:
        """What every finished job of `queue` delivered so far, oldest first (once `wait_for` jobs have)."""
        deadline = time.monotonic() + timeout
        while len(found := self._finished(queue)) < wait_for:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(found)} of {wait_for} jobs reached the {queue} queue's device")
            time.sleep(0.1)
        return [path.read_bytes() for path in found]

    def _finished(self, queue: str) -> list[Path]:
        paths = [path for path in self.out.glob(f"{queue.lower()}-*") if not path.name.endswith(".part")]
        return sorted(paths, key=lambda path: int(path.name.rsplit("-", 1)[1]))


def pdf_inside(received: bytes) -> bytes:
    """The PDF inside what the office queue's driver sent on (it wraps the PDF in PJL job commands)."""
    start, end = received.index(b"%PDF"), received.rindex(b"%%EOF") + len(b"%%EOF")
    return received[start:end]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _configure(root: Path, port: int) -> None:
    for name in ("etc", "spool", "cache", "state", "log", "tmp", "out", "bin/backend"):
        (root / name).mkdir(parents=True, exist_ok=True)
    for name in ("tmp", "out"):
        (root / name).chmod(0o777)  # filters and the backend run as CUPS's own user
    for name in ("filter", "cgi-bin", "daemon", "notifier", "monitor", "driver"):
        (root / "bin" / name).symlink_to(Path("/usr/lib/cups") / name)
    backend = root / "bin/backend/capture"
    backend.write_text(_BACKEND.replace("OUT", str(root / "out")), encoding="utf-8")
    backend.chmod(0o755)
    (root / "etc/cupsd.conf").write_text(
        f"Listen 127.0.0.1:{port}\nLogLevel warn\nBrowsing Off\nDefaultAuthType None\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  JobPrivateAccess all\n  JobPrivateValues none\n  SubscriptionPrivateAccess all\n"
        "  SubscriptionPrivateValues none\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n"
        "</Policy>\n", encoding="utf-8")
    (root / "etc/cups-files.conf").write_text(
        f"ServerRoot {root}/etc\nServerBin {root}/bin\nRequestRoot {root}/spool\nCacheDir {root}/cache\n"
        f"StateDir {root}/state\nTempDir {root}/tmp\nAccessLog {root}/log/access_log\n"
        f"ErrorLog {root}/log/error_log\nPageLog {root}/log/page_log\n", encoding="utf-8")


def _installed() -> bool:
    return Path(CUPSD).exists() and shutil.which("lpadmin") is not None and shutil.which("lp") is not None


class _Scheduler:
    """The private cupsd of this test run, started before anything asks for printers (Qt's print support
    reads the queues once), so every test sees its two queues and never the machine's own."""

    def __init__(self) -> None:
        # Not under pytest's folder (owner-only): CUPS's filters run as its own user and read the spooled jobs.
        self.root = Path(tempfile.mkdtemp(prefix="packline-cups-"))
        self.root.chmod(0o755)
        port = _free_port()
        _configure(self.root, port)
        self.process = subprocess.Popen([CUPSD, "-f", "-c", str(self.root / "etc/cupsd.conf"),
                                         "-s", str(self.root / "etc/cups-files.conf")])
        self.cups = PrivateCups(f"127.0.0.1:{port}", self.root / "out")
        try:
            self._set_up({**os.environ, "CUPS_SERVER": self.cups.server})
        except BaseException:
            self.stop()
            raise

    def _set_up(self, environment: dict[str, str]) -> None:
        deadline = time.monotonic() + 20
        while "is running" not in subprocess.run(["lpstat", "-r"], env=environment, capture_output=True,
                                                 text=True).stdout:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the private cupsd did not start")
            time.sleep(0.05)
        for queue, device, driver in (("Office", "capture:/office", OFFICE_DRIVER),
                                      ("Zebra", "capture:/zebra", "raw")):
            subprocess.run(["lpadmin", "-p", queue, "-E", "-v", device, "-m", driver], env=environment,
                           check=True, capture_output=True)
        subprocess.run(["lpadmin", "-d", "Office"], env=environment, check=True, capture_output=True)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        shutil.rmtree(self.root, ignore_errors=True)


_running: list[_Scheduler] = []
_failed: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    if not _installed():
        _failed.append("CUPS (cups-daemon, cups-client, cups-filters) is not installed; .ci/run installs it")
        return
    try:
        _running.append(_Scheduler())
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:  # e.g. not root: the tests say why
        _failed.append(f"the private CUPS did not start: {error}")
        return
    os.environ["CUPS_SERVER"] = _running[0].cups.server


def pytest_unconfigure(config: pytest.Config) -> None:
    while _running:
        _running.pop().stop()


@pytest.fixture(scope="session")
def private_cups() -> PrivateCups:
    if not _running:
        reason = _failed[0] if _failed else "the private CUPS is not running"
        if os.environ.get("PACKLINE_TESTS_NEED_CUPS"):
            pytest.fail(f"{reason}, and CI needs it")
        pytest.skip(reason)
    return _running[0].cups


@pytest.fixture
def cups(private_cups: PrivateCups, monkeypatch: pytest.MonkeyPatch) -> PrivateCups:
    """The private CUPS, named by CUPS_SERVER for this test, its devices' output of earlier tests cleared."""
    for path in private_cups.out.iterdir():
        path.unlink()
    monkeypatch.setenv("CUPS_SERVER", private_cups.server)
    return private_cups
