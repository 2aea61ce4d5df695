"""`ScanService.handle(station, user, raw)`: one scanned code in, one `ScanOutcome` out.

Each call is one `BEGIN IMMEDIATE` ... `COMMIT` (DESIGN.md section 2, "Acknowledge only what is durable"):
the outcome is built from what was decided inside the transaction and returned only after the commit.
A refusal changes no data, but the station remembers it (`station_blocks`) and refuses every further scan
until it is acknowledged, so the red screen survives a restart. Buttons on the screen call the same
operations through the methods below (`seal`, `undo`, ...), with the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from models.core.codes import CodeKind, CodeProblem, Command, ScannedCode, classify
from models.core.i18n import Translator, translator
from models.packing import rules as packing
from models.packing.checklist import LineState
from models.packing.labels_printed import copy_mark, record_label, reprint, reprint_package
from models.packing.package_view import PackageView, build_view
from models.packing.records import Block, PackingStore
from models.packing.rules import Context, Decision
from models.packing.scan_reasons import Reason, render
from models.packing.states import PackageState
from models.packing.station import Station
from models.packing.users import User


@dataclass(frozen=True)
class ScanOutcome:
    """What a scan did, for the screen to render (it re-derives nothing)."""

    accepted: bool
    reason: Reason
    message: str
    """In the language of the user (or the one asked for)."""
    code: str = ""
    """The scanned code, normalised ('' for an action from a button)."""
    kind: CodeKind | None = None
    package_id: int | None = None
    package_code: str | None = None
    package_state: PackageState | None = None
    """The package's state after the action."""
    line: LineState | None = None
    """The checklist line the action changed, with its new count."""
    event_id: str | None = None
    """The event recorded, if any (refusals record none)."""
    copy: int | None = None
    """The label's copy number in the journal after a reprint (copy 1 was printed at sealing)."""
    blocked: bool = False
    """True while the station waits for an acknowledgement."""

    @property
    def refused(self) -> bool:
        return not self.accepted

    @property
    def copy_mark(self) -> int:
        """The "COPY n" the reprinted label shows (`models.packing.labels_printed.copy_mark`); 0: no mark."""
        return copy_mark(self.copy) if self.copy is not None else 0


Action = Callable[[Context], Decision]


