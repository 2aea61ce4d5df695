"""Business settings, declared once with their type and default, stored in the station database.

They travel with backups and campaign packs (unlike window geometry, which lives in QSettings). Read with
`Settings.get(LABEL_LAYOUT)`, write with `Settings.set(LABEL_LAYOUT, "a6")`; a value that does not fit its
declaration is refused with a message, never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from models.core.errors import RefusedInput
from models.core.i18n import LANGUAGES, N_, _

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    label: str
    """English label, marked with N_ and translated where shown."""
    parse: Callable[[str], T]
    check: Callable[[T], str | None] = lambda value: None
    """Returns a problem (English, marked N_) or None."""


def _choice(options: tuple[str, ...]) -> Callable[[str], str | None]:
    return lambda value: None if value in options else N_("Choose one of the offered values.")


def _between(low: int, high: int) -> Callable[[int], str | None]:
    return lambda value: None if low <= value <= high else N_("The value is out of range.")


LABEL_LAYOUTS = ("100x150", "4x6", "a6", "a4-8", "a4-21")
PRINTER_DPIS = ("203", "300")

LANGUAGE = Setting("ui.language", "en", N_("Language"), str, _choice(LANGUAGES))
LABEL_LAYOUT = Setting("printing.label_layout", "100x150", N_("Label layout"), str, _choice(LABEL_LAYOUTS))
PRINTER_NAME = Setting("printing.printer", "", N_("Label printer"), str)
"""Empty: no printer configured; labels are previewed and saved as PDF instead."""
PRINTER_DPI = Setting("printing.dpi", "203", N_("Printer resolution (dpi)"), str, _choice(PRINTER_DPIS))
"""Used when the printer's queue does not state its resolution (a raw queue never does)."""
PRINTER_LANGUAGES = ("pdf", "zpl")
PRINTER_LANGUAGE = Setting("printing.language", "pdf", N_("Label printer language"), str, _choice(PRINTER_LANGUAGES))
""""pdf": any printer, through its driver; "zpl": a Zebra-compatible label printer on a raw queue (`printing.zpl`)."""
SOUND_VOLUME = Setting("sound.volume", 80, N_("Sound volume (%)"), int, _between(0, 100))
IDLE_SIGN_OUT_MINUTES = Setting("station.idle_sign_out_minutes", 15, N_("Sign out after idle minutes"), int,
                                _between(1, 480))
BACKUP_INTERVAL_MINUTES = Setting("storage.backup_interval_minutes", 60, N_("Backup every (minutes)"), int,
                                  _between(5, 1440))
BACKUP_BUDGET_MB = Setting("storage.backup_budget_mb", 2000, N_("Backups may take (MB)"), int, _between(50, 1_000_000))
"""The backups beside the database stay within this (the newest always stays): `models.storage.backup_retention`."""
PIN_LOCK_AFTER = Setting("security.pin_lock_after", 5, N_("Lock a user after wrong PINs"), int, _between(3, 20))
"""A user is locked after this many wrong PINs in a row, until a supervisor unlocks them (`models.packing.users`)."""
SLIP_ON_SEAL = Setting("printing.slip_on_seal", "no", N_("Print a content slip at sealing"), str,
                       _choice(("yes", "no")))
""""yes": the station prints the content slip (A6) after the label of every package it seals."""
SYNC_FOLDER = Setting("sync.folder", "", N_("Exchange folder"), str)
"""Empty: no automatic exchange. Otherwise a folder (e.g. replicated by Syncthing) watched for exchange files."""

ALL: tuple[Setting[Any], ...] = (LANGUAGE, LABEL_LAYOUT, PRINTER_NAME, PRINTER_DPI, PRINTER_LANGUAGE, SOUND_VOLUME,
                            IDLE_SIGN_OUT_MINUTES, BACKUP_INTERVAL_MINUTES, BACKUP_BUDGET_MB, SLIP_ON_SEAL,
                            SYNC_FOLDER, PIN_LOCK_AFTER)


class SettingsTable(Protocol):
    """Where the values are kept: the settings table of a station database (`models.storage.settings_table`)."""

    def read(self, key: str) -> str | None: ...

    def write(self, key: str, value: str) -> None:
        """Store one value in a transaction of its own."""


class Settings:
    """Typed access to the business settings of one database."""

    def __init__(self, table: SettingsTable) -> None:
        self._table = table

    def get(self, setting: Setting[T]) -> T:
        stored = self._table.read(setting.key)
        if stored is None:
            return setting.default
        try:
            value = setting.parse(stored)
        except ValueError:
            return setting.default
        return value if setting.check(value) is None else setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        problem = setting.check(value)
        if problem is not None:
            raise RefusedInput(_("{setting}: {problem}").format(setting=_(setting.label), problem=_(problem)))
        self._table.write(setting.key, str(value))
