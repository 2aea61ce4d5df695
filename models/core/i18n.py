"""The one translation layer: stdlib gettext, usable without Qt.

Source strings are English. Each top-level package has its own gettext domain (`models` -> core,
`printing` -> printing, `ui` -> ui) so catalogs stay small; a `Translator` chains them all.
Documents choose their language per call (`translator("uk")`); the screens use the process-wide
language set by `set_language` through `_` and `ngettext` (the command line: `language_from_environment`).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache

from resources import LOCALE

LANGUAGES: tuple[str, ...] = ("en", "ru", "uk")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "uk": "Українська"}
DOMAINS: tuple[str, ...] = ("core", "printing", "ui")
DEFAULT_LANGUAGE = "en"


class Translator:
    """Translations of one language across every domain."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"Unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
        self.language = language
        chain: gettext.NullTranslations = gettext.NullTranslations()
        if language != "en":
            for domain in reversed(DOMAINS):
                found = gettext.translation(domain, LOCALE, [language], fallback=True)
                found.add_fallback(chain)
                chain = found
        self._chain = chain

    def gettext(self, message: str) -> str:
        return self._chain.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._chain.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._chain.pgettext(context, message)


@cache
def translator(language: str) -> Translator:
    return Translator(language)


_current: Translator = translator(DEFAULT_LANGUAGE)


LANGUAGE_VARIABLE = "PACKLINE_LANGUAGE"


def language_from_environment(environ: Mapping[str, str]) -> str:
    """The language for the command line: PACKLINE_LANGUAGE, else the system's (LC_ALL, LC_MESSAGES, LANG,
    as `uk_UA.UTF-8`), when Packline speaks it; else English."""
    for variable in (LANGUAGE_VARIABLE, "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            language = value.split(".")[0].split("_")[0].lower()
            return language if language in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    global _current
    _current = translator(language)


def current_language() -> str:
    return _current.language


def _(message: str) -> str:
    """Translate into the current UI language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate a word whose translation depends on what it is said of ("open" campaign or batch)."""
    return _current.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a message for translation where the language is not known yet; translate it later."""
    return message
