"""The station's labels and content slips: drawn for a package, sent to the label sink, and the label of
sealing recorded as printed once the printer has taken it (a background print reports back later)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from models.core.i18n import _
from models.core.settings import Settings
from models.packing.states import PackageState
from models.packing.station import Station
from models.packing.users import User
from ui.station.feedback import Feedback, MessageBar, Sound, Tone
from ui.station.label_output import LabelJob, LabelResult, LabelSink, document_job, render_job
from ui.station.package_panel import PackagePanel
from ui.station.session import StationSession


class StationLabelOutput:
    """Part of `StationScreen`: what it prints. It needs the screen's session, settings, sink and feedback."""

    session: StationSession
    settings: Settings
    labels: LabelSink
    feedback: Feedback
    message: MessageBar
    package: PackagePanel
    last_label: LabelJob | None
    refresh_view: Callable[[], None]

    def _output_label(self, package_id: int, copy_number: int, *, record: bool) -> str:
        view = self.session.package_view(package_id)
        if view is None or view.recipient is None:
            return _("No label: the package has no recipient.")
        job = render_job(view, self.session.campaign_name(), copy_number, self.settings, self.session.label_language(),
                         self.session.latin_names(), record=record)
        self.last_label = job
        return self._send(job)

    def _send(self, job: LabelJob) -> str:
        """Print `job`; a label printed in the background is recorded for whoever sealed it, signed in or not."""
        by = self.session.signed_in()
        result = self.labels.output(job, lambda done, outcome: self._label_printed(done, outcome, by))
        return result.message if result.pending else self._label_outcome(job, result, by)

    def _label_outcome(self, job: LabelJob, result: LabelResult, by: tuple[Station, User]) -> str:
        """What a label's print says; the label of sealing, once printed, is recorded as printed."""
        if not result.done:
            return result.message + " " + _("Press F7 (Reprint label) to print it again.")
        if job.record and job.package_id is not None:
            recorded = self.session.record_label_printed(job.package_id, by)
            if recorded.refused:
                return f"{result.message} {recorded.message}"
            self.refresh_view()
        return result.message

    def _label_printed(self, job: LabelJob, result: LabelResult, by: tuple[Station, User]) -> None:
        """A label printed in the background: said only when it failed, refused-style, so it is not missed."""
        message = self._label_outcome(job, result, by)
        if not result.done:
            self.feedback.play(Sound.REFUSED)
            self.message.show_message(message, Tone.REFUSED)

    def output_slip(self, package_id: int | None = None) -> str:
        """The content slip of the package (default: the one on screen), in the campaign's label language."""
        shown = self.package.view
        wanted = package_id if package_id is not None else (shown.package_id if shown else None)
        view = self.session.package_view(wanted) if wanted is not None else None
        if view is None or view.recipient is None or view.state is not PackageState.SEALED:
            return _("A content slip is printed for a sealed package only.")
        from printing.slips import render_slips, slip_for_package  # ReportLab loads at the first slip, not at start

        slip = slip_for_package(view, self.session.campaign_name(), date.today())
        pdf = render_slips([slip], language=self.session.label_language())
        return self._send(document_job(pdf, view.code, "a6"))

