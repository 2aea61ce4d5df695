"""Everything the packing screen shows about one package, as stored (also right after a restart)."""

from __future__ import annotations

from dataclasses import dataclass

from models.core.events import Event
from models.core.types import Recipient
from models.packing import checklist
from models.packing.checklist import LineState
from models.packing.letters import LetterStatus
from models.packing.records import LetterRecord, PackingStore
from models.packing.states import PackageState


@dataclass(frozen=True)
class ChecklistLine:
    state: LineState
    item_name: str
    substitute_names: tuple[str, ...]
    counted_names: tuple[tuple[str, int], ...]
    """What was counted toward the line, by item name (main item first)."""


@dataclass(frozen=True)
class LetterLine:
    code: str
    status: LetterStatus


@dataclass(frozen=True)
class PackageView:
    package_id: int
    code: str
    state: PackageState
    station_id: str | None
    recipient: Recipient | None
    template_id: int | None
    template_version: int | None
    lines: tuple[ChecklistLine, ...]
    letters: tuple[LetterLine, ...]
    expected_weight_g: int | None
    entered_weight_g: int | None
    max_weight_g: int | None
    weight_tolerance_g: int
    label_copies: int
    ready_to_seal: bool
    """Every required line met (letter and weight rules are checked when sealing)."""
    recent_events: tuple[Event, ...]


def _letter_status(letter: LetterRecord) -> LetterStatus:
    if letter.enclosed_in is not None:
        return LetterStatus.ENCLOSED
    return LetterStatus.RECEIVED if letter.received else LetterStatus.EXPECTED


def build_view(store: PackingStore, package_id: int, recent: int = 5) -> PackageView | None:
    package = store.package(package_id=package_id)
    if package is None:
        return None
    packing = store.campaign(package.campaign_id)
    assert packing is not None
    rules = packing.campaign.rules
    template_id = package.template_id if package.template_id is not None else store.current_template_id(
        package.campaign_id)
    template = store.template(template_id) if template_id is not None else None
    contents = store.contents(package.id)
    states = checklist.line_states(template, contents) if template else ()
    wanted = {item for state in states for item in (state.item_id, *state.substitutes)}
    wanted |= set(checklist.item_totals(contents))
    items = store.items(sorted(wanted))
    name = {item_id: item.name for item_id, item in items.items()}
    lines = tuple(ChecklistLine(state, name.get(state.item_id, "?"), tuple(name.get(s, "?") for s in state.substitutes),
                                tuple((name.get(item, "?"), qty) for item, qty in state.counted)) for state in states)
    weights = {item_id: item.unit_weight_g for item_id, item in items.items()}
    opened = package.state is not PackageState.PLANNED
    return PackageView(
        package.id, package.code, package.state, package.station_id, store.recipient(package.recipient_id),
        template.id if template else None, template.version if template else None, lines,
        tuple(LetterLine(letter.code, _letter_status(letter))
              for letter in store.letters_of_recipient(package.recipient_id)),
        checklist.expected_weight(contents, weights, rules.box_tare_g) if opened else None,
        package.weight_g, rules.max_package_weight_g, rules.weight_tolerance_g, package.label_copies,
        bool(states) and not checklist.missing_required(states),
        tuple(store.package_events(package.id, recent)),
    )