class ScanService:
    def __init__(self, store: PackingStore) -> None:
        self._store = store

    def handle(self, station: Station, user: User, raw: str, *, language: str | None = None) -> ScanOutcome:
        scanned = classify(raw)
        if scanned.command is Command.ACKNOWLEDGE:
            return self._run(station, user, scanned, _acknowledge, language, blocking=False, honour_block=False)
        if scanned.command is Command.CALL_SUPERVISOR:
            return self._run(station, user, scanned, _call_supervisor, language, blocking=False, honour_block=False)
        return self._run(station, user, scanned, _action_for(scanned), language)

    # -- the same operations from buttons ---------------------------------------------------------------

    def acknowledge(self, station: Station, user: User, *, language: str | None = None) -> ScanOutcome:
        return self._run(station, user, None, _acknowledge, language, blocking=False, honour_block=False)

    def seal(self, station: Station, user: User, weight_g: int | None = None, *,
             language: str | None = None) -> ScanOutcome:
        return self._run(station, user, None, lambda ctx: packing.seal(ctx, weight_g), language)

    def undo(self, station: Station, user: User, *, language: str | None = None) -> ScanOutcome:
        return self._run(station, user, None, packing.undo_last, language)

    def enter_weight(self, station: Station, user: User, weight_g: int, *,
                     language: str | None = None) -> ScanOutcome:
        return self._run(station, user, None, lambda ctx: packing.enter_weight(ctx, weight_g), language)

    def next_package(self, station: Station, user: User, *, language: str | None = None) -> ScanOutcome:
        return self._run(station, user, None, packing.next_package, language)

    def reprint(self, station: Station, user: User, *, language: str | None = None) -> ScanOutcome:
        return self._run(station, user, None, reprint, language)

    def reprint_package(self, station: Station, user: User, package_code: str, *,
                        language: str | None = None) -> ScanOutcome:
        """Print a sealed package's label again by its code (not only the one sealed last here)."""
        code = classify(package_code).value
        return self._run(station, user, None, lambda ctx: reprint_package(ctx, code), language,
                         blocking=False, honour_block=False)

    def record_label_printed(self, station: Station, user: User, package_id: int, *,
                             language: str | None = None) -> ScanOutcome:
        """Call after printing the label of a sealed package (the original at sealing, copy 1)."""
        return self._run(station, user, None, lambda ctx: record_label(ctx, package_id), language,
                         blocking=False, honour_block=False)

    def void(self, station: Station, supervisor: User, package_code: str, reason: str, *,
             language: str | None = None) -> ScanOutcome:
        """Void a sealed package (supervisors only, with a reason). A supervisor's action: it neither waits
        for nor sets the station's acknowledgement."""
        code = classify(package_code).value
        return self._run(station, supervisor, None, lambda ctx: packing.void(ctx, code, reason), language,
                         blocking=False, honour_block=False)

    # -- reading ------------------------------------------------------------------------------------------

    def pending_refusal(self, station: Station, *, language: str = "en") -> ScanOutcome | None:
        """The refusal still waiting for an acknowledgement (after a restart, too), or None."""
        block = self._store.block(station.instance_id)
        if block is None:
            return None
        reason = Reason(block.reason)
        package = self._store.package(package_id=block.package_id) if block.package_id is not None else None
        return ScanOutcome(False, reason, render(reason, block.params, translator(language)), block.code,
                           classify(block.code).kind if block.code else None, block.package_id,
                           package.code if package else None, package.state if package else None, blocked=True)

    def unlabelled_seal(self, station: Station) -> str | None:
        """The code of the package this station sealed last when no label of it was recorded as printed (the
        program stopped between sealing and printing, or the printer failed): the packer checks the box."""
        package_id = self._store.last_sealed_id(station.instance_id)
        package = self._store.package(package_id=package_id) if package_id is not None else None
        if package is None or package.state is not PackageState.SEALED or package.label_copies:
            return None
        return package.code

    def waiting_here(self, station: Station) -> list[tuple[str, str]]:
        """(code, recipient) of the packages left half packed at this station (another label was scanned twice
        while they were open): they wait for their label to be scanned again."""
        current = self._store.current_package_id(station.instance_id)
        found = []
        for package_id in self._store.open_package_ids(station.instance_id):
            package = self._store.package(package_id=package_id)
            if package is not None and package_id != current:
                recipient = self._store.recipient(package.recipient_id)
                found.append((package.code, recipient.full_name if recipient else ""))
        return found

    def current_package_id(self, station: Station) -> int | None:
        """The package open at this station as stored (what the screen shows after a restart)."""
        return self._store.current_package_id(station.instance_id)

    def package_view(self, package_id: int, *, recent_events: int = 5) -> PackageView | None:
        return build_view(self._store, package_id, recent_events)

    def current_view(self, station: Station, *, recent_events: int = 5) -> PackageView | None:
        package_id = self._store.current_package_id(station.instance_id)
        return build_view(self._store, package_id, recent_events) if package_id is not None else None

    # -- the one path every action takes ------------------------------------------------------------------

    def _run(self, station: Station, user: User, scanned: ScannedCode | None, action: Action,
             language: str | None, *, blocking: bool = True, honour_block: bool = True) -> ScanOutcome:
        with self._store.transaction():
            block = self._store.block(station.instance_id)
            confirming = honour_block and block is not None and scanned is not None and _confirms_switch(
                block, scanned)
            if honour_block and block is not None and not confirming:
                decision = packing.refuse(Reason.AWAITING_ACKNOWLEDGEMENT, previous_reason=block.reason,
                                          previous_params=dict(block.params))
            else:
                if confirming and scanned is not None:  # the same label again: switch, as the station asked
                    self._store.clear_block(station.instance_id)
                    block = None
                    action = _switch_to(scanned.value)
                decision = action(Context(self._store, station, user))
                if blocking and not decision.accepted:
                    block = Block(decision.reason.value, _storable(decision.params),
                                  scanned.value if scanned else "", decision.package.id if decision.package else None,
                                  user.name)
                    self._store.set_block(station.instance_id, block)
                elif decision.reason is Reason.ACKNOWLEDGED:
                    block = None
        # Committed: only now is the outcome handed back.
        return _outcome(decision, scanned, translator(language or user.language), blocked=block is not None)


