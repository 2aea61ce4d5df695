"""Time `ScanService.handle` on a big station database (goal: item scan median < 3 ms, p99 < 15 ms).

    uv run python bench/scan_bench.py [--packages 100000] [--events 1000000] [--full-packages 100]
                                      [--db PATH]   # reuse (or keep) the prepared database

The database holds a campaign of N packages (12 checklist lines, some with substitutes) and a journal of
about E events: packages already packed (open, 12 item scans, seal, label printed) written straight into
the journal and then projected with `rebuild_projections`. Then whole packages are packed through
`ScanService.handle` exactly as a station does (open by code, 12 item scans, seal), each call timed with
its commit (synchronous=FULL). Prints median, p95 and p99 per item scan, and per whole package.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import app.workspace  # noqa: E402, F401 - registers the features' projections, as the app does
from models.campaigns import reference
from models.core.codes import Command, check_digit, command_code
from models.core.events import Event, EventType, new_event_id
from models.core.types import CampaignRules, ItemData, RecipientData, StockReceipt, TemplateLineData
from models.journal.sql import events_repo
from models.journal.sql.rebuild import rebuild_projections
from models.packing.scanning import ScanService
from models.packing.sql.packing_store import SqlPackingStore
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.sql.users_repo import SqlUserStore
from models.packing.station import StationService
from models.packing.users import Role, UserService
from models.storage.db import write_transaction
from models.storage.migrations import schema_version
from models.storage.opening import open_database

LINES = 12
EVENTS_PER_PACKAGE = LINES + 3  # open, 12 items, seal, label
CAMPAIGN = "Bench"


def ean(number: int) -> str:
    body = "482" + str(number).zfill(9)
    return body + check_digit(body)


def prepare(path: Path, packages: int, events: int) -> None:
    db = open_database(path)
    rules = CampaignRules(max_package_weight_g=20_000, forbidden_categories=("alcohol",), box_tare_g=400)
    campaign = reference.create_campaign(db, CAMPAIGN, packages, rules)
    reference.save_items(db, [ItemData(f"item {n}", "food", 100 + n, (ean(n),)) for n in range(LINES + 4)])
    ids = [item.id for item in reference.list_items(db)]
    reference.save_template(db, campaign, CAMPAIGN, [
        TemplateLineData(n + 1, ids[n], 1, n != LINES - 1, (ids[LINES + n % 4],) if n % 3 == 0 else ())
        for n in range(LINES)])
    reference.save_recipients(db, campaign, [
        RecipientData(str(n + 1), f"Прізвище{n % 997}", f"Ім'я{n % 89}", "По-батькові", place="ИК-3")
        for n in range(packages)])
    UserService(SqlUserStore(db)).add("Bench", Role.PACKER, "1234")
    station = StationService(SqlStationStore(db)).ensure("Bench station")
    from models.stock.service import StockService
    from models.stock.sql.stock_repo import SqlStockStore

    StockService(SqlStockStore(db)).intake(campaign.id, [StockReceipt(item, packages * 2) for item in ids])
    packed = min(packages - 1000, events // EVENTS_PER_PACKAGE)
    rows = db.execute("SELECT p.id FROM packages p JOIN recipients r ON r.id = p.recipient_id "
                      "ORDER BY r.number_key LIMIT ?", [packed]).fetchall()
    template_id = SqlPackingStore(db).current_template_id(campaign.id)
    version = schema_version(db)
    seq = 0

    def journal():
        nonlocal seq
        for (package_id,) in rows:
            stamp = "2026-05-01T10:00:00.000+00:00"
            kinds = [(EventType.PACKAGE_OPENED, {"template_id": template_id, "campaign_id": campaign.id,
                                                 "resumed": False, "station_name": station.name})]
            kinds += [(EventType.ITEM_SCANNED, {"barcode": ean(n), "item_id": ids[n], "line_no": n + 1})
                      for n in range(LINES)]
            kinds += [(EventType.PACKAGE_SEALED, {"weight_g": None, "expected_weight_g": 3000}),
                      (EventType.LABEL_PRINTED, {"copy": 1})]
            for kind, payload in kinds:
                seq += 1
                yield Event(new_event_id(), station.instance_id, seq, stamp, "Bench", package_id, kind.value,
                            payload, version)

    started = time.perf_counter()
    with write_transaction(db):
        events_repo.insert_raw(db, journal())
    written = time.perf_counter()
    rebuild_projections(db)
    print(f"prepared: {packages} packages, {events_repo.count(db)} events "
          f"(journal {written - started:.1f} s, rebuild {time.perf_counter() - written:.1f} s)")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(name: str, values: list[float]) -> None:
    ms = [v * 1000 for v in values]
    print(f"{name:<14} n={len(ms):>5}  median {statistics.median(ms):6.2f} ms  p95 {percentile(ms, 0.95):6.2f} ms  "
          f"p99 {percentile(ms, 0.99):6.2f} ms  max {max(ms):6.2f} ms")


def measure(path: Path, full_packages: int) -> None:
    db = open_database(path)
    store = SqlPackingStore(db)
    service = ScanService(store)
    station = StationService(SqlStationStore(db)).ensure("Bench station")
    user = UserService(SqlUserStore(db)).get("Bench")
    campaign = reference.get_campaign(db, CAMPAIGN)
    template = store.template(store.current_template_id(campaign.id) or 0)
    barcodes = {item.id: item.barcodes[0] for item in reference.list_items(db)}
    codes = [row[0] for row in db.execute(
        "SELECT p.code FROM packages p LEFT JOIN package_state s ON s.package_id = p.id "
        "WHERE p.campaign_id = ? AND s.package_id IS NULL ORDER BY p.id LIMIT ?", [campaign.id, full_packages])]
    seal = command_code(Command.SEAL)
    opens, items, seals, wholes = [], [], [], []
    for code in codes:
        package_start = time.perf_counter()
        for raw, bucket in [(code, opens)] + [(barcodes[line.item_id], items) for line in template.lines] + [
                (seal, seals)]:
            start = time.perf_counter()
            outcome = service.handle(station, user, raw)
            bucket.append(time.perf_counter() - start)
            if not outcome.accepted:
                raise SystemExit(f"unexpected refusal: {outcome.reason}: {outcome.message}")
        wholes.append(time.perf_counter() - package_start)
    events = events_repo.count(db)
    packages = db.execute("SELECT count(*) FROM packages").fetchone()[0]
    db.close()
    print(f"database: {packages} packages, {events} events; {full_packages} packages packed through ScanService")
    report("open", opens)
    report("item scan", items)
    report("seal", seals)
    report("whole package", wholes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--packages", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--full-packages", type=int, default=100, help="packages packed while timing")
    parser.add_argument("--db", type=Path, default=None, help="prepared database to reuse (created if missing)")
    args = parser.parse_args()
    folder = None
    path = args.db
    if path is None:
        folder = tempfile.TemporaryDirectory(prefix="packline-scan-bench-")
        path = Path(folder.name) / "bench.db"
    if not path.exists():
        prepare(path, args.packages, args.events)
    measure(path, args.full_packages)
    if folder is not None:
        folder.cleanup()


if __name__ == "__main__":
    main()
