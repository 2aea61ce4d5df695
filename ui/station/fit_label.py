"""A one-line label that shrinks its font to fit its width (down to a minimum), then elides."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class FitLabel(QLabel):
    def __init__(self, max_pt: int, min_pt: int, *, bold: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max_pt, self._min_pt = max_pt, min_pt
        self._full = ""
        font = QFont(self.font())
        font.setPointSize(max_pt)
        font.setBold(bold)
        self.setFont(font)
        self.setMinimumHeight(QFontMetrics(font).height())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._fit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, self.minimumHeight())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(QFontMetrics(self.font()).horizontalAdvance(self._full), self.minimumHeight())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(1, self.contentsRect().width())
        font = QFont(self.font())
        for points in range(self._max_pt, self._min_pt - 1, -1):
            font.setPointSize(points)
            if QFontMetrics(font).horizontalAdvance(self._full) <= width:
                break
        if font != self.font():
            self.setFont(font)
        self.setText(QFontMetrics(font).elidedText(self._full, Qt.TextElideMode.ElideRight, width))
