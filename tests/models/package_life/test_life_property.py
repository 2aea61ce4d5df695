"""Property (issue 14): over random sequences of list versions, packing, voids, replacements, decisions,
reprints and batch changes and signings, after every step `check` finds nothing, no signed manifest's content
changes, every person of the latest list has exactly one live package, and no label on a closed or signed
manifest names another person than the manifest does."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from models.campaigns import reference
from models.campaigns.list_versions import ListSource
from models.core.codes import Command, command_code
from models.core.errors import RefusedInput
from models.core.types import RecipientData
from models.package_life.decisions import ALLOWED
from tests.support.handover_fixtures import Demo, current_list, packed_demo

ACK = command_code(Command.ACKNOWLEDGE)
SEAL = command_code(Command.SEAL)
SURNAMES = ("Петренко", "Коваленко", "Їжакевич", "Шевчук")


class PackageLife(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="packline-life-"))
        self.demo: Demo = packed_demo(self.folder, recipients=10, packages=4)
        self.list = current_list(self.demo)
        self.versions = 0
        self.labels = {code: self.person_of(code) for code in self.demo.sealed}
        """The person each printed label names (at sealing or the last reprint)."""
        self.signed: dict[tuple[str, int], list[tuple[str, str]]] = {}
        self.batch: str | None = None

    def teardown(self) -> None:
        if hasattr(self, "demo"):
            self.demo.workspace.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- reading --------------------------------------------------------------------------------------------

    def person_of(self, code: str) -> str:
        return str(self.demo.db.execute(
            "SELECT r.surname || ' ' || r.given_name FROM packages p JOIN recipients r ON r.id = p.recipient_id "
            "WHERE p.code = ?", [code]).fetchone()[0])

    def codes(self, where: str) -> list[str]:
        return [row[0] for row in self.demo.db.execute(
            "SELECT p.code FROM packages p LEFT JOIN package_state s ON s.package_id = p.id "
            "LEFT JOIN package_handover h ON h.package_id = p.id "
            f"WHERE {where} ORDER BY p.code")]

    # -- rules ----------------------------------------------------------------------------------------------

    @rule(data=st.data())
    def new_list_version(self, data: st.DataObject) -> None:
        people = list(self.list)
        removed = data.draw(st.sets(st.sampled_from(range(len(people))), max_size=2)) if people else set()
        renamed = data.draw(st.sets(st.sampled_from(range(len(people))), max_size=3)) if people else set()
        surname = data.draw(st.sampled_from(SURNAMES))
        added = data.draw(st.integers(0, 2))
        kept = [replace(p, surname=surname) if i in renamed else p for i, p in enumerate(people) if i not in removed]
        top = max((int(p.list_number) for p in self.list), default=0)
        gone = [p for i, p in enumerate(people) if i in removed]
        back = data.draw(st.booleans()) and bool(self.gone)
        fresh = [RecipientData(str(top + n + 1), "Новенко", "Іван", birth_date=None, place="Київ")
                 for n in range(added)]
        new = kept + fresh + (self.gone[:1] if back else [])
        self.versions += 1
        try:
            reference.save_recipients(self.demo.db, self.demo.campaign, new, user="coordinator",
                                      source=ListSource(f"v{self.versions}.csv", f"{self.versions:064x}"))
        except RefusedInput:
            return
        self.gone = [p for p in self.gone[1 if back else 0:]] + gone
        self.list = new

    gone: list[RecipientData] = []

    @rule()
    def pack_next(self) -> None:
        scans = self.demo.workspace.scan_service()
        opened = scans.next_package(self.demo.station, self.demo.packer)
        if not opened.accepted:
            scans.handle(self.demo.station, self.demo.packer, ACK)
            return
        template = reference.current_template(self.demo.db, self.demo.campaign)
        assert template is not None
        barcodes = {item.id: item.barcodes[0] for item in reference.list_items(self.demo.db)}
        for raw in [barcodes[line.item_id] for line in template.lines if line.required
                    for _ in range(line.quantity)] + [SEAL]:
            assert scans.handle(self.demo.station, self.demo.packer, raw).accepted
        assert opened.package_code is not None
        self.labels[opened.package_code] = self.person_of(opened.package_code)

    @rule(data=st.data())
    def void(self, data: st.DataObject) -> None:
        candidates = self.codes("s.state = 'sealed'")
        if candidates:
            code = data.draw(st.sampled_from(candidates))
            outcome = self.demo.workspace.scan_service().void(self.demo.station, self.demo.supervisor, code, "x")
            in_handover = bool(self.codes(f"p.code = '{code}' AND h.package_id IS NOT NULL"))
            assert outcome.accepted != in_handover

    @rule(data=st.data())
    def reissue(self, data: st.DataObject) -> None:
        candidates = self.codes("s.state = 'voided' AND p.live = 1")
        if candidates:
            code = data.draw(st.sampled_from(candidates))
            self.demo.workspace.reissue(self.demo.campaign, code, self.demo.supervisor, "again")
            event("replacement issued")

    @rule(data=st.data())
    def decide(self, data: st.DataObject) -> None:
        service = self.demo.workspace.decision_service()
        waiting = service.pending(self.demo.campaign)
        if waiting:
            decision = data.draw(st.sampled_from(waiting))
            try:
                service.decide(self.demo.campaign, decision.id,
                               data.draw(st.sampled_from(ALLOWED[decision.kind])), self.demo.supervisor)
                event(f"decision on a {decision.kind} person taken")
            except RefusedInput:
                pass  # in a carton or batch, or being packed: refused with the reason, nothing changed

    @rule(data=st.data())
    def reprint(self, data: st.DataObject) -> None:
        candidates = self.codes("s.state = 'sealed'")
        if candidates:
            code = data.draw(st.sampled_from(candidates))
            assert self.demo.workspace.scan_service().reprint_package(self.demo.station, self.demo.packer,
                                                                      code).accepted
            self.labels[code] = self.person_of(code)

    @rule(data=st.data())
    def add_to_batch(self, data: st.DataObject) -> None:
        batches = self.demo.workspace.batch_service()
        if self.batch is None:
            self.batch = batches.create_batch(self.demo.station, self.demo.supervisor, self.demo.campaign.id).batch_code
        candidates = self.codes("s.state = 'sealed' AND h.package_id IS NULL")
        if candidates and self.batch is not None:
            batches.add(self.demo.station, self.demo.supervisor, self.batch, data.draw(st.sampled_from(candidates)))

    @rule()
    def close_and_sign(self) -> None:
        if self.batch is None:
            return
        batches = self.demo.workspace.batch_service()
        if batches.close(self.demo.station, self.demo.supervisor, self.batch).accepted:
            assert batches.sign(self.demo.station, self.demo.supervisor, self.batch).accepted
            content = self.demo.workspace.manifest_service().content(self.batch)
            self.signed[(self.batch, content.version)] = manifest_lines(content)
            event("batch signed")
        self.batch = None

    # -- what always holds ----------------------------------------------------------------------------------

    @invariant()
    def papers_agree(self) -> None:
        if not hasattr(self, "demo"):
            return
        assert self.demo.workspace.consistency_findings() == []
        manifests = self.demo.workspace.manifest_service()
        for (batch, version), lines in self.signed.items():
            assert manifest_lines(manifests.content(batch, version)) == lines
        for code in self.codes("h.batch_code IN (SELECT code FROM batches WHERE state IN ('closed', 'signed'))"):
            assert self.labels[code] == self.person_of(code), code
        live = dict(self.demo.db.execute(
            "SELECT r.list_number, count(p.id) FROM recipients r LEFT JOIN packages p ON p.recipient_id = r.id "
            "AND p.live = 1 AND NOT EXISTS (SELECT 1 FROM package_withdrawals w WHERE w.package_id = p.id) "
            "GROUP BY r.id").fetchall())
        for person in self.list:
            assert live[person.list_number] == 1, person.list_number


def manifest_lines(content: object) -> list[tuple[str, str]]:
    return [(line.code, f"{line.surname} {line.given_name}") for line in content.lines]  # type: ignore[attr-defined]


PackageLife.TestCase.settings = settings(max_examples=30, stateful_step_count=40, deadline=None,
                                         suppress_health_check=[HealthCheck.too_slow])
test_package_life = PackageLife.TestCase
