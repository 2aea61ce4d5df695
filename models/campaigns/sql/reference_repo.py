"""SQL for reference data: campaigns, catalog, templates, recipients, planned packages, stock.

Functions take an open `Database`; callers own the transaction (`write_transaction`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from models.core.collation import name_key, number_key
from models.core.types import (
    Campaign,
    CampaignRules,
    CampaignStatus,
    HandoverParties,
    Item,
    ItemData,
    Package,
    Recipient,
    RecipientData,
    RuleVersion,
    StockReceipt,
    Template,
    TemplateLineData,
)
from models.storage.common import now_iso
from models.storage.database import Database

if TYPE_CHECKING:  # the list's versions, its search index and its Latin spellings are for writes: a read of
    # templates or stock imports none of them
    from models.campaigns.list_versions import ListDifference, ListSource

# -- campaigns ----------------------------------------------------------------------------------------------


_CAMPAIGN_COLUMNS = (
    "id, name, target_count, max_package_weight_g, forbidden_categories, letters_allowed, box_tare_g, "
    "weight_tolerance_g, letters_must_be_enclosed, sending_party, mediator_party, receiving_party, label_language, "
    "status, rules_version, is_demo, latin_names"
)


def _campaign(row: tuple[Any, ...]) -> Campaign:
    (cid, name, target, max_weight, forbidden, letters, tare, tolerance, enclose, sending, mediator, receiving,
     language, status, rules_version, demo, latin) = row
    rules = CampaignRules(max_weight, tuple(json.loads(forbidden)), bool(letters), tare, tolerance, bool(enclose))
    return Campaign(cid, name, target, rules, HandoverParties(sending, mediator, receiving), language,
                    CampaignStatus(status), rules_version, bool(demo), latin)


def rules_json(rules: CampaignRules) -> str:
    return json.dumps({"max_package_weight_g": rules.max_package_weight_g,
                       "forbidden_categories": list(rules.forbidden_categories),
                       "letters_allowed": rules.letters_allowed, "box_tare_g": rules.box_tare_g,
                       "weight_tolerance_g": rules.weight_tolerance_g,
                       "letters_must_be_enclosed": rules.letters_must_be_enclosed},
                      ensure_ascii=False, sort_keys=True)


def _rules_values(rules: CampaignRules) -> list[Any]:
    return [rules.max_package_weight_g, json.dumps(list(rules.forbidden_categories), ensure_ascii=False),
            int(rules.letters_allowed), rules.box_tare_g, rules.weight_tolerance_g, int(rules.letters_must_be_enclosed)]


def insert_campaign(db: Database, campaign: Campaign, user: str) -> int:
    """A new campaign (its `id` is ignored) and version 1 of its rules."""
    stamp = now_iso()
    parties = campaign.parties
    cursor = db.execute(
        "INSERT INTO campaigns (name, target_count, max_package_weight_g, forbidden_categories, letters_allowed, "
        "box_tare_g, weight_tolerance_g, letters_must_be_enclosed, sending_party, mediator_party, receiving_party, "
        "label_language, status, rules_version, is_demo, created_at, latin_names) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
        [campaign.name, campaign.target_count, *_rules_values(campaign.rules), parties.sending, parties.mediator,
         parties.receiving, campaign.label_language, campaign.status.value, int(campaign.demo), stamp,
         campaign.latin_names],
    )
    campaign_id = int(cursor.lastrowid or 0)
    insert_rule_version(db, campaign_id, 1, campaign.rules, user)
    return campaign_id


def update_campaign(db: Database, campaign: Campaign) -> None:
    """Name, target, parties, languages, status and the rules in force (`rules_version` says which)."""
    parties = campaign.parties
    db.execute(
        "UPDATE campaigns SET name = ?, target_count = ?, max_package_weight_g = ?, forbidden_categories = ?, "
        "letters_allowed = ?, box_tare_g = ?, weight_tolerance_g = ?, letters_must_be_enclosed = ?, "
        "sending_party = ?, mediator_party = ?, receiving_party = ?, label_language = ?, status = ?, "
        "rules_version = ?, latin_names = ? WHERE id = ?",
        [campaign.name, campaign.target_count, *_rules_values(campaign.rules), parties.sending, parties.mediator,
         parties.receiving, campaign.label_language, campaign.status.value, campaign.rules_version,
         campaign.latin_names, campaign.id],
    )


def has_signed_manifest(db: Database, campaign_id: int) -> bool:
    """Whether a manifest version of the campaign's batches is signed (its paper must not change)."""
    row = db.execute("SELECT EXISTS (SELECT 1 FROM manifest_versions v JOIN batches b ON b.code = v.batch_code "
                     "WHERE b.campaign_id = ? AND v.signed_at IS NOT NULL)", [campaign_id]).fetchone()
    return bool(row[0])


