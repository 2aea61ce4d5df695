"""ZPL labels read back as a printer would: zplkit (an offline ZPL renderer and checker) draws each format at the
printer's resolution, zxing-cpp decodes its barcode, and its text is compared with the PDF label's.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageFilter, ImageOps
from zplkit import Options, render
from zplkit.rendering import RenderError

from models.core.i18n import translator
from printing import demo
from printing.badges import ROLL as BADGE_ROLL
from printing.badges import BadgeCards, BadgeData
from printing.cartons import CartonLabels, render_carton_labels
from printing.labels import LabelDrawer, PackageLabels, render_labels, render_sheets
from printing.layout import LAYOUTS, MM, Medium, get_layout
from printing.letters import LetterLabels, render_letter_labels
from printing.zpl import NotForZpl, graphic_field, render_zpl
from tests.support.pdfcheck import page_image
from tests.support.zplcheck import decoded, printed

ROLLS = sorted(key for key, layout in LAYOUTS.items() if layout.medium is Medium.THERMAL)
GS1_BAR_HEIGHT = 31.75 * MM


def kinds(key: str, dpi: int) -> dict[str, tuple[LabelDrawer, list, list[str], bytes]]:
    """{kind: (drawer, items, their codes, the PDF of the same labels)} for layout `key` at `dpi`."""
    tr, layout = translator("uk"), get_layout(key)
    packages, letters, cartons = demo.labels(3, copy_every=2), demo.letter_labels(2), demo.cartons(2)
    return {
        "package": (PackageLabels(layout, dpi, tr), packages, [label.package_code for label in packages],
                    render_labels(packages, key, dpi=dpi, language="uk")),
        "letter": (LetterLabels(layout, dpi, tr), letters, [letter.letter_code for letter in letters],
                   render_letter_labels(letters, key, dpi=dpi, language="uk")),
        "carton": (CartonLabels(layout, dpi, tr), cartons, [carton.carton_code for carton in cartons],
                   render_carton_labels(cartons, key, dpi=dpi, language="uk")),
    }


def dark(image: Image.Image) -> Image.Image:
    return image.convert("L").point(lambda value: 255 if value < 128 else 0).convert("1")


def overlap(first: Image.Image, second: Image.Image) -> float:
    """How much of each image's dark dots the other has within one dot (two renderers round the edges of a
    glyph differently): the smaller of the two shares."""
    ones = [dark(first), dark(second)]
    grown = [image.convert("L").filter(ImageFilter.MaxFilter(3)).convert("1") for image in ones]
    shares = [ImageChops.logical_and(ones[index], grown[1 - index]).histogram()[255]
              / max(1, ones[index].histogram()[255]) for index in (0, 1)]
    return min(shares)


@pytest.mark.parametrize("key", ROLLS)
@pytest.mark.parametrize("dpi", [203, 300])
def test_every_roll_label_in_zpl_prints_its_code_and_the_pdf_labels_text(key: str, dpi: int):
    for kind, (drawer, items, codes, pdf) in kinds(key, dpi).items():
        zpl = render_zpl(items, drawer)
        formats = zpl.decode("ascii").split("^XZ\n")[:-1]
        assert len(formats) == len(items), kind
        for index, (text, image) in enumerate(zip(formats, printed(zpl), strict=True)):
            assert decoded(image) == [(f"(00){codes[index]}", "]C1")], (kind, index)
            bars = re.search(r"\^FO\d+,(\d+)\^BY(\d+)\^BCN,(\d+)", text)
            assert bars is not None
            top, module, height = (int(value) for value in bars.groups())
            if drawer.layout.label_height >= 100 * MM:
                assert height * 72 / dpi >= GS1_BAR_HEIGHT, "GS1 logistics bars where the label has room"
            assert module >= 2 and module * 72 / dpi <= 0.5 * MM + 72 / dpi, (kind, "about GS1's X, in whole dots")
            pdf_page = page_image(pdf, index, dpi).crop((0, 0, *image.size))  # the PDF label at this resolution
            assert overlap(image, pdf_page) > 0.98, (kind, index, "the same label, bars in the same place")
            above_bars = (0, 0, image.width, top)  # the text graphic alone, names and all
            assert overlap(image.crop(above_bars), pdf_page.crop(above_bars)) > 0.98, (kind, index)


def test_a_label_with_another_name_prints_another_text_graphic():
    """The comparison above can fail: a label whose name differs does not overlap the PDF's text."""
    layout = get_layout("100x150")
    labels = demo.labels(1)
    zpl = render_zpl([replace(labels[0], surname="Иваненко-Петренко")], PackageLabels(layout, 203, translator("uk")))
    image = printed(zpl)[0]
    pdf_page = page_image(render_labels(labels, layout, dpi=203, language="uk"), 0, 203)
    top_part = (0, 0, image.width, 300)
    assert overlap(image.crop(top_part), pdf_page.crop(top_part)) < 0.9


def test_sheets_are_refused_for_zpl_with_the_reason():
    with pytest.raises(NotForZpl, match="a4-21 is a sheet for an office printer"):
        render_zpl(demo.labels(1), PackageLabels(get_layout("a4-21"), 203, translator("en")))
    with pytest.raises(NotForZpl, match="203 or 300 dpi"):
        render_zpl(demo.labels(1), PackageLabels(get_layout("100x150"), 600, translator("en")))


def test_the_checker_refuses_what_is_not_zpl():
    """zplkit is strict enough to catch a broken format, so a clean render above says something."""
    with pytest.raises(RenderError):
        render(b"^XA^FOabc^XZ", Options(profile="specification"))
    with pytest.raises(RenderError):
        render(b"^XA^FO0,0^GFA,2,2,1,FG^FS^XZ", Options(profile="specification"))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 30), st.data())
def test_the_graphic_field_compression_gives_back_every_dot(width: int, height: int, data: st.DataObject):
    # Rows of runs, repeats and blanks: what ZPL's ASCII compression shortens.
    rows = data.draw(st.lists(st.one_of(st.just([0] * width), st.lists(st.sampled_from([0, 0, 1]), min_size=width,
                                                                      max_size=width)), min_size=height,
                              max_size=height))
    dots = Image.new("1", (width, height), 0)
    for y, row in enumerate(rows):
        for x, bit in enumerate(row):
            dots.putpixel((x, y), bit)
    zpl = f"^XA^PW{width + 8}^LL{height + 8}^FO4,4{graphic_field(dots)}^FS^XZ".encode("ascii")
    back = printed(zpl)[0].crop((4, 4, 4 + width, 4 + height))  # as printed: 0 is a dark dot
    assert back.tobytes() == ImageOps.invert(dots.convert("L")).convert("1").tobytes()


@pytest.mark.parametrize("dpi", [203, 300])
def test_badges_print_in_zpl_on_a_roll_and_scan(dpi: int):
    """A badge code is plain Code 128 of digits (no FNC1), of any length: odd ones end in code set B."""
    badges = [BadgeData("Олена Ковальчук", "Керівник зміни", "290000000017", "Зима 2026"),
              BadgeData("Петро Іваненко", "Пакувальник", "2900000000246")]
    zpl = render_zpl(badges, BadgeCards(BADGE_ROLL, dpi))
    assert [decoded(card) for card in printed(zpl)] == [[(badge.badge_code, "]C0")] for badge in badges]
    pdf = render_sheets(badges, BadgeCards(BADGE_ROLL, dpi))
    for index, card in enumerate(printed(zpl)):
        assert overlap(card, page_image(pdf, index, dpi).crop((0, 0, *card.size))) > 0.98
