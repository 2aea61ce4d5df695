"""The Recipients screen at 100,000 recipients (goal: each median under 100 ms).

    uv run python bench/ui_bench.py [--recipients 100000] [--runs 15]

Measures, with the demo campaign (models.demo.campaign), on the offscreen platform, each until the rows are painted:
- open: build the screen, set the campaign (ids in SQL), show it and paint the first rows;
- scroll to end: jump to the last row and paint it (its page loaded from SQL);
- search: a search as Enter runs it (FTS5 for names, exact number or package code) until the results are
  painted; a different query each run (surname prefixes, two words, numbers, a scanned package code).
Creating the campaign is not timed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.workspace import Workspace  # noqa: E402
from models.campaigns.queries import RecipientQueries  # noqa: E402
from models.core.types import Campaign  # noqa: E402
from models.demo.campaign import create_demo  # noqa: E402
from ui.recipients_view import RecipientsScreen  # noqa: E402

QUERIES = ["шев", "Ковал", "іван", "Петров Ив", "олекс андр", "12345", "99999", "мельн", "Бойко", "ткач", "Сергеевич",
           "Ї", "ю", "Д'ячен", "пʼят", "7"]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def open_screen(queries: RecipientQueries, campaign: Campaign) -> RecipientsScreen:
    screen = RecipientsScreen(queries)
    screen.resize(1366, 700)
    screen.set_campaign(campaign)
    screen.show()
    screen.table.viewport().repaint()
    return screen


def scroll_to_end(screen: RecipientsScreen) -> None:
    screen.table.scrollToBottom()
    screen.table.viewport().repaint()


def search(screen: RecipientsScreen, query: str) -> None:
    screen.search_box.blockSignals(True)  # as Enter runs it: no typing delay
    screen.search_box.setText(query)
    screen.search_box.blockSignals(False)
    screen.run_search()
    screen.table.viewport().repaint()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--verbose", action="store_true", help="print each query and how many it found")
    args = parser.parse_args(argv)
    qInstallMessageHandler(lambda *_args: None)  # the offscreen plugin's notices
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.open(Path(folder) / "bench.db")
        started = time.perf_counter()
        create_demo(workspace.db, "Demo", recipients=args.recipients)
        print(f"created {args.recipients:,} recipients in {time.perf_counter() - started:.1f} s (not timed below)")
        campaign = workspace.campaigns()[0]
        queries = workspace.recipient_queries()
        code = queries.rows(queries.ids(campaign.id)[-1:]).popitem()[1].package_code
        results: dict[str, list[float]] = {"open": [], "scroll to end": [], "search": []}
        found: list[int] = []
        for run in range(args.runs):
            opened: list[RecipientsScreen] = []
            results["open"].append(timed(lambda: opened.append(open_screen(queries, campaign))))  # noqa: B023
            screen = opened[0]
            assert screen.model.rowCount() == args.recipients
            app.processEvents()
            results["scroll to end"].append(timed(lambda: scroll_to_end(screen)))  # noqa: B023 - called at once
            query = code if run == len(QUERIES) % args.runs else QUERIES[run % len(QUERIES)]
            results["search"].append(timed(lambda: search(screen, query)))  # noqa: B023 - called at once
            found.append(screen.model.rowCount())
            if args.verbose:
                print(f"  {query!r}: {screen.model.rowCount():,} found")
            screen.close()
            screen.deleteLater()
            app.processEvents()
        for name, times in results.items():
            print(f"{name:>14}: median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms   "
                  f"({len(times)} runs)")
        print(f"search results per query: min {min(found):,}, median {int(statistics.median(found)):,}, "
              f"max {max(found):,}")
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
