"""The commands that print, as a user meets them: whole `main.py labels` and `main.py manifest` processes
against their floor, interleaved, in one run.

    uv run python bench/document_commands_bench.py [--recipients 2000] [--sealed 500] [--runs 3]

`labels` writes every package label of the campaign (the labels printed in advance); its floor is a bare
`python -c pass`, plus the recipients read with one SELECT, plus plain ReportLab drawing as many pages of a
label's worth of text and bars (`print_bench.plain_reportlab`). `manifest` writes the manifest of a closed
batch of the sealed packages; its floor is `python -c pass`, the batch's lines read with one SELECT, and plain
ReportLab drawing its pages' cells of text (22 lines of 8 a page). The event exchange's whole command is
timed by `bench/sync_bench.py --command`.
Setting up is not timed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.workspace import Workspace  # noqa: E402
from bench.commands_bench import bare_sql, build, command, interleaved, python_pass  # noqa: E402
from bench.print_bench import plain_reportlab  # noqa: E402
from models.packing.users import Role  # noqa: E402

LABELS_SQL = ("SELECT p.code, r.surname, r.given_name, r.patronymic, r.birth_date, r.place, r.list_number "
              "FROM packages p JOIN recipients r ON r.id = p.recipient_id ORDER BY r.number_key",)
MANIFEST_SQL = ("SELECT p.code, r.surname, r.given_name, r.patronymic, r.birth_date, r.place, r.list_number, "
                "s.weight_g FROM manifest_lines m JOIN packages p ON p.id = m.package_id JOIN recipients r ON "
                "r.id = p.recipient_id LEFT JOIN package_state s ON s.package_id = p.id",)
MANIFEST_LINES_PER_PAGE = 22
MANIFEST_CELLS_PER_PAGE = MANIFEST_LINES_PER_PAGE * 8


def closed_batch(path: Path, sealed: int) -> str:
    """A batch of the sealed packages, closed by a supervisor through the batch service (as the Handover screen
    does); its code."""
    workspace = Workspace.open(path)
    supervisor = workspace.user_service().add("Supervisor", Role.SUPERVISOR, "2468")
    station = workspace.station_service().ensure("Bench")
    campaign = workspace.campaigns()[0]
    batches = workspace.batch_service()
    code = batches.create_batch(station, supervisor, campaign.id).batch_code
    packages = [row[0] for row in workspace.db.execute(
        "SELECT p.code FROM packages p JOIN package_state s ON s.package_id = p.id WHERE s.state = 'sealed' "
        "LIMIT ?", [sealed])]
    for package in packages:
        assert batches.add(station, supervisor, code, package).accepted
    assert batches.close(station, supervisor, code).accepted
    workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.close()
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--sealed", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="packline-bench-") as folder:
        path = Path(folder) / "bench.db"
        print(f"Building a demo of {args.recipients} recipients, {args.sealed} sealed, and a batch of them ...",
              flush=True)
        build(path, args.recipients, args.sealed)
        batch = closed_batch(path, args.sealed)
        manifest_pages = -(-args.sealed // MANIFEST_LINES_PER_PAGE)
        labels = command("labels", "--db", str(path), "--campaign", "Demo", "--out", str(Path(folder) / "l.pdf"))
        manifest = command("manifest", "--db", str(path), "--batch", batch, "--out", str(Path(folder) / "m.pdf"))
        interleaved({
            f"labels ({args.recipients:,})": (labels, lambda: (python_pass(), bare_sql(path, LABELS_SQL)(),
                                                              plain_reportlab(args.recipients))),
            f"manifest ({args.sealed:,} lines)": (manifest, lambda: (
                python_pass(), bare_sql(path, MANIFEST_SQL)(),
                plain_reportlab(manifest_pages, MANIFEST_CELLS_PER_PAGE, 0))),
        }, args.runs, width=24)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
