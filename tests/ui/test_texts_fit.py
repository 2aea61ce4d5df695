"""Readable at arm's length on a 1,280 x 720 screen, in English, Russian and Ukrainian: the window fits, no
label or button text on any screen is cut, no form scrolls sideways; a name elided in a cell or a button has
the whole name in its tooltip.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QPushButton, QRadioButton, QScrollArea, QWidget

from models.core import i18n
from models.core.codes import Command, command_code
from tests.support.handover_fixtures import packed_demo
from ui.app import build_operational_screens
from ui.elided_button import ElidedToolButton
from ui.main_window import MainWindow
from ui.navigation import SCREENS
from ui.station import StationScreen
from ui.station.checklist_model import Column

SCREEN = (1280, 720)
INDICATOR = 24
"""The check box's or radio button's box and the gap before its text."""


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def cut_texts(window: QWidget) -> list[str]:
    """What is shown cut: (the widget, its text, the pixels it needs, the pixels it has)."""
    problems = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        text = plain(widget.text())
        if not widget.isVisible() or not text or ("<" in text and ">" in text):
            continue
        metrics = widget.fontMetrics()
        if isinstance(widget, QLabel) and widget.wordWrap():
            need, have = widget.heightForWidth(widget.contentsRect().width()), widget.height()
        elif isinstance(widget, QLabel):
            need = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
            have = widget.contentsRect().width() - 2 * widget.margin()
        elif isinstance(widget, ElidedToolButton):
            if widget.text() != widget.full_text():
                assert widget.toolTip() == widget.full_text(), widget.objectName()
            continue
        else:
            need = metrics.horizontalAdvance(text)
            need += INDICATOR if isinstance(widget, QCheckBox | QRadioButton) else 0
            have = widget.width() - (8 if isinstance(widget, QPushButton) else 0)
        if need > have:
            problems.append(f"{widget.objectName() or type(widget).__name__}: {text!r} needs {need} px, has {have}")
    for area in window.findChildren(QScrollArea):  # a form scrolled sideways hides what is on its right
        if area.isVisible() and area.horizontalScrollBar().isVisible() and area.widget() is not None:
            problems.append(f"{area.widget().objectName() or 'a form'} scrolls sideways: it needs "
                            f"{area.widget().minimumSizeHint().width()} px, has {area.viewport().width()}")
    return problems


def elided_without_tooltip(station: StationScreen) -> list[str]:
    table, model = station.package.table, station.package.model
    metrics = table.fontMetrics()
    missing = []
    for row in range(model.rowCount()):
        for column in (Column.ITEM, Column.SUBSTITUTES):
            index = model.index(row, column)
            text = model.data(index) or ""
            if metrics.horizontalAdvance(text) > table.columnWidth(column) - 8 \
                    and model.data(index, Qt.ItemDataRole.ToolTipRole) != text:
                missing.append(text)
    return missing


def cut_titles(station: StationScreen) -> list[str]:
    """The checklist's column titles shown cut: (the title, the pixels it needs, the pixels it has)."""
    header = station.package.table.horizontalHeader()
    model, metrics = station.package.model, header.fontMetrics()
    problems = []
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        need, have = metrics.horizontalAdvance(title) + 8, header.sectionSize(column)
        if need > have:
            problems.append(f"{title!r} needs {need} px, has {have}")
    return problems


@pytest.fixture
def window(qtbot, tmp_path):
    demo = packed_demo(tmp_path, recipients=12, packages=2)
    win = MainWindow(demo.workspace, screens=build_operational_screens(demo.workspace))
    qtbot.addWidget(win)
    win.resize(*SCREEN)
    win.show()
    qtbot.waitExposed(win)
    station = next(screen for screen in win.screens if isinstance(screen, StationScreen))
    win.show_screen("station")
    station.sign_in.choose("Packer")
    station.sign_in.pin.setText("1357")
    station.sign_in.button.click()
    station.handle_scan(command_code(Command.NEXT_PACKAGE))  # a checklist of the demo's long item names
    yield win
    i18n.set_language("en")


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_every_screen_fits_1280_by_720_with_no_text_cut(qtbot, window, language):
    window.choose_language(language)
    problems = []
    for info in SCREENS:
        window.show_screen(info.key)
        qtbot.wait(10)
        problems += [f"{info.key}: {problem}" for problem in cut_texts(window)]
    assert window.minimumSizeHint().width() <= SCREEN[0]
    assert (window.width(), window.height()) == SCREEN
    assert problems == []
    station = next(screen for screen in window.screens if isinstance(screen, StationScreen))
    window.show_screen("station")
    assert station.package.model.rowCount() > 10
    assert elided_without_tooltip(station) == []
    assert cut_titles(station) == []
