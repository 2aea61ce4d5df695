"""Translation catalogs: complete for ru and uk, compiled catalogs in step, plural forms right."""

import importlib.util
from pathlib import Path

import pytest

from models.core.i18n import LANGUAGES, translator
from resources import LOCALE

spec = importlib.util.spec_from_file_location("catalogs", LOCALE / "catalogs.py")
catalogs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(catalogs)


@pytest.mark.parametrize("language", catalogs.TRANSLATED)
@pytest.mark.parametrize("domain", list(catalogs.DOMAIN_SOURCES))
def test_catalog_is_complete_and_compiled(language, domain):
    template = catalogs.extract(domain)
    catalog = catalogs.load(language, domain)
    po = catalogs.po_path(language, domain)
    missing = [message.id for message in template
               if message.id and catalog.get(message.id, context=message.context) is None]
    assert not missing, f"{po}: run `uv run python resources/locale/catalogs.py`; missing {missing[:10]}"
    untranslated = catalogs.untranslated(catalog)
    assert not untranslated, f"{po}: untranslated {untranslated[:10]}"
    assert Path(po.with_suffix(".mo")).read_bytes() == catalogs.compiled(catalog), f"{po}: .mo out of date"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    """A translation that drops or renames a {placeholder} would crash .format() at run time."""
    import re

    field = re.compile(r"{(\w*)}")
    for domain in catalogs.DOMAIN_SOURCES:
        if language == "en":
            continue
        for message in catalogs.load(language, domain):
            if not message.id or not message.string:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            expected = set(field.findall(ids[-1]))
            for text in strings:
                assert set(field.findall(text)) <= expected | set(field.findall(ids[0])), (domain, message.id)


def test_a_word_said_of_a_campaign_is_translated_apart():
    """"open" of a batch and of a campaign differ in Russian and Ukrainian (gender): the context tells them apart."""
    ru = translator("ru")
    assert ru.pgettext("campaign", "open") == "открыта" and ru.gettext("open") != "открыта"


def test_plural_forms_have_three_forms_in_ru_and_uk():
    for language in ("ru", "uk"):
        catalog = catalogs.load(language, "core")
        assert catalog.num_plurals == 3
    assert translator("en").ngettext("{n} package", "{n} packages", 1) == "{n} package"