def insert_rule_version(db: Database, campaign_id: int, version: int, rules: CampaignRules, user: str) -> None:
    db.execute("INSERT INTO campaign_rule_versions (campaign_id, version, rules, changed_by, changed_at) "
               "VALUES (?, ?, ?, ?, ?)", [campaign_id, version, rules_json(rules), user, now_iso()])


def rule_versions(db: Database, campaign_id: int) -> list[RuleVersion]:
    rows = db.execute("SELECT version, rules, changed_by, changed_at FROM campaign_rule_versions "
                      "WHERE campaign_id = ? ORDER BY version", [campaign_id]).fetchall()
    versions = []
    for version, text, user, at in rows:
        data = json.loads(text)
        rules = CampaignRules(data["max_package_weight_g"], tuple(data["forbidden_categories"]),
                              bool(data["letters_allowed"]), data["box_tare_g"], data["weight_tolerance_g"],
                              bool(data["letters_must_be_enclosed"]))
        versions.append(RuleVersion(version, rules, user, at))
    return versions


def insert_list_version(db: Database, campaign_id: int, source: ListSource, rows: int, difference: ListDifference,
                        user: str) -> int:
    """The next list version, unless the latest is this very file (the same SHA-256) again: importing the same
    file twice changes nothing. Returns the version the list is."""
    latest = db.execute("SELECT version, sha256 FROM recipient_list_versions WHERE campaign_id = ? "
                        "ORDER BY version DESC LIMIT 1", [campaign_id]).fetchone()
    if latest is not None and latest[1] == source.sha256:
        return int(latest[0])
    version = int(latest[0]) + 1 if latest is not None else 1
    db.execute("INSERT INTO recipient_list_versions (campaign_id, version, file, sha256, rows, added, removed, "
               "changed, unchanged, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [campaign_id, version, source.file, source.sha256, rows, len(difference.added),
                len(difference.removed), len(difference.changed), difference.unchanged, user, now_iso()])
    return version


def list_versions(db: Database, campaign_id: int) -> list[dict[str, Any]]:
    cursor = db.execute("SELECT version, file, sha256, rows, added, removed, changed, unchanged, imported_by, "
                        "imported_at FROM recipient_list_versions WHERE campaign_id = ? ORDER BY version",
                        [campaign_id])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def campaign_by_name(db: Database, name: str) -> Campaign | None:
    row = db.execute(f"SELECT {_CAMPAIGN_COLUMNS} FROM campaigns WHERE name = ?", [name]).fetchone()
    return _campaign(row) if row else None


def campaign_by_id(db: Database, campaign_id: int) -> Campaign | None:
    row = db.execute(f"SELECT {_CAMPAIGN_COLUMNS} FROM campaigns WHERE id = ?", [campaign_id]).fetchone()
    return _campaign(row) if row else None


def all_campaigns(db: Database) -> list[Campaign]:
    return [_campaign(row) for row in db.execute(f"SELECT {_CAMPAIGN_COLUMNS} FROM campaigns ORDER BY id")]


# -- catalog -------------------------------------------------------------------------------------------------


def all_items(db: Database) -> list[Item]:
    barcodes: dict[int, list[str]] = {}
    for barcode, item_id in db.execute("SELECT barcode, item_id FROM item_barcodes ORDER BY rowid"):
        barcodes.setdefault(item_id, []).append(barcode)
    return [
        Item(name, category, weight, tuple(barcodes.get(item_id, ())), id=item_id)
        for item_id, name, category, weight in db.execute(
            "SELECT id, name, category, unit_weight_g FROM items ORDER BY id"
        )
    ]


def insert_item(db: Database, item: ItemData) -> int:
    cursor = db.execute(
        "INSERT INTO items (name, category, unit_weight_g) VALUES (?, ?, ?)",
        [item.name, item.category, item.unit_weight_g],
    )
    item_id = int(cursor.lastrowid or 0)
    add_barcodes(db, item_id, item.barcodes)
    return item_id


def update_item(db: Database, item_id: int, item: ItemData) -> None:
    db.execute(
        "UPDATE items SET name = ?, category = ?, unit_weight_g = ? WHERE id = ?",
        [item.name, item.category, item.unit_weight_g, item_id],
    )


