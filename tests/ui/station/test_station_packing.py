"""The station screen driven as a packer drives it: scanner bursts (key events plus Enter) and function
keys, checked against what the screen shows and what the database stored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from models.core.codes import CodeKind, check_digit, make_code
from models.packing.scan_reasons import Reason
from models.packing.states import PackageState
from tests.support.pdfcheck import normalise, page_texts
from tests.support.station_screens import (
    ACK,
    BARCODES,
    NEXT,
    NOT_IN_TEMPLATE,
    REPRINT,
    SEAL,
    TOBACCO,
    UNDO,
    template_scans,
)
from ui.station.checklist_model import LOOK_ROLE, LineLook
from ui.station.feedback import Sound

TEA = BARCODES["Чай чёрный листовой, 100 г"]
MILK = BARCODES["Молоко сгущённое, 380 г"]


def key(station, name):
    QTest.keyClick(station.screen, name)


def look(station, row):
    model = station.screen.package.model
    return model.data(model.index(row, 0), LOOK_ROLE)


def test_no_package_open_at_first(station):
    assert station.view() is None
    assert "package label" in station.screen.package.details_label.full_text()


def test_whole_package_from_open_to_seal_prints_the_label(station):
    station.scan(NEXT)
    view = station.view()
    assert view is not None and view.state is PackageState.OPEN
    surname = view.recipient.surname
    assert station.screen.package.name_label.full_text() == view.recipient.full_name
    assert station.screen.last_outcome.reason is Reason.PACKAGE_OPENED

    for code in template_scans():
        station.scan(code)
        assert station.player.played[-1] is Sound.ACCEPTED
    lines = station.view().lines
    assert [look(station, row) for row in range(len(lines))] == [
        LineLook.MET if line.state.required else LineLook.OPTIONAL for line in lines]

    station.scan(SEAL)
    assert station.player.played[-1] is Sound.SEALED
    assert station.view().state is PackageState.SEALED
    assert len(station.sink.jobs) == 1
    job = station.sink.jobs[0]
    assert job.copy_number == 0 and job.package_code == view.code
    text = normalise(" ".join(page_texts(job.pdf())))
    assert surname in text and "COPY" not in text
    # The label printed at sealing is recorded as copy 1.
    assert station.view().label_copies == 1
    assert station.screen.package.state_label.text() == "Sealed"


def test_a_line_turns_green_when_its_quantity_is_met(station):
    station.scan(NEXT, TEA)
    row = station.screen.package.model.row_of(3)
    assert look(station, row) is LineLook.STARTED
    assert station.screen.message.flashing
    station.scan(TEA)
    assert look(station, row) is LineLook.MET
    assert station.counts()[row] == 2


def test_the_green_flash_fades(qtbot, station):
    station.scan(NEXT, TEA)
    assert station.screen.message.flashing
    qtbot.waitUntil(lambda: not station.screen.message.flashing, timeout=3000)


def test_a_wrong_item_is_refused_until_acknowledged(station):
    station.scan(NEXT, TEA)
    before = station.counts()
    station.scan(TOBACCO)
    refusal = station.screen.refusal
    assert refusal.isVisible()
    assert refusal.geometry() == station.screen.window().rect()
    assert "Сигареты" in refusal.reason.text()
    assert refusal.hint.text().startswith("Put the item aside")
    assert station.player.played[-1] is Sound.REFUSED

    station.scan(TEA)  # refused while the panel waits
    assert station.counts() == before
    assert refusal.isVisible()
    assert station.screen.last_outcome.reason is Reason.AWAITING_ACKNOWLEDGEMENT

    QTest.keyClick(station.screen, Qt.Key.Key_Space)  # an ordinary key does not dismiss it
    assert refusal.isVisible()
    key(station, Qt.Key.Key_Escape)
    assert not refusal.isVisible()
    station.scan(TEA)
    assert station.counts()[station.screen.package.model.row_of(3)] == 2


def test_every_kind_of_refusal_is_shown_and_acknowledged_by_barcode(station):
    station.scan(NEXT)
    unknown_item = "460000000001" + check_digit("460000000001")
    refusals = {
        TOBACCO: Reason.CATEGORY_FORBIDDEN,
        NOT_IN_TEMPLATE: Reason.NOT_IN_TEMPLATE,
        unknown_item[:-1] + str((int(unknown_item[-1]) + 1) % 10): Reason.BAD_CHECK_DIGIT,
        unknown_item: Reason.UNKNOWN_ITEM,
        make_code(CodeKind.PACKAGE, 99_999): Reason.UNKNOWN_PACKAGE,
        make_code(CodeKind.CARTON, 1): Reason.NOT_A_PACKING_CODE,
        SEAL: Reason.REQUIRED_LINES_MISSING,
    }
    for code, reason in refusals.items():
        station.scan(code)
        outcome = station.screen.last_outcome
        assert outcome.reason is reason, code
        assert station.screen.refusal.isVisible()
        assert station.screen.refusal.reason.text() == outcome.message
        station.scan(ACK)
        assert not station.screen.refusal.isVisible()
        assert station.screen.last_outcome.reason is Reason.ACKNOWLEDGED
    station.scan(MILK, MILK)
    assert station.screen.last_outcome.reason is Reason.LINE_FULL
    key(station, Qt.Key.Key_F12)
    assert not station.screen.refusal.isVisible()


def test_undo_by_barcode_and_by_key(station):
    station.scan(NEXT, TEA, TEA, MILK)
    row = station.screen.package.model.row_of(3)
    station.scan(UNDO)
    assert station.counts()[station.screen.package.model.row_of(2)] == 0
    key(station, Qt.Key.Key_F6)
    assert station.counts()[row] == 1
    assert look(station, row) is LineLook.STARTED
    assert station.screen.last_outcome.reason is Reason.SCAN_UNDONE


def test_keyboard_only_packing_with_function_keys(station):
    key(station, Qt.Key.Key_F5)
    assert station.view() is not None
    for code in template_scans():
        station.scan(code)
    key(station, Qt.Key.Key_F8)
    assert station.view().state is PackageState.SEALED
    key(station, Qt.Key.Key_F7)
    assert [job.copy_number for job in station.sink.jobs] == [0, 1]


def test_reprint_prints_a_copy_and_records_it(station):
    station.scan(NEXT, *template_scans(), SEAL)
    station.scan(REPRINT)
    assert station.screen.last_outcome.reason is Reason.LABEL_REPRINTED
    job = station.sink.jobs[-1]
    assert job.copy_number == 1
    assert "COPY 1" in normalise(" ".join(page_texts(job.pdf())))
    assert station.view().label_copies == 2  # the original (1) and this reprint (2) are in the journal
    station.scan(REPRINT)
    assert station.sink.jobs[-1].copy_number == 2


def test_a_failed_print_is_not_recorded(make_station):
    station = make_station()
    station.sink.done = False
    station.scan(NEXT, *template_scans(), SEAL)
    assert station.view().label_copies == 0
    assert "F7" in station.screen.message.text()


def test_next_package_follows_the_queue_and_any_package_opens_by_its_label(station):
    station.scan(NEXT)
    first = station.view()
    station.scan(*template_scans(), SEAL, NEXT)
    second = station.view()
    assert second.code != first.code
    assert int(second.recipient.list_number) > int(first.recipient.list_number)
    # Any planned package, by scanning its label: the last one on the list.
    queries = station.workspace.recipient_queries()
    campaign = station.workspace.campaigns()[0]
    last = queries.rows(queries.ids(campaign.id)[-1:])
    chosen = next(iter(last.values())).package_code
    station.scan(chosen)
    assert station.screen.last_outcome.accepted, station.screen.last_outcome.message
    assert station.view().code == chosen


def test_weight_entered_from_the_keyboard(station):
    station.scan(NEXT, TEA)
    expected = station.view().expected_weight_g
    key(station, Qt.Key.Key_F3)
    assert station.screen.side.weight.hasFocus()
    station.keys.type_slowly(str(expected + 20))
    station.keys.press("\r", Qt.Key.Key_Return, gap=200)  # held typing is replayed before the Enter
    assert station.view().entered_weight_g == expected + 20
    assert station.screen.last_outcome.reason is Reason.WEIGHT_ENTERED


def test_a_wrong_weight_is_refused_in_red_as_it_is_entered(station):
    station.scan(NEXT, TEA)
    key(station, Qt.Key.Key_F3)
    expected = station.view().expected_weight_g
    station.keys.type_slowly(str(expected + 500))  # within the campaign maximum, far from the contents
    station.keys.press("\r", Qt.Key.Key_Return, gap=200)
    assert station.screen.last_outcome.reason is Reason.WEIGHT_OUT_OF_TOLERANCE
    assert "weigh it again" in station.screen.refusal.reason.text()
    assert station.screen.refusal.hint.text() == "Scan ACKNOWLEDGE or press Esc to continue."  # nothing to set aside
    assert station.view().entered_weight_g is None and station.screen.refusal.isVisible()
    assert station.player.played[-1] is Sound.REFUSED


def test_a_content_slip_prints_after_the_label_when_the_setting_says_so_and_on_shift_f7(qtbot, make_station):
    from models.core import settings as declared

    station = make_station()
    station.workspace.settings().set(declared.SLIP_ON_SEAL, "yes")
    station.scan(NEXT, *template_scans(), SEAL)
    label, slip = station.sink.jobs
    view = station.view()
    assert (label.layout, slip.layout) == (station.workspace.settings().get(declared.LABEL_LAYOUT), "a6")
    text = normalise(" ".join(page_texts(slip.pdf())))
    assert view.recipient.full_name in text and f"List number {view.recipient.list_number}" in text
    for line in view.lines:
        for name, _quantity in line.counted_names:
            assert normalise(name) in text
    qtbot.keyClick(station.screen, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)  # print it again
    assert len(station.sink.jobs) == 3 and station.sink.jobs[-1].pdf() == slip.pdf()


def test_another_label_while_a_box_has_items_asks_before_switching(station):
    """A stray scan of another label with a half-packed box open: the red panel asks; the same label again
    switches (the half-packed box waits, open), as a packer meets it with the scanner."""
    station.scan(NEXT, template_scans()[0])
    half_packed = station.view()
    queries = station.workspace.recipient_queries()
    campaign = station.workspace.campaigns()[0]
    other = next(iter(queries.rows(queries.ids(campaign.id)[-1:]).values())).package_code
    station.scan(other)
    refusal = station.screen.refusal
    assert refusal.isVisible() and station.player.played[-1] is Sound.REFUSED
    assert f"Package {half_packed.code} is open with 1 scanned into it" in refusal.reason.text()
    assert station.view().code == half_packed.code
    station.scan(other)
    assert not refusal.isVisible() and station.view().code == other
    assert station.screen.last_outcome.reason is Reason.PACKAGE_OPENED
    reopened = station.workspace.scan_service().package_view(half_packed.package_id)
    assert reopened is not None and reopened.state is PackageState.OPEN  # waiting, with its item
    for code in template_scans():  # the other package is packed and sealed: the half-packed one is named
        station.scan(code)
    station.scan(SEAL)
    assert f"{half_packed.code} (" in station.screen.message.text()
    station.scan(half_packed.code)
    assert station.view().code == half_packed.code
