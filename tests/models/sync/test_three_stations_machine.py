"""Three stations and a hub, driven at random (issue 15): stations and the hub issue codes (cartons, batches,
letters) and pack; files go to the hub in any order, some of them twice; the hub answers whenever; the hub
signs batches; any of them is restored from a backup. Throughout, no code ever names two things in any of the
databases, every signed manifest the hub holds is as it was signed, and the hub's `check` finds nothing."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from models.core.errors import RefusedInput
from models.handover.batches import BatchService
from models.handover.sql.batches_repo import SqlBatchStore
from models.handover.sql.consistency import findings
from models.packing.letters import LetterService
from models.packing.sql.letters_repo import SqlLetterStore
from models.storage.backup import make_backup
from models.sync import acks, exchange
from models.sync.errors import ExchangeRefused
from models.sync.identity import check_identity
from models.sync.sql import sync_repo
from tests.support.stations import Network, Node, make_network, restore_from_backup

NAMES = ("Station A", "Station B", "Station C")
NODES = ("Hub", *NAMES)


def things(db: Any) -> dict[str, set[tuple[Any, ...]]]:
    """Every code a database knows for a carton, a batch or a letter, with what identifies the thing: the
    event that created a carton or batch (merged or held), a letter's person and registration time."""
    found: dict[str, set[tuple[Any, ...]]] = {}
    for table in ("events", "sync_held_events"):
        for code, event_id in db.execute(
                f"SELECT coalesce(json_extract(payload, '$.carton'), json_extract(payload, '$.batch')), id "
                f"FROM {table} WHERE type IN ('carton_created', 'batch_created')"):
            found.setdefault(code, set()).add(("created by event", event_id))
    for code, recipient, registered in db.execute("SELECT code, recipient_id, registered_at FROM letters"):
        found.setdefault(code, set()).add(("letter", recipient, registered))
    return found


def signed_manifests(db: Any) -> dict[tuple[str, int], tuple[Any, ...]]:
    manifests = {}
    for batch, version, count, digest in db.execute(
            "SELECT batch_code, version, package_count, sha256 FROM manifest_versions WHERE signed_at IS NOT NULL"):
        lines = tuple(sorted(row[0] for row in db.execute(
            "SELECT package_id FROM manifest_lines WHERE batch_code = ? AND version = ?", [batch, version])))
        manifests[(batch, version)] = (count, digest, lines)
    return manifests


