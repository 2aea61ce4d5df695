"""Labels out of the station: the label's content, printing to a QPrinter, and the preview with
"Save as PDF" when no printer is configured (printing on a printer: test_label_printing.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from models.core.codes import grouped
from models.core.settings import LABEL_LAYOUT, PRINTER_NAME
from printing.labels import label_for_package
from tests.support.pdfcheck import normalise, page_count, page_texts
from tests.support.station_screens import NEXT, SEAL, template_scans
from ui.pdf_printing import print_pdf
from ui.station.label_output import LabelPreview, PrinterLabelSink, render_job


def sealed_view(station):
    station.scan(NEXT, *template_scans(), SEAL)
    return station.view()


def test_label_data_from_the_sealed_package(station):
    view = sealed_view(station)
    data = label_for_package(view, "Demo", 2)
    assert data.package_code == view.code
    assert data.surname == view.recipient.surname
    assert data.copy_number == 2 and data.campaign == "Demo"
    assert data.content_summary == f"{len(template_scans())} items"
    assert not data.has_letter


def test_printing_to_a_printer_renders_every_page(station, tmp_path: Path):
    view = sealed_view(station)
    station.workspace.settings().set(LABEL_LAYOUT, "a6")
    job = render_job(view, "Demo", 0, station.workspace.settings(), "en")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    assert print_pdf(job.pdf(), printer) == 1
    assert page_count(target.read_bytes()) == 1
    width_mm = printer.pageLayout().fullRect().width() * 25.4 / 72
    assert abs(width_mm - 105) < 1


def test_without_a_printer_the_label_is_previewed_and_saved_as_pdf(qtbot, station, tmp_path: Path, monkeypatch):
    view = sealed_view(station)
    settings = station.workspace.settings()
    assert settings.get(PRINTER_NAME) == ""
    sink = PrinterLabelSink(settings, station.screen)
    job = render_job(view, "Demo", 1, settings, "en")
    result = sink.output(job, lambda *outcome: pytest.fail("a preview is shown at once, not later"))
    assert result.done and not result.pending and "preview" in result.message
    preview = sink.preview
    assert preview is not None and preview.isVisible()
    assert preview.pages.pixmap().height() > preview.pages.pixmap().width()  # a tall 100x150 label

    target = tmp_path / "label.pdf"
    monkeypatch.setattr(LabelPreview, "choose_file", staticmethod(lambda *args: (str(target), "")))
    preview.save_button.click()
    assert target.read_bytes() == job.pdf()
    assert "COPY 1" in normalise(" ".join(page_texts(target.read_bytes())))
    preview.close()


def test_the_label_preview_closes_when_the_next_package_opens(station):
    """Without a printer the sealed package's label is previewed; it must not stay over the next checklist."""
    sink = PrinterLabelSink(station.workspace.settings(), station.screen)
    station.screen.labels = sink
    sealed = sealed_view(station)
    assert sink.preview is not None and sink.preview.isVisible() and sink.preview.job.package_code == sealed.code
    station.screen.refresh_view()  # the sealed package stays on screen: so does its label
    assert sink.preview.isVisible()
    station.scan(NEXT)
    assert station.view().code != sealed.code and not sink.preview.isVisible()


def test_the_code_on_screen_is_grouped_as_the_label_prints_it(station):
    view = sealed_view(station)
    shown = station.screen.package.code_label.text()
    label = render_job(view, "Demo", 0, station.workspace.settings(), "en").pdf()
    assert shown == grouped(view.code) and f"(00) {shown}" in normalise(" ".join(page_texts(label)))
