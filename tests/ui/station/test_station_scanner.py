"""Scanner input at the station: bursts wherever the focus is, suffixes, back-to-back bursts, keyboard
layouts, and the manual entry field for damaged labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from models.core import i18n
from tests.support.station_screens import BARCODES, NEXT

TEA = BARCODES["Чай чёрный листовой, 100 г"]
SUGAR = BARCODES["Сахар-рафинад, 500 г"]


def scanned_total(station):
    return sum(station.counts())


def test_a_scan_while_the_focus_is_in_another_field_is_not_typed_into_it(station):
    station.scan(NEXT)
    station.screen.side.weight.setFocus()
    station.scan(TEA)
    assert station.screen.side.weight.text() == ""
    assert scanned_total(station) == 1
    station.screen.manual.setFocus()
    station.scan(SUGAR)
    assert station.screen.manual.text() == ""
    assert scanned_total(station) == 2


@pytest.mark.parametrize("suffix", ["\r", "\t", "\r\n"])
def test_every_suffix_gives_exactly_one_scan(station, suffix):
    station.scan(NEXT, suffix=suffix)
    station.scan(TEA, suffix=suffix)
    assert scanned_total(station) == 1


def test_a_burst_without_suffix_ends_on_silence(qtbot, station):
    station.scan(NEXT)
    for char in TEA:
        station.keys.press(char, gap=3)
    station.keys.clock.now += 250  # the silence the idle timer waits out, on the fake clock
    qtbot.waitUntil(lambda: scanned_total(station) == 1, timeout=3000)


def test_two_bursts_back_to_back_are_two_scans(station):
    """Two codes with nothing between them but the first one's Enter (the same code so soon is a double read:
    see below)."""
    station.scan(NEXT)
    for code in (TEA, SUGAR):
        for char in code:
            station.keys.press(char, gap=2)
        station.keys.press("\r", Qt.Key.Key_Return, gap=2)
    assert scanned_total(station) == 2


def test_bursts_under_a_russian_layout_and_ui(station):
    """Russian and Ukrainian layouts keep the digit row; the codes arrive unchanged, and the UI is Russian."""
    i18n.set_language("ru")
    station.screen.retranslate()
    for char in NEXT:
        station.keys.press(char, gap=3, scan_code=10 + (int(char) - 1) % 10)
    station.keys.press("\r", Qt.Key.Key_Return)
    assert station.view() is not None
    i18n.set_language("en")
    station.screen.retranslate()


def test_a_french_layout_digit_row_is_mapped_back(station):
    azerty = NEXT.translate(str.maketrans("1234567890", "&é\"'(-è_çà"))
    for char in azerty:
        station.keys.press(char, Qt.Key.Key_unknown, gap=3)
    station.keys.press("\r", Qt.Key.Key_Return)
    assert station.view() is not None


def test_a_damaged_label_typed_by_hand(station):
    station.screen.commands.action("manual").trigger()
    assert station.screen.manual.hasFocus()
    station.keys.type_slowly(NEXT, gap=150)
    station.keys.press("\r", Qt.Key.Key_Return, gap=150)
    assert station.view() is not None
    assert station.screen.manual.text() == ""


@pytest.mark.parametrize("pause", [65, 150])
def test_a_scan_with_a_pause_inside_counts_once(station, pause):
    """A Bluetooth scanner or a USB hub pausing inside a code: the item still counts, once."""
    station.scan(NEXT)
    for index, char in enumerate(SUGAR):
        station.keys.press(char, gap=pause if index == 6 else 3)
    station.keys.press("\r", Qt.Key.Key_Return)
    assert scanned_total(station) == 1 and station.screen.refusal.outcome is None


def test_a_double_read_counts_once_and_says_so(station):
    station.scan(NEXT)
    for _ in range(2):
        for char in TEA:
            station.keys.press(char, gap=2)
        station.keys.press("\r", Qt.Key.Key_Return, gap=2)
        station.keys.clock.now += 40
    assert scanned_total(station) == 1
    assert "read twice and counted once" in station.screen.message.text()
    station.keys.clock.now += 1000
    station.scan(TEA)  # the packer scans a second packet of tea
    assert scanned_total(station) == 2


def test_a_scan_cut_short_is_refused_not_lost(station):
    """Half a code and its Enter: refused with the red screen, nothing counted, nothing silently dropped."""
    station.scan(NEXT)
    for char in SUGAR[:5]:
        station.keys.press(char, gap=3)
    station.keys.press("\r", Qt.Key.Key_Return)
    assert station.screen.refusal.outcome is not None and SUGAR[:5] in station.screen.refusal.outcome.message
    assert scanned_total(station) == 0