@settings(max_examples=40, stateful_step_count=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
class ThreeStations(RuleBasedStateMachine):

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="packline-three-"))
        self.net: Network = make_network(self.tmp, NAMES)
        self.stash: list[Path] = []
        """Every events file any station wrote, kept to be imported in any order, again and again."""
        self.backups: dict[str, Path] = {}
        self.seen: dict[str, set[tuple[Any, ...]]] = {}
        """Every code ever seen in any database, with the things it named (a restore forgets; this does not)."""
        self.signed: dict[tuple[str, int], tuple[Any, ...]] = {}
        self.next_package = {name: index for index, name in enumerate(NAMES)}
        for name in NODES:  # as the app does at its first start: the database remembers which file it is
            check_identity(self.node(name).db, self.node(name).path)

    def node(self, name: str) -> Node:
        return self.net.hub if name == "Hub" else self.net[name]

    def teardown(self) -> None:
        self.net.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- issuing codes and packing -------------------------------------------------------------------------

    @rule(name=st.sampled_from(NODES), kind=st.sampled_from(("carton", "batch", "letter")))
    def issue(self, name: str, kind: str) -> None:
        node = self.node(name)
        if kind == "letter":
            try:
                LetterService(SqlLetterStore(node.db)).register(self.net.campaign_id, ["1"])
            except RefusedInput as refused:  # no block yet: refused with the way out
                assert "no range of codes" in str(refused)
            return
        service = BatchService(SqlBatchStore(node.db, node.path))
        made = (service.create_carton if kind == "carton" else service.create_batch)(
            node.station, node.user("Ivan"), self.net.campaign_id)
        assert made.accepted or made.reason.value == "no_codes_yet", made.message

    @rule(name=st.sampled_from(NAMES))
    def pack_and_put_in_carton(self, name: str) -> None:
        """Pack the station's next package, and put it into the station's newest carton if it has one."""
        index = self.next_package[name]
        if index >= len(self.net.codes):
            return
        self.next_package[name] = index + 3
        node = self.net[name]
        node.scan(self.net.codes[index], *self.net.full())
        carton = node.db.execute("SELECT code FROM cartons WHERE batch_code IS NULL ORDER BY rowid DESC").fetchone()
        if carton is not None:
            BatchService(SqlBatchStore(node.db, node.path)).put_in_carton(
                node.station, node.user("Ivan"), carton[0], self.net.codes[index])

    # -- exchanging ------------------------------------------------------------------------------------------

    @rule(name=st.sampled_from(NAMES))
    def export(self, name: str) -> None:
        for written in exchange.export_events(self.net[name].db, self.net.folder):
            kept = self.tmp / "stash" / f"{len(self.stash):04d}-{written.path.name}"
            kept.parent.mkdir(exist_ok=True)
            shutil.copyfile(written.path, kept)
            written.path.unlink()
            self.stash.append(kept)

    @precondition(lambda self: bool(self.stash))
    @rule(pick=st.integers(min_value=0))
    def hub_imports(self, pick: int) -> None:
        """Any file written so far, whatever was imported before it (a gap or a clash is refused whole)."""
        path = self.stash[pick % len(self.stash)]
        acks.learn_given_blocks(self.net.hub.db, self.net.folder)
        try:
            imported = exchange.import_events(self.net.hub.db, path)
        except ExchangeRefused as refused:
            event(f"import refused: {refused.problem.value}")
        else:
            event("imported events" if imported.merged else "imported a file already known")

    @rule(name=st.sampled_from(NAMES))
    def hub_answers(self, name: str) -> None:
        """The hub writes its acknowledgements of every station id this station had; the station reads them."""
        hub, node = self.net.hub, self.net[name]
        acks.learn_given_blocks(hub.db, self.net.folder)
        for station_id in sync_repo.own_station_ids(node.db) + [node.station.instance_id]:
            acks.import_ack(node.db, node.path, acks.write_ack(hub.db, self.net.folder, station_id))

    # -- the hub's handover ------------------------------------------------------------------------------------

    @rule()
    def hub_signs_a_batch(self) -> None:
        """The hub puts its sealed packages that are in no carton into a carton of its own, batches, signs."""
        hub = self.net.hub
        service, who = BatchService(SqlBatchStore(hub.db, hub.path)), hub.user("Ivan")
        free = [code for (code,) in hub.db.execute(
            "SELECT p.code FROM package_state s JOIN packages p ON p.id = s.package_id WHERE s.state = 'sealed' "
            "AND s.package_id NOT IN (SELECT package_id FROM package_handover) ORDER BY p.code")]
        carton = service.create_carton(hub.station, who, self.net.campaign_id).carton_code
        batch = service.create_batch(hub.station, who, self.net.campaign_id).batch_code
        if carton is None or batch is None:
            return
        put = [code for code in free if service.put_in_carton(hub.station, who, carton, code).accepted]
        if put and service.add(hub.station, who, batch, carton).accepted and service.close(
                hub.station, who, batch).accepted:
            assert service.sign(hub.station, who, batch).accepted
            event("signed a batch")
            self.signed.update(signed_manifests(hub.db))

    # -- backups and restores ----------------------------------------------------------------------------------

    @rule(name=st.sampled_from(NODES))
    def backup(self, name: str) -> None:
        node = self.node(name)
        self.backups[name] = make_backup(node.db, node.path, "manual")

    @rule(name=st.sampled_from(NODES))
    def restore(self, name: str) -> None:
        """The latest backup copied in place of the database, and the app opened: a new identity."""
        backup = self.backups.get(name)
        if backup is None:
            return
        node = self.node(name)
        restore_from_backup(node, backup)
        event(f"restored {'the hub' if name == 'Hub' else 'a station'}")
        if name == "Hub":  # what the hub signed after the backup it no longer holds
            self.signed = {key: value for key, value in self.signed.items()
                           if key in signed_manifests(node.db)}

    # -- what must hold throughout -------------------------------------------------------------------------------

    @invariant()
    def no_code_names_two_things(self) -> None:
        for name in NODES:
            for code, named in things(self.node(name).db).items():
                self.seen.setdefault(code, set()).update(named)
        shared = {code: named for code, named in self.seen.items() if len(named) > 1}
        assert not shared, shared

    @invariant()
    def signed_manifests_stay_as_signed(self) -> None:
        now = signed_manifests(self.net.hub.db)
        for key, signed in self.signed.items():
            assert now.get(key) == signed, key

    @invariant()
    def the_hubs_check_passes(self) -> None:
        assert findings(self.net.hub.db) == []


TestThreeStations = ThreeStations.TestCase
