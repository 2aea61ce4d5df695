"""Random shifts at two stations: scans, undos, weights, seals, voids, reprints and acknowledgements.

Whatever the order, a sealed package never breaks its template, no count goes negative, a refusal changes
nothing, and replaying the journal gives exactly the live projections.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from models.core.codes import CodeKind, make_code
from models.core.events import EventType, NewEvent
from models.journal.sql import events_repo, projections
from models.journal.sql.rebuild import rebuild_projections, replayed_dump
from models.packing import checklist
from models.packing.scanning import ScanOutcome
from models.packing.states import PackageState
from models.storage.db import write_transaction
from models.storage.migrations import schema_version
from models.storage.opening import open_database
from tests.support.packing_fixtures import (
    ACK,
    ITEMS,
    NEXT,
    REPRINT,
    SEAL,
    UNDO,
    Packing,
    bad_check_digit,
    build_campaign,
    copy_database,
    ean13,
    load,
)

_template_dir = Path(tempfile.mkdtemp(prefix="packline-machine-"))
_TEMPLATE = _template_dir / "template.db"
atexit.register(shutil.rmtree, _template_dir, True)


def _prepare_template() -> Path:
    if not _TEMPLATE.exists():
        db = open_database(_TEMPLATE)
        build_campaign(db)
        packing = load(db)
        letters = packing.letters()
        letters.register(packing.campaign_id, ["1", "2"], received=True)
        letters.register(packing.campaign_id, ["3"])
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return _TEMPLATE


stations = st.sampled_from([0, 0, 0, 1])
acks = st.sampled_from([True, True, True, False])


class PackingShift(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="packline-shift-"))
        self.db = copy_database(_prepare_template(), self.folder / "station.db")
        self.p: Packing = load(self.db)
        self.letter_codes = [row[0] for row in self.db.execute("SELECT code FROM letters ORDER BY id")]
        self.letter_codes.append(make_code(CodeKind.LETTER, 999))  # never registered

    def station(self, index: int):
        return (self.p.station, self.p.other)[index]

    def act(self, index: int, code: str, ack: bool = True) -> ScanOutcome:
        return self.check(lambda: self.p.service.handle(self.station(index), self.p.packer, code), index, ack)

    def check(self, action, index: int = 0, ack: bool = True) -> ScanOutcome:
        before = (projections.dump(self.db), events_repo.count(self.db))
        outcome = action()
        if outcome.refused:
            assert (projections.dump(self.db), events_repo.count(self.db)) == before, outcome
            if ack and outcome.blocked:  # usually the packer acknowledges at once; sometimes scans on, blocked
                self.p.service.acknowledge(self.station(index), self.p.packer)
        return outcome

    @rule(station=stations, which=st.integers(0, 4), ack=acks)
    def scan_package(self, station, which, ack):
        self.act(station, self.p.packages[which], ack)

    @rule(station=stations, name=st.sampled_from(sorted(ITEMS) + ["tea", "socks", "socks", "soap"]), ack=acks)
    def scan_item(self, station, name, ack):
        self.act(station, self.p.item(name), ack)

    @rule(station=stations)
    def fill_next_line(self, station):
        """What a diligent packer does: the main item of the first line still short."""
        view = self.p.service.current_view(self.station(station))
        short = [line for line in view.lines if not line.state.met] if view else []
        if short:
            self.act(station, self.p.barcodes[short[0].item_name])

    @rule(station=stations, which=st.integers(0, 4), extra=st.sampled_from([None, "chocolate", "coffee", "gloves"]),
          letter=st.booleans(), seal=st.booleans())
    def pack_a_package(self, station, which, extra, letter, seal):
        """Open a package, scan what its required lines need (perhaps one item more, perhaps its letter)."""
        if self.act(station, self.p.packages[which]).refused:
            return
        codes = self.p.full_package() + ([self.p.item(extra)] if extra else [])
        if letter and which < 3:  # recipients 1, 2 and 3 have letters, in list order
            codes.append(self.letter_codes[which])
        for code in codes + ([SEAL] if seal else []):
            self.act(station, code)

    @rule(station=stations, code=st.sampled_from([ean13(777), bad_check_digit(ean13(1)), "nonsense"]), ack=acks)
    def scan_garbage(self, station, code, ack):
        self.act(station, code, ack)

    @rule(station=stations, which=st.integers(0, 3), ack=acks)
    def scan_letter(self, station, which, ack):
        self.act(station, self.letter_codes[which], ack)

    @rule(station=stations, command=st.sampled_from([UNDO, UNDO, SEAL, SEAL, ACK, NEXT, REPRINT]), ack=acks)
    def command(self, station, command, ack):
        self.act(station, command, ack)

    @rule(station=stations, weight=st.integers(-5, 1200))
    def weigh(self, station, weight):
        self.check(lambda: self.p.service.enter_weight(self.station(station), self.p.packer, weight), station)

    @rule(station=stations, weight=st.integers(700, 1100))
    def seal_with_weight(self, station, weight):
        self.check(lambda: self.p.service.seal(self.station(station), self.p.packer, weight), station)

    @rule(which=st.integers(0, 4), supervisor=st.sampled_from([True, True, False]), sealed_only=st.booleans())
    def void(self, which, supervisor, sealed_only):
        user = self.p.supervisor if supervisor else self.p.packer
        codes = self.p.packages
        if sealed_only:
            codes = [c for c in codes if self.p.store.package(code=c).state is PackageState.SEALED] or codes
        code = codes[which % len(codes)]
        self.check(lambda: self.p.service.void(self.p.station, user, code, "damaged"))

    @rule(which=st.integers(0, 4))
    def set_the_work_aside(self, which):
        """A hub resolving a conflict: the package as if never opened (a sealed one's items back to stock)."""
        package = self.p.store.package(code=self.p.packages[which])
        with write_transaction(self.db):
            events_repo.append(self.db, self.p.station.instance_id, NewEvent(
                EventType.WORK_SET_ASIDE, self.p.supervisor.name, package.id,
                {"station": self.p.station.instance_id, "reason": "two stations"}), schema_version(self.db))
        left = self.db.execute("SELECT count(*) FROM package_state WHERE package_id = ?", [package.id]).fetchone()
        assert left[0] == 0

    @invariant()
    def sealed_packages_keep_their_template(self):
        for package_id in self.p.package_ids.values():
            package = self.p.store.package(package_id=package_id)
            if package.state in (PackageState.SEALED, PackageState.VOIDED):
                template = self.p.store.template(package.template_id)
                contents = self.p.store.contents(package_id)
                assert checklist.template_violations(template, contents) == []
                assert not checklist.missing_required(checklist.line_states(template, contents))

    @invariant()
    def no_count_is_negative_and_stock_matches_sealed_contents(self):
        assert self.db.execute("SELECT count(*) FROM package_lines WHERE quantity <= 0").fetchone()[0] == 0
        consumed = {(c, i): q for c, i, q in self.db.execute("SELECT * FROM stock_consumed")}
        expected = {(c, i): q for c, i, q in self.db.execute(
            "SELECT s.campaign_id, l.item_id, sum(l.quantity) FROM package_lines l JOIN package_state s "
            "ON s.package_id = l.package_id WHERE s.state = 'sealed' GROUP BY 1, 2")}
        assert consumed == expected and all(q > 0 for q in consumed.values())

    @invariant()
    def open_packages_never_exceed_their_lines(self):
        for package_id in self.p.package_ids.values():
            package = self.p.store.package(package_id=package_id)
            if package.template_id is not None:
                template = self.p.store.template(package.template_id)
                assert checklist.template_violations(template, self.p.store.contents(package_id)) == []

    @invariant()
    def replaying_the_journal_gives_the_live_projections(self):
        assert replayed_dump(self.db) == projections.dump(self.db)

    @rule()
    def restart(self):
        """Close and reopen: what a crash-free restart shows is what was stored."""
        path = self.folder / "station.db"
        self.db.close()
        self.db = open_database(path)
        self.p = load(self.db)

    def teardown(self) -> None:
        try:
            live = projections.dump(self.db)
            rebuild_projections(self.db)
            assert projections.dump(self.db) == live
        finally:
            self.db.close()
            shutil.rmtree(self.folder, ignore_errors=True)


PackingShift.TestCase.settings = settings(
    max_examples=60, stateful_step_count=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_packing_shift = pytest.mark.slow(PackingShift.TestCase)
