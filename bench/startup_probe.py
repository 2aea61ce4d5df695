"""One start for bench/startup_bench.py: `app DB` (Packline's own start, through main.py) or `bare` (a bare
PySide6 window). Prints "painted" once the first top-level window has been painted, then quits.

The QApplication is made here, before main.py runs, only so that an event filter can see the first paint
(`ui.app.run_gui` takes the running application, as it does in tests); everything else is main.py's path.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class FirstPaint(QObject):
    """Says "painted" at the first paint of a top-level window, then ends the event loop."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app, self.done = app, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (not self.done and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.isWindow() and isinstance(watched, QMainWindow)):
            self.done = True
            print("painted", flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    painted = FirstPaint(app)
    app.installEventFilter(painted)
    if sys.argv[1] == "bare":
        window = QMainWindow()
        window.resize(1280, 720)
        window.show()
        return app.exec()
    import main as packline

    return packline.main(["--db", sys.argv[2]])


if __name__ == "__main__":
    sys.exit(main())
