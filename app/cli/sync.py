"""`sync`: several stations on one campaign, headless (issue 8).

    uv run main.py sync identity --db PATH [--new]                   check (or renew) the station identity
    uv run main.py sync pack export --db HUB --out DIR [--campaign NAME] [--encrypt]
    uv run main.py sync pack import --db STATION FILE                 join the hub's campaign, or update it
    uv run main.py sync lot assign --db HUB --station NAME --range 1-500 [--number N] [--code CODE] --user SUP
    uv run main.py sync lot show --db PATH
    uv run main.py sync export --db STATION --out DIR [--encrypt]    events since the hub's acknowledgement
    uv run main.py sync import --db PATH FILE...                      events (hub), acknowledgement or pack
    uv run main.py sync watch --db PATH --folder DIR [--once] [--interval SECONDS]
    uv run main.py sync conflicts list|resolve --db HUB ...
    uv run main.py sync watermarks --db PATH

`sync exchange export|import` are the same as `sync export|import`. Passphrases come from the
PACKLINE_PASSPHRASE variable or are asked for at a terminal, never from the command line. Exit code 2 when
anything was refused.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from app.cli import sync_enrolment
from app.cli.commands import command_help
from app.cli.output import add_db_argument, add_json_argument, finish, read_pin, run_with_workspace
from app.workspace import Workspace
from models.campaigns.reference import get_campaign
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.journal.sql.watermarks import named_watermarks
from models.sync import acks, container, enrolment, events_file, exchange, lots, pack
from models.sync.conflicts import ACCEPT, KEEP, KEEP_HANDOVER, VOID, ConflictService
from models.sync.errors import ExchangeRefused, Problem
from models.sync.identity import check_identity, renew
from models.sync.roles import is_hub
from models.sync.watch import FolderWatcher, WatchReport

PASSPHRASE_VARIABLE = "PACKLINE_PASSPHRASE"
Actions = argparse._SubParsersAction  # noqa: SLF001 - argparse has no public name for it


def _parser(actions: Actions, name: str, text: str, handler: Any) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=text)
    add_db_argument(parser)
    add_json_argument(parser)
    parser.set_defaults(handler=handler)
    return parser


def register(subparsers: Actions) -> None:
    sync = subparsers.add_parser("sync", help=command_help("sync"))
    actions = sync.add_subparsers(dest="sync_action", metavar="ACTION", required=True)
    identity = _parser(actions, "identity", _("check this database's station identity"), run_identity)
    identity.add_argument("--new", action="store_true", help=_("take a new station identity now"))

    packs = actions.add_parser("pack", help=_("campaign packs")).add_subparsers(
        dest="pack_action", metavar="ACTION", required=True)
    export = _parser(packs, "export", _("write the hub's campaign pack"), run_pack_export)
    export.add_argument("--out", type=Path, required=True, help=_("folder or file to write"))
    export.add_argument("--campaign", default=None, help=_("only this campaign (default: all)"))
    add_encrypt_argument(export)
    load = _parser(packs, "import", _("join the hub's campaign, or update it, from a pack"), run_pack_import)
    load.add_argument("file", type=Path)
    load.add_argument("--hub-fingerprint", default=None,
                      help=_("joining: the key fingerprint the hub shows (sync identity at the hub), checked"))

    lots = actions.add_parser("lot", help=_("lots of packages per station")).add_subparsers(
        dest="lot_action", metavar="ACTION", required=True)
    assign = _parser(lots, "assign", _("give packages to a station's lot (the hub)"), run_lot_assign)
    who = assign.add_mutually_exclusive_group(required=True)
    who.add_argument("--station", help=_("the station's name"))
    who.add_argument("--none", action="store_true", help=_("take the packages out of every lot"))
    assign.add_argument("--range", action="append", default=[], metavar="FROM-TO",
                        help=_("list numbers, e.g. 1-500 (repeatable)"))
    assign.add_argument("--number", action="append", default=[], help=_("a list number (repeatable)"))
    assign.add_argument("--code", action="append", default=[], help=_("a package code (repeatable)"))
    assign.add_argument("--campaign", default=None, help=_("campaign name (default: the only one)"))
    assign.add_argument("--user", required=True, help=_("the supervisor who assigns (recorded in the journal)"))
    assign.add_argument("--pin", default=None, help=_("the supervisor's PIN (or set PACKLINE_PIN)"))
    _parser(lots, "show", _("which station packs which list numbers"), run_lot_show)

    exchange = actions.add_parser("exchange", help=_("event exchange files")).add_subparsers(
        dest="exchange_action", metavar="ACTION", required=True)
    for group in (actions, exchange):
        out = _parser(group, "export", _("write this station's events since the hub's acknowledgement"),
                      run_exchange_export)
        out.add_argument("--out", type=Path, required=True, help=_("folder to write into (LAN share, USB stick)"))
        add_encrypt_argument(out)
        into = _parser(group, "import", _("import events (hub), an acknowledgement or a pack (station)"),
                       run_exchange_import)
        into.add_argument("files", type=Path, nargs="+", metavar="FILE")
        into.add_argument("--answer", type=Path, default=None,
                          help=_("hub: folder for the acknowledgements and the pack (default: the files' folder)"))

    watch = _parser(actions, "watch", _("exchange on its own through a folder (e.g. one Syncthing replicates)"),
                    run_watch)
    watch.add_argument("--folder", type=Path, required=True)
    watch.add_argument("--once", action="store_true", help=_("one round, then stop"))
    watch.add_argument("--interval", type=float, default=10.0, help=_("seconds between rounds"))
    add_encrypt_argument(watch)

    conflicts = actions.add_parser("conflicts", help=_("flagged packages (the hub)")).add_subparsers(
        dest="conflicts_action", metavar="ACTION", required=True)
    listing = _parser(conflicts, "list", _("list flagged packages and what happened at each station"),
                      run_conflicts_list)
    listing.add_argument("--all", action="store_true", help=_("resolved ones too"))
    resolve = _parser(conflicts, "resolve", _("resolve a conflict (supervisors)"), run_conflicts_resolve)
    resolve.add_argument("id", type=int)
    how = resolve.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep", metavar="STATION", help=_("keep this station's work (name or id)"))
    how.add_argument("--accept", action="store_true", help=_("accept the work as it is"))
    how.add_argument("--void", action="store_true", help=_("void the sealed package"))
    how.add_argument("--keep-handover", action="store_true",
                     help=_("keep a closed or signed manifest as it is (a station changed one of its packages)"))
    resolve.add_argument("--user", required=True, help=_("the supervisor's name"))
    resolve.add_argument("--pin", default=None, help=_("the supervisor's PIN (or set PACKLINE_PIN)"))
    resolve.add_argument("--note", default="", help=_("why (recorded in the journal)"))

    _parser(actions, "watermarks", _("per station, the last event number included"), run_watermarks)
    sync_enrolment.register(actions, _parser)


def add_encrypt_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--encrypt", action="store_true",
                        help=_("encrypt with a passphrase (from PACKLINE_PASSPHRASE, or asked for)"))


def passphrase(wanted: bool) -> str | None:
    """The passphrase from the environment, else asked for at a terminal when `wanted`."""
    found = os.environ.get(PASSPHRASE_VARIABLE)
    if found or not wanted:
        return found or None
    if not sys.stdin.isatty():
        raise RefusedInput(_("A passphrase is needed: set PACKLINE_PASSPHRASE."))
    found = getpass.getpass(_("Passphrase: "))
    if not found:
        raise RefusedInput(_("A passphrase is needed: set PACKLINE_PASSPHRASE."))
    return found


def passphrase_for(path: Path) -> str | None:
    """The passphrase to read `path` with: asked for only when the file is encrypted."""
    try:
        header, _body = container.read_header(path.read_bytes(), path.name)
    except (OSError, RefusedInput):
        return passphrase(False)
    return passphrase(bool(header.get("encryption")))


def campaign_id(workspace: Workspace, name: str | None) -> int | None:
    return get_campaign(workspace.db, name).id if name else None


# -- handlers ------------------------------------------------------------------------------------------------


def run_identity(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        checked = check_identity(workspace.db, workspace.path)
        if args.new and checked.station is not None:
            checked = renew(workspace.db, workspace.path, _("A new identity was asked for."))
        if checked.station is None:
            raise RefusedInput(_("This database has no station identity yet: name it with `station --name`."))
        lines = [_("Station {name} ({id})").format(name=checked.station.name, id=checked.station.instance_id)]
        fingerprint = enrolment.own_fingerprint(workspace.db)
        lines.append((_("Hub key fingerprint: {fingerprint}") if is_hub(workspace.db) else
                      _("Key fingerprint: {fingerprint}")).format(fingerprint=fingerprint))
        if checked.renewed:
            lines.append(_("New identity (the old one was {old}): {why}").format(old=checked.previous_id,
                                                                                 why=checked.reason))
        return finish(args, {"identity": checked, "fingerprint": fingerprint}, lines)
    return run_with_workspace(args, action)


def run_pack_export(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        written = pack.export_pack(workspace.db, args.out, campaign_id=campaign_id(workspace, args.campaign),
                                   passphrase=passphrase(args.encrypt))
        lines = [_("Campaign pack version {version} written to {path}.").format(version=written.version,
                                                                                path=written.path)]
        if not written.with_pins:
            lines.append(_(pack.NO_PINS_NOTE))
        return finish(args, {"pack": written}, lines)
    return run_with_workspace(args, action)


def run_pack_import(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        read = pack.import_pack(workspace.db, args.file, passphrase=passphrase_for(args.file),
                                hub_fingerprint=args.hub_fingerprint)
        text = (_("Campaign pack version {version} imported.") if read.updated else
                _("This station already has campaign pack version {version}.")).format(version=read.version)
        return finish(args, {"pack": read}, [text, _("Signed by the hub with the key {fingerprint}.").format(
            fingerprint=read.hub_fingerprint)])
    return run_with_workspace(args, action)


def run_lot_assign(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        from app.cli.output import campaign_id as station_campaign

        supervisor = workspace.user_service().sign_in(args.user, read_pin(args.pin))
        lots.check_may_assign(supervisor)
        change = lots.assign(workspace.db, None if args.none else args.station,
                             station_campaign(workspace, args.campaign), ranges=args.range, numbers=args.number,
                             codes=args.code, user=supervisor.name)
        lines = [_("{count} packages given to {station} (lot version {version}).").format(
            count=change.packages, station=change.station or _("no station"), version=change.version)]
        lines += [_("  taken from {station}: {count}").format(station=s, count=n) for s, n in change.moved_from.items()]
        lines += [_("  already {state} (the old station may finish them): {count}").format(state=s, count=n)
                  for s, n in change.already_worked.items()]
        return finish(args, {"change": change}, lines)
    return run_with_workspace(args, action)


def run_lot_show(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        found = lots.summaries(workspace.db)
        lines = [f"{s.station}\t{s.packages}\t{s.ranges}" for s in found] or [
            _("No lots: every station may open every package.")]
        return finish(args, {"lots": found}, lines)
    return run_with_workspace(args, action)


def run_exchange_export(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        check_identity(workspace.db, workspace.path)
        written = exchange.export_events(workspace.db, args.out, passphrase=passphrase(args.encrypt))
        lines = [_("{count} events ({first}-{last}) written to {path}.").format(
            count=e.count, first=e.seq_from, last=e.seq_to, path=e.path) for e in written] or [
            _("Nothing to export: the hub has every event of this station.")]
        return finish(args, {"exported": written}, lines)
    return run_with_workspace(args, action)


def run_exchange_import(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        results: list[acks.AckRead | pack.PackRead | exchange.Imported] = []
        lines: list[str] = []
        refused = False
        answered: set[tuple[str, int | None]] = set()
        events_files = []
        for path in sorted(args.files):
            try:
                kind = container.read_header(path.read_bytes(), path.name)[0].get("kind")
            except (OSError, ExchangeRefused) as error:
                lines.append(str(error))
                refused = True
                continue
            if kind == events_file.EVENTS_KIND:
                events_files.append(path)
                continue
            try:
                if kind == acks.ACK_KIND:
                    ack = acks.import_ack(workspace.db, workspace.path, path)
                    lines.append(ack.message or _("{file}: the hub has this station's events up to {seq}.").format(
                        file=path.name, seq=ack.seq))
                    results.append(ack)
                else:
                    read = pack.import_pack(workspace.db, path, passphrase=passphrase_for(path))
                    lines.append(_("{file}: campaign pack version {version}.").format(file=path.name,
                                                                                      version=read.version))
                    results.append(read)
            except ExchangeRefused as error:
                lines.append(str(error))
                refused = True
        # Events files together: the next one is read while one is imported.
        phrases = {path: passphrase_for(path) for path in events_files}
        if events_files:  # a hub restored from a backup learns the blocks of codes it gave since
            acks.learn_given_blocks(workspace.db, args.answer or Path(args.files[0]).parent)
        for path, imported in exchange.import_all(workspace.db, events_files, passphrase=phrases.get):
            if isinstance(imported, ExchangeRefused):
                lines.append(str(imported))
                refused = True
                parsed = exchange.parse_events_file_name(path.name)
                if imported.seq is not None and parsed is not None:
                    answered.add((parsed[0], imported.seq))
                elif imported.problem is Problem.SEQUENCE_GAP and parsed is not None:  # sent again from the ack
                    answered.add((parsed[0], None))
                continue
            if (note := imported.clash_note()) is not None:
                lines.append(note)
            answered.add((imported.station_id, None))
            lines.append(_("{file}: {merged} merged, {held} held, {known} already here.").format(
                file=path.name, merged=imported.merged, held=imported.held, known=imported.already_known))
            results.append(imported)
        for station_id, clash_at in sorted(answered, key=str):
            if station_id:
                folder = args.answer or Path(args.files[0]).parent
                lines.append(_("Acknowledgement written: {path}").format(
                    path=acks.write_ack(workspace.db, folder, station_id, clash_at=clash_at)))
        if answered:
            written = pack.export_pack(workspace.db, args.answer or Path(args.files[0]).parent,
                                       passphrase=passphrase(False))
            lines.append(_("Campaign pack version {version} written to {path}.").format(
                version=written.version, path=written.path))
        return finish(args, {"results": results}, lines, refused)
    return run_with_workspace(args, action)


def report_lines(report: WatchReport) -> list[str]:
    lines = [_("imported {file}: {merged} merged, {held} held").format(file=i.file, merged=i.merged, held=i.held)
             for i in report.imported]
    lines += [_("exported {path}").format(path=e.path.name) for e in report.exported]
    lines += [_("acknowledged up to {seq}").format(seq=a.seq) + (f" ({a.message})" if a.message else "")
              for a in report.acks_read]
    if report.pack_written and report.pack_written.new_version:
        lines.append(_("campaign pack version {version} written").format(version=report.pack_written.version))
    if report.pack_read and report.pack_read.updated:
        lines.append(_("campaign pack version {version} imported").format(version=report.pack_read.version))
    if report.identity and report.identity.renewed:
        lines.append(report.identity.reason)
    lines += [_("refused {file}: {why}").format(file=name, why=why) for name, why in report.refused]
    return lines


def run_watch(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        watcher = FolderWatcher(workspace.db, workspace.path, args.folder, passphrase=passphrase(args.encrypt))
        if args.once:
            report = watcher.poll_once()
            return finish(args, {"report": report}, report_lines(report), bool(report.refused))

        def show(report: WatchReport) -> None:
            for line in report_lines(report):
                print(line, flush=True)

        print(_("Watching {folder} every {seconds} s; Ctrl+C stops.").format(folder=args.folder,
                                                                           seconds=args.interval), file=sys.stderr)
        watcher.run(args.interval, report=show)
        return 0
    return run_with_workspace(args, action)


def run_conflicts_list(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        found = ConflictService(workspace.db).conflicts(open_only=not args.all)
        lines: list[str] = []
        for view in found:
            state = view.resolution or _("open")
            lines.append(f"#{view.id} {view.package_code} {view.recipient} [{state}] {view.summary}")
            lines += [f"    {w.name}: {w.summary()}" for w in view.stations]
            lines += [f"    ! {p}" for p in view.problems]
            lines += [f"    -> {c.key}: {c.label}" + ("" if c.allowed else f" ({c.why_not})") for c in view.choices]
        return finish(args, {"conflicts": found}, lines or [_("No conflicts.")])
    return run_with_workspace(args, action)


def run_conflicts_resolve(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        service = ConflictService(workspace.db)
        supervisor = workspace.user_service().sign_in(args.user, read_pin(args.pin))
        choice = ACCEPT if args.accept else VOID if args.void else KEEP_HANDOVER if args.keep_handover else None
        if args.keep:
            view = service.conflict(args.id)
            match = [w.station_id for w in view.stations if args.keep in (w.station_id, w.name)]
            if len(match) != 1:
                raise RefusedInput(_("{station} is not one of the stations of conflict {id}.").format(
                    station=args.keep, id=args.id))
            choice = KEEP + match[0]
        assert choice is not None
        done = service.resolve(args.id, choice, supervisor, args.note)
        return finish(args, {"resolved": done}, [done.message])
    return run_with_workspace(args, action)


def run_watermarks(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        found = named_watermarks(workspace.db)
        return finish(args, {"watermarks": found}, [f"{w.name}\t{w.station_id}\t{w.seq}" for w in found])
    return run_with_workspace(args, action)
