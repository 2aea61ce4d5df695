"""The Dashboard: packages by state against the campaign target, rates per station and packer, an estimated
finish, and a chart of packages sealed over time. Computed in the background; refreshed while shown."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.core.i18n import N_, _
from models.core.types import Campaign
from models.progress.dashboard import Dashboard, Rate
from ui.campaign.sealed_chart import SealedChart
from ui.campaign.stock_screen import size_columns
from ui.campaign.texts import format_number
from ui.recipients_model import STATE_LABELS
from ui.services import CampaignServices
from ui.tables import fill_table, read_only_table
from ui.tasks import TaskRunner

STATES = ("planned", "open", "sealed", "voided")
HANDOVER = {"in_batches": N_("In a batch, not handed over"), "handed_over": N_("Handed over, manifest signed"),
            "received": N_("Received in good order")}
"""Sealed packages on their way out (`models.progress.dashboard.Handover`), below the states."""
REFRESH_MS = 30_000


class DashboardScreen(QWidget):
    def __init__(self, services: CampaignServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.campaign: Campaign | None = None
        self.dashboard: Dashboard | None = None
        self.computing = False
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.progress_box = QGroupBox()
        grid = QGridLayout(self.progress_box)
        self.state_labels: dict[str, QLabel] = {}
        self.bars: dict[str, QProgressBar] = {}
        for row, state in enumerate((*STATES, *HANDOVER)):
            label, bar = QLabel(), QProgressBar()
            label.setWordWrap(True)  # the window may be narrow: long state names take two lines
            bar.setObjectName(f"bar_{state}")
            self.state_labels[state], self.bars[state] = label, bar
            grid.addWidget(label, row, 0)
            grid.addWidget(bar, row, 1)
        self.summary = QLabel()
        self.summary.setObjectName("dashboardSummary")
        self.summary.setWordWrap(True)
        self.chart = SealedChart()
        self.chart_box = QGroupBox()
        chart_layout = QVBoxLayout(self.chart_box)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addWidget(self.summary)  # under the chart, which gives up the height its lines need
        self.stations = read_only_table("stationRates")
        self.packers = read_only_table("packerRates")
        self.stations_box, self.packers_box = QGroupBox(), QGroupBox()
        QVBoxLayout(self.stations_box).addWidget(self.stations)
        QVBoxLayout(self.packers_box).addWidget(self.packers)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.refresh_button)
        top = QHBoxLayout()
        top.addWidget(self.progress_box, 2)
        top.addWidget(self.chart_box, 3)
        rates = QSplitter()
        rates.addWidget(self.stations_box)
        rates.addWidget(self.packers_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(heading)
        layout.addLayout(top, 3)
        layout.addWidget(rates, 2)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.retranslate()

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self.dashboard = None
        self._show()
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.campaign is None or self.computing:
            return
        campaign_id = self.campaign.id
        self.computing = True
        self.tasks.run(lambda workspace, _flag: workspace.dashboard_service().dashboard(campaign_id), self._computed,
                       self._failed, label=_("Counting…"), cancellable=False)

    def _computed(self, dashboard: Dashboard) -> None:
        self.computing = False
        if self.campaign is not None and dashboard.progress.campaign_id == self.campaign.id:
            self.dashboard = dashboard
        self._show()

    def _failed(self, error: BaseException) -> None:
        self.computing = False
        self.summary.setText(str(error))

    def _show(self) -> None:
        board = self.dashboard
        target = (board.target or board.progress.total) if board else 0
        for state in (*STATES, *HANDOVER):
            bar = self.bars[state]
            if state in HANDOVER:
                count = getattr(board.handover, state) if board else 0
            else:
                count = board.progress.by_state.get(state, 0) if board else 0
            bar.setRange(0, max(target, 1))
            bar.setValue(min(count, max(target, 1)))
            bar.setFormat(_("{count} of {target}").format(count=format_number(count), target=format_number(target)))
        if board is None:
            self.summary.setText(_("Counting…") if self.campaign else _("This database holds no campaign yet."))
            self.chart.set_data((), 0)
            fill_table(self.stations, [], [])
            fill_table(self.packers, [], [])
            return
        lines = [_("Rate: {rate} packages per hour (the last hours with seals).").format(
            rate=format_number(board.per_hour, 1)), _("Still to pack: {count}.").format(
            count=format_number(board.remaining))]
        if board.finish is not None:
            lines.append(_("Estimated finish at this rate, without breaks: {time}.").format(
                time=board.finish.astimezone().strftime("%d.%m.%Y %H:%M")))
        elif board.remaining:
            lines.append(_("No estimate yet: nothing has been sealed."))
        if board.handover.damaged or board.handover.missing:
            lines.append(_("The receiving side found {damaged} damaged and {missing} missing.").format(
                damaged=format_number(board.handover.damaged), missing=format_number(board.handover.missing)))
        self.summary.setText("\n".join(lines))
        # Room for every line: a box layout does not always give a word-wrapped label the height it needs (in a
        # real window at 1,280 x 720 the lines after the first were cut).
        margins = self.summary.contentsMargins()
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * len(lines) + margins.top()
                                      + margins.bottom())
        self.chart.set_data(board.sealed_by_hour, target)
        # Two-line headers: the numbers are narrow, the names of stations and packers get the room.
        headers = [_("Packages\nsealed"), _("Items"), _("Hours"), _("Per\nhour")]
        numbers = (1, 2, 3, 4)
        for table, name, rates in ((self.stations, _("Station"), board.stations),
                                   (self.packers, _("Packer"), board.packers)):
            fill_table(table, [name, *headers], [_rate_cells(r) for r in rates], numbers,
                       tips={(row, 0): rate.name for row, rate in enumerate(rates)})  # a long name may be cut
            size_columns(table)

    def retranslate(self) -> None:
        self.title.setText(_("Dashboard"))
        self.refresh_button.setText(_("&Refresh"))
        self.progress_box.setTitle(_("Packages against the target"))
        self.chart_box.setTitle(_("Sealed over time"))
        self.stations_box.setTitle(_("By station"))
        self.packers_box.setTitle(_("By packer"))
        for state, label in self.state_labels.items():
            label.setText(_(HANDOVER[state] if state in HANDOVER else STATE_LABELS[state]))
        self._show()


def _rate_cells(rate: Rate) -> list[str]:
    return [rate.name, format_number(rate.sealed), format_number(rate.items), format_number(rate.hours),
            format_number(rate.per_hour, 1)]
