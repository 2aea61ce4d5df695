"""Campaign packs: a station joins or updates from the hub's reference data; older or foreign packs are refused."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.campaigns import reference
from models.core.types import CampaignRules, RecipientData
from models.storage.opening import open_database
from models.sync import container, pack
from models.sync.enrolment import hub_key
from models.sync.errors import ExchangeRefused, Problem
from models.sync.sql import sync_repo
from tests.support.packing_fixtures import add_recipients
from tests.support.stations import PASSPHRASE, Network, dump, make_network


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path, ("Station A",))
    yield network
    network.close()


def test_a_station_joins_with_the_hubs_reference_data_and_users(net: Network):
    node = net["Station A"]
    for table in ("campaigns", "items", "templates", "template_lines", "recipients", "packages"):
        query = f"SELECT * FROM {table} ORDER BY 1"
        assert node.db.execute(query).fetchall() == net.hub.db.execute(query).fetchall(), table
    assert node.user("Ivan").can_supervise  # users travel, PIN hashes included
    assert node.station.campaign_id == net.campaign_id
    assert sync_repo.role(node.db) == "station" and sync_repo.hub_id(node.db) == sync_repo.hub_id(net.hub.db)
    hits = node.db.execute("SELECT rowid FROM recipient_search WHERE recipient_search MATCH 'шевченко'").fetchall()
    assert len(hits) == 1  # the search index follows the recipients
    path = net.folder / pack.PACK_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_newer_pack_updates_and_an_equal_one_changes_nothing(net: Network, tmp_path: Path):
    node = net["Station A"]
    net.pack_package("Station A", 0)  # the station's journal refers to the packages: they must stay
    add_recipients(net.hub.db, 3)
    newer = pack.export_pack(net.hub.db, tmp_path / "v2.plxp")
    assert newer.version == 2 and newer.new_version
    read = pack.import_pack(node.db, newer.path)
    assert read.updated and read.counts["recipients"] == 8
    before = dump(node.db)
    again = pack.import_pack(node.db, pack.export_pack(net.hub.db, tmp_path / "v2-again.plxp").path)
    assert not again.updated and again.version == 2
    assert dump(node.db) == before


def test_an_older_pack_is_refused(net: Network, tmp_path: Path):
    node = net["Station A"]
    old = net.folder / pack.PACK_FILE_NAME
    add_recipients(net.hub.db, 1)
    pack.import_pack(node.db, pack.export_pack(net.hub.db, tmp_path / "v2.plxp").path)
    before = dump(node.db)
    with pytest.raises(ExchangeRefused) as refused:
        pack.import_pack(node.db, old, passphrase=PASSPHRASE)
    assert refused.value.problem is Problem.OLDER_PACK
    assert "version 1" in str(refused.value) and "version 2" in str(refused.value)
    assert dump(node.db) == before


def test_packs_of_another_hub_and_into_a_used_database_are_refused(net: Network, tmp_path: Path, db):
    from tests.support.packing_fixtures import build_campaign

    other_hub = open_database(tmp_path / "other-hub.db")
    try:
        build_campaign(other_hub)
        foreign = pack.export_pack(other_hub, tmp_path / "foreign.plxp")
    finally:
        other_hub.close()
    node = net["Station A"]
    before = dump(node.db)
    with pytest.raises(ExchangeRefused) as refused:
        pack.import_pack(node.db, foreign.path)
    assert refused.value.problem is Problem.OTHER_HUB and dump(node.db) == before
    with pytest.raises(ExchangeRefused) as hub_refuses:
        pack.import_pack(net.hub.db, foreign.path)
    assert hub_refuses.value.problem is Problem.WRONG_ROLE

    build_campaign(db)  # a database that already packed on its own cannot join
    from tests.support.packing_fixtures import load

    solo = load(db)
    solo.scan(solo.packages[0])
    with pytest.raises(ExchangeRefused) as used:
        pack.import_pack(db, net.folder / pack.PACK_FILE_NAME, passphrase=PASSPHRASE)
    assert used.value.problem is Problem.WRONG_ROLE and "empty journal" in str(used.value)


def test_a_pack_of_one_campaign_holds_no_other_campaigns_personal_data(net: Network, tmp_path: Path):
    other = reference.create_campaign(net.hub.db, "Весна", 1, CampaignRules())
    reference.save_recipients(net.hub.db, other, [RecipientData("1", "Секретна", "Особа", place="Десь")])
    written = pack.export_pack(net.hub.db, tmp_path / "one.plxp", campaign_id=net.campaign_id,
                               passphrase="пароль")
    body = container.open_file(written.path, "пароль", kind="pack", trust=lambda _header: hub_key(net.hub.db)).body
    assert "Секретна".encode() not in body and "Шевченко".encode() in body
    station = open_database(tmp_path / "fresh.db")
    try:
        read = pack.import_pack(station, written.path, passphrase="пароль")
        assert read.campaigns == (net.campaign_id,) and read.counts["campaigns"] == 1
    finally:
        station.close()


def test_a_station_cannot_hand_out_packs(net: Network, tmp_path: Path):
    from models.core.errors import RefusedInput

    with pytest.raises(RefusedInput, match="station of a hub"):
        pack.export_pack(net["Station A"].db, tmp_path / "x.plxp")
