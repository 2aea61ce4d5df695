"""Built-in item categories are shown in the reader's language and read back from any language."""

from __future__ import annotations

import pytest

from models.core.categories import BUILT_IN, category_key, category_name
from models.core.i18n import translator
from models.packing.scan_reasons import Reason, render


@pytest.mark.parametrize(("language", "tobacco"), [("en", "tobacco"), ("ru", "табак"), ("uk", "тютюн")])
def test_a_built_in_category_is_named_in_each_language_and_read_back(language, tobacco):
    assert category_name("tobacco", translator(language)) == tobacco
    assert category_key(tobacco.upper()) == "tobacco"


def test_every_built_in_category_has_a_name_of_its_own_in_each_language():
    for language in ("ru", "uk"):
        names = [category_name(key, translator(language)) for key in BUILT_IN]
        assert len(set(names)) == len(names)
        assert not set(names) & set(BUILT_IN), f"{language}: a category left in English"


def test_a_coordinator_s_own_category_is_shown_and_kept_as_written():
    assert category_name("Дитяче харчування", translator("ru")) == "Дитяче харчування"
    assert category_key("  Дитяче харчування ") == "Дитяче харчування"


def test_a_forbidden_category_refusal_names_it_in_the_packer_s_language():
    said = render(Reason.CATEGORY_FORBIDDEN, {"item": "Водка", "category": "alcohol"}, translator("uk"))
    assert "алкоголь" in said and "alcohol" not in said
