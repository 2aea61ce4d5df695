"""Headless manifests and receiving (registered with `app.cli.handover`):

    uv run main.py manifest --db PATH --batch CODE --out FILE.pdf [--version N] [--lang uk]
    uv run main.py verify-manifest --db PATH QR_PAYLOAD
    uv run main.py export-batch --db PATH --batch CODE --out DIR [--lang uk]
    uv run main.py receive --db PATH [--batch-file FILE] [--batch CODE] [--damaged] CODE...
    uv run main.py reconcile --db PATH --batch CODE [--checklist FILE] [--csv FILE] [--pdf FILE]

`manifest` of a corrected version also writes FILE-changes.pdf (what changed since the version before).
`verify-manifest` exits 0 when the printed sheet matches the database, 2 when it does not.
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from app.cli.commands import command_help
from app.cli.destination import Delivered, add_destination_arguments, deliver_pdf
from app.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from app.cli.output import add_db_argument, add_json_argument, emit, read_pin, run_with_workspace
from app.workspace import Workspace
from models.core.codes import normalise
from models.core.errors import RefusedInput
from models.core.files import write_private
from models.core.i18n import LANGUAGES, _, translator
from models.handover.manifests import ManifestContent, VersionChanges
from models.handover.receiving_files import cause_text
from models.handover.receiving_records import STATUS_NAMES, BatchFile, ReceiptStatus, Reconciliation
from models.handover.records import CartonRecord
from models.packing.station import Station
from models.packing.users import User

RECEIVING_STATION = "Receiving"
"""The station name a receiving install takes when it has none yet."""


class Documents(Protocol):
    """PDF renderers (`printing.handover_documents.HandoverDocuments` wires the printing layer's)."""

    def manifest(self, content: ManifestContent, language: str = "en", *, dpi: int = 300) -> bytes: ...

    def changes(self, changes: VersionChanges, campaign: str, language: str = "en") -> bytes: ...

    def checkoff(self, batch: BatchFile, language: str = "en") -> bytes: ...

    def kit(self, batch: BatchFile, language: str = "en") -> bytes: ...

    def reconciliation(self, rec: Reconciliation, language: str = "en") -> bytes: ...

    def carton_labels(self, cartons: Sequence[CartonRecord], campaign: str, *, layout: str = "100x150",
                      dpi: int = 203, language: str = "en", start_position: int = 1, zpl: bool = False) -> bytes: ...


def station_for(workspace: Workspace, name: str | None, default: str | None = None) -> Station:
    """The named station (set on first use), else the stored identity, else `default` (or a refusal)."""
    service = workspace.station_service()
    if name:
        return service.ensure(name)
    found = service.identity()
    if found is not None:
        return found
    if default:
        return service.ensure(default)
    raise RefusedInput(_("This database has no station name yet: give one with --station."))


def supervisor(workspace: Workspace, args: argparse.Namespace) -> User:
    return workspace.user_service().sign_in(args.user, read_pin(args.pin))


def write_output(path: Path, data: bytes) -> None:
    """Documents hold personal data: written 0600, under a temporary name first."""
    write_private(path, data)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], documents: Documents) -> None:
    def command(name: str, handler: Any) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=command_help(name))
        add_db_argument(parser)
        parser.add_argument("--lang", choices=LANGUAGES, default=None, help=_("language of the messages and documents"))
        add_json_argument(parser)
        parser.set_defaults(handler=handler, documents=documents)
        return parser

    manifest = command("manifest", run_manifest)
    manifest.add_argument("--batch", required=True, help=_("batch code"))
    manifest.add_argument("--version", type=int, default=None, help=_("manifest version (default: the latest)"))
    add_destination_arguments(manifest, _("PDF file to write (a changed version's changes beside it)"))
    verify = command("verify-manifest", run_verify)
    verify.add_argument("payload", metavar="QR_PAYLOAD", help=_("the digits the manifest's QR code holds"))
    export = command("export-batch", run_export)
    export.add_argument("--batch", required=True, help=_("batch code"))
    export.add_argument("--version", type=int, default=None, help=_("manifest version (default: the latest)"))
    export.add_argument("--out", type=Path, required=True, help=_("folder to write the files into"))
    receive = command("receive", run_receive)
    receive.add_argument("--batch-file", type=Path, default=None, help=_("the batch file (JSON) from the sending side"))
    receive.add_argument("--batch", default=None, help=_("batch code (default: the batch file's)"))
    receive.add_argument("--damaged", action="store_true", help=_("record these packages as arrived damaged"))
    receive.add_argument("--note", default="", help=_("a note for these packages"))
    receive.add_argument("--station", default=None, help=_("this station's name (default: as stored)"))
    receive.add_argument("--user", default=None, help=_("who checks the packages in (default, while this database "
                                                        "has no users: the login name)"))
    receive.add_argument("--pin", default=None, help=_("the user's PIN (or set PACKLINE_PIN)"))
    receive.add_argument("codes", nargs="*", metavar="CODE", help=_("package codes as scanned"))
    reconcile = command("reconcile", run_reconcile)
    reconcile.add_argument("--batch", required=True, help=_("batch code"))
    reconcile.add_argument("--checklist", type=Path, default=None,
                           help=_("import the receiving side's ticked list (CSV or XLSX) first"))
    reconcile.add_argument("--receipt", type=Path, default=None,
                           help=_("import the receiving side's receipt (JSON from export-receipt) first"))
    reconcile.add_argument("--station", default=None, help=_("this station's name (default: as stored)"))
    reconcile.add_argument("--user", default=None, help=_("who imports the list (default, while this database has "
                                                          "no users: the login name)"))
    reconcile.add_argument("--pin", default=None, help=_("the user's PIN (or set PACKLINE_PIN)"))
    receipt = command("export-receipt", run_export_receipt)
    receipt.add_argument("--batch", required=True, help=_("batch code"))
    receipt.add_argument("--out", type=Path, required=True, help=_("folder to write the receipt into"))
    receipt.add_argument("--station", default=None, help=_("this station's name (default: as stored)"))
    reconcile.add_argument("--csv", type=Path, default=None, help=_("write the reconciliation as CSV"))
    reconcile.add_argument("--pdf", type=Path, default=None, help=_("write the reconciliation report (PDF)"))


