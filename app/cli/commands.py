"""Every sub-command of `main.py`: the module that adds it, and its one-line help.

`main.py --help` (and a command it does not know) lists the commands from this table alone, importing none of
their modules; a chosen command imports only its own module, which takes its help line from here
(`command_help`), so the two never say different things.
"""

from __future__ import annotations

from models.core.i18n import N_, _

COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("app.cli.demo", N_("create a demo campaign (catalog, template, recipients, stock short on two items)")),
    "campaign": ("app.cli.campaigns", N_("create, edit, list, show, close and archive campaigns")),
    "import": ("app.cli.imports", N_("import recipients, the item catalog or a content template from CSV or XLSX")),
    "recipients": ("app.cli.recipients", N_("find recipients and show one, as the Recipients screen")),
    "reissue": ("app.cli.package_life", N_("a replacement package for a voided one (supervisors)")),
    "check": ("app.cli.check", N_("check a database's integrity and its papers against its journal, and "
                                  "summarise its contents")),
    "backup": ("app.cli.check", N_("take an online backup of a database now")),
    "scan": ("app.cli.packing", N_("process scanned codes exactly as a packing station would")),
    "void": ("app.cli.packing", N_("void a sealed package (supervisors; items go back to stock)")),
    "status": ("app.cli.progress", N_("progress by state, by station and by packer")),
    "plan": ("app.cli.progress", N_("how many packages stock allows, what is short, substitutes")),
    "station": ("app.cli.packing", N_("show or set this station's name and campaign")),
    "journal": ("app.cli.packing", N_("the event journal")),
    "users": ("app.cli.packing", N_("users, roles and PINs")),
    "stock": ("app.cli.packing", N_("donated stock")),
    "letters": ("app.cli.packing", N_("family letters")),
    "catalog": ("app.cli.catalog", N_("the item catalog")),
    "template": ("app.cli.catalog", N_("the content template of a campaign")),
    "sync": ("app.cli.sync", N_("several stations: packs, lots, event exchange, conflicts")),
    "commands": ("app.cli.documents", N_("print the A4 sheet of command barcodes (to a PDF file or a printer)")),
    "scanner-sheet": ("app.cli.documents", N_("print the scanner test sheet (to a PDF file or a printer)")),
    "sample-labels": ("app.cli.documents", N_("print demo package labels (to a PDF file or a printer)")),
    "sample-documents": ("app.cli.documents", N_("print every kind of document from demo data")),
    "labels": ("app.cli.labels", N_("print the package labels of a campaign (to a PDF file or a printer)")),
    "slips": ("app.cli.labels", N_("print the content slips of sealed packages (to a PDF file or a printer)")),
    "printers": ("app.cli.printers", N_("the system's printers (CUPS queues): what each takes and its resolution")),
    "reprint": ("app.cli.labels", N_("print one sealed package's label again, as the next copy")),
    "batch": ("app.cli.handover", N_("cartons and handover batches")),
    "manifest": ("app.cli.handover", N_("print a batch's manifest (to a PDF file or a printer)")),
    "verify-manifest": ("app.cli.handover", N_("check a scanned manifest QR code against the database")),
    "export-batch": ("app.cli.handover", N_("write the batch list (CSV), the batch file (JSON), the check-off sheet "
                                            "(PDF) and the check-off kit (HTML)")),
    "receive": ("app.cli.handover", N_("check packages of a batch in (import its batch file first, if given)")),
    "reconcile": ("app.cli.handover", N_("received, missing, damaged and extra packages of a batch")),
    "export-receipt": ("app.cli.handover", N_("the receiving side's result of a batch as a receipt for the sending "
                                              "side")),
}
"""{command: (the module whose `register(subparsers)` adds it, its help, to translate)}."""
PROGRAM_HELP = N_("Packline: packing stations for care-package campaigns")
DATABASE_HELP = N_("database file of the window (default: packline.db in the user's data folder: on Linux "
                   "$XDG_DATA_HOME/Packline, else ~/.local/share/Packline)")
"""`main.py --help`'s own lines. The default is described, not computed: finding it imports platformdirs, which
would double the time `--help` takes; a sub-command names its database with its own --db."""
ALIASES = {"command-sheet": "commands"}
"""Other names of a command (argparse's aliases): the same module."""


def command_help(command: str) -> str:
    return _(COMMANDS[command][1])


def aliases_of(command: str) -> list[str]:
    return [alias for alias, target in ALIASES.items() if target == command]


def groups() -> dict[str, tuple[str, ...]]:
    """{module: the commands it adds}, in the table's order (aliases with their command)."""
    found: dict[str, list[str]] = {}
    for command, (module, _text) in COMMANDS.items():
        found.setdefault(module, []).append(command)
        found[module] += aliases_of(command)
    return {module: tuple(commands) for module, commands in found.items()}