def add_barcodes(db: Database, item_id: int, barcodes: Iterable[str]) -> None:
    db.conn.executemany(
        "INSERT OR IGNORE INTO item_barcodes (barcode, item_id) VALUES (?, ?)",
        [(barcode, item_id) for barcode in barcodes],
    )


# -- templates -----------------------------------------------------------------------------------------------


def latest_template(db: Database, campaign_id: int, name: str | None = None) -> Template | None:
    sql = "SELECT id, campaign_id, name, version FROM templates WHERE campaign_id = ?"
    params: list[Any] = [campaign_id]
    if name is not None:
        sql += " AND name = ?"
        params.append(name)
    row = db.execute(sql + " ORDER BY version DESC, id DESC LIMIT 1", params).fetchone()
    return template_by_id(db, row[0]) if row else None


def template_by_id(db: Database, template_id: int) -> Template | None:
    row = db.execute(
        "SELECT id, campaign_id, name, version FROM templates WHERE id = ?", [template_id]
    ).fetchone()
    if row is None:
        return None
    substitutes: dict[int, list[int]] = {}
    for line_id, item_id in db.execute(
        "SELECT s.line_id, s.item_id FROM template_substitutes s JOIN template_lines l ON l.id = s.line_id "
        "WHERE l.template_id = ? ORDER BY s.rowid",
        [template_id],
    ):
        substitutes.setdefault(line_id, []).append(item_id)
    lines = tuple(
        TemplateLineData(line_no, item_id, quantity, bool(required), tuple(substitutes.get(line_id, ())))
        for line_id, line_no, item_id, quantity, required in db.execute(
            "SELECT id, line_no, item_id, quantity, required FROM template_lines WHERE template_id = ? "
            "ORDER BY line_no",
            [template_id],
        )
    )
    return Template(row[0], row[1], row[2], row[3], lines)


def insert_template(db: Database, campaign_id: int, name: str, version: int,
                    lines: Sequence[TemplateLineData]) -> int:
    cursor = db.execute(
        "INSERT INTO templates (campaign_id, name, version, created_at) VALUES (?, ?, ?, ?)",
        [campaign_id, name, version, now_iso()],
    )
    template_id = int(cursor.lastrowid or 0)
    for line in lines:
        line_cursor = db.execute(
            "INSERT INTO template_lines (template_id, line_no, item_id, quantity, required) VALUES (?, ?, ?, ?, ?)",
            [template_id, line.line_no, line.item_id, line.quantity, int(line.required)],
        )
        db.conn.executemany(
            "INSERT INTO template_substitutes (line_id, item_id) VALUES (?, ?)",
            [(line_cursor.lastrowid, item_id) for item_id in line.substitutes],
        )
    return template_id


# -- recipients and planned packages ------------------------------------------------------------------------

_RECIPIENT_COLUMNS = (
    "id, campaign_id, list_number, surname, given_name, patronymic, birth_date, place, service_number, notes"
)


def _recipient(row: tuple[Any, ...]) -> Recipient:
    rid, cid, number, surname, given, patronymic, born, place, service, notes = row
    return Recipient(number, surname, given, patronymic, date.fromisoformat(born) if born else None, place,
                     service, notes, id=rid, campaign_id=cid)


def recipients_by_number(db: Database, campaign_id: int) -> dict[str, Recipient]:
    rows = db.execute(f"SELECT {_RECIPIENT_COLUMNS} FROM recipients WHERE campaign_id = ?", [campaign_id])
    return {row[2]: _recipient(row) for row in rows}


def recipients_by_ids(db: Database, ids: Sequence[int]) -> dict[int, Recipient]:
    found: dict[int, Recipient] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT {_RECIPIENT_COLUMNS} FROM recipients WHERE id IN ({marks})", chunk):
            found[row[0]] = _recipient(row)
    return found


def _recipient_values(data: RecipientData) -> list[Any]:
    return [data.list_number, data.surname, data.given_name, data.patronymic,
            data.birth_date.isoformat() if data.birth_date else None, data.place, data.service_number,
            data.notes, name_key(data.surname, data.given_name, data.patronymic), number_key(data.list_number)]