def _language(args: argparse.Namespace) -> str:
    return args.lang or "en"


def run_manifest(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        manifests = workspace.manifest_service()
        content = manifests.content(args.batch, args.version)
        delivered = Delivered()
        title = _("Manifest {batch} v{version}").format(batch=content.batch_code, version=content.version)
        deliver_pdf(args, args.documents.manifest(content, _language(args)), title, delivered)
        payload: dict[str, Any] = {"ok": True, "batch": content.batch_code, "version": content.version,
                                   "count": len(content.lines), "sha256": content.sha256, "signed": content.signed}
        lines = [_("Manifest of batch {batch}, version {version}: {count} packages, SHA-256 {sha256}").format(
            batch=content.batch_code, version=content.version, count=len(content.lines), sha256=content.sha256)]
        changes = manifests.changes(content.batch_code, content.version)
        if changes is not None:
            target = args.out.with_name(f"{args.out.stem}-changes.pdf") if args.out else None
            deliver_pdf(args, args.documents.changes(changes, content.campaign, _language(args)),
                        _("Changes of {title}").format(title=title), delivered, target)
            payload["changes"] = {"previous": changes.previous, "added": [r.code for r in changes.added],
                                  "removed": [r.code for r in changes.removed],
                                  "details": [list(d) for d in changes.details], "reason": changes.reason}
            lines.append(_("Changes since version {previous}: {added} added, {removed} taken out").format(
                previous=changes.previous, added=len(changes.added), removed=len(changes.removed)))
            lines += [f"  + {row.code} {row.full_name}" for row in changes.added]
            lines += [f"  - {row.code} {row.full_name}" for row in changes.removed]
        payload.update(delivered.payload())
        lines.append(delivered.text())
        emit(args, payload, "\n".join(lines))
        return EXIT_OK
    return run_with_workspace(args, act, records_events=True)


def run_verify(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        found = workspace.receiving_service().verify(args.payload, language=args.lang)
        emit(args, {"ok": found.current, "result": found.result.value, "message": found.message,
                    "matches": found.matches, "current": found.current, "batch": found.batch_code,
                    "version": found.version, "printed_count": found.printed_count,
                    "stored_count": found.stored_count, "printed_sha256": found.printed_sha256,
                    "stored_sha256": found.stored_sha256, "latest_version": found.latest_version,
                    "signed": found.signed}, found.message)
        # A superseded sheet lists its version truly, but it is not the one to hand over: refused, naming the
        # version that replaces it.
        return EXIT_OK if found.current else EXIT_REFUSED
    return run_with_workspace(args, act, records_events=True)


def run_export(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        documents: Documents | None = args.documents
        result = workspace.receiving_service().export(
            args.batch, args.out, language=_language(args), version=args.version,
            checkoff=documents.checkoff if documents is not None else None,
            kit=documents.kit if documents is not None else None)
        batch = result.batch
        emit(args, {"ok": True, "batch": batch.batch_code, "version": batch.version, "count": len(batch.lines),
                    "sha256": batch.sha256, "files": [str(f) for f in result.files]},
             _("Batch {batch}, version {version}, {count} packages, exported:").format(
                 batch=batch.batch_code, version=batch.version, count=len(batch.lines)) + "\n" +
             "\n".join(f"  {f}" for f in result.files))
        return EXIT_OK
    return run_with_workspace(args, act, records_events=True)


def _user(workspace: Workspace, args: argparse.Namespace) -> str:
    """Who is recorded: once this database has users, one of them, signed in with their PIN; before that (a
    receiving side's new database) the name given, or the login name."""
    users = workspace.user_service()
    if not users.has_users():
        return args.user or getpass.getuser()
    if not args.user:
        raise RefusedInput(_("This database has users: give yours with --user, and your PIN."))
    return users.sign_in(args.user, read_pin(args.pin)).name


def run_receive(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        service = workspace.receiving_service()
        batch_code = args.batch
        if args.batch_file is not None:
            imported = service.import_batch_file(args.batch_file)
            batch_code = batch_code or imported.batch_code
            if not args.json:
                print(_("Batch file imported: batch {batch}, version {version}, {count} packages.").format(
                    batch=imported.batch_code, version=imported.version, count=len(imported.lines)), flush=True)
        if not batch_code:
            raise RefusedInput(_("Name the batch with --batch or give its batch file with --batch-file."))
        station = station_for(workspace, args.station, RECEIVING_STATION)
        outcomes = []
        user = _user(workspace, args) if args.codes else ""
        for code in args.codes:
            outcome = service.scan(station, user, batch_code, code, damaged=args.damaged, note=args.note,
                                   language=args.lang)
            outcomes.append(outcome)
            if not args.json:
                mark = _("OK") if outcome.accepted else _("REFUSED")
                print(f"{mark} [{outcome.reason.value}] {outcome.message}", flush=True)
        if args.json:
            emit(args, {"ok": all(o.accepted for o in outcomes), "batch": batch_code,
                        "outcomes": [{"accepted": o.accepted, "reason": o.reason.value, "message": o.message,
                                      "code": o.code, "status": o.status.value if o.status else None}
                                     for o in outcomes]}, "")
        return EXIT_OK if all(o.accepted for o in outcomes) else EXIT_REFUSED
    return run_with_workspace(args, act, records_events=True)


def run_export_receipt(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        service = workspace.receiving_service()
        station = station_for(workspace, args.station, RECEIVING_STATION)
        path = service.export_receipt(args.batch, args.out, station)
        rec = service.reconcile(args.batch)
        emit(args, {"ok": True, "batch": rec.batch_code, "version": rec.version, "file": str(path),
                    "counts": {status.value: rec.counts[status] for status in ReceiptStatus}},
             _("Receipt of batch {batch}, version {version}, written to {file}: take it to the sending side "
               "(reconcile --receipt).").format(batch=rec.batch_code, version=rec.version, file=path))
        return EXIT_OK
    return run_with_workspace(args, act, records_events=True)


def run_reconcile(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        service = workspace.receiving_service()
        language = _language(args)
        if args.checklist is not None and args.receipt is not None:
            raise RefusedInput(_("Give the ticked list (--checklist) or the receipt (--receipt), not both."))
        imported = None
        if args.checklist is not None:
            station = station_for(workspace, args.station)
            imported = service.import_checklist(station, _user(workspace, args), args.batch, args.checklist)
        if args.receipt is not None:
            station = station_for(workspace, args.station)
            imported = service.import_receipt(station, _user(workspace, args), args.receipt)
            if normalise(imported.batch_code) != normalise(args.batch):
                raise RefusedInput(_("The receipt is for batch {other}, not {batch}.").format(
                    other=imported.batch_code, batch=args.batch))
        rec = service.reconcile(args.batch)
        files = []
        if args.csv is not None:
            write_output(args.csv, service.reconciliation_csv(rec, language))
            files.append(str(args.csv))
        if getattr(args, "pdf", None) is not None:
            write_output(args.pdf, args.documents.reconciliation(rec, language))
            files.append(str(args.pdf))
        t = translator(language)
        counts = rec.counts
        lines = [_("Batch {batch}, version {version}: {expected} listed; received {received}, damaged {damaged}, "
                   "missing {missing}, extra {extra}").format(
            batch=rec.batch_code, version=rec.version, expected=rec.expected,
            **{status.value: counts[status] for status in ReceiptStatus})]
        if imported is not None and imported.unchanged:
            lines.append(_("{count} lines were recorded before as they are: nothing changed for them.").format(
                count=imported.unchanged))
        lines += [f"  {t.gettext(STATUS_NAMES[line.status])}: {line.code} {line.name} — "
                  f"{cause_text(line.cause, dict(line.cause_params), t)}" + (f": {line.note}" if line.note else "")
                  for line in rec.lines if line.status is not ReceiptStatus.RECEIVED]
        emit(args, {"ok": True, "batch": rec.batch_code, "version": rec.version, "expected": rec.expected,
                    "counts": {status.value: counts[status] for status in ReceiptStatus}, "complete": rec.complete,
                    "lines": [{"code": line.code, "status": line.status.value, "cause": line.cause.value,
                               "reason": cause_text(line.cause, dict(line.cause_params), t), "note": line.note,
                               "name": line.name, "carton": line.carton} for line in rec.lines],
                    "files": files}, "\n".join(lines))
        return EXIT_OK
    return run_with_workspace(args, act, records_events=True)
