"""Documents the campaign screens print (labels printed again, letter labels, the scanner sheet, the print
dialog's) go to the station's label printer as the PDF itself, or as ZPL when it takes ZPL, through a private
CUPS (tests/support/cups.py)."""

from __future__ import annotations

from pathlib import Path

from app.workspace import Workspace
from models.core.i18n import translator
from models.core.settings import PRINTER_LANGUAGE, PRINTER_NAME
from printing import demo
from printing.labels import PackageLabels, render_labels, render_sheets
from printing.layout import get_layout
from printing.zpl import render_zpl
from tests.support.cups import PrivateCups, pdf_inside
from tests.support.pdfcheck import decode_page
from tests.support.zplcheck import decoded, printed
from ui.campaign.label_output import save_or_print, send_as_configured


def test_a_document_goes_to_the_printer_as_the_pdf_itself(cups: PrivateCups, tmp_path: Path):
    labels = demo.labels(2)
    pdf = render_labels(labels, "a6", dpi=203)
    assert save_or_print(pdf, "labels", tmp_path, "Office") == "Office"
    (received,) = cups.delivered("Office", wait_for=1)
    arrived = pdf_inside(received)
    assert [found.value for found in decode_page(arrived, 1, 203)] == [labels[1].package_code]
    assert not (tmp_path / "labels").exists()


def test_a_printer_that_refuses_is_named_and_the_document_is_kept(cups: PrivateCups, tmp_path: Path):
    pdf = render_labels(demo.labels(1), "100x150", dpi=203)
    said = save_or_print(pdf, "labels", tmp_path, "Zebra")  # a raw queue: ZPL only
    assert "printer Zebra did not take it" in said and "raw queue" in said
    assert (tmp_path / "labels" / "labels.pdf").read_bytes() == pdf and not cups.delivered("Zebra")
    assert save_or_print(pdf, "none", tmp_path) == str(tmp_path / "labels" / "none.pdf")


def test_labels_go_as_zpl_to_a_station_printer_that_takes_zpl(cups: PrivateCups, db, db_path: Path):
    settings = Workspace(db, db_path).settings()
    settings.set(PRINTER_NAME, "Zebra")
    settings.set(PRINTER_LANGUAGE, "zpl")
    labels = demo.labels(2)
    drawer = PackageLabels(get_layout("100x150"), 203, translator("uk"))
    pdf = render_sheets(labels, drawer)
    assert send_as_configured(pdf, "labels", settings, db_path.parent, lambda: render_zpl(labels, drawer)) == "Zebra"
    (zpl,) = cups.delivered("Zebra", wait_for=1)
    assert [decoded(label) for label in printed(zpl)] == [[(f"(00){label.package_code}", "]C1")] for label in labels]
    said = send_as_configured(pdf, "slips", settings, db_path.parent)  # no ZPL form: the raw queue refuses the PDF
    assert "printer Zebra did not take it" in said and (db_path.parent / "labels" / "slips.pdf").exists()
    sheet = PackageLabels(get_layout("a4-21"), 203, translator("uk"))
    said = send_as_configured(pdf, "sheet", settings, db_path.parent, lambda: render_zpl(labels, sheet))
    assert "sheet for an office printer" in said and len(cups.delivered("Zebra")) == 1
