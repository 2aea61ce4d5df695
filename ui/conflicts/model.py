"""The table of flagged packages: a small, fully loaded list (conflicts are few), refreshed on demand."""

from __future__ import annotations

from models.core.i18n import N_, _
from models.sync.conflicts import ConflictView
from ui.rows_model import RowsModel

COLUMNS = (N_("Package"), N_("Recipient"), N_("Conflict"), N_("Stations"), N_("Flagged at"))
KINDS = {"two_stations": N_("Worked at two stations"), "rule": N_("Breaks a campaign rule"),
         "handover": N_("Changed after its handover")}


class ConflictsModel(RowsModel[ConflictView]):
    titles = COLUMNS

    def text(self, number: int, view: ConflictView, column: int) -> str:
        if column == 0:
            return view.package_code
        if column == 1:
            return view.recipient
        if column == 2:
            return _(KINDS.get(view.kind, view.kind))
        if column == 3:
            return ", ".join(work.name for work in view.stations)
        return view.detected_at[:16].replace("T", " ")

    def tooltip(self, view: ConflictView, column: int) -> str | None:
        return view.summary
