"""Thousands of scans through the real widgets (DESIGN.md section 8: PySide6 6.12.0 aborted after a few
thousand ordinary Qt calls; this test would catch such a regression)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication

from models.packing.states import PackageState
from tests.support.station_screens import ACK, BARCODES, NEXT, SEAL, TOBACCO, UNDO, template_scans

TEA = BARCODES["Чай чёрный листовой, 100 г"]
SCANS = 3000


@pytest.mark.slow
def test_thousands_of_scans_through_the_widgets(station):
    started = time.monotonic()
    scans = 0
    sealed = 0
    station.scan(NEXT)
    scans += 1
    while scans < SCANS:
        if scans % 500 < 2:  # now and then a refusal, acknowledged
            station.scan(TOBACCO, ACK)
            assert not station.screen.refusal.isVisible()
            scans += 2
        if scans % 1000 < 20 and scans > 20:  # and now and then a whole package
            station.scan(*template_scans(), SEAL, NEXT)
            scans += len(template_scans()) + 2
            sealed += 1
            continue
        station.scan(TEA, UNDO)
        scans += 2
        QApplication.processEvents()  # paint, as the real event loop would between scans
        assert station.counts()[station.screen.package.model.row_of(3)] == 0
    assert sealed >= 2 and len(station.sink.jobs) == sealed
    assert station.view().state is PackageState.OPEN
    assert time.monotonic() - started < 60
