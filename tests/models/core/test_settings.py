import pytest

from models import settings
from models.errors import RefusedInput
from models.settings import Settings
from models.storage import repositories as repo


def test_defaults_until_set_then_typed_values(db):
    store = Settings(db)
    assert store.get(settings.LABEL_LAYOUT) == "100x150"
    assert store.get(settings.SOUND_VOLUME) == 80
    store.set(settings.SOUND_VOLUME, 35)
    store.set(settings.LABEL_LAYOUT, "a6")
    assert store.get(settings.SOUND_VOLUME) == 35 and isinstance(store.get(settings.SOUND_VOLUME), int)
    assert Settings(db).get(settings.LABEL_LAYOUT) == "a6"


def test_bad_values_are_refused_and_not_stored(db):
    store = Settings(db)
    with pytest.raises(RefusedInput, match="Sound volume"):
        store.set(settings.SOUND_VOLUME, 101)
    with pytest.raises(RefusedInput, match="Label layout"):
        store.set(settings.LABEL_LAYOUT, "a3")
    assert repo.get_setting(db, settings.SOUND_VOLUME.key) is None


def test_a_damaged_stored_value_falls_back_to_the_default(db):
    repo.set_setting(db, settings.IDLE_SIGN_OUT_MINUTES.key, "soon")
    repo.set_setting(db, settings.LANGUAGE.key, "de")
    store = Settings(db)
    assert store.get(settings.IDLE_SIGN_OUT_MINUTES) == 15
    assert store.get(settings.LANGUAGE) == "en"
