"""`catalog list`, `template show`, `template versions`: the catalog and the content template, headless, as the
Catalog and templates screen shows them.

    uv run main.py catalog list --db PATH [--json]
    uv run main.py template show --db PATH [--campaign NAME] [--version N] [--json]
    uv run main.py template versions --db PATH [--campaign NAME] [--json]
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, add_json_argument, campaign_id, emit, run_with_workspace
from app.workspace import Workspace
from models.campaigns.template_rules import minimum_weight
from models.core.errors import NotFound
from models.core.i18n import _
from models.core.types import Item, Template


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    catalog = subparsers.add_parser("catalog", help=command_help("catalog")).add_subparsers(
        dest="catalog_action", metavar="ACTION", required=True)
    listing = catalog.add_parser("list", help=_("every item: name, category, unit weight, barcodes"))
    listing.set_defaults(handler=run_catalog_list)
    template = subparsers.add_parser("template", help=command_help("template")).add_subparsers(
        dest="template_action", metavar="ACTION", required=True)
    show = template.add_parser("show", help=_("the template's lines, substitutes and expected weight"))
    show.add_argument("--version", type=int, default=None, help=_("this version (default: the one in force)"))
    show.set_defaults(handler=run_template_show)
    versions = template.add_parser("versions", help=_("every version of the template and the packages using it"))
    versions.set_defaults(handler=run_template_versions)
    for parser in (listing, show, versions):
        add_db_argument(parser)
        add_json_argument(parser)
    for parser in (show, versions):
        parser.add_argument("--campaign", default=None, help=_("campaign name (default: the station's)"))


def _item_json(item: Item) -> dict[str, Any]:
    return {"id": item.id, "name": item.name, "category": item.category, "unit_weight_g": item.unit_weight_g,
            "barcodes": list(item.barcodes)}


def run_catalog_list(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        items = workspace.catalog_service().items()
        header = "\t".join((_("Item"), _("Category"), _("Unit weight, g"), _("Barcodes")))
        lines = [f"{item.name}\t{item.category}\t{item.unit_weight_g}\t{', '.join(item.barcodes)}" for item in items]
        emit(args, {"items": [_item_json(item) for item in items]},
             "\n".join([header, *lines]) if items else _("The catalog is empty: import catalog FILE."))
        return EXIT_OK
    return run_with_workspace(args, act)


def _template(workspace: Workspace, campaign: int, version: int | None) -> Template:
    service = workspace.catalog_service()
    found = service.versions(campaign)
    wanted = next((template_id for template_id, _name, number, _at in found
                   if version is None or number == version), None)
    template = service.template_version(wanted) if wanted is not None else None
    if template is None:
        known = ", ".join(str(number) for _id, _name, number, _at in found) or _("none")
        raise NotFound(_("The campaign has no template version {version}; versions: {known}.").format(
            version=version, known=known) if version is not None else
            _("The campaign has no content template yet: import template FILE --campaign NAME."))
    return template


def run_template_show(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        campaign = workspace.campaign_service().by_id(campaign_id(workspace, args.campaign))
        template = _template(workspace, campaign.id, args.version)
        items = {item.id: item for item in workspace.catalog_service().items()}

        def name(item_id: int) -> str:
            return items[item_id].name if item_id in items else f"#{item_id}"

        expected = minimum_weight(template.lines, items, campaign.rules.box_tare_g)
        lines = [_("{name}, version {version}").format(name=template.name, version=template.version),
                 "\t".join((_("Line"), _("Item"), _("Quantity"), _("Required"), _("Substitutes")))]
        lines += [f"{line.line_no}\t{name(line.item_id)}\t{line.quantity}\t{_('yes') if line.required else _('no')}"
                  f"\t{', '.join(name(item) for item in line.substitutes)}" for line in template.lines]
        lines.append(_("Expected weight: {weight} g (required lines and the box of {tare} g)").format(
            weight=expected, tare=campaign.rules.box_tare_g))
        emit(args, {"name": template.name, "version": template.version, "expected_weight_g": expected,
                    "lines": [{"line_no": line.line_no, "item": name(line.item_id), "quantity": line.quantity,
                               "required": line.required, "substitutes": [name(item) for item in line.substitutes]}
                              for line in template.lines]}, "\n".join(lines))
        return EXIT_OK
    return run_with_workspace(args, act)


def run_template_versions(args: argparse.Namespace) -> int:
    def act(workspace: Workspace) -> int:
        service = workspace.catalog_service()
        found = service.versions(campaign_id(workspace, args.campaign))
        use = {template_id: service.packages_using(template_id) for template_id, _name, _number, _at in found}
        rows = [{"version": number, "name": name, "created_at": at, "packages": use[template_id]}
                for template_id, name, number, at in found]
        header = "\t".join((_("Version"), _("Name"), _("Saved"), _("Packages packed with it")))
        lines = [f"{number}\t{name}\t{at}\t" + ", ".join(f"{state} {count}" for state, count in use[tid].items())
                 for tid, name, number, at in found]
        emit(args, {"versions": rows}, "\n".join([header, *lines]) if rows else _("No template yet."))
        return EXIT_OK
    return run_with_workspace(args, act)
