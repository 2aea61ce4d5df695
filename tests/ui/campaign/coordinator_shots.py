"""The coordinator's guide (docs/coordinator-guide.md) in pictures: from an empty database to the first sealed
package, in a real window under Xvfb at 1,280 x 720, in English, Russian and Ukrainian.

    xvfb-run -s "-screen 0 1280x720x24" env QT_QPA_PLATFORM=xcb uv run python -m tests.ui.campaign.coordinator_shots

Written to docs/screenshots/coordinator-*.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.workspace import Workspace
from models.core.cancel import CancelFlag
from models.core.codes import Command, command_code
from models.imports import ImportKind
from models.storage.opening import open_database
from tests.support.campaign_screens import type_text
from tests.support.import_files import RU_HEADER, write_csv
from tests.support.packing_fixtures import ean13
from ui.app import build_operational_screens, configure_application
from ui.campaign.campaign_dialog import CampaignDialog
from ui.main_window import MainWindow
from ui.station import StationScreen

SIZE = (1280, 720)
OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
LANGUAGES = ("en", "ru", "uk")


def save(widget: QWidget, name: str, language: str) -> None:
    QApplication.processEvents()
    target = OUT / f"coordinator-{name}-{language}.png"
    widget.grab().save(str(target))
    print(target, widget.width(), widget.height())


def files(folder: Path) -> tuple[Path, Path, Path]:
    catalog = write_csv(folder / "каталог.csv", [
        ["Наименование", "Категория", "Вес единицы, г", "Штрихкоды"],
        ["Чай чорний, 100 г", "food", "100", ean13(1001)], ["Мило, 90 г", "hygiene", "90", ean13(1002)],
        ["Шкарпетки вовняні", "clothing", "80", ean13(1003)]], encoding="cp1251")
    template = write_csv(folder / "шаблон.csv", [["№", "Товар", "Кол-во", "Обязательно", "Замены"],
                                                 ["1", "Чай чорний, 100 г", "2", "да", ""],
                                                 ["2", "Мило, 90 г", "1", "да", ""],
                                                 ["3", "Шкарпетки вовняні", "2", "нет", ""]], encoding="cp1251")
    people = write_csv(folder / "список.csv", [RU_HEADER, *[
        [str(number), surname, given, "", "", "СІЗО № 1"] for number, (surname, given) in enumerate(
            [("Іваненко", "Петро"), ("Ковальчук", "Олена"), ("Шевченко", "Тарас"), ("Бондар", "Мар'яна")],
            start=1)]], encoding="cp1251")
    return catalog, template, people


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder_name)
        configure_application(app)
        path = folder / "packline.db"
        workspace = Workspace(open_database(path), path)
        window = MainWindow(workspace, screens=build_operational_screens(workspace))
        window.resize(*SIZE)
        window.show()
        offer = window.offer_first_start()
        assert offer is not None
        for language in LANGUAGES:
            window.choose_language(language)  # the open dialog follows
            save(offer, "1-first-start", language)
        offer.real.click()
        dialog = window.campaign_menu.dialog
        assert isinstance(dialog, CampaignDialog)
        type_text(dialog.name, "Зима 2026")
        dialog.target.setValue(2000)
        dialog.max_weight.setValue(5000)
        dialog.tare.setValue(250)
        dialog.forbidden.setText("alcohol, tobacco")
        type_text(dialog.sending, "Фонд «Надія»")
        type_text(dialog.mediator, "МКЧХ")
        dialog.language.setCurrentIndex(dialog.language.findData("uk"))
        for language in LANGUAGES:
            window.choose_language(language)
            save(dialog, "2-new-campaign", language)
        dialog.save()
        checklist = window.campaign_menu.dialog
        assert isinstance(checklist, QDialog)
        window.choose_language("en")
        save(checklist, "3-checklist-new", "en")
        checklist.accept()

        campaign = window.campaign
        assert campaign is not None
        catalog, template, people = files(folder)
        imports = workspace.import_service()
        imports.run(ImportKind.CATALOG, catalog, None, flag=CancelFlag())
        imports.run(ImportKind.TEMPLATE, template, campaign, flag=CancelFlag())
        wizard = window.open_import(ImportKind.RECIPIENTS, str(people))
        assert wizard is not None
        for language in LANGUAGES:
            window.choose_language(language)
            save(wizard, "4-import", language)
        wizard.reject()
        imports.run(ImportKind.RECIPIENTS, people, campaign, flag=CancelFlag())
        corrected = write_csv(folder / "список-2.csv", [RU_HEADER, *[
            [str(number), surname, given, patronymic, "", place] for number, surname, given, patronymic, place in (
                (1, "Іваненко", "Петро", "Миколайович", "СІЗО № 1"), (2, "Ковальчук", "Олена", "", "СІЗО № 1"),
                (4, "Бондар", "Мар'яна", "", "СІЗО № 2"), (5, "Мельник", "Іван", "", "СІЗО № 1"))]],
                              encoding="cp1251")
        for language in LANGUAGES:
            window.choose_language(language)
            wizard = window.open_import(ImportKind.RECIPIENTS, str(corrected))
            assert wizard is not None
            wizard.next()
            wizard.next()
            while wizard.check_page.report is None:
                app.processEvents()
            save(wizard, "4b-corrected-list", language)
            wizard.reject()
        users = workspace.user_service()
        users.add("Олена", "admin", "4321", language="uk")
        users.add("Петро", "packer", "1111", language="uk")
        workspace.station_service().ensure("Склад 1")
        workspace.station_service().set_campaign(campaign.id)
        window.reload_campaigns(campaign.id)
        for language in LANGUAGES:
            window.choose_language(language)
            checklist = window.campaign_menu.show_checklist()
            assert checklist is not None
            save(checklist, "5-checklist", language)
            checklist.accept()
            printing = window.campaign_menu.print_documents()
            assert printing is not None
            save(printing, "6-print", language)
            printing.reject()

        station = window.screens[0]
        assert isinstance(station, StationScreen)
        station.session.station = workspace.station_service().identity()
        window.show_screen("station")
        station.start()
        station.sign_in.choose("Петро")
        station.sign_in.pin.setText("1111")
        station.sign_in.button.click()
        for code in (command_code(Command.NEXT_PACKAGE), ean13(1001), ean13(1001), ean13(1002),
                     command_code(Command.SEAL)):
            station.handle_scan(code)
        for language in LANGUAGES:
            window.choose_language(language)
            window.show_screen("station")
            save(window, "7-first-sealed", language)
        window.close()
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
