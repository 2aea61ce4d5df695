"""Package labels: render, read the text back, decode every barcode from 1-bit pixels at 203 and 300 dpi."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from models.core.codes import CodeKind, classify, make_code, sscc_text
from models.core.i18n import translator
from models.core.latin import UKRAINIAN_NATIONAL, latin_name
from printing import barcodes, demo
from printing.documents import LabelData
from printing.labels import design_for, render_label_files, render_labels
from printing.layout import LAYOUTS, MM, get_layout
from tests.support.pdfcheck import (
    decode_page,
    filled_rects,
    normalise,
    page_chars,
    page_count,
    page_image,
    page_texts,
    run_lengths,
)


def full_name(label: LabelData) -> str:
    return " ".join(part for part in (label.surname, label.given_name, label.patronymic) if part)


def labels_for(key: str) -> list[LabelData]:
    """Every demo name once (the longest included) and a 60-character one, plus a copy; every other label, and
    the longest, with the Latin line of a campaign that prints one."""
    layout = get_layout(key)
    count = max(len(demo.NAMES), min(layout.per_page + 3, 24))
    labels = demo.labels(count, copy_every=5)
    longest = replace(labels[0], package_code=make_code(CodeKind.PACKAGE, 999),
                      surname=demo.LONGEST[0], given_name=demo.LONGEST[1], patronymic=demo.LONGEST[2],
                      place="Слідчий ізолятор № 1, м. Київ, вул. Дегтярівська, корпус 2, блок Б, камера 14",
                      content_summary="Продукти, гігієна, теплий одяг, ліки за списком лікаря, два листи від рідних")
    every = [*labels, longest]
    with_latin = [replace(label, latin_name=latin_name(full_name(label), UKRAINIAN_NATIONAL))
                  if index % 2 or index == len(every) - 1 else label for index, label in enumerate(every)]
    assert with_latin[-1].latin_name
    return with_latin


def positions(key: str, count: int, start: int) -> list[tuple[int, int]]:
    """(page, position) of each label."""
    per_page = get_layout(key).per_page
    return [divmod(start - 1 + index, per_page) for index in range(count)]


@pytest.fixture(scope="module", params=list(LAYOUTS))
def rendered(request: pytest.FixtureRequest) -> tuple[str, list[LabelData], int, bytes]:
    key = request.param
    start = 3 if get_layout(key).per_page > 1 else 1
    labels = labels_for(key)
    return key, labels, start, render_labels(labels, key, start_position=start, language="uk")


def test_page_count(rendered) -> None:
    key, labels, start, pdf = rendered
    assert page_count(pdf) == math.ceil((start - 1 + len(labels)) / get_layout(key).per_page)


@pytest.mark.parametrize("dpi", [203, 300])
def test_every_barcode_decodes_to_its_code_in_its_cell(rendered, dpi: int) -> None:
    key, labels, start, pdf = rendered
    layout = get_layout(key)
    where = positions(key, len(labels), start)
    for page in range(page_count(pdf)):
        found = decode_page(pdf, page, dpi)
        expected = {label.package_code: pos for label, (p, pos) in zip(labels, where, strict=False) if p == page}
        assert sorted(d.value for d in found) == sorted(expected), f"page {page + 1} at {dpi} dpi"
        for decoded in found:
            scanned = classify(decoded.text)
            assert scanned.ok and scanned.kind is CodeKind.PACKAGE
            assert decoded.symbology == "]C1", "GS1-128 (FNC1 first) expected"
            assert decoded.text == "(00)" + decoded.value
            cell = layout.cell(expected[decoded.value])
            x, y_from_top = decoded.center
            y = layout.page_size[1] - y_from_top
            assert cell.x < x < cell.right and cell.y < y < cell.top
            assert decoded.height >= 15 * MM - 1


def test_names_and_fields_are_in_the_text(rendered) -> None:
    key, labels, start, pdf = rendered
    text = normalise(" ".join(page_texts(pdf)))
    for label in labels:
        assert full_name(label) in text or (label.surname in text and
                                             f"{label.given_name} {label.patronymic}".strip() in text), full_name(label)
        assert sscc_text(label.package_code) in text
        if design_for(get_layout(key)).caption_size:
            assert label.birth_date.strftime("%d.%m.%Y") in text
            assert normalise(label.place) in text
        if label.latin_name:  # the Latin line, whole, under the Cyrillic name
            assert normalise(label.latin_name) in text or all(word in text for word in label.latin_name.split())
    tr = translator("uk")
    for label in labels:  # the mediator's list number in the header of every label
        assert normalise(tr.gettext("No. {number}").format(number=label.list_number)) in text
    assert normalise(tr.gettext("COPY {number}").format(number=1)) in text
    assert tr.gettext("LETTER") in text


def test_no_character_leaves_its_label(rendered) -> None:
    key, labels, start, pdf = rendered
    layout = get_layout(key)
    margin = 1 * MM
    cells = [layout.cell(position).inset(margin) for position in range(layout.per_page)]
    for page in range(page_count(pdf)):
        for char in page_chars(pdf, page):
            assert any(cell.x - 0.5 <= char.left and char.right <= cell.right + 0.5 and
                       cell.y - 0.5 <= char.bottom and char.top <= cell.top + 0.5 for cell in cells), (key, char)


@pytest.mark.parametrize("key, dpi, grid, dots", [("100x150", 203, 203, 4), ("100x150", 300, 300, 6),
                                                  ("4x6", 203, 203, 4), ("a4-21", 203, 600, 8), ("a4-21", 300, 600, 8),
                                                  ("a4-8", 203, 600, 12)])
def test_module_width_is_a_whole_number_of_dots(key: str, dpi: int, grid: int, dots: int) -> None:
    """Every bar starts and ends on the dot grid of the layout's medium (a thermal label printer's `dpi`; an
    office printer's 600 dpi for A4 sheets, whatever `dpi` says), and the narrowest is `dots` wide: the largest
    whole-dot module that fits the label, up to about GS1's logistics X (0.495 mm)."""
    pdf = render_labels(demo.labels(1), key, dpi=dpi)
    dot = 72 / grid
    bars = [rect for rect in filled_rects(pdf) if rect[3] >= 15 * MM]
    assert len(bars) == len(barcodes.sscc_symbol(demo.labels(1)[0].package_code).bars)
    for x, _y, width, _height in bars:
        assert abs(x / dot - round(x / dot)) < 1e-3 and abs(width / dot - round(width / dot)) < 1e-3
    assert round(min(width for _x, _y, width, _h in bars) / dot) == dots
    assert min(width for _x, _y, width, _h in bars) <= barcodes.MAX_MODULE * 1.03
    # Printed at that resolution (1-bit, no smoothing) each run is a multiple of the module, give or take
    # the rasteriser's rounding of an edge that falls exactly on a pixel boundary.
    found = decode_page(pdf, 0, grid)
    assert [d.value for d in found] == [demo.labels(1)[0].package_code]
    image = page_image(pdf, 0, grid)
    row_y = round(found[0].center[1] * grid / 72)
    runs = run_lengths([image.getpixel((x, row_y)) for x in range(image.width)])
    assert len(runs) == len(bars)
    assert all(abs(run - dots * round(run / dots)) <= 1 for run in runs), runs