def _switch_to(code: str) -> Action:
    return lambda ctx: packing.open_package(ctx, code, confirmed=True)


def _confirms_switch(block: Block, scanned: ScannedCode) -> bool:
    """A second scan of the label whose first scan asked to confirm leaving a package with items in it."""
    return (block.reason == Reason.SWITCH_NEEDS_CONFIRMATION.value and scanned.kind is CodeKind.PACKAGE
            and scanned.ok and scanned.value == block.code)


def _storable(params: Mapping[str, Any]) -> dict[str, Any]:
    return {str(key): value for key, value in params.items()}


def _outcome(decision: Decision, scanned: ScannedCode | None, t: Translator, *, blocked: bool) -> ScanOutcome:
    package = decision.package
    return ScanOutcome(
        accepted=decision.accepted, reason=decision.reason, message=render(decision.reason, decision.params, t),
        code=scanned.value if scanned else "", kind=scanned.kind if scanned else None,
        package_id=package.id if package else None, package_code=package.code if package else None,
        package_state=decision.state, line=decision.line, event_id=decision.event.id if decision.event else None,
        copy=decision.copy, blocked=blocked)


def _acknowledge(ctx: Context) -> Decision:
    if ctx.store.block(ctx.station.instance_id) is None:
        return Decision(Reason.NOTHING_TO_ACKNOWLEDGE)
    ctx.store.clear_block(ctx.station.instance_id)
    return Decision(Reason.ACKNOWLEDGED)


def _call_supervisor(ctx: Context) -> Decision:
    return Decision(Reason.SUPERVISOR_CALLED)


_COMMANDS: dict[Command, Action] = {
    Command.SEAL: packing.seal,
    Command.UNDO: packing.undo_last,
    Command.REPRINT: reprint,
    Command.NEXT_PACKAGE: packing.next_package,
}


def _action_for(scanned: ScannedCode) -> Action:
    """Which operation a scanned code asks for; unreadable codes are refused before anything is looked up."""
    if scanned.problem is CodeProblem.BAD_CHECK_DIGIT:
        return lambda ctx: packing.refuse(Reason.BAD_CHECK_DIGIT, code=scanned.value)
    if scanned.problem is CodeProblem.UNKNOWN_COMMAND:
        return lambda ctx: packing.refuse(Reason.UNKNOWN_COMMAND, code=scanned.value)
    if not scanned.ok:
        return lambda ctx: packing.refuse(Reason.UNREADABLE, code=scanned.value or scanned.raw.strip())
    if scanned.kind is CodeKind.PACKAGE:
        return lambda ctx: packing.open_package(ctx, scanned.value)
    if scanned.kind is CodeKind.ITEM:
        return lambda ctx: packing.count_item(ctx, scanned.value)
    if scanned.kind is CodeKind.LETTER:
        return lambda ctx: packing.enclose_letter(ctx, scanned.value)
    if scanned.kind is CodeKind.COMMAND and scanned.command in _COMMANDS:
        return _COMMANDS[scanned.command]
    return lambda ctx: packing.refuse(Reason.NOT_A_PACKING_CODE, code=scanned.value)
