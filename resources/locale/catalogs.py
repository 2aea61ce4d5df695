"""Keep the translation catalogs in step with the code.

    uv run python resources/locale/catalogs.py        # extract, merge into ru/uk .po, compile .mo

Each domain has its folders (models and app -> core, printing -> printing, ui -> ui). New messages appear
in the .po files with an empty translation; fill them in and run the script again. A message whose module moved
to a folder of another domain keeps the translation it had there. A test checks that every catalog is complete
and that the committed .mo files match the .po files.
"""

from __future__ import annotations

import copy
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parent
PROJECT = LOCALE.parent.parent
STABLE_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # keeps regenerated catalogs free of date churn
DOMAIN_SOURCES: dict[str, tuple[str, ...]] = {"core": ("models", "app"), "printing": ("printing",), "ui": ("ui",)}
TRANSLATED = ("ru", "uk")
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def extract(domain: str) -> Catalog:
    """The template: every message the domain's package marks for translation."""
    template = Catalog(project="Packline", domain=domain, fuzzy=False, creation_date=STABLE_DATE)
    for folder in DOMAIN_SOURCES[domain]:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(PROJECT / folder), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",)
        ):
            template.add(message, None, [(str(Path(folder) / filename), lineno)], auto_comments=comments,
                         context=context)
    return template


def known_translations(language: str) -> dict[object, object]:
    """Every translation the language's catalogs hold, of any domain, by message id (and context)."""
    known: dict[object, object] = {}
    for domain in DOMAIN_SOURCES:
        for message in load(language, domain):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.id and not message.fuzzy and all(strings):
                known[(message.context, message.id)] = message.string
    return known


def po_path(language: str, domain: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def load(language: str, domain: str) -> Catalog:
    path = po_path(language, domain)
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=language, domain=domain)
    return Catalog(locale=language, domain=domain, project="Packline", fuzzy=False)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def untranslated(catalog: Catalog) -> list[str]:
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def update() -> int:
    incomplete = 0
    known = {language: known_translations(language) for language in TRANSLATED}  # before any catalog changes
    for domain in DOMAIN_SOURCES:
        template = extract(domain)
        for language in TRANSLATED:
            catalog = load(language, domain)
            catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)  # babel shares the template's messages
            catalog.obsolete.clear()
            for message in catalog:
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if message.id and not all(strings) and (message.context, message.id) in known[language]:
                    message.string = known[language][(message.context, message.id)]
            catalog.revision_date = STABLE_DATE
            path = po_path(language, domain)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=110, omit_header=False, sort_output=False)
            path.with_suffix(".mo").write_bytes(compiled(catalog))
            missing = untranslated(catalog)
            incomplete += len(missing)
            for message_id in missing:
                print(f"{path.relative_to(PROJECT)}: untranslated: {message_id!r}")
    return 1 if incomplete else 0


if __name__ == "__main__":
    sys.exit(update())
