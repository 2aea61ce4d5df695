import pytest

from models.core import settings
from models.core.errors import RefusedInput
from models.core.settings import Settings
from models.storage import common
from models.storage.settings_table import SettingsTable


def test_defaults_until_set_then_typed_values(db):
    store = Settings(SettingsTable(db))
    assert store.get(settings.LABEL_LAYOUT) == "100x150"
    assert store.get(settings.SOUND_VOLUME) == 80
    store.set(settings.SOUND_VOLUME, 35)
    store.set(settings.LABEL_LAYOUT, "a6")
    assert store.get(settings.SOUND_VOLUME) == 35 and isinstance(store.get(settings.SOUND_VOLUME), int)
    assert Settings(SettingsTable(db)).get(settings.LABEL_LAYOUT) == "a6"


def test_bad_values_are_refused_and_not_stored(db):
    store = Settings(SettingsTable(db))
    with pytest.raises(RefusedInput, match="Sound volume"):
        store.set(settings.SOUND_VOLUME, 101)
    with pytest.raises(RefusedInput, match="Label layout"):
        store.set(settings.LABEL_LAYOUT, "a3")
    assert common.get_setting(db, settings.SOUND_VOLUME.key) is None


def test_a_damaged_stored_value_falls_back_to_the_default(db):
    common.set_setting(db, settings.IDLE_SIGN_OUT_MINUTES.key, "soon")
    common.set_setting(db, settings.LANGUAGE.key, "de")
    store = Settings(SettingsTable(db))
    assert store.get(settings.IDLE_SIGN_OUT_MINUTES) == 15
    assert store.get(settings.LANGUAGE) == "en"
