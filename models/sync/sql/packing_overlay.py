"""The packing projection rows of some packages held in memory by `bulk_projections` while it applies a
file of events: read once, changed by the rules of `projections`' handlers, written back once."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from models.storage.database import Database

STATE_COLUMNS = ("package_id", "campaign_id", "state", "station_id", "template_id", "opened_by", "opened_at",
                 "weight_g", "expected_weight_g", "sealed_by", "sealed_at", "voided_by", "voided_at", "void_reason",
                 "label_copies", "last_pos")
S_CAMPAIGN, S_STATE, S_TEMPLATE, S_WEIGHT, S_LABEL_COPIES, S_LAST_POS = 1, 2, 4, 7, 14, 15
INT_MIN, INT_MAX = -2**63, 2**63 - 1
"""What SQLite stores as an integer (a larger Python int is refused when bound)."""


def is_int(value: Any) -> bool:
    return type(value) is int and INT_MIN <= value <= INT_MAX


def is_plain(value: Any) -> bool:
    """A value stored as it is, whichever the column (what a weight may be)."""
    return value is None or is_int(value) or type(value) is str


def no_wait() -> None:
    """The database is free (nothing else runs on it)."""


class Overlay:
    """The packing projection rows of some packages, in memory: read from the database when first needed,
    written back by `flush` (only what changed). Until then the database's rows of those tables are stale, so
    nothing else may read or write them."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.ready: Callable[[], None] = no_wait
        """Called before each use of the database after the first reads (`BulkApply`)."""
        self.states: dict[int, list[Any] | None] = {}
        self.states_was: dict[int, tuple[Any, ...] | None] = {}
        self.lines: dict[int, dict[tuple[int, int], int]] = {}
        self.lines_was: dict[int, dict[tuple[int, int], int]] = {}
        self.scans: dict[str, tuple[Any, ...]] = {}
        """event id -> (package id, pos, kind, line no, item id, letter id), of the loaded packages."""
        self.scans_was: dict[str, tuple[Any, ...]] = {}
        self.package_scans: dict[int, set[str]] = {}
        self.current: dict[str, list[Any]] = {
            station: [package_id, last_sealed] for station, package_id, last_sealed in
            db.execute("SELECT station_id, package_id, last_sealed_id FROM station_current")}
        self.current_was = {station: tuple(slot) for station, slot in self.current.items()}
        self.consumed: dict[tuple[Any, Any], int] = {
            (campaign_id, item_id): quantity for campaign_id, item_id, quantity in
            db.execute("SELECT campaign_id, item_id, quantity FROM stock_consumed")}
        self.consumed_was = dict(self.consumed)
        self.packer_items: dict[tuple[Any, Any], int] = {
            (campaign_id, user): items for campaign_id, user, items in
            db.execute("SELECT campaign_id, user_name, items FROM packer_items")}
        self.packer_items_was = dict(self.packer_items)
        self.campaign_of: dict[int, int] = {}
        """The campaign of each loaded package (its `packages` row), for `packer_items`."""
        self.enclosures: dict[int, tuple[int, str] | None] = {}
        self.enclosures_was: dict[int, tuple[int, str] | None] = {}

    # -- reading ---------------------------------------------------------------------------------------------

    def preload(self, package_ids: Iterable[int]) -> None:
        wanted = sorted({pid for pid in package_ids if pid not in self.states})
        if not wanted:
            return
        self.ready()
        ids = json.dumps(wanted)
        for pid in wanted:
            self.states[pid] = self.states_was[pid] = None
            self.lines[pid], self.lines_was[pid] = {}, {}
            self.package_scans[pid] = set()
        self.campaign_of.update(self.db.execute(
            "SELECT id, campaign_id FROM packages WHERE id IN (SELECT value FROM json_each(?))", [ids]).fetchall())
        columns = ", ".join(STATE_COLUMNS)
        for row in self.db.execute(f"SELECT {columns} FROM package_state WHERE package_id IN "
                                   "(SELECT value FROM json_each(?))", [ids]):
            self.states[row[0]], self.states_was[row[0]] = list(row), tuple(row)
        for pid, line_no, item_id, quantity in self.db.execute(
                "SELECT package_id, line_no, item_id, quantity FROM package_lines WHERE package_id IN "
                "(SELECT value FROM json_each(?))", [ids]):
            self.lines[pid][(line_no, item_id)] = self.lines_was[pid][(line_no, item_id)] = quantity
        for event_id, *rest in self.db.execute(
                "SELECT event_id, package_id, pos, kind, line_no, item_id, letter_id FROM package_scans "
                "WHERE package_id IN (SELECT value FROM json_each(?))", [ids]):
            self.scans[event_id] = self.scans_was[event_id] = tuple(rest)
            self.package_scans[rest[0]].add(event_id)

    def scan(self, event_id: str) -> tuple[Any, ...] | None:
        found = self.scans.get(event_id)
        if found is None:
            self.ready()
            row = self.db.execute("SELECT package_id FROM package_scans WHERE event_id = ?", [event_id]).fetchone()
            if row is not None and row[0] not in self.states:  # a package not loaded yet (else it is current)
                self.preload([row[0]])
                found = self.scans.get(event_id)
        return found

    def enclosure(self, letter_id: int) -> tuple[int, str] | None:
        if letter_id not in self.enclosures:
            self.ready()
            row = self.db.execute("SELECT package_id, event_id FROM letter_enclosures WHERE letter_id = ?",
                                  [letter_id]).fetchone()
            self.enclosures[letter_id] = self.enclosures_was[letter_id] = None if row is None else tuple(row)
        return self.enclosures[letter_id]

    # -- the rules (those of the handlers above) ---------------------------------------------------------------

    def apply(self, pos: int, event_id: str, station: str, user: str, at: str, pkg: int, type_: str,
              p: Any) -> bool:
        """Apply one packing event in memory; False (nothing changed) when it must go through `apply`."""
        if not (type(pkg) is int and INT_MIN <= pkg <= INT_MAX and type(pos) is int and INT_MIN <= pos <= INT_MAX
                and type(event_id) is str and type(station) is str and type(user) is str and type(at) is str):
            return False
        if pkg not in self.states:
            self.preload([pkg])
        state = self.states[pkg]
        if type_ == "item_scanned":
            line_no, item_id = p["line_no"], p["item_id"]
            if not (type(line_no) is int and type(item_id) is int and INT_MIN <= line_no <= INT_MAX
                    and INT_MIN <= item_id <= INT_MAX):
                return False
            lines = self.lines[pkg]
            lines[(line_no, item_id)] = lines.get((line_no, item_id), 0) + 1
            self.count_items(pkg, user, 1)
            self._add_scan(event_id, (pkg, pos, "item", line_no, item_id, None))
            self._contents_changed(state, pos)
        elif type_ == "package_opened":
            campaign_id, template_id = p["campaign_id"], p["template_id"]
            if not (is_int(campaign_id) and is_int(template_id)):
                return False  # (SQLite checks NOT NULL even where the upsert would only update)
            if state is None:
                self.states[pkg] = [pkg, campaign_id, "open", station, template_id, user, at, None, None, None,
                                    None, None, None, None, 0, pos]
            else:
                state[S_LAST_POS] = pos
            slot = self.current.setdefault(station, [None, None])
            slot[0] = pkg
        elif type_ == "package_sealed":
            weight, expected = p.get("weight_g"), p.get("expected_weight_g")
            if not (is_plain(weight) and is_plain(expected)):
                return False
            if state is not None and state[S_STATE] == "open":
                state[S_STATE] = "sealed"
                state[S_WEIGHT:S_WEIGHT + 4] = [weight, expected, user, at]
                state[S_LAST_POS] = pos
                campaign_id = state[S_CAMPAIGN]
                for item_id, quantity in self._totals(pkg).items():
                    key = (campaign_id, item_id)
                    self.consumed[key] = self.consumed.get(key, 0) + quantity
                for scan_id in self.package_scans[pkg]:
                    del self.scans[scan_id]
                self.package_scans[pkg] = set()
            for slot in self.current.values():
                if slot[0] == pkg:
                    slot[0] = None
            self.current.setdefault(station, [None, None])[1] = pkg
        elif type_ == "scan_undone":
            undone = p["undone"]
            if type(undone) is not str:
                return False
            if p.get("kind") == "item":
                self.count_items(pkg, user, -1)
            row = self.scan(undone)
            if row is not None:
                owner, _pos, kind, line_no, item_id, letter_id = row
                del self.scans[undone]
                self.package_scans[owner].discard(undone)
                if kind == "item":
                    lines = self.lines[pkg]
                    count = lines.get((line_no, item_id))
                    if count == 1:
                        del lines[(line_no, item_id)]
                    elif count is not None:
                        lines[(line_no, item_id)] = count - 1
                else:
                    where = self.enclosure(letter_id)
                    if where is not None and where[1] == undone:
                        self.enclosures[letter_id] = None
            self._contents_changed(state, pos)
        elif type_ == "letter_enclosed":
            letter_id = p["letter_id"]
            if not is_int(letter_id):
                return False
            if self.enclosure(letter_id) is None:
                self.enclosures[letter_id] = (pkg, event_id)
            self._add_scan(event_id, (pkg, pos, "letter", None, None, letter_id))
            self._contents_changed(state, pos)
        elif type_ == "weight_entered":
            weight = p["weight_g"]
            if not is_plain(weight):
                return False
            if state is not None:
                state[S_WEIGHT] = weight
                state[S_LAST_POS] = pos
        elif type_ == "package_voided":
            reason = p.get("reason", "")
            if type(reason) is not str:
                return False
            if state is not None and state[S_STATE] == "sealed":
                state[S_STATE] = "voided"
                state[11:14] = [user, at, reason]
                state[S_LAST_POS] = pos
                campaign_id = state[S_CAMPAIGN]
                for item_id, quantity in self._totals(pkg).items():  # the items go back to stock
                    key = (campaign_id, item_id)
                    left = self.consumed.get(key)
                    if left is not None:
                        if left <= quantity:
                            del self.consumed[key]
                        else:
                            self.consumed[key] = left - quantity
        elif type_ == "label_printed":
            copy = int(p["copy"])
            if not is_int(copy):
                return False
            if state is not None:
                state[S_LABEL_COPIES] = max(state[S_LABEL_COPIES], copy)
                state[S_LAST_POS] = pos
        else:
            return False
        return True

    def count_items(self, pkg: int, user: str, items: int) -> None:
        campaign_id = self.campaign_of.get(pkg)
        if campaign_id is not None:
            key = (campaign_id, user)
            self.packer_items[key] = self.packer_items.get(key, 0) + items

    def _add_scan(self, event_id: str, row: tuple[Any, ...]) -> None:
        self.scans[event_id] = row
        self.package_scans[row[0]].add(event_id)

    @staticmethod
    def _contents_changed(state: list[Any] | None, pos: int) -> None:
        if state is not None:
            state[S_WEIGHT] = None
            state[S_LAST_POS] = pos

    def _totals(self, pkg: int) -> dict[int, int]:
        totals: dict[int, int] = {}
        for (_line, item_id), quantity in self.lines[pkg].items():
            totals[item_id] = totals.get(item_id, 0) + quantity
        return totals

    # -- writing back ---------------------------------------------------------------------------------------

    def flush(self) -> None:
        """Write what changed since the rows were read; afterwards this overlay must not be used."""
        self.ready()
        conn = self.db.conn
        new_states, changed_states = [], []
        for pid, state in self.states.items():
            was = self.states_was[pid]
            if state is None or (was is not None and tuple(state) == was):
                continue
            if was is None:
                new_states.append(state)
            else:
                changed_states.append([*state[1:], pid])
        if changed_states:
            sets = ", ".join(f"{column} = ?" for column in STATE_COLUMNS[1:])
            conn.executemany(f"UPDATE package_state SET {sets} WHERE package_id = ?", changed_states)
        if new_states:
            conn.executemany(f"INSERT INTO package_state ({', '.join(STATE_COLUMNS)}) VALUES "
                             f"({', '.join('?' * len(STATE_COLUMNS))})", new_states)
        gone: list[tuple[int, int, int]] = []
        changed: list[tuple[int, int, int, int]] = []
        added: list[tuple[int, int, int, int]] = []
        for pid, lines in self.lines.items():
            was_lines = self.lines_was[pid]
            if lines == was_lines:
                continue
            if not was_lines:  # a package's first contents (most of an import)
                added.extend([(pid, *key, quantity) for key, quantity in lines.items()])
                continue
            gone.extend((pid, *key) for key in was_lines if key not in lines)
            for key, quantity in lines.items():
                before = was_lines.get(key)
                if before is None:
                    added.append((pid, *key, quantity))
                elif before != quantity:
                    changed.append((quantity, pid, *key))
        _write(conn, "DELETE FROM package_lines WHERE package_id = ? AND line_no = ? AND item_id = ?", gone)
        _write(conn, "UPDATE package_lines SET quantity = ? WHERE package_id = ? AND line_no = ? AND item_id = ?",
               changed)
        _write(conn, "INSERT INTO package_lines (package_id, line_no, item_id, quantity) VALUES (?, ?, ?, ?)", added)
        _write(conn, "DELETE FROM package_scans WHERE event_id = ?",
               [(event_id,) for event_id in self.scans_was if event_id not in self.scans])
        _write(conn, "INSERT INTO package_scans (event_id, package_id, pos, kind, line_no, item_id, letter_id) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               [(event_id, *row) for event_id, row in self.scans.items() if event_id not in self.scans_was])
        changed_current, new_current = [], []
        for station, slot in self.current.items():
            was_slot = self.current_was.get(station)
            if was_slot is None:
                new_current.append((station, *slot))
            elif tuple(slot) != was_slot:
                changed_current.append((*slot, station))
        _write(conn, "UPDATE station_current SET package_id = ?, last_sealed_id = ? WHERE station_id = ?",
               changed_current)
        _write(conn, "INSERT INTO station_current (station_id, package_id, last_sealed_id) VALUES (?, ?, ?)",
               new_current)
        _write(conn, "DELETE FROM stock_consumed WHERE campaign_id = ? AND item_id = ?",
               [key for key in self.consumed_was if key not in self.consumed])
        _write(conn, "UPDATE stock_consumed SET quantity = ? WHERE campaign_id = ? AND item_id = ?",
               [(quantity, *key) for key, quantity in self.consumed.items()
                if key in self.consumed_was and self.consumed_was[key] != quantity])
        _write(conn, "INSERT INTO stock_consumed (campaign_id, item_id, quantity) VALUES (?, ?, ?)",
               [(*key, quantity) for key, quantity in self.consumed.items() if key not in self.consumed_was])
        _write(conn, "UPDATE packer_items SET items = ? WHERE campaign_id = ? AND user_name = ?",
               [(items, *key) for key, items in self.packer_items.items()
                if key in self.packer_items_was and self.packer_items_was[key] != items])
        _write(conn, "INSERT INTO packer_items (campaign_id, user_name, items) VALUES (?, ?, ?)",
               [(*key, items) for key, items in self.packer_items.items() if key not in self.packer_items_was])
        for letter_id, where in self.enclosures.items():
            was_where = self.enclosures_was[letter_id]
            if where == was_where:
                continue
            if was_where is not None:
                conn.execute("DELETE FROM letter_enclosures WHERE letter_id = ?", [letter_id])
            if where is not None:
                conn.execute("INSERT INTO letter_enclosures (letter_id, package_id, event_id) VALUES (?, ?, ?)",
                             [letter_id, *where])


def _write(conn: Any, sql: str, rows: list[Any]) -> None:
    if rows:
        conn.executemany(sql, rows)
