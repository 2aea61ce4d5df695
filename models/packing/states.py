"""The states a package goes through at the stations (derived from the journal: `package_state`)."""

from __future__ import annotations

import enum


class PackageState(enum.StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    SEALED = "sealed"
    VOIDED = "voided"
