"""Make the main-window screenshots in docs/screenshots (1,280 x 720, 2,000 demo recipients).

    uv run python -m tests.ui.screenshots
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.workspace import Workspace  # noqa: E402
from models.demo.campaign import create_demo  # noqa: E402
from ui.app import build_operational_screens, configure_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZE = (1280, 720)


def demo_workspace(folder: Path) -> Workspace:
    workspace = Workspace.open(folder / "packline.db")
    create_demo(workspace.db, "Demo", recipients=2000)
    return workspace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)  # never the user's
        configure_application(app)
        workspace = demo_workspace(Path(folder))
        window = MainWindow(workspace, screens=build_operational_screens(workspace))
        window.show_screen("recipients")
        window.resize(*SIZE)
        window.show()
        OUT.mkdir(parents=True, exist_ok=True)
        for language in ("en", "ru", "uk"):
            window.choose_language(language)
            app.processEvents()
            target = OUT / f"main-window-{language}.png"
            window.grab().save(str(target))
            print(target)
        window.close()
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
