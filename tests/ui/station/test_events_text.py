"""The package's events as a packer reads them: every kind of event in words, in every language, and a label's
copy number as the label itself prints it."""

from __future__ import annotations

import pytest

from models.core import i18n
from models.core.events import Event, EventType
from ui.station.events_text import describe

PAYLOADS = {"item_id": 1, "line_no": 2, "code": "200000000000000012", "weight_g": 900, "reason": "wet",
            "copy": 2, "carton": "300000000000000011", "batch": "400000000000000017", "status": "damaged"}


def event(kind: str, **payload: object) -> Event:
    return Event("e1", "station", 1, "2026-12-01T10:00:00+00:00", "Olena", 1, kind, PAYLOADS | payload, 6, 1)


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_every_event_type_is_told_in_words(language: str) -> None:
    i18n.set_language(language)
    try:
        for kind in EventType:
            text = describe(event(kind.value), {1: "Чай"})
            assert text and kind.value not in text, (language, kind, text)
    finally:
        i18n.set_language("en")


def test_the_copy_shown_is_the_labels_own() -> None:
    assert describe(event("label_printed", copy=1), {}) == "Label printed"
    assert describe(event("label_printed", copy=2), {}) == "Label reprinted (COPY 1)"


def test_an_event_of_a_newer_packline_is_named_not_hidden() -> None:
    assert describe(event("teleported"), {}) == "Other event: teleported"
