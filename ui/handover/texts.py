"""Every text of the Handover screen, set again when the language changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.core.codes import grouped
from models.core.i18n import _, ngettext
from ui.handover.view import STATE_TEXTS

if TYPE_CHECKING:
    from ui.handover.base import HandoverBase
    from ui.handover.screen import HandoverScreen


def button_text(key: str) -> str:
    texts = {
        "newBatch": _("New batch"), "newCarton": _("New carton"), "importBatchFile": _("Import batch file…"),
        "detailsButton": _("Handover details…"), "closeBatch": _("Close"), "reopenBatch": _("Reopen"),
        "signBatch": _("Mark signed"), "correctBatch": _("Correct…"), "attachSheet": _("Attach signed sheet…"),
        "manifestPdf": _("Manifest PDF…"), "manifestPrint": _("Print manifest…"), "labelsPdf": _("Carton labels…"),
        "exportBatch": _("Export for receiving…"), "importChecklist": _("Import ticked list…"),
        "reconcileReport": _("Reconciliation…"), "importReceipt": _("Import receipt…"),
        "exportReceipt": _("Export receipt…"),
        "mode_batch": _("Batch"), "mode_carton": _("Carton"), "mode_remove": _("Take out"),
        "mode_receive": _("Receive"),
    }
    return texts[key]


def batch_title(screen: HandoverBase) -> str:
    row = screen.current
    if row is None:
        return _("No batch chosen")
    return _("Batch {code}, version {version}: {state}").format(code=grouped(row.code), version=row.version,
                                                                state=_(STATE_TEXTS.get(row.state, row.state)))


def carton_text(number: int, count: int) -> str:
    return ngettext("Carton {number} ({count} package)", "Carton {number} ({count} packages)", count).format(
        number=number, count=count)


def retranslate(screen: HandoverScreen) -> None:
    screen.title.setText(_("Handover"))
    screen.user_caption.setText(_("Supervisor:"))
    screen.user_name.setPlaceholderText(_("name"))
    screen.user_pin.setPlaceholderText(_("PIN"))
    screen.sign_in_button.setText(_("Sign in"))
    screen.sign_out_button.setText(_("Sign out"))
    if screen.user is not None:
        screen.signed_in.setText(_("Signed in: {name}").format(name=screen.user.name))
    screen.batches_box.setTitle(_("Batches"))
    screen.detail_box.setTitle(_("Batch"))
    for button in (screen.new_batch_button, screen.new_carton_button, screen.import_file_button,
                   *screen.action_buttons.values(), *screen.mode_buttons.values()):
        button.setText(button_text(button.objectName()))
    screen.mode_caption.setText(_("Scan into:"))
    screen.damaged.setText(_("Arrived damaged"))
    screen.code_caption.setText(_("&Code:"))
    screen.manual.setPlaceholderText(_("Scan a label, or type a code and press Enter"))
    screen.batches.retranslate()
    screen.members.retranslate()
    screen.batch_title.setText(batch_title(screen))
    if not screen.message.text():
        screen.message.setText(_("Sign in, choose or create a batch, then scan package and carton labels."))
    screen.refresh_cartons()
    screen.refresh_summary()
