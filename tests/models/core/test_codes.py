from hypothesis import given
from hypothesis import strategies as st

from models.core import codes
from models.core.codes import CodeKind, CodeProblem, Command

ISSUED_KINDS = [CodeKind.PACKAGE, CodeKind.LETTER, CodeKind.CARTON, CodeKind.BATCH]
serials = st.integers(min_value=0, max_value=10**9 - 1)


prefixes = st.sampled_from([codes.DEFAULT_COMPANY_PREFIX, "4601234", "4820000123"])


def fitting(serial, prefix):
    """A serial that fits beside `prefix`, with room left for the serials issue_codes skips."""
    return serial % (10 ** (codes.CODE_LENGTH - 2 - len(prefix)) // 2)


def issued(kind, serial, prefix=codes.DEFAULT_COMPANY_PREFIX):
    [code], _next = codes.issue_codes(kind, fitting(serial, prefix), 1, prefix)
    return code


@given(st.sampled_from(ISSUED_KINDS), serials, prefixes)
def test_every_issued_code_classifies_back_to_its_kind(kind, serial, prefix):
    code = issued(kind, serial, prefix)
    assert len(code) == 18 and code.isdigit()
    scanned = codes.classify(code)
    assert scanned.ok and scanned.kind is kind and scanned.value == code
    assert codes.serial_of(code, prefix) >= fitting(serial, prefix)


@given(st.sampled_from(ISSUED_KINDS), serials, prefixes, st.integers(0, 17), st.integers(1, 9))
def test_any_single_wrong_digit_is_detected(kind, serial, prefix, position, delta):
    code = issued(kind, serial, prefix)
    wrong = code[:position] + str((int(code[position]) + delta) % 10) + code[position + 1 :]
    assert not codes.classify(wrong).ok


@given(st.sampled_from(ISSUED_KINDS + [CodeKind.COMMAND]), serials, st.integers(0, 16))
def test_any_swap_of_two_adjacent_digits_is_detected(kind, serial, position):
    code = issued(kind, serial)
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    if swapped != code:
        assert not codes.classify(swapped).ok


def test_issued_serials_never_repeat_and_skip_unsafe_codes():
    first, next_serial = codes.issue_codes(CodeKind.PACKAGE, 1, 500)
    second, _ = codes.issue_codes(CodeKind.PACKAGE, next_serial, 500)
    assert len(set(first + second)) == 1000
    assert all(codes.is_transposition_safe(code) for code in first + second)
    assert not codes.is_transposition_safe("150")


def test_scanner_decorations_are_accepted():
    code = codes.make_code(CodeKind.PACKAGE, 123)
    for raw in (code, f"00{code}", f"]C1{code}", f"]C100{code}", f"\x1d00{code}", f"  {code}\r\n", f"{code}\t",
                f"]C1\x1d00{code}\r", f"(00){code}"):
        scanned = codes.classify(raw)
        assert scanned.ok and scanned.kind is CodeKind.PACKAGE and scanned.value == code, repr(raw)


def test_company_prefix_changes_code_but_not_kind():
    code = codes.make_code(CodeKind.LETTER, 77, company_prefix="4601234")
    assert code.startswith("24601234")
    assert codes.classify(code).kind is CodeKind.LETTER


def test_commands_classify_to_their_command():
    for command in Command:
        code = codes.command_code(command)
        scanned = codes.classify(code)
        assert scanned.kind is CodeKind.COMMAND and scanned.command is command
        assert codes.is_transposition_safe(code)


def test_unknown_command_serial_is_refused():
    scanned = codes.classify(codes.make_code(CodeKind.COMMAND, 999))
    assert scanned.kind is CodeKind.COMMAND and scanned.problem is CodeProblem.UNKNOWN_COMMAND


def test_unknown_extension_digit():
    body = "5" + "0" * 16
    assert codes.classify(body + codes.check_digit(body)).problem is CodeProblem.UNKNOWN_EXTENSION


def test_item_barcodes_classify_as_items_and_are_checked():
    for good in ("4006381333931", "96385074", "036000291452", "10614141000415"):
        assert codes.classify(good).kind is CodeKind.ITEM and codes.classify(good).ok
    bad = codes.classify("4006381333932")
    assert bad.kind is CodeKind.ITEM and bad.problem is CodeProblem.BAD_CHECK_DIGIT


def test_garbage_is_unknown_with_a_reason():
    assert codes.classify("").problem is CodeProblem.EMPTY
    assert codes.classify("   \r\n").problem is CodeProblem.EMPTY
    assert codes.classify("ЙЦУКЕН").problem is CodeProblem.NOT_DIGITS
    assert codes.classify("١٢٣٤٥٦٧٨").problem is CodeProblem.NOT_DIGITS  # non-ASCII digits
    assert codes.classify("12345").problem is CodeProblem.BAD_LENGTH


@given(st.text(max_size=40))
def test_classify_never_crashes(raw):
    scanned = codes.classify(raw)
    assert scanned.kind in CodeKind


def test_item_barcode_validation_refuses_and_never_corrects():
    assert codes.validate_item_barcode(" 4006381333931 ") == "4006381333931"
    for bad, reason in (("4006381333932", "check digit"), ("400638133393", "check digit"),
                        ("40063813339312", "check digit"), ("123", "digits"), ("40063813339a1", "digits only")):
        try:
            codes.validate_item_barcode(bad)
        except ValueError as exc:
            assert reason in str(exc)
        else:
            raise AssertionError(f"{bad} accepted")


def test_make_code_refuses_bad_input():
    import pytest

    with pytest.raises(ValueError):
        codes.make_code(CodeKind.ITEM, 1)
    with pytest.raises(ValueError):
        codes.make_code(CodeKind.PACKAGE, 10**9)
    with pytest.raises(ValueError):
        codes.make_code(CodeKind.PACKAGE, 1, company_prefix="12")
