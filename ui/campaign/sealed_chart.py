"""Packages sealed over time, drawn with QPainter: a bar per hour with seals, and the running total against
the campaign target as a line."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from models.core.i18n import _
from ui.campaign.texts import format_number

BAR = QColor("#4a90d9")
LINE = QColor("#2e7d32")
TARGET = QColor("#b00020")


class SealedChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sealedChart")
        self.hours: tuple[tuple[datetime, int], ...] = ()
        self.target = 0
        self.setMinimumHeight(160)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, 240)

    def set_data(self, hours: tuple[tuple[datetime, int], ...], target: int) -> None:
        self.hours, self.target = hours, target
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance(format_number(max(self.target, 10) * 10)) + 12
        area = QRectF(left, 8, self.width() - left - 12, self.height() - metrics.height() * 2 - 16)
        painter.setPen(QPen(self.palette().text().color(), 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        if not self.hours:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, _("Nothing sealed yet."))
            return
        counts = [count for _hour, count in self.hours]
        total = sum(counts)
        top = max(self.target, total, 1)
        bar_top = max(counts)
        step = area.width() / len(counts)
        # The running total (line, left scale up to the target) and seals per hour (bars, scaled to the busiest).
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BAR)
        for index, count in enumerate(counts):
            height = area.height() * 0.45 * count / bar_top
            x = area.left() + index * step + step * 0.15
            painter.drawRect(QRectF(x, area.bottom() - height, step * 0.7, height))
        if self.target:
            y = area.bottom() - area.height() * self.target / top
            painter.setPen(QPen(TARGET, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, format_number(self.target))
        painter.setPen(QPen(LINE, 2))
        running, previous = 0, QPointF(area.left(), area.bottom())
        for index, count in enumerate(counts):
            running += count
            point = QPointF(area.left() + (index + 1) * step, area.bottom() - area.height() * running / top)
            painter.drawLine(previous, point)
            previous = point
        painter.setPen(QPen(self.palette().text().color(), 1))
        painter.drawText(QRectF(0, previous.y() - metrics.height() / 2, left - 6, metrics.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, format_number(total))
        first, last = self.hours[0][0].astimezone(), self.hours[-1][0].astimezone()
        below = QRectF(area.left(), area.bottom() + 4, area.width(), metrics.height())
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, first.strftime("%d.%m %H:00"))
        if len(self.hours) > 1:
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, last.strftime("%d.%m %H:00"))
        legend = QRectF(0, below.bottom() + 2, self.width(), metrics.height())
        text = _("Bars: sealed per hour · line: sealed in total · dashes: target")
        painter.drawText(legend, Qt.AlignmentFlag.AlignCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(legend.width())))
