"""The hub's stations: a small, fully loaded list (5 to 20 stations), refreshed on demand."""

from __future__ import annotations

from datetime import datetime

from models.core.i18n import N_, _, ngettext
from models.sync.overview import StationRow
from ui.rows_model import RowsModel

COLUMNS = (N_("Station"), N_("Id"), N_("Last exchange"), N_("Last event"), N_("Events"), N_("Lot"),
           N_("Conflicts"))
NUMERIC = {3, 4, 6}
SHORT_ID = 6
"""A ULID begins with its time (stations set up together share it): the end tells them apart."""


def short_id(instance_id: str) -> str:
    return "…" + instance_id[-SHORT_ID:] if len(instance_id) > SHORT_ID else instance_id


def local_time(iso: str) -> str:
    """An ISO time (UTC, as stored) in this computer's time zone, to the minute."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso[:16].replace("T", " ")


def cell(row: StationRow, column: int) -> str:
    """The text of one cell (also what tests check without a view)."""
    heard = bool(row.station_id)
    if column == 0:
        return row.name
    if column == 1:
        return short_id(row.station_id)
    if column == 2:
        return local_time(row.last_exchange) if heard else _("not heard from yet")
    if column == 3:
        return str(row.last_seq) if heard else ""
    if column == 4:
        return str(row.events) if heard else ""
    if column == 5:
        if not row.lot_packages:
            return ""
        return f"{row.lot_ranges} ({row.lot_packages})"
    return str(row.open_conflicts) if row.open_conflicts else ""


class StationsModel(RowsModel[StationRow]):
    titles = COLUMNS

    def text(self, number: int, row: StationRow, column: int) -> str:
        return cell(row, column)

    def numeric(self, column: int) -> bool:
        return column in NUMERIC

    def tooltip(self, row: StationRow, column: int) -> str | None:
        if column == 5 and row.lot_packages:
            return ngettext("{count} package in the lot", "{count} packages in the lot",
                            row.lot_packages).format(count=row.lot_packages)
        if not row.station_id:
            return _("A lot was given to {station}, but no file of it has reached the hub yet.").format(
                station=row.name)
        return _("Station id {id}; last file {file}").format(id=row.station_id, file=row.last_file)
