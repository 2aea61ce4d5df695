"""The packing projections computed from the events alone, in memory.

Deliberately a second implementation of the rules in `models.packing.sql.projections` (an in-memory fold,
then bulk inserts by `models.journal.sql.rebuild`): fast enough for a million events, and a property test
checks that it agrees with the incremental one after any sequence of scans, undos, seals and voids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from models.core.events import Event, EventType

_STATE_COLUMNS = ("package_id", "campaign_id", "state", "station_id", "template_id", "opened_by", "opened_at",
                  "weight_g", "expected_weight_g", "sealed_by", "sealed_at", "voided_by", "voided_at",
                  "void_reason", "label_copies", "last_pos", "relabel")


@dataclass
class PackingFold:
    """The packing projections as Python data."""

    states: dict[int, dict[str, Any]] = field(default_factory=dict)
    lines: dict[int, dict[tuple[int, int], int]] = field(default_factory=dict)
    scans: dict[int, dict[str, tuple[int, str, int | None, int | None, int | None]]] = field(default_factory=dict)
    current: dict[str, list[int | None]] = field(default_factory=dict)
    consumed: dict[tuple[int, int], int] = field(default_factory=dict)
    enclosures: dict[int, tuple[int, str]] = field(default_factory=dict)
    withdrawals: dict[int, tuple[int, int, str, str, int]] = field(default_factory=dict)
    campaign_of: dict[int, int] = field(default_factory=dict)
    """Each opened package's campaign, kept when its work is set aside (the journal names no package's campaign
    but in its opening; `apply` reads the `packages` row, which says the same)."""
    packer_items: dict[tuple[int, str], int] = field(default_factory=dict)

    def apply(self, e: Event) -> None:
        pkg, p = e.package_id, e.payload
        if pkg is None:
            return
        state = self.states.get(pkg)
        kind = e.type
        if kind == EventType.PACKAGE_OPENED:
            self.campaign_of.setdefault(pkg, p["campaign_id"])
            if state is None:
                self.states[pkg] = dict.fromkeys(_STATE_COLUMNS) | {
                    "package_id": pkg, "campaign_id": p["campaign_id"], "state": "open", "station_id": e.station_id,
                    "template_id": p["template_id"], "opened_by": e.user, "opened_at": e.at, "label_copies": 0,
                    "last_pos": e.pos, "relabel": 0}
            else:
                state["last_pos"] = e.pos
            self.current.setdefault(e.station_id, [None, None])[0] = pkg
        elif kind == EventType.ITEM_SCANNED:
            lines = self.lines.setdefault(pkg, {})
            key = (p["line_no"], p["item_id"])
            lines[key] = lines.get(key, 0) + 1
            self.scans.setdefault(pkg, {})[e.id] = (e.pos, "item", p["line_no"], p["item_id"], None)
            self._count_items(pkg, e.user, 1)
            self._contents_changed(state, e)
        elif kind == EventType.LETTER_ENCLOSED:
            self.enclosures.setdefault(p["letter_id"], (pkg, e.id))
            self.scans.setdefault(pkg, {})[e.id] = (e.pos, "letter", None, None, p["letter_id"])
            self._contents_changed(state, e)
        elif kind == EventType.SCAN_UNDONE:
            if p.get("kind") == "item":
                self._count_items(pkg, e.user, -1)
            self._undo(pkg, p["undone"])
            self._contents_changed(state, e)
        elif kind == EventType.WEIGHT_ENTERED and state is not None:
            state.update(weight_g=p["weight_g"], last_pos=e.pos)
        elif kind == EventType.PACKAGE_SEALED:
            self._seal(pkg, state, e)
        elif kind == EventType.PACKAGE_VOIDED:
            self._void(pkg, state, e)
        elif kind == EventType.LABEL_PRINTED and state is not None:
            state.update(label_copies=max(state["label_copies"], int(p["copy"])), relabel=0, last_pos=e.pos)
        elif kind == EventType.PACKAGE_WITHDRAWN:
            self.withdrawals.setdefault(pkg, (p["campaign_id"], p["list_version"], e.user, e.at, e.pos))
        elif kind == EventType.PACKAGE_REINSTATED:
            self.withdrawals.pop(pkg, None)
        elif kind == EventType.LIST_DECISION and state is not None and state["state"] == "sealed":
            if p.get("kind") == "changed" and p.get("outcome") == "accepted":
                state.update(relabel=1, last_pos=e.pos)
        elif kind == EventType.WORK_SET_ASIDE:
            self._set_aside(pkg, state)

    def _count_items(self, pkg: int, user: str, items: int) -> None:
        campaign = self.campaign_of.get(pkg)
        if campaign is not None:
            key = (campaign, user)
            self.packer_items[key] = self.packer_items.get(key, 0) + items

    @staticmethod
    def _contents_changed(state: dict[str, Any] | None, e: Event) -> None:
        if state is not None:
            state.update(weight_g=None, last_pos=e.pos)

    def _undo(self, pkg: int, undone: str) -> None:
        scan = self.scans.get(pkg, {}).pop(undone, None)
        if scan is None:
            return
        _pos, kind, line_no, item_id, letter_id = scan
        if kind == "item":
            assert line_no is not None and item_id is not None
            lines = self.lines[pkg]
            key = (line_no, item_id)
            if lines.get(key, 0) <= 1:
                lines.pop(key, None)
            else:
                lines[key] -= 1
        elif letter_id is not None and self.enclosures.get(letter_id) == (pkg, undone):
            del self.enclosures[letter_id]

    def _seal(self, pkg: int, state: dict[str, Any] | None, e: Event) -> None:
        if state is not None and state["state"] == "open":
            state.update(state="sealed", weight_g=e.payload.get("weight_g"),
                         expected_weight_g=e.payload.get("expected_weight_g"), sealed_by=e.user, sealed_at=e.at,
                         last_pos=e.pos)
            for (_line, item_id), quantity in self.lines.get(pkg, {}).items():
                key = (state["campaign_id"], item_id)
                self.consumed[key] = self.consumed.get(key, 0) + quantity
            self.scans.pop(pkg, None)
        for slot in self.current.values():
            if slot[0] == pkg:
                slot[0] = None
        self.current.setdefault(e.station_id, [None, None])[1] = pkg

    def _void(self, pkg: int, state: dict[str, Any] | None, e: Event) -> None:
        if state is None or state["state"] != "sealed":
            return
        state.update(state="voided", voided_by=e.user, voided_at=e.at, void_reason=e.payload.get("reason", ""),
                     last_pos=e.pos)
        self._return_items(pkg, state)

    def _set_aside(self, pkg: int, state: dict[str, Any] | None) -> None:
        """The package as if never opened."""
        if state is not None and state["state"] == "sealed":
            self._return_items(pkg, state)
        self.states.pop(pkg, None)
        self.lines.pop(pkg, None)
        self.scans.pop(pkg, None)
        self.enclosures = {letter: where for letter, where in self.enclosures.items() if where[0] != pkg}
        for slot in self.current.values():
            slot[:] = [None if value == pkg else value for value in slot]

    def _return_items(self, pkg: int, state: dict[str, Any]) -> None:
        totals: dict[int, int] = {}
        for (_line, item_id), quantity in self.lines.get(pkg, {}).items():
            totals[item_id] = totals.get(item_id, 0) + quantity
        for item_id, quantity in totals.items():
            key = (state["campaign_id"], item_id)
            left = self.consumed.get(key, 0) - quantity
            if left <= 0:
                self.consumed.pop(key, None)
            else:
                self.consumed[key] = left

    def table_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """The folded state as rows of each projection table, columns in table order."""
        return {
            "package_state": [tuple(state[c] for c in _STATE_COLUMNS) for state in self.states.values()],
            "package_lines": [(pkg, line, item, qty) for pkg, lines in self.lines.items()
                              for (line, item), qty in lines.items() if qty > 0],
            "package_scans": [(event_id, pkg, *scan) for pkg, scans in self.scans.items()
                              for event_id, scan in scans.items()],
            "station_current": [(station, *slot) for station, slot in self.current.items()],
            "stock_consumed": [(*key, qty) for key, qty in self.consumed.items()],
            "letter_enclosures": [(letter, *where) for letter, where in self.enclosures.items()],
            "package_withdrawals": [(pkg, *row) for pkg, row in self.withdrawals.items()],
            "packer_items": [(*key, items) for key, items in self.packer_items.items()],
        }
