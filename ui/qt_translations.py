"""Qt's own texts (standard buttons, dialogs) come from Qt's translations, in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

_installed: list[QTranslator] = []


def install_qt_translations(language: str) -> bool:
    """Replace Qt's translator with the one for `language`; English needs none. True if one was loaded."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _installed:
        app.removeTranslator(_installed.pop())
    if language == "en":
        return False
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
