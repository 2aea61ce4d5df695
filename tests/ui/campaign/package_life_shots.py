"""Campaign > List decisions and Campaign > Void or replace a package in pictures, in a real window under Xvfb at
1,280 x 720, in English, Russian and Ukrainian (a demo with sealed packages and a corrected list).

    xvfb-run -a -s "-screen 0 1280x720x24" env QT_QPA_PLATFORM=xcb uv run python -m tests.ui.campaign.package_life_shots

Written to docs/screenshots/life-*.png.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from models.campaigns import reference
from models.campaigns.list_versions import ListSource
from tests.support.handover_fixtures import current_list, packed_demo
from ui.app import build_operational_screens, configure_application
from ui.main_window import MainWindow

SIZE = (1280, 720)
OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def save(widget: QWidget, name: str, language: str) -> None:
    QApplication.processEvents()
    target = OUT / f"life-{name}-{language}.png"
    widget.grab().save(str(target))
    print(target, widget.width(), widget.height())


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder_name:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder_name)
        configure_application(app)
        demo = packed_demo(Path(folder_name), recipients=30, packages=12)
        people = current_list(demo)
        corrected = [replace(p, surname="Петренко") if index in (0, 3) else
                     replace(p, place="СІЗО № 2") if index == 5 else p
                     for index, p in enumerate(people) if index not in (7, 20)]
        reference.save_recipients(demo.db, demo.campaign, corrected, source=ListSource("список-2.csv", "2" * 64),
                                  user="coordinator")
        window = MainWindow(demo.workspace, demo.campaign.id,
                            screens=build_operational_screens(demo.workspace))
        window.resize(*SIZE)
        window.show()
        for language in ("en", "ru", "uk"):
            window.choose_language(language)
            dialog = window.campaign_menu.show_decisions()
            dialog.resize(SIZE[0] - 40, SIZE[1] - 80)
            dialog.table.selectRow(0)
            save(dialog, "decisions", language)
            dialog.close()
            void = window.campaign_menu.void_package()
            void.code.setText(demo.sealed[10])
            void.reason.setText("коробка порвана")
            void.adjustSize()
            save(void, "void", language)
            void.close()
        window.close()
        demo.workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
