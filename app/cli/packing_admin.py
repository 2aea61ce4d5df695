"""`users`, `stock` and `letters` sub-commands (registered by `app.cli.packing`)."""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict, replace
from datetime import date, datetime

from app.cli import letter_labels
from app.cli.commands import command_help
from app.cli.exit_codes import EXIT_OK
from app.cli.output import add_db_argument, add_json_argument, emit, run_with_workspace
from app.workspace import Workspace
from models.core.errors import RefusedInput
from models.core.i18n import LANGUAGES, _
from models.core.types import SETUP_USER, StockReceipt
from models.packing.users import Role


def _parser(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str
) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=text)
    add_db_argument(parser)
    add_json_argument(parser)
    return parser


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    users = subparsers.add_parser("users", help=command_help("users")).add_subparsers(
        dest="users_action", metavar="ACTION", required=True)
    add = _parser(users, "add", _("add a user"))
    add.add_argument("name")
    add.add_argument("--role", choices=[role.value for role in Role], default=Role.PACKER.value)
    add.add_argument("--new-pin", default=None, help=_("the new user's PIN, 4 to 12 digits (or set "
                                                       "PACKLINE_NEW_PIN)"))
    add.add_argument("--by", default=None, help=_("the administrator adding the user (not for the first user of "
                                                  "a new database)"))
    add.add_argument("--pin", default=None, help=_("the PIN of --by (or set PACKLINE_PIN); the first user's own "
                                                   "PIN when there is no --by"))
    add.add_argument("--badge", default=None, help=_("badge code for signing in by scanning"))
    add.add_argument("--lang", choices=LANGUAGES, default="en")
    add.set_defaults(handler=run_users_add)
    _parser(users, "list", _("list users")).set_defaults(handler=run_users_list)
    for action, text in (("unlock", _("let a user locked by wrong PINs sign in again (supervisors)")),
                         ("set-role", _("make a user a packer, supervisor or administrator")),
                         ("set-pin", _("give a user a new PIN")),
                         ("set-badge", _("give a user a badge code to sign in by scanning (a new one by default)")),
                         ("deactivate", _("stop a user from signing in (their name stays in the journal)")),
                         ("reactivate", _("let a deactivated user sign in again"))):
        change = _parser(users, action, text)
        change.add_argument("name")
        if action == "set-role":
            change.add_argument("role", choices=[role.value for role in Role])
        if action == "set-pin":
            change.add_argument("--new-pin", default=None, help=_("4 to 12 digits (or set PACKLINE_NEW_PIN)"))
        if action == "set-badge":
            change.add_argument("--code", default=None, help=_("the badge's digits (default: a new code)"))
            change.add_argument("--remove", action="store_true", help=_("take the badge away"))
        change.add_argument("--by", required=True, help=_("the administrator making the change (their own name "
                                                          "for their own PIN)"))
        change.add_argument("--pin", default=None, help=_("the PIN of --by (or set PACKLINE_PIN)"))
        change.set_defaults(handler=run_users_change, users_action=action)

    stock = subparsers.add_parser("stock", help=command_help("stock")).add_subparsers(
        dest="stock_action", metavar="ACTION", required=True)
    intake = _parser(stock, "intake", _("record donated stock"))
    intake.add_argument("--campaign", default=None)
    intake.add_argument("--item", required=True, help=_("item name or barcode"))
    intake.add_argument("--quantity", type=int, required=True)
    intake.add_argument("--donor", default="")
    intake.add_argument("--lot", default="")
    intake.add_argument("--expiry", type=parse_date, default=None, help=_("dd.mm.yyyy or yyyy-mm-dd"))
    intake.set_defaults(handler=run_stock_intake)
    show = _parser(stock, "show", _("received, used and available stock per item"))
    show.add_argument("--campaign", default=None)
    show.set_defaults(handler=run_stock_show)

    letters = subparsers.add_parser("letters", help=command_help("letters")).add_subparsers(
        dest="letters_action", metavar="ACTION", required=True)
    register_letters = _parser(letters, "register", _("register letters for recipients (by list number)"))
    register_letters.add_argument("--campaign", default=None)
    register_letters.add_argument("--received", action="store_true", help=_("the letters are already here"))
    register_letters.add_argument("numbers", nargs="+", metavar="NUMBER")
    register_letters.set_defaults(handler=run_letters_register)
    receive = _parser(letters, "receive", _("mark letters as received (by letter code)"))
    receive.add_argument("codes", nargs="+", metavar="CODE")
    receive.set_defaults(handler=run_letters_receive)
    listing = _parser(letters, "list", _("list letters and their status"))
    listing.add_argument("--campaign", default=None)
    listing.set_defaults(handler=run_letters_list)
    rule = _parser(letters, "rule", _("must a received letter be enclosed before sealing?"))
    rule.add_argument("--campaign", default=None)
    rule.add_argument("--must-enclose", choices=["yes", "no"], default=None)
    rule.set_defaults(handler=run_letters_rule)
    letter_labels.register(letters)


def parse_date(text: str) -> date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(_("expected a date as dd.mm.yyyy or yyyy-mm-dd, got {text}").format(text=text))


def _campaign(workspace: Workspace, name: str | None) -> int:
    from app.cli.output import campaign_id

    return campaign_id(workspace, name)