def insert_recipients(db: Database, campaign_id: int, recipients: Sequence[RecipientData]) -> list[int]:
    """Insert recipients (and index their names for search); returns their new ids in order."""
    from models.campaigns.sql.recipient_search import index_recipients

    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM recipients").fetchone()[0]
    ids = list(range(first, first + len(recipients)))
    db.conn.executemany(
        "INSERT INTO recipients (id, campaign_id, list_number, surname, given_name, patronymic, birth_date, "
        "place, service_number, notes, name_key, number_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ([rid, campaign_id, *_recipient_values(data)] for rid, data in zip(ids, recipients, strict=True)),
    )  # a generator: the rows are made as SQLite takes them, never 100,000 of them at once
    index_recipients(db, first)
    return ids


def update_recipients(db: Database, changes: Sequence[tuple[int, RecipientData]]) -> None:
    from models.storage.latin_index import index_latin

    db.conn.executemany(
        "UPDATE recipients SET list_number = ?, surname = ?, given_name = ?, patronymic = ?, birth_date = ?, "
        "place = ?, service_number = ?, notes = ?, name_key = ?, number_key = ? WHERE id = ?",
        [[*_recipient_values(data), rid] for rid, data in changes],
    )
    index_latin(db, [rid for rid, _data in changes])  # the update trigger dropped their old spellings


def labelled_packages(db: Database, recipient_ids: Sequence[int]) -> dict[int, str]:
    """{recipient id: package code} of those recipients whose package is sealed or voided: its label is printed
    (`package_state` is kept by the packing projections)."""
    found: dict[int, str] = {}
    for start in range(0, len(recipient_ids), 500):
        chunk = list(recipient_ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        found.update(db.execute(
            f"SELECT p.recipient_id, p.code FROM packages p JOIN package_state s ON s.package_id = p.id "
            f"WHERE s.state IN ('sealed', 'voided') AND p.recipient_id IN ({marks})", chunk).fetchall())
    return found


def insert_packages(db: Database, campaign_id: int, rows: Iterable[tuple[int, str]]) -> None:
    """Plan packages: `rows` are (recipient id, package code)."""
    db.conn.executemany(
        "INSERT INTO packages (campaign_id, recipient_id, code) VALUES (?, ?, ?)",
        ((campaign_id, rid, code) for rid, code in rows),
    )


def package_by_code(db: Database, code: str) -> Package | None:
    row = db.execute("SELECT id, campaign_id, recipient_id, code FROM packages WHERE code = ?", [code]).fetchone()
    return Package(*row) if row else None


# -- stock ---------------------------------------------------------------------------------------------------


def insert_stock_receipts(db: Database, campaign_id: int, receipts: Sequence[StockReceipt]) -> None:
    stamp = now_iso()
    db.conn.executemany(
        "INSERT INTO stock_receipts (campaign_id, item_id, quantity, donor, lot, expiry, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(campaign_id, r.item_id, r.quantity, r.donor, r.lot, r.expiry.isoformat() if r.expiry else None, stamp)
         for r in receipts],
    )


def stock_received(db: Database, campaign_id: int) -> dict[int, int]:
    return dict(
        db.execute(
            "SELECT item_id, sum(quantity) FROM stock_receipts WHERE campaign_id = ? GROUP BY item_id",
            [campaign_id],
        ).fetchall()
    )


# -- summaries -----------------------------------------------------------------------------------------------


def table_counts(db: Database) -> dict[str, int]:
    tables = ["campaigns", "items", "item_barcodes", "templates", "recipients", "packages", "stock_receipts"]
    return {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in tables}


def package_ids(db: Database, campaign_id: int, *, state: str | None = None,
                numbers: tuple[int, int] | None = None) -> list[int]:
    """A campaign's live packages in the order of the recipient list: all, or those in `state` ("planned": never
    opened), and with a list number from `numbers[0]` to `numbers[1]` when given. Withdrawn packages (their
    person left the list) and replaced ones are never among them: no label is issued for them."""
    where: list[str] = ["p.campaign_id = ?", "p.live = 1",
                        "NOT EXISTS (SELECT 1 FROM package_withdrawals w WHERE w.package_id = p.id)"]
    params: list[int | str] = [campaign_id]
    if state == "planned":
        where.append("s.package_id IS NULL")
    elif state is not None:
        where.append("s.state = ?")
        params.append(state)
    if numbers is not None:
        where.append("r.number_key BETWEEN ? AND ?")
        params += list(numbers)
    return [row[0] for row in db.execute(
        "SELECT p.id FROM packages p JOIN recipients r ON r.id = p.recipient_id "
        "LEFT JOIN package_state s ON s.package_id = p.id "
        f"WHERE {' AND '.join(where)} ORDER BY r.number_key IS NULL, r.number_key, r.list_number", params)]
