"""Qt's modal system dialogs as plain functions, for the screens' replaceable attributes (tests swap them
so that no dialog ever blocks, STYLE.md item 8).

`staticmethod(QFileDialog.getSaveFileName)` in a class body copies the method's `__doc__`, and PySide builds
that text from its signatures on first access: about 15 ms a dialog, some 90 ms of every start. These
functions cost nothing until called.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox


def save_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    return QFileDialog.getSaveFileName(*args, **kwargs)  # type: ignore[no-any-return]


def open_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    return QFileDialog.getOpenFileName(*args, **kwargs)  # type: ignore[no-any-return]


def existing_directory(*args: Any, **kwargs: Any) -> str:
    return QFileDialog.getExistingDirectory(*args, **kwargs)  # type: ignore[no-any-return]


def text(*args: Any, **kwargs: Any) -> tuple[str, bool]:
    return QInputDialog.getText(*args, **kwargs)  # type: ignore[no-any-return]


def about(*args: Any, **kwargs: Any) -> object:
    return QMessageBox.about(*args, **kwargs)
