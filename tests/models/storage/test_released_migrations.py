"""Released migrations never change: the schema after each one is pinned by its SHA-256.

A migration that was released has run on stations' databases; editing it would give new installations a schema
that old ones never get. A change to the schema is the next migration (and its pin added here), never an edit.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from models.storage.db import connect, write_transaction
from models.storage.migrations import apply, pending

RELEASED = {
    "0001_reference_data": "543136ac2cd23b1f53373a4c106125408405bf32c09619de510c461356a860b1",
    "0002_packing_journal": "8412e44293a52e45d59d23dce778b7ffa349d895ea45dbd3a2da3ebbe917ea25",
    "0003_recipient_search": "57aaebbed3783da02070c2bcaff38c620ae6e72f25fb5d39f650720a52d0cc5c",
    "0004_handover": "b76d262b48030ac681de40a7c73563e442e24f47e912dae3492a7e8053c26395",
    "0005_several_stations": "544f6f50d8f7726d3262581b1707739f804b2fd21a5efc50b28063daba6fa67e",
    "0006_bulk_recipient_search": "a4c5b1bc975c5d5728ffcb712ff9caa48e8d3121b21e0e05c9c08d2eba1158c5",
    "0007_campaign_management": "d19a268bc64705bdd008d6c9fc9aa81f39fc921b2024fd1c5bcb56b1588874f5",
    "0008_package_life": "bcee9971848d9bfdcb47bcb4af669ddae22b1744964fac1f2748676d6eee346d",
    "0009_handover_conflicts": "7c134277c82d8f2d2c7c6c6161b847897dc77c6d5b99b762d1d5eaf789b32a38",
    "0010_latin_names": "825ca648702776d492645e1cb567748a0fd7b0a029bfca79478ec19c88fd25ac",
    "0011_pin_attempts": "171a0427a4db6a89a9d1c392d7b5ba2955593007fd8de5b12db2a5419b01638a",
    "0012_carried_events": "5304da8b6163e197bd6473c9c1f524e0e8c945b0164cd8503251dbac8eff7568",
    "0013_packer_items": "7326dc940435a8479e6fe378915963a2537e187cd447d56fc4f06fb72eb85b6f",
    "0014_next_planned_hint": "74812483af31c549e6f5f098439a6102bb1197c4bb6b905ce715b5f9d0f66a7e",
}


def schema_after_each(path: Path) -> dict[str, str]:
    db = connect(path)
    names = pending(db)
    found = {}
    for index, name in enumerate(names):
        with write_transaction(db):
            apply(db, stop_before=names[index + 1:] or None)
        rows = db.execute("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
                          "WHERE name NOT LIKE '\\_sqlite\\_migrations%' ESCAPE '\\' ORDER BY type, name").fetchall()
        found[name] = hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()
    db.close()
    return found


def test_every_released_migration_gives_the_schema_it_gave_when_released(tmp_path: Path) -> None:
    found = schema_after_each(tmp_path / "fresh.db")
    assert list(found)[:len(RELEASED)] == list(RELEASED), "migrations are never renamed, removed or reordered"
    changed = {name: digest for name, digest in found.items() if name in RELEASED and RELEASED[name] != digest}
    assert not changed, f"released migrations were edited (add the next migration instead): {changed}"
    unpinned = [name for name in found if name not in RELEASED]
    assert not unpinned, f"pin the new migrations once released: {unpinned}"


def test_campaigns_made_before_0007_keep_their_rules_as_version_1(tmp_path: Path) -> None:
    """An installation upgraded from 0006: each campaign's rules as they stood become rules version 1."""
    db = connect(tmp_path / "old.db")
    with write_transaction(db):
        apply(db, stop_before=["0007_campaign_management"])
    db.execute("INSERT INTO campaigns (name, target_count, max_package_weight_g, forbidden_categories, "
               "letters_allowed, box_tare_g, weight_tolerance_g, letters_must_be_enclosed, created_at) "
               "VALUES ('Зима', 10, 5000, '[\"alcohol\"]', 1, 250, 80, 0, '2026-11-01T10:00:00+00:00')")
    with write_transaction(db):
        apply(db)
    from models.campaigns.sql.reference_repo import all_campaigns, rule_versions
    from models.core.types import CampaignRules, CampaignStatus

    [campaign] = all_campaigns(db)
    assert (campaign.status, campaign.rules_version, campaign.demo) == (CampaignStatus.OPEN, 1, False)
    [version] = rule_versions(db, campaign.id)
    assert version.rules == campaign.rules == CampaignRules(5000, ("alcohol",), True, 250, 80, False)
    assert version.changed_at == "2026-11-01T10:00:00+00:00"
    db.close()


