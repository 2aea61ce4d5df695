"""Documents the campaign screens print (labels printed again, letter labels, the scanner sheet, the print
dialog's) go to the station's label printer as the PDF itself, through a private CUPS (tests/support/cups.py)."""

from __future__ import annotations

from pathlib import Path

from printing import demo
from printing.labels import render_labels
from tests.support.cups import PrivateCups, pdf_inside
from tests.support.pdfcheck import decode_page
from ui.campaign.label_output import save_or_print


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
