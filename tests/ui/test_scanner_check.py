"""The scanner test's diagnosis, from the keys a scanner typed for the test sheet's code (plain pytest)."""

from __future__ import annotations

from models.core.codes import SCANNER_TEST_CODE, classify
from ui.scanner_check import Key, Level, check_reads

AZERTY = dict(zip("1234567890", "&é\"'(-è_çà", strict=True))


def read(code: str = SCANNER_TEST_CODE, *, start: float = 0.0, gap: float = 4.0, suffix: str = "Enter",
         layout: dict[str, str] | None = None, pause_at: int | None = None, pause: float = 0.0) -> list[Key]:
    keys, at = [], start
    for index, char in enumerate(code):
        if index and index == pause_at:
            at += pause
        keys.append(Key((layout or {}).get(char, char), char, at))
        at += gap
    if suffix:
        keys.append(Key("", "", at, terminator=suffix))
    return keys


def levels(keys: list[Key]) -> list[Level]:
    return [finding.level for finding in check_reads(keys)]


def test_the_test_code_is_never_taken_for_a_package():
    assert not classify(SCANNER_TEST_CODE).ok


def test_a_well_set_scanner_passes_every_point():
    assert levels(read()) == [Level.OK] * 6


def test_a_french_layout_is_named_and_works():
    findings = check_reads(read(layout=AZERTY))
    assert findings[1].level is Level.NOTE and "&é" in findings[1].text
    assert [f.level for f in findings if f is not findings[1]] == [Level.OK] * 5


def test_a_prefix_and_a_suffix_are_told_apart_from_a_symbology_identifier():
    assert check_reads(read("]C0" + SCANNER_TEST_CODE))[2].level is Level.OK
    prefixed = check_reads(read("AB" + SCANNER_TEST_CODE))[2]
    assert prefixed.level is Level.PROBLEM and '"AB"' in prefixed.text
    suffixed = check_reads(read(SCANNER_TEST_CODE + "X"))[3]
    assert suffixed.level is Level.PROBLEM and '"X"' in suffixed.text


def test_no_suffix_and_tab_are_notes():
    assert check_reads(read(suffix=""))[3].level is Level.NOTE
    assert check_reads(read(suffix="Tab"))[3].level is Level.NOTE


def test_pauses_are_measured_and_judged():
    assert "65 ms" in check_reads(read(pause_at=9, pause=61))[4].text
    assert check_reads(read(pause_at=9, pause=61))[4].level is Level.NOTE
    cut = check_reads(read(pause_at=9, pause=500))
    assert [f.level for f in cut] == [Level.PROBLEM] and "504 ms" in cut[0].text and "cut" in cut[0].text


def test_a_double_read_is_a_note_and_a_later_second_scan_is_not():
    twice = read() + read(start=100.0)
    assert check_reads(twice)[5].level is Level.NOTE
    later = read() + read(start=2000.0)
    assert check_reads(later)[5].level is Level.OK


def test_another_code_is_named():
    findings = check_reads(read("4601234567893"))
    assert len(findings) == 1 and findings[0].level is Level.PROBLEM and "4601234567893" in findings[0].text


def test_nothing_read_says_nothing():
    assert check_reads([]) == []