def test_packages_and_their_journal_survive_the_rebuild_of_0008(tmp_path: Path) -> None:
    """0008 rebuilds `packages` (a person may have a replacement package): every package keeps its id and code,
    is its person's live one, and the journal's references to it still hold."""
    from models.storage.migrations import migrate

    db = connect(tmp_path / "old.db")
    with write_transaction(db):
        apply(db, stop_before=["0008_package_life"])
    db.execute("INSERT INTO campaigns (id, name, target_count, created_at) VALUES (1, 'Зима', 2, '2026-11-01')")
    for rid in (1, 2):
        db.execute("INSERT INTO recipients (id, campaign_id, list_number, surname, given_name, place, name_key) "
                   "VALUES (?, 1, ?, 'Коваль', 'Олена', 'Київ', 'коваль')", [rid, str(rid)])
        db.execute("INSERT INTO packages (id, campaign_id, recipient_id, code) VALUES (?, 1, ?, ?)",
                   [rid * 10, rid, f"10000000000000{rid:04d}"])
    db.execute("INSERT INTO events (id, station_id, seq, at, user_name, package_id, type, payload, schema_version) "
               "VALUES ('01JDA000000000000000000000', 'S', 1, '2026-11-01', 'Олена', 20, 'package_opened', '{}', 7)")
    assert migrate(db, None) == ["0008_package_life", "0009_handover_conflicts", "0010_latin_names",
                                 "0011_pin_attempts", "0012_carried_events", "0013_packer_items",
                                 "0014_next_planned_hint"]
    assert db.execute("SELECT id, recipient_id, code, live, replaces FROM packages ORDER BY id").fetchall() == [
        (10, 1, "100000000000000001", 1, None), (20, 2, "100000000000000002", 1, None)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_0013_counts_each_packers_items_from_the_journal_as_the_projection_keeps_them(tmp_path: Path) -> None:
    """An installation upgraded to 0013 gets the same `packer_items` rows as one that recorded its scans with
    the projection in place: item scans per user and campaign, less the item scans each user undid."""
    from models.core.codes import Command, command_code
    from models.storage.migrations import MIGRATIONS_TABLE, migrate
    from tests.support.handover_fixtures import packed_demo

    demo = packed_demo(tmp_path, packages=3)
    scan = demo.workspace.scan_service()
    item = demo.db.execute("SELECT b.barcode FROM item_barcodes b JOIN template_lines l ON l.item_id = b.item_id "
                           "ORDER BY l.line_no LIMIT 1").fetchone()[0]
    for raw in (demo.planned[0], item, item, command_code(Command.UNDO)):
        scan.handle(demo.station, demo.supervisor, raw)  # another user, with an undo
    kept = demo.db.execute("SELECT * FROM packer_items ORDER BY user_name").fetchall()
    assert len(kept) == 2 and all(items > 0 for _campaign, _user, items in kept)
    demo.db.execute("DROP TABLE packer_items")
    demo.db.execute(f"DELETE FROM {MIGRATIONS_TABLE} WHERE name = '0013_packer_items'")
    assert migrate(demo.db, None) == ["0013_packer_items"]
    assert demo.db.execute("SELECT * FROM packer_items ORDER BY user_name").fetchall() == kept
    demo.workspace.close()
