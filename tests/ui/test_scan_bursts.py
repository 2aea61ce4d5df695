import pytest

from ui.scan_bursts import BurstDetector

CODE = "100000000000000017"


def feed(detector, text, start, gap):
    decisions = []
    for index, char in enumerate(text):
        decisions.append(detector.character(char, char, start + index * gap))
    return decisions, start + (len(text) - 1) * gap


def test_fast_burst_ending_in_enter_is_one_scan():
    detector = BurstDetector()
    decisions, last = feed(detector, CODE, 0, 4)
    assert all(d.hold and not d.replay for d in decisions)
    end = detector.terminator("\r", last + 4)
    assert end.scans == [CODE] and end.hold


def test_cr_lf_suffix_gives_exactly_one_scan():
    detector = BurstDetector()
    _, last = feed(detector, CODE, 0, 3)
    assert detector.terminator("\r", last + 3).scans == [CODE]
    lf = detector.terminator("\n", last + 6)
    assert lf.hold and not lf.scans and not lf.replay
    # a later Enter is a person pressing Enter again, not part of the scan
    later = detector.terminator("\r", last + 1000)
    assert not later.hold and not later.scans


def test_human_typing_is_replayed_in_order():
    detector = BurstDetector()
    replayed = []
    for index, char in enumerate("4820001"):
        replayed += detector.character(char, char, index * 150).replay
    end = detector.terminator("\r", 7 * 150)
    replayed += end.replay
    assert "".join(replayed) == "4820001" and not end.scans and not end.hold


def test_short_fast_burst_is_typing_not_a_scan():
    detector = BurstDetector()
    _, last = feed(detector, "12", 0, 5)
    end = detector.terminator("\t", last + 5)
    assert end.replay == ["1", "2"] and not end.scans and not end.hold


def test_burst_without_suffix_ends_when_idle():
    detector = BurstDetector()
    _, last = feed(detector, CODE, 0, 5)
    assert detector.idle(last + 80).wait_ms == 120  # a scan may pause inside: wait a little longer
    assert detector.idle(last + 200).scans == [CODE]
    assert not detector.pending


def test_typing_followed_by_a_scan_keeps_both_apart():
    detector = BurstDetector()
    typed = detector.character("a", "a", 0)
    assert typed.hold
    decisions, last = feed(detector, CODE, 500, 4)
    assert decisions[0].replay == ["a"]
    assert detector.terminator("\r", last + 4).scans == [CODE]


def test_other_key_flushes_a_scan_or_typing():
    detector = BurstDetector()
    _, last = feed(detector, CODE, 0, 4)
    assert detector.other_key(last + 4).scans == [CODE]
    detector.character("x", "x", 10_000)
    assert detector.other_key(10_500).replay == ["x"]


EAN = "4820000000011"


def scan_with_pause(detector, code, split, pause, gap=3):
    """A scanner burst that stops for `pause` ms after `split` characters, then goes on and ends with Enter."""
    decisions, last = feed(detector, code[:split], 0, gap)
    more, last = feed(detector, code[split:], last + pause, gap)
    return [*decisions, *more], detector.terminator("\r", last + gap)


@pytest.mark.parametrize("pause", [65, 150, 280])
@pytest.mark.parametrize("split", [4, 7, 12])
def test_a_scan_with_a_pause_inside_is_one_scan(pause, split):
    """Bluetooth scanners and USB hubs pause inside a code; the code is joined, never lost or split."""
    detector = BurstDetector()
    decisions, end = scan_with_pause(detector, EAN, split, pause)
    assert end.scans == [EAN] and all(d.hold and not d.replay and not d.broken for d in decisions)


def test_a_pause_too_early_in_the_burst_gives_a_broken_scan_not_a_lost_one():
    """Two digits, then a pause: not yet evidently a scanner. The two are handed back (typing, or shown
    refused when no text field has focus) and the rest is a scan of its own, refused for its length."""
    detector = BurstDetector()
    decisions, end = scan_with_pause(detector, EAN, 2, 65)
    assert decisions[2].replay == ["4", "8"] and end.scans == [EAN[2:]]


def test_a_scan_that_stops_half_way_is_handed_back_as_broken():
    detector = BurstDetector()
    _, last = feed(detector, EAN[:7], 0, 3)
    assert detector.idle(last + 200).wait_ms == 100
    stopped = detector.idle(last + 300)
    assert [text for text, _keys in stopped.broken] == [EAN[:7]] and not stopped.scans and not stopped.replay


def test_a_short_scan_with_its_suffix_is_broken_not_a_stray_enter():
    detector = BurstDetector()
    _, last = feed(detector, "12345", 0, 3)
    end = detector.terminator("\r", last + 3)
    assert end.hold and [(text, keys) for text, keys in end.broken] == [("12345", ["1", "2", "3", "4", "5", "\r"])]


def test_a_double_read_is_counted_once_and_said():
    detector = BurstDetector()
    _, last = feed(detector, EAN, 0, 2)
    assert detector.terminator("\r", last + 2).scans == [EAN]
    _, last = feed(detector, EAN, last + 60, 2)
    again = detector.terminator("\r", last + 2)
    assert again.repeated == [EAN] and not again.scans
    _, last = feed(detector, EAN, last + 900, 2)
    assert detector.terminator("\r", last + 2).scans == [EAN]  # a person scanning the same item again


def test_fast_typing_of_words_is_typing_not_a_scan():
    """A person (or a tool) typing "Station 1" at 12 ms a key: letters are never a scanner's code."""
    detector = BurstDetector()
    replayed = []
    for index, char in enumerate("Station 1"):
        replayed += detector.character(char, char, index * 12).replay
    end = detector.terminator("\r", 9 * 12)
    assert "".join(replayed + end.replay) == "Station 1" and not end.scans and not end.hold
