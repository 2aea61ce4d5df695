"""The packing station screen: scanner in, `ScanOutcome`s out, rendered; no packing rules of its own.

Every scan, button and function key becomes one `ScanService` call through `StationSession`; the outcome
it returns decides what is shown: the package as stored (`PackageView`), a sound, a green flash, or the red
refusal panel that stays until acknowledged. On construction the screen shows the station's open package
and any refusal still waiting for an acknowledgement exactly as stored, so a restart loses nothing.

Keys: see `ui.station.commands` (F2 type a code, F3 weight, F5 next, F6 undo, F7 reprint, F8 seal,
F9 sign out, Esc/F12 acknowledge).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from models.core.errors import RefusedInput
from models.core.i18n import _
from models.core.settings import IDLE_SIGN_OUT_MINUTES, SLIP_ON_SEAL, SOUND_VOLUME
from models.packing.package_view import PackageView
from models.packing.scan_reasons import Reason
from models.packing.scanning import ScanOutcome
from models.packing.states import PackageState
from ui.scanner import ScannerInput
from ui.station.commands import StationCommands
from ui.station.events_text import event_lines
from ui.station.feedback import Feedback, Sound, SoundPlayer, Tone
from ui.station.idle import IdleSignOut
from ui.station.label_output import LabelJob, LabelSink, PrinterLabelSink, prepare_labels
from ui.station.refusal_panel import RefusalPanel
from ui.station.services import StationServices
from ui.station.session import StationSession
from ui.station.sign_in import SetupPage
from ui.station.station_labels import StationLabelOutput
from ui.station.station_page import StationPage
from ui.station.style import STYLE

PACKING_COMMANDS = ("next", "undo", "reprint", "slip", "seal", "weight", "sign_out")


class StationScreen(StationLabelOutput, QWidget):
    def __init__(self, services: StationServices, *, label_sink: LabelSink | None = None,
                 sound_player: SoundPlayer | None = None, scanner: ScannerInput | None = None,
                 parent: QWidget | None = None) -> None:
        """`label_sink` (default: the configured printer, or a preview), `sound_player` (default: QtMultimedia,
        silent without audio) and `scanner` (default: a new `ScannerInput`) are injectable for tests."""
        super().__init__(parent)
        self.setObjectName("stationScreen")
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.session = StationSession(services)
        self.settings = services.settings()
        self.scanner = scanner if scanner is not None else ScannerInput()
        self.scanner.setParent(self)
        self.feedback = Feedback(sound_player, self.settings.get(SOUND_VOLUME), self)
        self.labels: LabelSink = label_sink if label_sink is not None else PrinterLabelSink(self.settings, self)
        self.idle = IdleSignOut(self.settings.get(IDLE_SIGN_OUT_MINUTES), self)
        self.commands = StationCommands(self)
        self.last_outcome: ScanOutcome | None = None
        self.last_label: LabelJob | None = None
        self._refusal_deferred = False
        """Nobody was signed in to acknowledge: the panel stands aside until someone signs in."""
        self._build()
        self._connect()
        self.retranslate()
        self.start()

    # -- building ----------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setup_page = SetupPage()
        self.station_page = StationPage(self.commands)
        page = self.station_page
        # The parts a packer deals with, by name (tests and the screenshots reach them here too).
        self.station_bar, self.sign_out_button = page.station_bar, page.sign_out_button
        self.package, self.sign_in, self.side, self.side_stack = page.package, page.sign_in, page.side, page.side_stack
        self.message, self.manual = page.message, page.manual
        self.refusal = RefusalPanel(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.setup_page)
        self.pages.addWidget(self.station_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

    def _connect(self) -> None:
        self.scanner.scanned.connect(self.handle_scan)
        self.scanner.repeated.connect(self._read_twice)
        self.idle.timed_out.connect(self._idle_timeout)
        session = self.session
        calls: dict[str, Callable[[], ScanOutcome]] = {
            "next": lambda: session.next_package(), "undo": lambda: session.undo(),
            "reprint": lambda: session.reprint(), "seal": lambda: session.seal()}
        for key, call in calls.items():
            self.commands.action(key).triggered.connect(lambda _checked=False, call=call: self._run(call))
        self.commands.action("slip").triggered.connect(self._print_slip)
        self.commands.action("manual").triggered.connect(lambda: self._focus(self.manual))
        self.commands.action("weight").triggered.connect(lambda: self._focus(self.side.weight))
        self.commands.action("sign_out").triggered.connect(lambda: self.sign_out())
        self.commands.action("acknowledge").triggered.connect(self.acknowledge)
        self.refusal.acknowledge_requested.connect(self.acknowledge)
        self.manual.returnPressed.connect(self._manual_entered)
        self.side.weight.returnPressed.connect(self._weight_entered)
        self.sign_in.sign_in_requested.connect(self._sign_in)
        self.setup_page.submitted.connect(self._set_up)

    # -- start, sign-in, sign-out ------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the setup page until the station is named, then the open package and any pending refusal."""
        if self.session.needs_setup:
            self.setup_page.prepare(self.session.station, self.session.campaigns())
            self.pages.setCurrentWidget(self.setup_page)
            self._enable_commands()
            return
        self.pages.setCurrentWidget(self.station_page)
        self.sign_in.set_users(self.session.active_users())
        self.side_stack.setCurrentWidget(self.side if self.session.user else self.sign_in)
        self._show(self.session.current_view())
        self.message.show_message(self._prompt(), Tone.NEUTRAL)
        self._show_pending_refusal()
        self._enable_commands()
        self._update_station_bar()

    @property
    def signed_in(self) -> bool:
        return self.session.user is not None

    def _set_up(self, name: str, campaign_id: int) -> None:
        try:
            self.session.set_up(name, campaign_id if campaign_id >= 0 else None)
        except RefusedInput as error:
            self.setup_page.show_error(str(error))
            return
        self.start()

    def _sign_in(self, name: str, pin: str) -> None:
        self._try_sign_in(lambda: self.session.sign_in(name, pin))

    def _try_sign_in(self, call: Callable[[], object]) -> None:
        try:
            call()
        except RefusedInput as error:
            self.feedback.play(Sound.REFUSED)
            self.sign_in.show_error(str(error))
            return
        assert self.session.user is not None
        self.side_stack.setCurrentWidget(self.side)
        self.sign_in.reset()
        # Settings may have changed since the last packer signed in.
        self.idle.set_minutes(self.settings.get(IDLE_SIGN_OUT_MINUTES))
        self.feedback.set_volume(self.settings.get(SOUND_VOLUME))
        self.idle.start()
        prepare_labels()
        self._enable_commands()
        self._update_station_bar()
        unlabelled = self.session.unlabelled_seal()
        if unlabelled is not None:  # Packline stopped between sealing and printing, or the printer failed
            self.message.show_message(_("No label of package {code}, sealed last here, was recorded as printed. If "
                                        "its box has no label, press F7 to print one.").format(code=unlabelled),
                                      Tone.WARNING)
        else:
            self.message.show_message(_("Signed in as {name}.").format(name=self.session.user.name) + " "
                                      + self._prompt(), Tone.INFO)
        self.refresh_view()
        self._show_pending_refusal()
        self.setFocus()

    def sign_out(self, message: str = "") -> None:
        if self.session.user is None:
            return
        self.session.sign_out()
        self.idle.stop()
        self.sign_in.set_users(self.session.active_users())
        self.side_stack.setCurrentWidget(self.sign_in)
        self.sign_in.reset(message)
        self._enable_commands()
        self._update_station_bar()
        self.message.show_message(message or _("Signed out."), Tone.INFO)
        if self.refusal.outcome is not None:
            self._show_pending_refusal()

    def _idle_timeout(self) -> None:
        minutes = self.settings.get(IDLE_SIGN_OUT_MINUTES)
        self.sign_out(_("Signed out after {minutes} min without activity.").format(minutes=minutes))

    # -- scans and commands ------------------------------------------------------------------------------------

    def handle_scan(self, text: str) -> None:
        """One scanner burst (or a code typed into the manual field)."""
        self.idle.poke()
        if self.pages.currentWidget() is not self.station_page:
            return
        if self.session.user is None:
            self._try_sign_in(lambda: self.session.sign_in_badge(text))
            return
        self._run(lambda: self.session.scan(text))

    def _read_twice(self, text: str) -> None:
        """The scanner read one code twice within its repeat window: it counted once; say so."""
        if self.pages.currentWidget() is self.station_page and self.session.user is not None:
            self.message.show_message(_("{code} was read twice and counted once.").format(code=text), Tone.INFO)

    def acknowledge(self) -> None:
        if self.refusal.outcome is None:
            return
        if self.session.user is None:  # the panel waits; sign in first, then it comes back
            self._refusal_deferred = True
            self.refusal.hide()
            self.sign_in.reset(_("A refusal waits for acknowledgement: sign in first."))
            return
        self._run(lambda: self.session.acknowledge())

    def _manual_entered(self) -> None:
        text = self.manual.text().strip()
        self.manual.clear()
        if text:
            self.handle_scan(text)

    def _weight_entered(self) -> None:
        text = self.side.weight.text().strip()
        if not text.isdigit():
            return
        self.side.weight.clear()
        self._run(lambda: self.session.enter_weight(int(text)))
        self.setFocus()

    def _focus(self, field: QLineEdit) -> None:
        field.setFocus()
        field.selectAll()

    def _run(self, call: Callable[[], ScanOutcome]) -> ScanOutcome | None:
        try:
            outcome = call()
        except RefusedInput as error:
            self.feedback.play(Sound.REFUSED)
            self.message.show_message(str(error), Tone.REFUSED)
            return None
        self.render_outcome(outcome)
        return outcome

    # -- rendering outcomes ------------------------------------------------------------------------------------

    def render_outcome(self, outcome: ScanOutcome) -> None:
        self.last_outcome = outcome
        if outcome.refused:
            self.feedback.play(Sound.REFUSED)
            self.message.show_message(outcome.message, Tone.REFUSED)
            if outcome.blocked:
                self.refusal.show_outcome(outcome, self, signed_in=self.signed_in)
                self._enable_commands()
            return
        reason = outcome.reason
        if self.refusal.outcome is not None and not outcome.blocked:  # the station's question was answered by
            self.refusal.dismiss()                                     # a scan (the same label again: switch)
            self._enable_commands()
        if reason in (Reason.ACKNOWLEDGED, Reason.NOTHING_TO_ACKNOWLEDGE):
            self.refusal.dismiss()
            self._enable_commands()
            self.message.show_message(outcome.message, Tone.INFO)
            return
        if reason is Reason.SUPERVISOR_CALLED:
            self.feedback.play(Sound.ACCEPTED)
            self.message.show_message(outcome.message, Tone.INFO)
            return
        if reason is Reason.PACKAGE_SEALED and outcome.package_id is not None:
            self.feedback.play(Sound.SEALED)
            self._show(self.session.package_view(outcome.package_id))
            note = self._output_label(outcome.package_id, 0, record=True)
            if self.settings.get(SLIP_ON_SEAL) == "yes":
                note = f"{note} {self.output_slip(outcome.package_id)}"
            self.message.show_message(" ".join(filter(None, (outcome.message, note, self.session.waiting_note()))),
                                      Tone.FLASH)
            return
        if reason is Reason.LABEL_REPRINTED and outcome.package_id is not None:
            self.feedback.play(Sound.ACCEPTED)
            note = self._output_label(outcome.package_id, outcome.copy_mark, record=False)
            self.refresh_view()
            self.message.show_message(f"{outcome.message} {note}", Tone.FLASH)
            return
        self.feedback.play(Sound.ACCEPTED)
        self.refresh_view(outcome.line.line_no if outcome.line else None)
        self.message.show_message(outcome.message, Tone.FLASH)

    def refresh_view(self, changed_line: int | None = None) -> None:
        """The station's open package as stored; after sealing, the sealed package stays until the next one."""
        view = self.session.current_view()
        shown = self.package.view
        if view is None and shown is not None:
            view = self.session.package_view(shown.package_id)
        self._show(view, changed_line)

    def _show(self, view: PackageView | None, changed_line: int | None = None) -> None:
        self.labels.package_shown(view.code if view else None)
        self.package.show_view(view, changed_line)
        self.side.show_events(event_lines(view) if view else [])

    def _print_slip(self) -> None:
        self.message.show_message(self.output_slip(), Tone.INFO)

    def _show_pending_refusal(self) -> None:
        pending = self.session.pending_refusal()
        if pending is None:
            self.refusal.dismiss()
        elif not (self._refusal_deferred and not self.signed_in):
            self._refusal_deferred = False
            self.refusal.show_outcome(pending, self, signed_in=self.signed_in)
            if not self.isVisible():
                self.refusal.hide()  # shown again by showEvent
        self._enable_commands()

    # -- state of the chrome -----------------------------------------------------------------------------------

    def _enable_commands(self) -> None:
        packing = self.pages.currentWidget() is self.station_page and self.signed_in
        for key in PACKING_COMMANDS:
            self.commands.action(key).setEnabled(packing)
        self.commands.action("manual").setEnabled(self.pages.currentWidget() is self.station_page)
        self.commands.action("acknowledge").setEnabled(self.refusal.outcome is not None)

    def _update_station_bar(self) -> None:
        station = self.session.station
        parts = [_("Station: {name}").format(name=station.name if station else "—")]
        campaign = self.session.campaign_name()
        if campaign:
            parts.append(_("Campaign: {name}").format(name=campaign))
        user = self.session.user
        parts.append(_("Packer: {name}").format(name=user.name) if user else _("Nobody is signed in"))
        self.station_bar.setText("   ·   ".join(parts))
        self.sign_out_button.setVisible(user is not None)

    def _prompt(self) -> str:
        if self.session.user is None:
            return _("Choose your name and type your PIN, or scan your badge.")
        view = self.package.view
        if view is None or view.state is not PackageState.OPEN:
            return " ".join(filter(None, (_("Scan a package label, or press F5 for the next package in the queue."),
                                          self.session.waiting_note())))
        return _("Scan the items of this package.")

    def retranslate(self) -> None:
        self.commands.retranslate()
        self.setup_page.retranslate()
        self.station_page.retranslate()
        self._update_station_bar()
        if self.pages.currentWidget() is self.station_page:
            self.side.show_events(event_lines(self.package.view) if self.package.view else [])
            self.message.show_message(self._prompt(), Tone.NEUTRAL)
            if self.refusal.outcome is not None:
                self._show_pending_refusal()

    # -- scanner capture only while the screen is visible -------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.scanner.install()
        if self.session.user is None and self.pages.currentWidget() is self.station_page:
            self.sign_in.set_users(self.session.active_users())  # users added in Settings meanwhile
        if self.refusal.outcome is not None and not self._refusal_deferred:
            self.refusal.show_outcome(self.refusal.outcome, self, signed_in=self.signed_in)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.scanner.uninstall()
        self.refusal.hide()
        super().hideEvent(event)
