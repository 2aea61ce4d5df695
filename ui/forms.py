"""Form rows with a caption each: the caption is the field's buddy (its mnemonic moves the focus there), and
the screen sets the captions' texts in its `retranslate`."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget


def captioned_rows(form: QFormLayout, fields: Sequence[QWidget | QLayout],
                   layout_buddy: QWidget | None = None) -> list[QLabel]:
    """Add a row for each field, its caption first; a field that is a layout gives its caption `layout_buddy`.
    Returns the captions, in the fields' order."""
    captions = []
    for field in fields:
        caption = QLabel()
        buddy = field if isinstance(field, QWidget) else layout_buddy
        if buddy is not None:
            caption.setBuddy(buddy)
        form.addRow(caption, field)
        captions.append(caption)
    return captions
