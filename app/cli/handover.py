"""Headless handover: cartons and batches (`batch ...`), and, from `handover_receiving`, the manifest, its
verification, the export for the receiving side, receiving and reconciliation.

    uv run main.py batch create --db PATH --user NAME [--place ... --seal N ...]   a new batch (prints its code)
    uv run main.py batch carton --db PATH --user NAME                            a new carton
    uv run main.py batch add --db PATH --user NAME --batch CODE CODE...          packages or cartons into a batch
    uv run main.py batch add --db PATH --user NAME --carton CODE CODE...         packages into a carton
    uv run main.py batch remove|close|reopen|sign|correct|details|attach|list|show|labels ...

Changing commands are a supervisor's: `--user` and the PIN (`--pin` or PACKLINE_PIN). Each code is one
transaction, reported as soon as it is committed; the command exits 2 when anything was refused.

Documents (PDF) come from the printing layer (`printing.handover_documents.HandoverDocuments`).
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.cli import handover_receiving
from app.cli.commands import command_help
from app.cli.destination import (
    ZPL,
    Delivered,
    add_destination_arguments,
    add_dpi_argument,
    add_format_argument,
    deliver_labels,
)
from app.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from app.cli.handover_receiving import Documents, station_for, supervisor
from app.cli.output import add_db_argument, add_json_argument, campaign_id, emit, run_with_workspace
from app.workspace import Workspace
from models.core.errors import NotFound, RefusedInput
from models.core.i18n import LANGUAGES, N_, _
from models.handover.batches import BatchOutcome
from models.handover.records import BatchRecord, HandoverDetails, PartyDetails
from printing.handover_documents import HandoverDocuments
from printing.layout import LAYOUTS

_PARTIES = (("sending", N_("sending party")), ("mediator", N_("mediator")), ("receiving", N_("receiving party")))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    documents: Documents = HandoverDocuments()
    batch = subparsers.add_parser("batch", help=command_help("batch"))
    actions = batch.add_subparsers(dest="batch_action", metavar="ACTION", required=True)

    def action(name: str, text: str, handler: Any, *, changes: bool = True) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=text)
        add_db_argument(parser)
        if changes:
            parser.add_argument("--user", required=True, help=_("the supervisor's name"))
            parser.add_argument("--pin", default=None, help=_("the supervisor's PIN (or set PACKLINE_PIN)"))
            parser.add_argument("--station", default=None, help=_("this station's name (default: as stored)"))
        parser.add_argument("--lang", choices=LANGUAGES, default=None, help=_("language of the messages"))
        add_json_argument(parser)
        parser.set_defaults(handler=handler)
        return parser

    create = action("create", _("create a batch (prints its code)"), run_create)
    create.add_argument("--campaign", default=None, help=_("campaign name (default: the station's)"))
    add_detail_arguments(create)
    carton = action("carton", _("create a carton (prints its code)"), run_carton)
    carton.add_argument("--campaign", default=None, help=_("campaign name (default: the station's)"))
    for name, text in (("add", _("scan packages or cartons into a batch, or packages into a carton")),
                       ("remove", _("take packages or cartons out of an open batch, or packages out of a carton"))):
        parser = action(name, text, run_add if name == "add" else run_remove)
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--batch", help=_("batch code"))
        target.add_argument("--carton", help=_("carton code"))
        parser.add_argument("codes", nargs="+", metavar="CODE", help=_("package or carton codes as scanned"))
    details = action("details", _("set the handover details of a batch"), run_details)
    details.add_argument("--batch", required=True, help=_("batch code"))
    add_detail_arguments(details)
    for name, text in (("close", _("close a batch: its contents become the next manifest version")),
                       ("reopen", _("open a closed, unsigned batch again")),
                       ("sign", _("mark the closed manifest signed: the batch is handed over"))):
        parser = action(name, text, run_life)
        parser.add_argument("--batch", required=True, help=_("batch code"))
        if name == "close":
            parser.add_argument("--out", type=Path, default=None, help=_("write the manifest (PDF) at once"))
            parser.set_defaults(documents=documents)
    correct = action("correct", _("open a signed batch for a correction (version n+1)"), run_life)
    correct.add_argument("--batch", required=True, help=_("batch code"))
    correct.add_argument("--reason", required=True, help=_("why the signed manifest is corrected"))
    attach = action("attach", _("attach the scanned signed sheet of a manifest version"), run_attach)
    attach.add_argument("--batch", required=True, help=_("batch code"))
    attach.add_argument("--version", type=int, default=None, help=_("manifest version (default: the current)"))
    attach.add_argument("file", type=Path, help=_("the scanned sheet (PDF or picture)"))
    listing = action("list", _("batches with their state"), run_list, changes=False)
    listing.add_argument("--campaign", default=None, help=_("campaign name (default: every campaign)"))
    show = action("show", _("a batch: its packages, cartons and manifest versions"), run_show, changes=False)
    show.add_argument("--batch", required=True, help=_("batch code"))
    show.add_argument("--version", type=int, default=None, help=_("list this manifest version's packages"))
    labels = action("labels", _("print carton labels (PDF, the package labels' layouts)"), run_labels, changes=False)
    which = labels.add_mutually_exclusive_group(required=True)
    which.add_argument("--batch", help=_("every carton of this batch"))
    which.add_argument("--carton", nargs="+", help=_("these cartons"))
    add_destination_arguments(labels, _("file to write, PDF or ZPL"))
    add_format_argument(labels)
    labels.add_argument("--layout", choices=sorted(LAYOUTS), default="100x150", help=_("label layout"))
    add_dpi_argument(labels)
    labels.add_argument("--start", type=int, default=1, help=_("first free position on a partly used sheet"))
    labels.set_defaults(documents=documents)
    handover_receiving.register(subparsers, documents)


def add_detail_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--place", default=None, help=_("place of handover"))
    parser.add_argument("--handover-at", default=None, help=_("date and time of handover (YYYY-MM-DDTHH:MM)"))
    for key, party in _PARTIES:
        name = _(party)
        parser.add_argument(f"--{key}", default=None, help=_("organisation of the {party}").format(party=name))
        parser.add_argument(f"--{key}-name", default=None, help=_("representative of the {party}").format(party=name))
        parser.add_argument(f"--{key}-position", default=None, help=_("position of the {party}'s representative")
                            .format(party=name))
    parser.add_argument("--vehicle", default=None, help=_("vehicle"))
    parser.add_argument("--registration", default=None, help=_("vehicle registration"))
    parser.add_argument("--driver", default=None, help=_("driver"))
    parser.add_argument("--seal", action="append", default=None, help=_("seal number (repeat for several)"))


def details_from(args: argparse.Namespace, current: HandoverDetails) -> HandoverDetails:
    """The details given on the command line over the current ones (what is not given stays)."""
    def value(name: str, old: str) -> str:
        given = getattr(args, name, None)
        return old if given is None else str(given).strip()

    def party(key: str, old: PartyDetails) -> PartyDetails:
        return PartyDetails(value(key, old.organisation), value(f"{key}_name", old.representative),
                            value(f"{key}_position", old.position))

    return HandoverDetails(value("place", current.place), value("handover_at", current.handover_at),
                           party("sending", current.sending), party("mediator", current.mediator),
                           party("receiving", current.receiving), value("vehicle", current.vehicle),
                           value("registration", current.registration), value("driver", current.driver),
                           tuple(args.seal) if args.seal is not None else current.seal_numbers)


def outcome_dict(outcome: BatchOutcome) -> dict[str, Any]:
    return {"accepted": outcome.accepted, "reason": outcome.reason.value, "message": outcome.message,
            "code": outcome.code, "batch": outcome.batch_code, "carton": outcome.carton_code,
            "package": outcome.package_code, "version": outcome.version, "event_id": outcome.event_id}


def outcome_line(outcome: BatchOutcome) -> str:
    mark = _("OK") if outcome.accepted else _("REFUSED")
    return f"{mark} [{outcome.reason.value}] {outcome.message}"


def report(args: argparse.Namespace, outcomes: list[BatchOutcome]) -> int:
    if args.json:
        emit(args, {"ok": all(o.accepted for o in outcomes), "outcomes": [outcome_dict(o) for o in outcomes]}, "")
    return EXIT_OK if all(o.accepted for o in outcomes) else EXIT_REFUSED


def _one(args: argparse.Namespace, outcome: BatchOutcome) -> int:
    if not args.json:
        print(outcome_line(outcome), flush=True)
    return report(args, [outcome])


def run_create(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        station, user = station_for(workspace, args.station), supervisor(workspace, args)
        details = details_from(args, HandoverDetails())
        outcome = workspace.batch_service().create_batch(station, user, campaign_id(workspace, args.campaign),
                                                         details, language=args.lang)
        return _one(args, outcome)
    return run_with_workspace(args, act, records_events=True)


def run_carton(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        station, user = station_for(workspace, args.station), supervisor(workspace, args)
        return _one(args, workspace.batch_service().create_carton(station, user, campaign_id(workspace, args.campaign),
                                                                  language=args.lang))
    return run_with_workspace(args, act, records_events=True)


def _scan_each(args: argparse.Namespace, adding: bool) -> int:
    def act(workspace: Workspace) -> int:
        station, user = station_for(workspace, args.station), supervisor(workspace, args)
        service = workspace.batch_service()
        outcomes = []
        for code in args.codes:
            if args.batch:
                call = service.add if adding else service.remove
                outcome = call(station, user, args.batch, code, language=args.lang)
            else:
                carton = service.put_in_carton if adding else service.remove_from_carton
                outcome = carton(station, user, args.carton, code, language=args.lang)
            outcomes.append(outcome)
            if not args.json:  # committed: say so at once, one line per code
                print(outcome_line(outcome), flush=True)
        return report(args, outcomes)
    return run_with_workspace(args, act, records_events=True)


def run_add(args: argparse.Namespace) -> int:
    return _scan_each(args, adding=True)


def run_remove(args: argparse.Namespace) -> int:
    return _scan_each(args, adding=False)


def _batch(workspace: Workspace, code: str) -> BatchRecord:
    found = workspace.batch_service().batch(code)
    if found is None:
        raise NotFound(_("Batch {code} is not in this database.").format(code=code))
    return found


def run_details(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        station, user = station_for(workspace, args.station), supervisor(workspace, args)
        details = details_from(args, _batch(workspace, args.batch).details)
        return _one(args, workspace.batch_service().set_details(station, user, args.batch, details,
                                                                language=args.lang))
    return run_with_workspace(args, act, records_events=True)


def run_life(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        station, user = station_for(workspace, args.station), supervisor(workspace, args)
        service = workspace.batch_service()
        if args.batch_action == "correct":
            outcome = service.correct(station, user, args.batch, args.reason, language=args.lang)
        else:
            call = {"close": service.close, "reopen": service.reopen, "sign": service.sign}[args.batch_action]
            outcome = call(station, user, args.batch, language=args.lang)
        code = _one(args, outcome)
        if outcome.accepted and getattr(args, "out", None) is not None:  # closing prints the manifest
            content = workspace.manifest_service().content(args.batch)
            handover_receiving.write_output(args.out, args.documents.manifest(content, args.lang or "en"))
            if not args.json:
                print(_("Written: {files}").format(files=args.out), flush=True)
        return code
    return run_with_workspace(args, act, records_events=True)


def run_attach(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        station, user = station_for(workspace, args.station), supervisor(workspace, args)
        return _one(args, workspace.batch_service().attach_sheet(station, user, args.batch, args.file,
                                                                 version=args.version, language=args.lang))
    return run_with_workspace(args, act, records_events=True)


def batch_dict(batch: BatchRecord) -> dict[str, Any]:
    return {"code": batch.code, "campaign_id": batch.campaign_id, "state": batch.state.value,
            "version": batch.version, "packages": batch.package_count, "cartons": batch.carton_count,
            "created_at": batch.created_at, "created_by": batch.created_by, "details": batch.details.to_json()}


def run_list(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        from models.campaigns.reference import get_campaign

        chosen = get_campaign(workspace.db, args.campaign).id if args.campaign else None
        batches = workspace.batch_service().batches(chosen)
        lines = [_("{code}  {state}  version {version}  {packages} packages in {cartons} cartons").format(
            code=b.code, state=b.state.value, version=b.version, packages=b.package_count, cartons=b.carton_count)
            for b in batches] or [_("No batches yet.")]
        emit(args, {"batches": [batch_dict(b) for b in batches]}, "\n".join(lines))
        return EXIT_OK
    return run_with_workspace(args, act, records_events=True)


def run_show(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        service = workspace.batch_service()
        batch = _batch(workspace, args.batch)
        members = service.members(batch.code, args.version)
        versions = service.versions(batch.code)
        payload = batch_dict(batch) | {
            "members": [{"code": m.code, "name": m.full_name, "carton": m.carton_code, "state": m.state.value}
                        for m in members],
            "cartons": [asdict(c) for c in service.cartons(batch.campaign_id, batch.code)],
            "versions": [asdict(v) | {"details": v.details.to_json()} for v in versions]}
        lines = [_("Batch {code}: {state}, version {version}").format(code=batch.code, state=batch.state.value,
                                                                      version=batch.version)]
        lines += [f"  {v.version}: {v.package_count} {v.sha256} " + (_("signed {at}").format(at=v.signed_at)
                                                                     if v.signed else _("not signed"))
                  for v in versions]
        lines += [f"  {m.code}  {m.full_name}  {m.carton_number or ''}" for m in members]
        emit(args, payload, "\n".join(lines))
        return EXIT_OK
    return run_with_workspace(args, act, records_events=True)


def run_labels(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        service = workspace.batch_service()
        if args.batch:
            batch = _batch(workspace, args.batch)
            cartons = service.cartons(batch.campaign_id, batch.code)
        else:
            cartons = []
            for code in args.carton:
                found = service.carton(code)
                if found is None:
                    raise NotFound(_("Carton {code} is not in this database.").format(code=code))
                cartons.append(found)
        if not cartons:
            raise RefusedInput(_("No cartons to print labels for."))
        campaign = next((c for c in workspace.campaigns() if c.id == cartons[0].campaign_id), None)
        pdf = args.documents.carton_labels(cartons, campaign.name if campaign else "", layout=args.layout,
                                           dpi=args.dpi, start_position=args.start,
                                           language=args.lang or (campaign.label_language if campaign else "en"),
                                           zpl=args.format == ZPL)
        delivered = Delivered()
        deliver_labels(args, pdf, _("Carton labels"), delivered)
        emit(args, {"ok": True, **delivered.payload(), "cartons": len(cartons)},
             _("{count} carton labels. {where}").format(count=len(cartons), where=delivered.text()))
        return EXIT_OK
    return run_with_workspace(args, act, records_events=True)
