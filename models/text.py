"""Cleaning text typed by people or read from files."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Trim, NFC-normalise and collapse runs of whitespace. Apostrophes (' and ʼ) stay as written."""
    if text is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """Split "Surname Given Patronymic" (ФИО / ПІБ order). Extra words stay with the patronymic."""
    parts = clean(full_name).split(" ")
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], " ".join(parts[2:]).strip()
