"""`main.py import recipients|catalog|template FILE`: all rows or none, every problem on stderr."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, add_json_argument, emit, run_with_workspace
from app.workspace import Workspace
from models import imports
from models.campaigns.list_import import ListEffect, ListOutcome
from models.campaigns.list_versions import ListDifference
from models.campaigns.reference import get_campaign
from models.core.i18n import _, ngettext
from models.imports.columns import FIELDS, field_labels
from models.imports.sniffing import DELIMITER_NAMES


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help=command_help("import"),
        description=_("Import a CSV (UTF-8, UTF-16 or Windows-1251; ; , or Tab) or XLSX file. Nothing is "
                      "written unless every row is correct; each problem is printed with its row and column."),
    )
    kinds = parser.add_subparsers(dest="import_kind", metavar="KIND", required=True)

    recipients = kinds.add_parser("recipients", help=_("import the recipient list of a campaign"))
    _common(recipients, imports.ImportKind.RECIPIENTS)
    recipients.add_argument("--campaign", required=True, help=_("campaign name"))
    recipients.add_argument("--dry-run", action="store_true",
                            help=_("check the file and show how it differs from the current list; write nothing"))
    recipients.set_defaults(handler=run_recipients)

    catalog = kinds.add_parser("catalog", help=_("import items: name, category, unit weight (g), barcodes"))
    _common(catalog, imports.ImportKind.CATALOG)
    catalog.set_defaults(handler=run_catalog)

    template = kinds.add_parser("template", help=_("import the content template of a campaign"))
    _common(template, imports.ImportKind.TEMPLATE)
    template.add_argument("--campaign", required=True, help=_("campaign name"))
    template.add_argument("--name", default=None, help=_("template name (default: the campaign name)"))
    template.set_defaults(handler=run_template)


def _common(parser: argparse.ArgumentParser, kind: imports.ImportKind) -> None:
    parser.add_argument("file", type=Path, help=_("CSV or XLSX file"))
    add_db_argument(parser)
    fields = ", ".join(spec.key for spec in FIELDS[kind])
    parser.add_argument("--map", action="append", default=[], type=mapping_entry, metavar="FIELD=COLUMN",
                        help=_("read FIELD from the column with this header or 1-based number; may be "
                               "repeated. Fields: {fields}").format(fields=fields))
    parser.add_argument("--sheet", default=None, help=_("XLSX sheet name (default: the first sheet)"))
    add_json_argument(parser)


def mapping_entry(text: str) -> tuple[str, str | int]:
    """`surname=Фамилия` or `surname=2` (a column number)."""
    field, sep, column = text.partition("=")
    field, column = field.strip(), column.strip()
    if not sep or not field or not column:
        raise argparse.ArgumentTypeError(_("expected FIELD=COLUMN, for example surname=2 or "
                                           "surname=Фамилия; got {text}").format(text=text))
    return field, int(column) if column.isdigit() else column


def run_recipients(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        campaign = get_campaign(workspace.db, args.campaign)
        if args.dry_run:
            report = imports.validate(workspace.db, imports.ImportKind.RECIPIENTS, args.file, campaign=campaign,
                                      mapping=dict(args.map), sheet=args.sheet)
            if report.problems:
                raise imports.ImportRefused(report)
        else:
            report = imports.import_recipients(workspace.db, campaign, args.file, dict(args.map), args.sheet)
        return _done(args, report)

    return run_with_workspace(args, action)


def run_catalog(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        return _done(args, imports.import_catalog(workspace.db, args.file, dict(args.map), args.sheet))

    return run_with_workspace(args, action)


def run_template(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        campaign = get_campaign(workspace.db, args.campaign)
        report = imports.import_template(workspace.db, campaign, args.file, args.name, dict(args.map), args.sheet)
        return _done(args, report)

    return run_with_workspace(args, action)


def _done(args: argparse.Namespace, report: imports.ImportReport) -> int:
    lines = [report.summary()]
    source = report.source
    if source.encoding:
        lines.append(_("Read as {encoding}, delimiter: {delimiter}.").format(
            encoding=source.encoding, delimiter=_delimiter_name(source.delimiter)))
    if source.sheet:
        lines.append(_("Read from sheet {sheet}.").format(sheet=source.sheet))
    if report.template:
        lines.append(_("Template: {name}.").format(name=report.template))
    if report.warnings:
        lines.append(_("Worth checking:"))
        lines += [f"  {warning}" for warning in report.warnings]
    difference = report.result.difference if report.result else None
    if difference is not None:
        lines += difference_lines(difference)
        lines += effect_lines(report.result.effects if report.result else ())
        if not report.written:
            lines.append(_("Nothing was written (--dry-run)."))
    emit(args, report.to_dict(), "\n".join(lines))
    return EXIT_OK


def difference_lines(difference: ListDifference) -> list[str]:
    """The list against the current one, as a supervisor reviews it before importing."""
    labels = field_labels(imports.ImportKind.RECIPIENTS)
    lines = [difference.summary()]
    lines += [_("  added {number}: {name}").format(number=number, name=name) for number, name in difference.added]
    for person in difference.changed:
        lines.append(_("  changed {number} ({name}):").format(number=person.list_number, name=person.name))
        lines += [f"    {_(labels.get(change.field, change.field))}: {change.old or '—'} -> {change.new or '—'}"
                  for change in person.changes]
    if difference.removed:
        lines.append(_("  not in the new list:"))
        lines += [f"    {number}: {name}" for number, name in difference.removed]
    return lines


def effect_lines(effects: Sequence[ListEffect]) -> list[str]:
    """Packages withdrawn or given back, and what waits for a supervisor (`recipients decisions`)."""
    if not effects:
        return []
    lines = [_("What the list does to packages:")]
    lines += [f"  {effect.list_number} ({effect.name}): {effect.text()}" for effect in effects]
    waiting = sum(effect.outcome in (ListOutcome.CHANGE_HELD, ListOutcome.REMOVAL_HELD) for effect in effects)
    if waiting:
        lines.append(ngettext("{count} decision waits for a supervisor: recipients decisions.",
                              "{count} decisions wait for a supervisor: recipients decisions.", waiting).format(
            count=waiting))
    return lines


def _delimiter_name(delimiter: str | None) -> str:
    return _(DELIMITER_NAMES[delimiter]) if delimiter in DELIMITER_NAMES else repr(delimiter)
