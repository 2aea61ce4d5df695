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
    assert detector.idle(last + 80).scans == [CODE]
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
