"""The checklist model: its data logic without a view, and Qt's model contract (qtmodeltester)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from models.core import i18n
from models.packing.checklist import LineState
from models.packing.package_view import ChecklistLine
from ui.station.checklist_model import (
    BACKGROUNDS,
    LINE_ROLE,
    LOOK_ROLE,
    ChecklistModel,
    Column,
    LineLook,
    look_of,
    status_text,
    substitutes_text,
)


def line(no: int, quantity: int, counted: tuple[tuple[int, int], ...] = (), *, required: bool = True,
         substitutes: tuple[str, ...] = ()) -> ChecklistLine:
    names = {1: "Чай", 2: "Кава", 3: "Кофе"}
    substitute_ids = tuple(range(2, 2 + len(substitutes)))
    state = LineState(no, 1, quantity, required, substitute_ids, counted)
    return ChecklistLine(state, f"Item {no}", substitutes,
                         tuple((names.get(item, "?") if item != 1 else f"Item {no}", qty) for item, qty in counted))


LINES = (
    line(1, 2, ((1, 2),)),
    line(2, 2, ((1, 1),), substitutes=("Кава", "Кофе")),
    line(3, 1),
    line(4, 1, required=False),
    line(5, 2, ((1, 1), (2, 1)), substitutes=("Кава",)),
)


def test_looks_and_texts():
    assert [look_of(x) for x in LINES] == [LineLook.MET, LineLook.STARTED, LineLook.TO_DO, LineLook.OPTIONAL,
                                           LineLook.MET]
    assert status_text(LINES[0]) == "Done"
    assert status_text(LINES[1]) == "1 more"
    assert status_text(LINES[3]) == "Optional"
    assert substitutes_text(LINES[1]) == "Кава, Кофе"
    assert substitutes_text(LINES[4]) == "1 × Кава"


def test_model_shows_counts_colours_and_substitutes_on_their_line():
    model = ChecklistModel()
    model.set_lines(7, LINES)
    assert model.rowCount() == len(LINES) and model.columnCount() == len(Column)
    row = 1
    assert model.data(model.index(row, Column.ITEM)) == "Item 2"
    assert model.data(model.index(row, Column.SUBSTITUTES)) == "Кава, Кофе"
    assert model.data(model.index(row, Column.SCANNED)) == "1"
    assert model.data(model.index(row, Column.REQUIRED)) == "2"
    background = model.data(model.index(0, Column.ITEM), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == BACKGROUNDS[LineLook.MET]
    assert model.data(model.index(row, 0), LOOK_ROLE) is LineLook.STARTED
    assert model.data(model.index(row, 0), LINE_ROLE) is LINES[1]
    assert model.headerData(Column.SCANNED, Qt.Orientation.Horizontal) == "Scanned"


def test_a_new_count_changes_only_its_row(qtbot):
    model = ChecklistModel()
    model.set_lines(7, LINES)
    changed = list(LINES)
    changed[2] = line(3, 1, ((1, 1),))
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_lines(7, tuple(changed))
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), bottom.row()) == (2, 2)
    assert model.data(model.index(2, 0), LOOK_ROLE) is LineLook.MET


def test_another_package_resets_the_model(qtbot):
    model = ChecklistModel()
    model.set_lines(7, LINES)
    with qtbot.waitSignal(model.modelReset):
        model.set_lines(8, LINES[:2])
    assert model.rowCount() == 2


def test_header_follows_the_language():
    model = ChecklistModel()
    i18n.set_language("ru")
    try:
        assert model.headerData(Column.LINE, Qt.Orientation.Horizontal) == "№"
    finally:
        i18n.set_language("en")


def test_passes_qtmodeltester(qtmodeltester):
    model = ChecklistModel()
    model.set_lines(7, LINES)
    model.set_highlight(2)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    model.set_lines(8, ())
    qtmodeltester.check(model, force_py=True)