def test_a_sheet_s_bars_are_never_narrower_than_an_office_printer_prints_true() -> None:
    """0.33 mm at least on A4 sheets: a symbol that would need narrower bars is refused, not printed thin."""
    with pytest.raises(ValueError, match="0.33 mm"):
        barcodes.module_width(50 * MM, 176, 600, min_module=get_layout("a4-21").min_module)
    assert barcodes.module_width(61.5 * MM, 176, 600, min_module=get_layout("a4-21").min_module) >= 0.33 * MM


def test_copy_mark_only_on_reprints() -> None:
    original = demo.labels(1)[0]
    assert "COPY" not in page_texts(render_labels([original]))[0]
    assert "COPY 3" in page_texts(render_labels([replace(original, copy_number=3)]))[0]


def test_same_input_same_bytes() -> None:
    labels = demo.labels(5)
    assert render_labels(labels, "a4-8", start_position=2) == render_labels(labels, "a4-8", start_position=2)


def test_label_files_hold_every_label_once_in_order() -> None:
    labels = demo.labels(45)
    files = list(render_label_files(labels, "a4-21", start_position=20, per_file=21))
    assert [page_count(pdf) for pdf in files] == [1, 1, 1, 1]
    texts = normalise(" ".join(" ".join(page_texts(pdf)) for pdf in files))
    found = [sscc_text(label.package_code) for label in labels]
    assert sorted(found, key=texts.index) == found


def test_bad_input_is_refused() -> None:
    label = demo.labels(1)[0]
    with pytest.raises(ValueError):
        render_labels([])
    with pytest.raises(ValueError):
        render_labels([replace(label, package_code="100000000000000015")])  # wrong check digit
    with pytest.raises(ValueError):
        render_labels([label], "a4-8", start_position=9)
    with pytest.raises(ValueError, match="letter code, not a package code"):
        render_labels([replace(label, package_code=make_code(CodeKind.LETTER, 1))])