def run_users_add(args: argparse.Namespace) -> int:
    """The first user of a new database is added without credentials (nobody could give them); every later one
    by an administrator with their PIN (`--by`, `--pin`), as on the Users panel."""
    from app.cli.output import read_pin

    def action(workspace: Workspace) -> int:
        service = workspace.user_service()
        if service.has_users():
            if not args.by:
                raise RefusedInput(_("Adding a user needs an administrator: give --by NAME and their PIN."))
            by = service.sign_in(args.by, read_pin(args.pin))
            new_pin = _new_pin(args)
        elif args.role != Role.ADMIN.value:
            raise RefusedInput(_("The first user must be an administrator (--role admin): only an administrator "
                                 "can add the others."))
        else:
            by = None
            new_pin = args.new_pin or os.environ.get(NEW_PIN_VARIABLE) or read_pin(args.pin)
        user = service.add(args.name, args.role, new_pin, badge_code=args.badge, language=args.lang, by=by)
        emit(args, asdict(user), _("User {name} added as {role}.").format(name=user.name, role=user.role.value))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_users_list(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        users = workspace.user_service().list()
        header = "\t".join((_("Name"), _("Role"), _("Language"), _("Badge"), _("Active"), _("Locked")))
        emit(args, {"users": [asdict(user) for user in users]},
             "\n".join([header, *(f"{u.name}\t{u.role.value}\t{u.language}\t{u.badge_code or ''}\t"
                                  f"{_('yes') if u.active else _('no')}\t{_('yes') if u.locked else _('no')}"
                                  for u in users)]))
        return EXIT_OK
    return run_with_workspace(args, action)


NEW_PIN_VARIABLE = "PACKLINE_NEW_PIN"


def _new_pin(args: argparse.Namespace) -> str:
    new_pin = args.new_pin or os.environ.get(NEW_PIN_VARIABLE)
    if not new_pin:
        raise RefusedInput(_("The new PIN is needed: --new-pin or the PACKLINE_NEW_PIN variable."))
    return str(new_pin)


def run_users_change(args: argparse.Namespace) -> int:
    """unlock, set-role, set-pin, set-badge, deactivate, reactivate: signed for by `--by` with their PIN, as on the
    Users panel (the service refuses what only an administrator may do)."""
    from app.cli.output import read_pin

    def action(workspace: Workspace) -> int:
        service = workspace.user_service()
        by = service.sign_in(args.by, read_pin(args.pin))
        name = args.name
        if args.users_action == "set-role":
            service.set_role(name, args.role, by=by)
        elif args.users_action == "set-pin":
            service.change_pin(name, _new_pin(args), by=by)
        elif args.users_action == "set-badge":
            service.set_badge(name, "" if args.remove else args.code, by=by)
        elif args.users_action == "unlock":
            service.unlock(name, by=by)
        elif args.users_action == "deactivate":
            service.deactivate(name, by=by)
        else:
            service.reactivate(name, by=by)
        user = next(user for user in service.list() if user.name == name.strip())
        emit(args, asdict(user), _("{name}: {role}, badge {badge}, {state}.").format(
            name=user.name, role=user.role.value, badge=user.badge_code or "—",
            state=_("locked") if user.locked else _("active") if user.active else _("deactivated")))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_stock_intake(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        service = workspace.stock_service()
        item_id = service.find_item(args.item)
        service.intake(_campaign(workspace, args.campaign),
                       [StockReceipt(item_id, args.quantity, args.donor, args.lot, args.expiry)])
        emit(args, {"ok": True, "item_id": item_id, "quantity": args.quantity},
             _("Recorded {quantity} x {item}.").format(quantity=args.quantity, item=args.item))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_stock_show(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        levels = workspace.stock_service().levels(_campaign(workspace, args.campaign))
        header = "\t".join((_("Item"), _("Received"), _("Used"), _("In open packages"), _("Available")))
        emit(args, {"items": [asdict(level) | {"available": level.available} for level in levels]},
             "\n".join([header, *(f"{level.name}\t{level.received}\t{level.consumed}\t{level.in_open}\t"
                                  f"{level.available}" for level in levels)]))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_letters_register(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        letters = workspace.letter_service().register(_campaign(workspace, args.campaign), args.numbers,
                                                      received=args.received)
        emit(args, {"letters": [asdict(letter) for letter in letters]},
             "\n".join(f"{letter.list_number}\t{letter.code}\t{letter.status.value}" for letter in letters))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_letters_receive(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        letters = workspace.letter_service().mark_received(args.codes)
        emit(args, {"letters": [asdict(letter) for letter in letters]},
             "\n".join(f"{letter.code}\t{letter.status.value}" for letter in letters))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_letters_list(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        letters = workspace.letter_service().letters(_campaign(workspace, args.campaign))
        emit(args, {"letters": [asdict(letter) for letter in letters]},
             "\n".join(f"{x.list_number}\t{x.recipient_name}\t{x.code}\t{x.status.value}" for x in letters))
        return EXIT_OK
    return run_with_workspace(args, action)


def run_letters_rule(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        campaign = _campaign(workspace, args.campaign)
        if args.must_enclose is not None:
            campaigns = workspace.campaign_service()
            found = campaigns.by_id(campaign)
            campaigns.change_rules(found, replace(found.rules, letters_must_be_enclosed=args.must_enclose == "yes"),
                                   SETUP_USER)
        value = workspace.letter_service().must_enclose(campaign)
        emit(args, {"letters_must_be_enclosed": value},
             _("Received letters must be enclosed before sealing.") if value else
             _("Letters may be missing when a package is sealed."))
        return EXIT_OK
    return run_with_workspace(args, action)
