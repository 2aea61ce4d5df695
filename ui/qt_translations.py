"""Qt's own texts (standard buttons, dialogs) come from Qt's translations, in the UI language."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from models.core.i18n import current_language, set_language
from models.core.settings import LANGUAGE, Settings

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


class HasSettings(Protocol):
    def settings(self) -> Settings: ...


def apply_language_setting(services: HasSettings) -> str:
    """Switch the UI (and Qt's own texts) to the language stored in the station's settings."""
    language = services.settings().get(LANGUAGE)
    if language != current_language():
        set_language(language)
        install_qt_translations(language)
    return language
