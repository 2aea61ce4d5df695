"""Item categories: the built-in ones are shown in the reader's language; a coordinator's own are their words.

A category is stored as a key ("food", "tobacco", or whatever a catalog file or a coordinator wrote), and the
campaign's forbidden categories name those keys. The built-in keys (the demo's, the catalog template's) have
translations; every other category is shown as written. What a user types is read back to a key in any of the
three languages, so "табак" typed into a Russian window forbids the items of "tobacco".
"""

from __future__ import annotations

from models.core.i18n import LANGUAGES, N_, Translator, _, translator

BUILT_IN: dict[str, str] = {
    "food": N_("food"), "hygiene": N_("hygiene"), "clothing": N_("clothing"), "medicine": N_("medicine"),
    "stationery": N_("stationery"), "tobacco": N_("tobacco"), "alcohol": N_("alcohol"),
    "electronics": N_("electronics"), "other": N_("other"),
}


def category_name(key: str, language: Translator | None = None) -> str:
    """The category as the reader says it (the current language unless `language` is given)."""
    if key not in BUILT_IN:
        return key
    return language.gettext(BUILT_IN[key]) if language is not None else _(BUILT_IN[key])


def category_key(text: str) -> str:
    """The stored key of a category a user typed or chose, in any language; other text is its own key."""
    typed = text.strip()
    folded = typed.casefold()
    for key, message in BUILT_IN.items():
        if folded == key or any(folded == translator(lang).gettext(message).casefold() for lang in LANGUAGES):
            return key
    return typed
