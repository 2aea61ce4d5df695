"""What the Handover screen's scans and buttons do: one service call each, its outcome shown as returned, then
the lists reloaded from the database. A base of `ui.handover.screen.HandoverScreen` (which builds the widgets);
closing a batch saves its manifest, so it builds on `ui.handover.document_actions`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.core.codes import CodeKind, classify
from models.core.errors import PacklineError
from models.core.i18n import _, current_language, ngettext
from models.core.types import Campaign
from models.handover import lifecycle
from models.handover.batches import BatchOutcome
from models.handover.lifecycle import BatchAction
from models.handover.manifests import parse_seal
from models.handover.receiving_records import ReceiptStatus
from models.handover.records import BatchState
from models.packing.station import Station
from ui.handover.document_actions import DocumentActions
from ui.handover.texts import batch_title, carton_text
from ui.handover.view import IMPORTED

STATION_NAME = "Handover desk"
"""The station name a database takes when the Handover screen records its first event (data, not translated)."""


class Actions(DocumentActions):
    # -- state ---------------------------------------------------------------------------------------------------

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self.refresh()

    def refresh(self, keep: str | None = None) -> None:
        """Reload the batches (keeping the chosen one, or choosing `keep`), the cartons and the chosen batch."""
        wanted = keep or (self.current.code if self.current else None)
        self.batches.set_rows(self.view.batch_rows(self.campaign.id if self.campaign else None))
        row = self.batches.row_of(wanted) if wanted else -1
        if row < 0 and self.batches.rows:
            row = 0
        if row >= 0:
            self.batch_table.selectRow(row)
        self._chosen(row)
        self.refresh_cartons()

    def _chosen(self, row: int) -> None:
        self.current = self.batches.rows[row] if 0 <= row < len(self.batches.rows) else None
        self.members.set_rows(self.view.member_lines(self.current) if self.current else [])
        self.batch_title.setText(batch_title(self))
        self.refresh_summary()
        self.update_controls()

    def refresh_summary(self) -> None:
        self.batch_summary.setText(self.view.summary(self.current, self.members.rows) if self.current else "")

    def refresh_cartons(self) -> None:
        chosen = self.carton_choice.currentData()
        self.carton_choice.clear()
        if self.campaign is not None:
            for carton in self.services.batch_service().cartons(self.campaign.id):
                self.carton_choice.addItem(carton_text(carton.number, carton.package_count), carton.code)
        index = self.carton_choice.findData(chosen)
        self.carton_choice.setCurrentIndex(index if index >= 0 else self.carton_choice.count() - 1)

    def mode(self) -> str:
        checked = self.modes.checkedButton()
        return next((key for key, button in self.mode_buttons.items() if button is checked), "batch")

    def set_mode(self, key: str) -> None:
        self.mode_buttons[key].setChecked(True)
        self.update_controls()

    def update_controls(self) -> None:
        """Which buttons make sense for the chosen batch's state (the services still decide)."""
        row, signed_in = self.current, self.user is not None
        local = row is not None and not row.imported
        state = BatchState(row.state) if row is not None and local else None
        imported = row is not None and row.state == IMPORTED

        def may(action: BatchAction) -> bool:
            return signed_in and state is not None and lifecycle.allowed(state, action)

        has_manifest = row is not None and state is not None and lifecycle.has_manifest(state, row.version)
        enabled = {
            "detailsButton": may(BatchAction.SET_DETAILS),
            "closeBatch": may(BatchAction.CLOSE),
            "reopenBatch": may(BatchAction.REOPEN),
            "signBatch": may(BatchAction.SIGN),
            "correctBatch": may(BatchAction.CORRECT),
            "attachSheet": may(BatchAction.ATTACH),
            "manifestPdf": has_manifest, "manifestPrint": has_manifest,
            "labelsPdf": self.campaign is not None, "exportBatch": has_manifest,
            "importChecklist": signed_in and (has_manifest or imported),
            "reconcileReport": has_manifest or imported,
            "importReceipt": signed_in and has_manifest,  # the sending side takes the receiving side's result
            "exportReceipt": imported,  # the receiving side gives it
        }
        for key, button in self.action_buttons.items():
            button.setEnabled(enabled[key])
        self.new_batch_button.setEnabled(signed_in and self.campaign is not None)
        self.new_carton_button.setEnabled(signed_in and self.campaign is not None)
        for key in ("batch", "remove"):
            self.mode_buttons[key].setEnabled(local)
        if not self.modes.checkedButton():
            self.mode_buttons["batch"].setChecked(True)
        mode = self.mode()
        self.carton_choice.setVisible(mode == "carton")
        self.damaged.setVisible(mode == "receive")
        for widget in (self.user_caption, self.user_name, self.user_pin, self.sign_in_button):
            widget.setVisible(not signed_in)
        self.signed_in.setVisible(signed_in)
        self.sign_out_button.setVisible(signed_in)

    # -- who is working --------------------------------------------------------------------------------------------

    def sign_in(self) -> None:
        try:
            self.user = self.services.user_service().sign_in(self.user_name.text(), self.user_pin.text())
        except PacklineError as error:
            self._failed(error)
        else:
            self.signed_in.setText(_("Signed in: {name}").format(name=self.user.name))
            self.show_message(_("Signed in as {name}.").format(name=self.user.name), "ok")
        self.user_pin.clear()
        self.update_controls()

    def sign_out(self) -> None:
        self.user = None
        self.user_name.clear()
        self.show_message(_("Signed out."))
        self.update_controls()

    def station(self) -> Station:
        stations = self.services.station_service()
        return stations.identity() or stations.ensure(STATION_NAME)

    def _signed_in(self) -> bool:
        if self.user is None:
            self.show_message(_("Sign in first (name and PIN)."), "refused")
            return False
        return True

    # -- scanning --------------------------------------------------------------------------------------------------

    def handle_scan(self, text: str) -> None:
        """One scanner burst (or a typed code): a manifest QR is verified, a batch code chooses the batch, any
        other code goes where the scan mode says."""
        code = text.strip()
        if parse_seal(code) is not None:
            self.verify(code)
            return
        scanned = classify(code)
        if scanned.ok and scanned.kind is CodeKind.BATCH and self.batches.row_of(scanned.value) >= 0:
            self.refresh(keep=scanned.value)
            self.show_message(_("Batch {code} chosen.").format(code=scanned.value), "ok")
            return
        if not self._signed_in():
            return
        mode, language = self.mode(), current_language()
        if mode == "carton" and scanned.ok and scanned.kind is CodeKind.CARTON:
            index = self.carton_choice.findData(scanned.value)
            if index >= 0:
                self.carton_choice.setCurrentIndex(index)
                self.show_message(_("Scanning into {carton}.").format(carton=self.carton_choice.currentText()), "ok")
                return
        assert self.user is not None
        if mode == "carton":
            carton = self.carton_choice.currentData()
            if not carton:
                self.show_message(_("Create or choose a carton first."), "refused")
                return
            self._outcome(self.services.batch_service().put_in_carton(self.station(), self.user, carton, code,
                                                                      language=language))
            return
        if self.current is None:
            self.show_message(_("Create or choose a batch first."), "refused")
            return
        if mode == "receive":
            outcome = self.services.receiving_service().scan(self.station(), self.user.name, self.current.code, code,
                                                             damaged=self.damaged.isChecked(), language=language)
            tone = "warning" if outcome.status in (ReceiptStatus.EXTRA, ReceiptStatus.DAMAGED) else "ok"
            self.show_message(outcome.message, tone if outcome.accepted else "refused")
            self.refresh()
            self.reveal(outcome.code)
            return
        service = self.services.batch_service()
        call = service.remove if mode == "remove" else service.add
        self._outcome(call(self.station(), self.user, self.current.code, code, language=language))

    def _outcome(self, outcome: BatchOutcome) -> None:
        self.show_message(outcome.message, "ok" if outcome.accepted else "refused")
        self.refresh(keep=outcome.batch_code if outcome.accepted and outcome.batch_code else None)
        if outcome.package_code:
            self.reveal(outcome.package_code)

    def reveal(self, code: str) -> None:
        """Scroll to the package just scanned and mark it."""
        row = next((number for number, line in enumerate(self.members.rows) if line.code == code), -1)
        if row >= 0:
            self.member_table.selectRow(row)
            self.member_table.scrollTo(self.members.index(row, 0))

    def verify(self, payload: str) -> None:
        found = self.services.receiving_service().verify(payload, language=current_language())
        self.show_message(found.message, "ok" if found.current else "warning" if found.matches else "refused")
        if found.batch_code and self.batches.row_of(found.batch_code) >= 0:
            self.refresh(keep=found.batch_code)

    # -- batch actions ------------------------------------------------------------------------------------------------

    def _batch_call(self, call: Any, *args: Any) -> None:
        if not self._signed_in() or self.current is None:
            return
        self._outcome(call(self.station(), self.user, self.current.code, *args, language=current_language()))

    def new_batch(self) -> None:
        if self._signed_in() and self.user is not None:
            self._outcome(self.services.batch_service().create_batch(
                self.station(), self.user, self.campaign.id if self.campaign else None, language=current_language()))

    def new_carton(self) -> None:
        if not self._signed_in() or self.user is None:
            return
        outcome = self.services.batch_service().create_carton(self.station(), self.user,
                                                              self.campaign.id if self.campaign else None,
                                                              language=current_language())
        self._outcome(outcome)
        if outcome.accepted:
            self.carton_choice.setCurrentIndex(self.carton_choice.findData(outcome.carton_code))
            self.set_mode("carton")

    def edit_batch_details(self) -> None:
        batch = self.services.batch_service().batch(self.current.code) if self.current else None
        if batch is None or not self._signed_in():
            return
        details = self.edit_details(self, batch.details)
        if details is not None:
            self._batch_call(self.services.batch_service().set_details, details)

    def close_batch(self) -> None:
        """Closing prints the manifest: the PDF is offered for saving at once (it can be printed as well)."""
        self._batch_call(self.services.batch_service().close)
        if self.current is not None and self.current.state == BatchState.CLOSED.value:
            closed = self.message.text()
            self.save_manifest()
            if self.message.text() != closed:
                self.show_message(f"{closed} {self.message.text()}", "ok")

    def reopen_batch(self) -> None:
        self._batch_call(self.services.batch_service().reopen)

    def sign_batch(self) -> None:
        """Signing hands the batch over for good (a change after it is a correction, version n+1): asked first,
        naming what is signed."""
        if not self._signed_in() or self.current is None:
            return
        batch = self.current
        question = ngettext(
            "Mark version {version} of batch {batch} ({count} package) as signed by both parties? The signed "
            "manifest cannot change afterwards; a change is a correction, version {next}.",
            "Mark version {version} of batch {batch} ({count} packages) as signed by both parties? The signed "
            "manifest cannot change afterwards; a change is a correction, version {next}.", batch.packages).format(
            version=batch.version, batch=batch.code, count=batch.packages, next=batch.version + 1)
        if self.confirm(self, _("Mark signed"), question):
            self._batch_call(self.services.batch_service().sign)

    def correct_batch(self) -> None:
        if not self._signed_in() or self.current is None:
            return
        reason, ok = self.ask_text(self, _("Correct a signed batch"), _("Why is the signed manifest corrected?"))
        if ok:
            self._batch_call(self.services.batch_service().correct, reason)

    def attach_sheet(self) -> None:
        if not self._signed_in() or self.current is None:
            return
        path, _filter = self.choose_open_file(self, _("The scanned signed sheet"), str(self.last_folder or Path.home()),
                                              _("Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"))
        if path:
            self.last_folder = Path(path).parent
            self._batch_call(self.services.batch_service().attach_sheet, Path(path))

    # -- receiving ----------------------------------------------------------------------------------------------------

    def import_batch_file(self) -> None:
        path, _filter = self.choose_open_file(self, _("The batch file from the sending side"),
                                              str(self.last_folder or Path.home()), _("Batch files (*.json)"))
        if not path:
            return
        try:
            batch = self.services.receiving_service().import_batch_file(Path(path))
        except PacklineError as error:
            self._failed(error)
            return
        self.last_folder = Path(path).parent
        self.refresh(keep=batch.batch_code)
        self.set_mode("receive")
        self.show_message(_("Batch file imported: batch {batch}, version {version}, {count} packages.").format(
            batch=batch.batch_code, version=batch.version, count=len(batch.lines)), "ok")

    def import_receipt(self) -> None:
        """The receiving side's receipt (`export-receipt` there): the reconciliation is built from it."""
        if not self._signed_in() or self.current is None or self.user is None:
            return
        path, _filter = self.choose_open_file(self, _("The receiving side's receipt"),
                                              str(self.last_folder or Path.home()), _("Receipts (*.json)"))
        if not path:
            return
        try:
            report = self.services.receiving_service().import_receipt(self.station(), self.user.name, Path(path))
        except PacklineError as error:
            self._failed(error)
            return
        self.last_folder = Path(path).parent
        self.refresh()
        counts = report.counts
        self.show_message(_("Receipt imported: received {received}, damaged {damaged}, missing {missing}, extra "
                            "{extra} recorded; {unchanged} lines as recorded before.").format(
            unchanged=report.unchanged, **{status.value: counts[status] for status in ReceiptStatus}), "ok")

    def export_receipt(self) -> None:
        """On the receiving side: what was checked in, as the receipt the sending side imports."""
        def make() -> None:
            assert self.current is not None
            folder = self.choose_folder(self, _("Save the receipt into a folder"), str(self.last_folder or Path.home()))
            if not folder:
                return
            path = self.services.receiving_service().export_receipt(self.current.code, Path(folder), self.station())
            self.last_folder = Path(folder)
            self.show_message(_("Saved: {files}. Take it to the sending side.").format(files=path.name), "ok")
        if self.current is not None:
            self._document(make)

    def import_checklist(self) -> None:
        if not self._signed_in() or self.current is None or self.user is None:
            return
        path, _filter = self.choose_open_file(self, _("The receiving side's ticked list"),
                                              str(self.last_folder or Path.home()),
                                              _("Lists (*.csv *.xlsx);;All files (*)"))
        if not path:
            return
        try:
            report = self.services.receiving_service().import_checklist(self.station(), self.user.name,
                                                                        self.current.code, Path(path))
        except PacklineError as error:
            self._failed(error)
            return
        counts = report.counts
        self.refresh()
        self.show_message(_("Ticked list imported: received {received}, damaged {damaged}, missing {missing}, "
                            "extra {extra}.").format(**{status.value: counts[status] for status in ReceiptStatus}),
                          "ok")
