"""Typing as a user types (Cyrillic through QTest.sendKeyEvent: qtbot.keyClicks can abort, DESIGN.md 8)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from models.core.codes import Command, command_code


def type_text(widget: QWidget, text: str, enter: bool = False) -> None:
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                           Qt.KeyboardModifier.NoModifier)
    if enter:
        QTest.keyClick(widget, Qt.Key.Key_Return)


def seal_packages(db, count: int = 1):
    """The packing fixture campaign (tests.support.packing_fixtures) with `count` packages packed and sealed."""
    from tests.support.packing_fixtures import make_packing

    packing = make_packing(db)
    for code in packing.packages[:count]:
        outcomes = packing.scan(code, *packing.full_package(), command_code(Command.SEAL))
        assert not any(outcome.refused for outcome in outcomes), outcomes
    return packing
