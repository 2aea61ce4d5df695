"""Make the Handover screenshots in docs/screenshots (1,280 x 720, inside the main window).

    uv run python -m tests.ui.handover.screenshots [en ru uk]     (default: all three)

A demo campaign of 2,000 recipients with 40 packages packed through ScanService; a signed batch of two
cartons and loose packages, being received: most checked in, one damaged, one extra.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from models.core.i18n import set_language  # noqa: E402
from models.handover.records import HandoverDetails, PartyDetails  # noqa: E402
from models.storage.opening import open_database  # noqa: E402
from tests.support.handover_fixtures import SUPERVISOR_PIN, build  # noqa: E402
from ui.app import configure_application  # noqa: E402
from ui.handover import build_handover_screen  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.qt_translations import install_qt_translations  # noqa: E402

OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
SIZE = (1280, 720)
DETAILS = HandoverDetails(
    place="м. Київ, склад № 2", sending=PartyDetails("Благодійний фонд «Рідні»", "Ковальчук Г. І.", "Координаторка"),
    mediator=PartyDetails("International Committee", "Jean Dupont", "Delegate"),
    receiving=PartyDetails("Учреждение № 12", "Петров А. В.", "Представитель"), vehicle="Вантажівка",
    registration="AA 1234 BB", driver="Петренко О. М.", seal_numbers=("0045123", "0045124"))


def prepare(folder: Path):  # type: ignore[no-untyped-def]
    path = folder / "packline.db"
    demo = build(open_database(path), path, recipients=2000, packages=40)
    service, station, user = demo.workspace.batch_service(), demo.station, demo.supervisor
    cartons = [service.create_carton(station, user, demo.campaign.id).carton_code for _ in range(3)]
    batch = service.create_batch(station, user, demo.campaign.id, DETAILS).batch_code
    for carton, codes in zip(cartons, (demo.sealed[:12], demo.sealed[12:22], demo.sealed[30:36]), strict=True):
        for code in codes:
            service.put_in_carton(station, user, carton, code)
    for code in [*cartons[:2], *demo.sealed[22:28]]:
        service.add(station, user, batch, code)
    service.close(station, user, batch)
    service.sign(station, user, batch)
    other = service.create_batch(station, user, demo.campaign.id).batch_code
    service.add(station, user, other, cartons[2])
    receiving = demo.workspace.receiving_service()
    for code in demo.sealed[:20]:
        receiving.scan(station, user.name, batch, code)
    receiving.scan(station, user.name, batch, demo.sealed[21], damaged=True, note="wet corner")
    return demo, batch


def main(argv: list[str] | None = None) -> int:
    languages = [arg for arg in (argv if argv is not None else sys.argv[1:]) if arg in ("en", "ru", "uk")]
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)  # never the user's
        configure_application(app)
        demo, batch = prepare(Path(folder))
        screen = build_handover_screen(demo.workspace)
        window = MainWindow(demo.workspace, screens={"handover": screen})
        window.resize(*SIZE)
        window.show()
        window.show_screen("handover")
        screen.user_name.setText("Supervisor")
        screen.user_pin.setText(SUPERVISOR_PIN)
        screen.sign_in()
        screen.refresh(keep=batch)
        screen.set_mode("receive")
        screen.handle_scan(demo.sealed[36])
        OUT.mkdir(parents=True, exist_ok=True)
        for language in languages or ["en", "ru", "uk"]:
            window.choose_language(language)
            app.processEvents()
            target = OUT / f"handover-{language}.png"
            window.grab().save(str(target))
            print(target)
        set_language("en")
        install_qt_translations("en")
        screen.scanner.uninstall()
        window.close()
        demo.workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
