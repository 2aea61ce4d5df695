"""Sentences for what an exchange or a lot assignment did (the services return outcomes; this renders them)."""

from __future__ import annotations

from models.core.i18n import _, ngettext
from models.sync import pack
from models.sync.lots import LotChange
from models.sync.overview import FolderReport, ThisDatabase
from ui.stations.model import short_id


def report_lines(report: FolderReport) -> tuple[list[str], list[str]]:
    """(what was done, what was refused) after an export or import through a folder."""
    done: list[str] = []
    if report.identity is not None and report.identity.renewed:
        done.append(report.identity.reason)
    for read in report.acks_read:
        done.append(read.message or _("The hub holds this station's events up to number {seq}.").format(seq=read.seq))
    for imported in report.imported:
        if imported.changed:
            done.append(_("{station}: events {first}–{last}, {merged} merged, {held} held.").format(
                station=imported.station_name, first=imported.seq_from, last=imported.seq_to,
                merged=imported.merged, held=imported.held))
        if (note := imported.clash_note()) is not None:
            done.append(note)
        if imported.newly_flagged:
            count = len(imported.newly_flagged)
            done.append(ngettext("{count} package flagged as a conflict: see Conflicts.",
                                 "{count} packages flagged as conflicts: see Conflicts.", count).format(count=count))
    known = sum(1 for imported in report.imported if not imported.changed)
    if known:
        done.append(ngettext("{count} file held nothing new.", "{count} files held nothing new.", known).format(
            count=known))
    for exported in report.exported:
        done.append(ngettext("{count} event ({first}–{last}) written to {file}.",
                             "{count} events ({first}–{last}) written to {file}.", exported.count).format(
            count=exported.count, first=exported.seq_from, last=exported.seq_to, file=exported.path.name))
    if report.acks_written:
        count = len(report.acks_written)
        done.append(ngettext("{count} acknowledgement written for the stations.",
                             "{count} acknowledgements written for the stations.", count).format(count=count))
    if report.pack_written is not None:
        done.append(_("Campaign pack version {version} written.").format(version=report.pack_written.version))
        if not report.pack_written.with_pins:
            done.append(_(pack.NO_PINS_NOTE))
    if report.pack_read is not None:
        text = (_("Campaign pack version {version} imported.") if report.pack_read.updated else
                _("This station already has campaign pack version {version}."))
        done.append(text.format(version=report.pack_read.version))
    refused = [why for _file, why in report.refused]
    if not done and not refused:
        if report.role == "station":
            done.append(_("Nothing to export: the hub has every event of this station."))
        else:
            done.append(_("No exchange files for this database in {folder}.").format(folder=report.folder))
    return done, refused


def lot_lines(change: LotChange) -> list[str]:
    lines = [ngettext("{count} package given to {station} (lot version {version}).",
                      "{count} packages given to {station} (lot version {version}).", change.packages).format(
        count=change.packages, station=change.station, version=change.version)]
    for station, count in sorted(change.moved_from.items()):
        lines.append(ngettext("{count} of them was taken from {station}.", "{count} of them were taken from {station}.",
                              count).format(count=count, station=station))
    worked = sum(change.already_worked.values())
    if worked:
        lines.append(ngettext("{count} of them is already open or sealed: the station that started it may finish it.",
                              "{count} of them are already open or sealed: the stations that started them may "
                              "finish them.", worked).format(count=worked))
    lines.append(_("The stations get the new lots with the next campaign pack."))
    return lines


def identity_rows(info: ThisDatabase) -> list[tuple[str, str]]:
    """(caption, value) lines of the "This database" box."""
    station = info.station
    rows = [(_("Station:"), station.name if station else _("not named yet")),
            (_("Station id:"), short_id(station.instance_id) if station else "")]
    if info.role == "hub":
        rows.append((_("Role:"), _("the hub")))
        rows.append((_("Campaign pack:"), _("version {version}").format(version=info.pack_version)))
    elif info.role == "station":
        rows.append((_("Hub:"), short_id(info.hub_id or "")))
        rows.append((_("Campaign pack:"), _("version {version}").format(version=info.pack_version)))
        rows.append((_("Events recorded:"), str(info.events)))
        rows.append((_("Last export:"), _("up to event {seq}").format(seq=info.exported_seq) if info.exported_seq
                     else _("none yet")))
        rows.append((_("Acknowledged by the hub:"), _("up to event {seq}").format(seq=info.acked_seq)))
    else:
        rows.append((_("Role:"), _("neither a hub nor a station yet")))
    return rows


def key_rows(info: ThisDatabase) -> list[tuple[str, str]]:
    """(caption, fingerprint) of the keys this database signs with and trusts: what a supervisor compares."""
    if info.role == "hub":
        return [(_("Hub key:"), info.fingerprint)]
    if info.role == "station":
        return [(_("Station key:"), info.fingerprint), (_("Hub key:"), info.hub_fingerprint or _("not known yet"))]
    return []
