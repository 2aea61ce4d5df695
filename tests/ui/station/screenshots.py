"""Make the station screenshots in docs/screenshots (1,280 x 720, the demo campaign).

    uv run python -m tests.ui.station.screenshots

station-LANG.png shows a package in progress, station-refusal-LANG.png a refusal, station-print-failed-LANG.png
a sealed package whose label did not print (its printer's queue is not there) (en, ru, uk). Run it again after
the translation catalogs change.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from models.core.i18n import set_language  # noqa: E402
from models.core.settings import LANGUAGE, PRINTER_NAME  # noqa: E402
from tests.support.station_screens import (
    BARCODES,
    NEXT,
    PACKER,
    PIN,
    SEAL,
    FakeSink,
    RecordingPlayer,
    prepare_database,
    template_scans,
)  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.station import StationScreen, apply_language_setting  # noqa: E402
from ui.station.feedback import Tone  # noqa: E402
from ui.station.label_output import PrinterLabelSink  # noqa: E402

OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
SIZE = (1280, 720)
IN_PROGRESS = ["Тушёнка говяжья, 325 г", "Тушонка свиняча, 325 г", "Молоко сгущённое, 380 г",
               "Чай чёрный листовой, 100 г", "Сахар-рафинад, 500 г", "Мыло туалетное, 90 г"]


def build(folder: Path, language: str) -> StationScreen:
    workspace = prepare_database(folder / f"station-{language}.db")
    workspace.settings().set(LANGUAGE, language)
    apply_language_setting(workspace)
    screen = StationScreen(workspace, label_sink=FakeSink(), sound_player=RecordingPlayer())
    screen.resize(*SIZE)
    screen.show()
    screen.sign_in.choose(PACKER)
    screen.sign_in.pin.setText(PIN)
    screen.sign_in.button.click()
    screen.handle_scan(NEXT)
    for name in IN_PROGRESS:
        screen.handle_scan(BARCODES[name])
    return screen


def save(screen: StationScreen, name: str) -> None:
    QApplication.processEvents()
    target = OUT / name
    screen.window().grab().save(str(target))
    print(target)


def save_print_failed(folder: Path, language: str) -> None:
    """A package sealed on a station whose label printer's queue is not there: the notice, with F7."""
    screen = build(folder / "printing", language)
    screen.settings.set(PRINTER_NAME, "Zebra ZD421")
    screen.labels = PrinterLabelSink(screen.settings, screen)
    screen.handle_scan(NEXT)
    for code in [*template_scans(), SEAL]:
        screen.handle_scan(code)
    for _wait in range(200):
        if screen.message.tone is Tone.REFUSED:
            break
        QApplication.processEvents()
        time.sleep(0.05)
    save(screen, f"station-print-failed-{language}.png")
    screen.close()
    screen.deleteLater()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)  # never the user's
        configure_application(app)
        for language in ("en", "ru", "uk"):
            screen = build(Path(folder), language)
            save(screen, f"station-{language}.png")
            screen.handle_scan(BARCODES["Халва подсолнечная, 350 г"])
            save(screen, f"station-refusal-{language}.png")
            screen.close()
            screen.deleteLater()
            save_print_failed(Path(folder), language)
        set_language("en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
