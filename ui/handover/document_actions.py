"""The Handover screen's documents: the manifest (saved or printed), carton labels, the export for the receiving
side and the reconciliation report. Built on `ui.handover.base`; `ui.handover.actions` builds on this."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.core.errors import PacklineError
from models.core.files import write_private
from models.core.i18n import _, current_language
from models.core.settings import LABEL_LAYOUT, PRINTER_DPI
from models.handover.receiving_records import ReceiptStatus
from ui.handover.base import HandoverBase
from ui.handover.dialogs import suggested_path
from ui.pdf_printing import print_document


class DocumentActions(HandoverBase):
    # -- documents --------------------------------------------------------------------------------------------------

    def _save_pdf(self, pdf: bytes, name: str) -> Path | None:
        path, _filter = self.choose_save_file(self, _("Save as PDF"), suggested_path(self.last_folder, name),
                                              _("PDF files (*.pdf)"))
        if not path:
            return None
        target = Path(path)
        write_private(target, pdf)
        self.last_folder = target.parent
        return target

    def _document(self, make: Any) -> None:
        try:
            make()
        except PacklineError as error:
            self._failed(error)

    def save_manifest(self) -> None:
        def make() -> None:
            assert self.current is not None
            manifests, language = self.services.manifest_service(), current_language()
            content = manifests.content(self.current.code)
            stem = f"manifest-{content.batch_code}-v{content.version}"
            target = self._save_pdf(self.documents.manifest(content, language), f"{stem}.pdf")
            if target is None:
                return
            saved = [target.name]
            changes = manifests.changes(content.batch_code, content.version)
            if changes is not None:
                extra = target.with_name(f"{target.stem}-changes.pdf")
                write_private(extra, self.documents.changes(changes, content.campaign, language))
                saved.append(extra.name)
            self.show_message(_("Saved: {files}").format(files=", ".join(saved)), "ok")
        if self.current is not None:
            self._document(make)

    def print_manifest(self) -> None:
        def make() -> None:
            assert self.current is not None
            content = self.services.manifest_service().content(self.current.code)
            printer = self.choose_printer(self)
            if printer is not None:
                title = _("Manifest {batch} v{version}").format(batch=content.batch_code, version=content.version)
                self.show_message(print_document(self.documents.manifest(content, current_language()), printer,
                                                 title), "ok")
        if self.current is not None:
            self._document(make)

    def save_carton_labels(self) -> None:
        def make() -> None:
            service = self.services.batch_service()
            assert self.campaign is not None
            cartons = service.cartons(self.campaign.id, self.current.code) if self.current else []
            if not cartons and self.carton_choice.currentData():
                found = service.carton(self.carton_choice.currentData())
                cartons = [found] if found else []
            if not cartons:
                self.show_message(_("No cartons to print labels for."), "refused")
                return
            settings = self.services.settings()  # the layout and resolution of the station's label printer
            pdf = self.documents.carton_labels(cartons, self.campaign.name, layout=settings.get(LABEL_LAYOUT),
                                               dpi=int(settings.get(PRINTER_DPI)),
                                               language=self.campaign.label_language)
            target = self._save_pdf(pdf, f"cartons-{cartons[0].batch_code or cartons[0].code}.pdf")
            if target is not None:
                self.show_message(_("Saved: {files}").format(files=target.name), "ok")
        if self.campaign is not None:
            self._document(make)

    def export_batch(self) -> None:
        def make() -> None:
            assert self.current is not None
            folder = self.choose_folder(self, _("Export the batch into a folder"),
                                        str(self.last_folder or Path.home()))
            if not folder:
                return
            result = self.services.receiving_service().export(self.current.code, Path(folder),
                                                              language=current_language(),
                                                              checkoff=self.documents.checkoff,
                                                              kit=self.documents.kit)
            self.last_folder = Path(folder)
            self.show_message(_("Saved: {files}").format(files=", ".join(path.name for path in result.files)), "ok")
        if self.current is not None:
            self._document(make)


    def save_reconciliation(self) -> None:
        def make() -> None:
            assert self.current is not None
            receiving, language = self.services.receiving_service(), current_language()
            rec = receiving.reconcile(self.current.code)
            target = self._save_pdf(self.documents.reconciliation(rec, language),
                                    f"reconciliation-{rec.batch_code}-v{rec.version}.pdf")
            if target is None:
                return
            table = write_private(target.with_suffix(".csv"), receiving.reconciliation_csv(rec, language))
            counts = rec.counts
            self.show_message(_("Received {received}, damaged {damaged}, missing {missing}, extra {extra}. Saved: "
                                "{files}").format(files=f"{target.name}, {table.name}",
                                                  **{status.value: counts[status] for status in ReceiptStatus}),
                              "ok" if rec.complete else "warning")
        if self.current is not None:
            self._document(make)
