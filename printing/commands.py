"""The command sheet (A4): one Code 128 barcode per station command, so a packer never needs the keyboard.

Each command is named in English, Russian and Ukrainian together, whatever the document language, so one
sheet serves a mixed team; the title and hints follow the chosen language.
"""

from __future__ import annotations

from io import BytesIO

from models.core.codes import Command, command_code, grouped
from models.core.i18n import LANGUAGES, Translator, translator
from printing import barcodes, fonts
from printing.layout import A4, MM, Rect, draw_fitted, fit

MARGIN = 15 * MM


def command_names(tr: Translator) -> dict[Command, str]:
    return {
        Command.SEAL: tr.gettext("Seal"),
        Command.UNDO: tr.gettext("Undo last"),
        Command.ACKNOWLEDGE: tr.gettext("Acknowledge"),
        Command.REPRINT: tr.gettext("Reprint label"),
        Command.NEXT_PACKAGE: tr.gettext("Next package"),
        Command.CALL_SUPERVISOR: tr.gettext("Call supervisor"),
    }


def command_hints(tr: Translator) -> dict[Command, str]:
    return {
        Command.SEAL: tr.gettext("Close the package when every required line is met; its label prints."),
        Command.UNDO: tr.gettext("Take back the last scan of this package."),
        Command.ACKNOWLEDGE: tr.gettext("Confirm that you have seen a refusal."),
        Command.REPRINT: tr.gettext("Print the label of the current package again, marked as a copy."),
        Command.NEXT_PACKAGE: tr.gettext("Take the next package from this station's queue."),
        Command.CALL_SUPERVISOR: tr.gettext("Ask for a supervisor at this station."),
    }


def render_command_sheet(language: str = "en", *, dpi: int = 300) -> bytes:
    """The A4 command sheet: title and hints in `language`, command names in en, ru and uk."""
    tr = translator(language)
    names = {lang: command_names(translator(lang)) for lang in LANGUAGES}
    hints = command_hints(tr)
    buffer = BytesIO()
    width, height = A4
    canvas = fonts.new_canvas(buffer, A4, tr.gettext("Command sheet"))
    inner = Rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    title = fit(tr.gettext("Command sheet"), fonts.BOLD, inner.width, 20, 10)
    below = draw_fitted(canvas, title, inner.x, inner.top)
    intro = fit(tr.gettext("Scan a barcode at a packing station to give its command."), fonts.REGULAR,
                inner.width, 10, 6, 2)
    below = draw_fitted(canvas, intro, inner.x, below - 4) - 6
    commands = list(Command)
    row_height = (below - inner.y) / len(commands)
    text_width = inner.width * 0.42
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.5)
    for index, command in enumerate(commands):
        row = Rect(inner.x, below - (index + 1) * row_height, inner.width, row_height)
        canvas.line(row.x, row.top, row.right, row.top)
        top = draw_fitted(canvas, fit(names[language][command], fonts.BOLD, text_width, 16, 8, 2),
                          row.x, row.top - 8)
        for lang in LANGUAGES:
            line = fit(f"{lang.upper()}  {names[lang][command]}", fonts.REGULAR, text_width, 10, 5)
            top = draw_fitted(canvas, line, row.x, top - 2)
        draw_fitted(canvas, fit(hints[command], fonts.REGULAR, text_width, 8, 5, 3), row.x, top - 4)
        code = command_code(command)
        # Wider bars help scanning at a distance, up to GS1's X; rounded down, never past it.
        max_dots = int(barcodes.MAX_MODULE / barcodes.dot(dpi))
        barcodes.draw_barcode(
            canvas, barcodes.code128_symbol(code), left=row.x + text_width + 4 * MM, right=row.right,
            bottom=row.y + 6 * MM, bar_height=row_height - 16 * MM, dpi=dpi,
            text=grouped(code), font_size=9, max_dots=max_dots)
    canvas.line(inner.x, inner.y, inner.right, inner.y)
    return fonts.finish(canvas, buffer)
