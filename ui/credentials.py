"""The supervisor name and PIN fields that guard supervisor-only actions on several screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit

PIN_MAX_LENGTH = 12


def supervisor_fields(on_enter: Callable[[], None]) -> tuple[QLineEdit, QLineEdit]:
    """A name field and a masked PIN field; Enter in the PIN field runs `on_enter` (the guarded action)."""
    name = QLineEdit()
    name.setObjectName("supervisorName")
    pin = QLineEdit()
    pin.setObjectName("supervisorPin")
    pin.setEchoMode(QLineEdit.EchoMode.Password)
    pin.setMaxLength(PIN_MAX_LENGTH)
    pin.returnPressed.connect(on_enter)
    return name, pin
