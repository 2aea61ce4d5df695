"""Screenshots of every campaign screen in English, Russian and Ukrainian (1,280 x 720) into docs/screenshots.

    uv run python -m tests.ui.campaign.screenshots [--translations /tmp/tr/campaign.py]

The demo campaign (2,000 recipients) with a day of packing on two stations, letters and a computed plan.
`--translations` adds proposed translations (dicts RU and UK) not yet in the catalogs, to see them in place.
"""

from __future__ import annotations

import argparse
import gettext
import os
import runpy
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.workspace import Workspace  # noqa: E402
from models.core import i18n  # noqa: E402
from models.core.codes import Command, command_code  # noqa: E402
from models.demo.campaign import TEMPLATE, catalog_items, create_demo  # noqa: E402
from models.packing.station import Station  # noqa: E402
from models.packing.users import Role  # noqa: E402
from tests.support.import_files import write_xlsx  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
SIZE = (1280, 720)
SCREENS = ("recipients", "catalog", "stock", "letters", "dashboard", "settings")


class DictTranslations(gettext.NullTranslations):
    """Proposed translations, tried before the compiled catalogs."""

    def __init__(self, table: dict, fallback: gettext.NullTranslations) -> None:
        super().__init__()
        self.table = table
        self.add_fallback(fallback)

    def gettext(self, message: str) -> str:
        found = self.table.get(message)
        return found if isinstance(found, str) else super().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.table.get(singular)
        if isinstance(forms, tuple):
            index = 0 if n % 10 == 1 and n % 100 != 11 else 1 if 2 <= n % 10 <= 4 and not 10 <= n % 100 < 20 else 2
            return forms[index]
        return super().ngettext(singular, plural, n)


def add_translations(path: Path) -> None:
    tables = runpy.run_path(str(path))
    for language, key in (("ru", "RU"), ("uk", "UK")):
        chosen = i18n.translator(language)
        chosen._chain = DictTranslations(tables[key], chosen._chain)  # noqa: SLF001 - a tool, not the app


def pack_a_day(workspace: Workspace, packages: int = 240) -> None:
    """Two stations and three packers seal `packages` over about eight hours (the journal's clock is set)."""
    import models.journal.sql.events_repo as events_repo

    users = workspace.user_service()
    for name, role in (("Olena", Role.PACKER), ("Pavlo", Role.PACKER), ("Ivan", Role.SUPERVISOR)):
        users.add(name, role, "2468")
    packers = [users.get("Olena"), users.get("Pavlo"), users.get("Ivan")]
    mine = workspace.station_service().ensure("Station 1 — left table")
    campaign = workspace.campaigns()[0]
    stations = [Station(mine.instance_id, mine.name, campaign.id),
                Station("01SCREENSHOTSTATION00000AB", "Station 2", campaign.id)]
    barcodes = {item.name: item.barcodes[0] for item in catalog_items()}
    scans = [barcodes[name] for name, quantity, required, _subs in TEMPLATE if required for _ in range(quantity)]
    codes = [row[0] for row in workspace.db.execute(
        "SELECT p.code FROM packages p JOIN recipients r ON r.id = p.recipient_id ORDER BY r.number_key")]
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=8)
    clock = {"now": start}
    events_repo.now_iso = lambda: clock["now"].isoformat(timespec="milliseconds")  # type: ignore[assignment]
    service = workspace.scan_service()
    for index, code in enumerate(codes[:packages]):
        clock["now"] = start + timedelta(minutes=index * 2 + (index % 7))
        station, user = stations[index % 2], packers[index % 3 if index % 5 else 0]
        for scanned in (code, *scans, command_code(Command.SEAL)):
            service.handle(station, user, scanned)
    clock["now"] = start + timedelta(minutes=packages * 2 + 5)
    service.handle(stations[0], packers[0], codes[packages])
    for scanned in scans[:5]:
        service.handle(stations[0], packers[0], scanned)


def add_letters(workspace: Workspace) -> None:
    letters = workspace.letter_service()
    campaign = workspace.campaigns()[0]
    letters.register(campaign.id, [str(n) for n in range(300, 330)], received=True)
    letters.register(campaign.id, [str(n) for n in range(400, 420)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--translations", type=Path, help="a file with dicts RU and UK of proposed translations")
    args = parser.parse_args(argv)
    qInstallMessageHandler(lambda *_args: None)  # the offscreen plugin's notices
    app = QApplication(sys.argv[:1])
    if args.translations:
        add_translations(args.translations)
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)  # never the user's
        configure_application(app)
        workspace = Workspace.open(Path(folder) / "packline.db")
        create_demo(workspace.db, "Demo", recipients=2000)
        pack_a_day(workspace)
        add_letters(workspace)
        sample = Path(folder) / "список.csv"
        sample.write_bytes("№;Фамилия;Имя;Отчество;Дата рождения;Место содержания\r\n"
                           "1;Иванов;Иван;Иванович;01.02.1980;СИЗО-1, г. Симферополь\r\n"
                           "2;Шевченко;Тарас;Григорович;09.03.1974;ИК-2, г. Торез\r\n"
                           "3;Петренко;Олег;;31.02.1990;СИЗО-3\r\n".encode("cp1251"))
        rows = [line.split(";") for line in sample.read_bytes().decode("cp1251").splitlines()]
        workbook = write_xlsx(Path(folder) / "список.xlsx", [["Список передачі"], ["Кампанія: Зима"]],
                              sheet="Обкладинка", extra_sheets={"Список": rows})
        window = MainWindow(workspace)
        window.resize(*SIZE)
        window.show()
        OUT.mkdir(parents=True, exist_ok=True)
        stock = window.stack.widget(2 + 1)
        for language in ("en", "ru", "uk"):
            window.choose_language(language)
            for key in SCREENS:
                window.show_screen(key)
                screen = window.stack.currentWidget()
                if key == "recipients":
                    screen.show_recipient(screen.model.recipient_id(2))
                if key == "stock":
                    stock.compute_plan()
                    window.tasks.wait()
                if key == "catalog":
                    screen.items.table.selectRow(3)
                for _round in range(5):
                    app.processEvents()
                window.tasks.wait()
                for _round in range(5):  # what the finished task showed, laid out as a user would see it
                    app.processEvents()
                save(window.grab(), f"{key}-{language}.png")
            wizard = window.open_import(path=str(sample))
            wizard.next()
            app.processEvents()
            save(wizard.grab(), f"import-{language}.png")
            wizard.next()
            window.tasks.wait()
            for _round in range(5):
                app.processEvents()
            save(wizard.grab(), f"import-check-{language}.png")
            wizard.reject()
            wizard.deleteLater()
            wizard = window.open_import(path=str(workbook))  # the list on a workbook's second sheet
            wizard.next()
            app.processEvents()
            save(wizard.grab(), f"import-sheets-{language}.png")
            wizard.reject()
            wizard.deleteLater()
        window.close()
        workspace.close()
    return 0


def save(image, name: str) -> None:
    target = OUT / name
    image.save(str(target))
    print(target)


if __name__ == "__main__":
    sys.exit(main())
