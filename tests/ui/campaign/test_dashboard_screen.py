"""Dashboard: counts against the target, rates by station and packer, estimate, and the chart's data."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from models.progress.dashboard import RECENT_HOURS, DashboardService, Handover
from tests.support.campaign_screens import seal_packages
from ui.campaign.dashboard_screen import DashboardScreen


def test_the_dashboard_counts_and_rates_what_was_packed(qtbot, workspace, tasks):
    packing = seal_packages(workspace.db, 2)
    packing.scan(packing.packages[2], packing.item("tea"))
    screen = DashboardScreen(workspace, tasks)
    qtbot.addWidget(screen)
    screen.set_campaign(workspace.campaigns()[0])
    screen.resize(1200, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.dashboard is not None)

    board = screen.dashboard
    assert board.target == 5 and board.sealed == 2 and board.remaining == 3
    assert screen.bars["sealed"].value() == 2 and screen.bars["sealed"].maximum() == 5
    assert screen.bars["sealed"].text() == "2 of 5"
    assert screen.bars["open"].value() == 1 and screen.bars["planned"].value() == 2
    assert screen.bars["handed_over"].text() == "0 of 5"
    assert screen.state_labels["handed_over"].text() == "Handed over, manifest signed"
    assert "Rate: 2.0 packages per hour" in screen.summary.text()
    assert "Estimated finish" in screen.summary.text()
    assert [screen.stations.item(0, c).text() for c in range(5)] == ["Station 1", "2", "13", "1", "2.0"]
    assert screen.stations.horizontalHeaderItem(1).text() == "Packages\nsealed"  # two lines: the names get the room
    assert [screen.packers.item(0, c).text() for c in range(5)] == ["Olena", "2", "13", "1", "2.0"]
    assert sum(count for _hour, count in screen.chart.hours) == 2 and screen.chart.target == 5
    screen.grab()  # the chart paints without error

    qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.computing)


def test_an_empty_campaign_has_no_estimate(qtbot, workspace, tasks):
    from models.campaigns.reference import create_campaign

    create_campaign(workspace.db, "Empty", target_count=10)
    screen = DashboardScreen(workspace, tasks)
    qtbot.addWidget(screen)
    screen.set_campaign(workspace.campaigns()[0])
    screen.show()
    qtbot.waitUntil(lambda: screen.dashboard is not None)
    assert screen.dashboard.finish is None and screen.bars["planned"].text() == "0 of 10"
    screen.grab()


class Store:
    def target(self, campaign_id): return 100
    def sealed_by_hour(self, campaign_id): return [("2026-01-01T08", 10), ("2026-01-01T09", 20),
                                                    ("2026-01-01T11", 30), ("2026-01-01T12", 20), ("2026-01-01T13", 10)]
    def station_rates(self, campaign_id): return []
    def packer_rates(self, campaign_id): return []
    def handover_counts(self, campaign_id): return Handover()


class Progress:
    def progress(self, campaign_id):
        from models.progress.service import Progress as P
        return P(campaign_id, {"planned": 5, "open": 5, "sealed": 90, "voided": 0}, (), ())


def test_the_estimate_uses_the_recent_hours_with_seals():
    now = datetime(2026, 1, 1, 14, tzinfo=UTC)
    board = DashboardService(Store(), Progress()).dashboard(1, now)  # type: ignore[arg-type]
    assert RECENT_HOURS == 4
    assert board.per_hour == (20 + 30 + 20 + 10) / 4
    assert board.remaining == 10
    assert board.finish == datetime(2026, 1, 1, 14, 30, tzinfo=UTC)
