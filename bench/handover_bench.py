"""Time closing a 2,000-package batch and printing its manifest (goal: under 3 s together).

    uv run python bench/handover_bench.py [--packages 2000] [--repeats 5] [--db PATH]

The database holds the demo campaign with N recipients, every package packed (opened, each required
checklist line scanned, some with a substitute, sealed) straight into the journal and projected by
`rebuild_projections`. Two cartons of 50 and the rest scanned in one by one (timed too) make one batch.
Then, `repeats` times: close the batch (one transaction: checks, hash, watermarks, manifest snapshot),
build the manifest from the database and render it to PDF; between rounds the batch is reopened.
Prints the median of each step and of the whole.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.workspace import Workspace  # noqa: E402
from models.campaigns import reference  # noqa: E402
from models.core.events import Event, EventType, new_event_id  # noqa: E402
from models.demo.campaign import create_demo  # noqa: E402
from models.journal.sql import events_repo  # noqa: E402
from models.journal.sql.rebuild import rebuild_projections  # noqa: E402
from models.packing.users import Role  # noqa: E402
from models.storage.db import write_transaction  # noqa: E402
from models.storage.migrations import schema_version  # noqa: E402
from models.storage.opening import open_database  # noqa: E402
from printing.handover_documents import HandoverDocuments  # noqa: E402

STAMP = "2026-11-20T10:00:00.000+00:00"


def pack_all(workspace: Workspace, packages: int) -> None:
    """Every package packed and sealed, written straight into the journal, then projected."""
    db = workspace.db
    campaign = create_demo(db, "Bench", recipients=packages).campaign
    workspace.user_service().add("Bench", Role.SUPERVISOR, "1234")
    station = workspace.station_service().ensure("Bench hub")
    workspace.station_service().set_campaign(campaign.id)
    template = reference.current_template(db, campaign)
    assert template is not None
    rows = db.execute("SELECT id FROM packages WHERE campaign_id = ? ORDER BY id", [campaign.id]).fetchall()
    version, seq = schema_version(db), 0

    def journal():  # type: ignore[no-untyped-def]
        nonlocal seq
        for number, (package_id,) in enumerate(rows):
            kinds = [(EventType.PACKAGE_OPENED, {"template_id": template.id, "campaign_id": campaign.id,
                                                 "resumed": False, "station_name": station.name})]
            for line in template.lines:
                if not line.required:
                    continue
                item = line.substitutes[0] if line.substitutes and number % 7 == line.line_no % 7 else line.item_id
                kinds += [(EventType.ITEM_SCANNED, {"barcode": "", "item_id": item, "line_no": line.line_no})
                          ] * line.quantity
            kinds.append((EventType.PACKAGE_SEALED, {"weight_g": None, "expected_weight_g": 3250}))
            for kind, payload in kinds:
                seq += 1
                yield Event(new_event_id(), station.instance_id, seq, STAMP, "Bench", package_id, kind.value,
                            payload, version)

    with write_transaction(db):
        events_repo.insert_raw(db, journal())
    rebuild_projections(db)


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:8.1f} ms"


def run(path: Path, packages: int, repeats: int) -> None:
    workspace = Workspace(open_database(path), path)
    started = time.perf_counter()
    pack_all(workspace, packages)
    print(f"prepared {packages} sealed packages ({events_repo.count(workspace.db)} events) in "
          f"{time.perf_counter() - started:.1f} s")
    service, manifests, documents = workspace.batch_service(), workspace.manifest_service(), HandoverDocuments()
    station = workspace.station_service().identity()
    user = workspace.user_service().get("Bench")
    assert station is not None
    campaign_id = workspace.campaigns()[0].id
    codes = [row[0] for row in workspace.db.execute("SELECT code FROM packages ORDER BY id")]
    batch = service.create_batch(station, user, campaign_id).batch_code
    assert batch is not None
    scans: list[float] = []
    cartons = [service.create_carton(station, user, campaign_id).carton_code for _ in range(2)]
    for carton, part in zip(cartons, (codes[:50], codes[50:100]), strict=True):
        for code in part:
            service.put_in_carton(station, user, carton, code)
        service.add(station, user, batch, carton)
    for code in codes[100:]:
        begun = time.perf_counter()
        outcome = service.add(station, user, batch, code)
        scans.append(time.perf_counter() - begun)
        assert outcome.accepted, outcome.message
    print(f"scan into the batch: median {median_ms(scans)}, p95 "
          f"{sorted(scans)[int(0.95 * len(scans))] * 1000:.1f} ms over {len(scans)} packages")

    closing, building, rendering, total = [], [], [], []
    for _round in range(repeats):
        t0 = time.perf_counter()
        closed = service.close(station, user, batch)
        t1 = time.perf_counter()
        content = manifests.content(batch)
        t2 = time.perf_counter()
        pdf = documents.manifest(content, "uk")
        t3 = time.perf_counter()
        assert closed.accepted and len(content.lines) == packages and pdf.startswith(b"%PDF")
        closing.append(t1 - t0)
        building.append(t2 - t1)
        rendering.append(t3 - t2)
        total.append(t3 - t0)
        service.reopen(station, user, batch)
    for label, values in ((f"close the batch ({packages} packages)", closing),
                          ("build the manifest from the database", building),
                          (f"render the manifest PDF ({len(pdf) // 1024} KB)", rendering),
                          ("close + print, together (goal: < 3000 ms)", total)):
        print(f"{label:<44} median {median_ms(values)}  (n={len(values)})")
    workspace.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="database file to create (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.db is not None:
        run(args.db, args.packages, args.repeats)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder) / "bench.db", args.packages, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
