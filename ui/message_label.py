"""A screen's sentence about what just happened ("Saved.", "Signed in as …"), cleared when the language changes.

Such a sentence was made in the language of the moment it was said; after a switch it would stand in the old
language beside re-translated labels. It cannot be re-said (what happened is past), so the switch clears it:
`clear_messages(window)` on every `MessageLabel` under the window.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class MessageLabel(QLabel):
    """A QLabel for transient sentences (its text and tooltip are cleared by `clear_messages`)."""


def clear_messages(root: QWidget) -> None:
    for label in root.findChildren(MessageLabel):
        label.clear()
        label.setToolTip("")
