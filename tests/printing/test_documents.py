"""Content slips, the command sheet and letter labels: rendered, read back and decoded."""

from __future__ import annotations

import pytest

from models.core.codes import CodeKind, Command, classify, command_code, grouped
from models.core.i18n import LANGUAGES, translator
from printing import demo
from printing.cartons import render_carton_labels
from printing.commands import command_names, render_command_sheet
from printing.documents import SlipLine
from printing.layout import A4, A6, MM, Rect, get_layout
from printing.letters import render_letter_labels
from printing.slips import render_slips
from tests.support.pdfcheck import decode_page, normalise, page_chars, page_count, page_texts


def inside(pdf: bytes, page: int, box: Rect) -> None:
    for char in page_chars(pdf, page):
        assert box.x - 0.5 <= char.left and char.right <= box.right + 0.5, char
        assert box.y - 0.5 <= char.bottom and char.top <= box.top + 0.5, char


def test_slip_lists_recipient_items_quantities_and_substitutions() -> None:
    slip = demo.slip(3)
    pdf = render_slips([slip], language="en")
    assert page_count(pdf) == 1
    text = normalise(page_texts(pdf)[0])
    assert "Возняк Марʼяна Іванівна" in text
    assert f"List number {slip.list_number} · Package {grouped(slip.package_code)}" in text
    for line in slip.lines:
        assert line.item in text
    assert "instead of Печиво здобне 300 г" in text
    assert "11 items in total" in text
    assert "A family letter is enclosed." in text
    inside(pdf, 0, Rect(0, 0, *A6).inset(5 * MM))


def test_long_slip_continues_on_numbered_pages() -> None:
    lines = tuple(SlipLine(f"Товар {i} з довгою назвою, що займає два рядки на сторінці", 1) for i in range(40))
    pdf = render_slips([demo.slip(0, lines), demo.slip(1)])
    texts = [normalise(text) for text in page_texts(pdf)]
    pages = len(texts) - 1
    assert pages > 1
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in texts[number - 1]
        assert "Шевченко Тарас Григорович" in texts[number - 1]
        inside(pdf, number - 1, Rect(0, 0, *A6).inset(5 * MM))
    joined = " ".join(texts[:pages])
    assert all(f"Товар {i} з довгою" in joined for i in range(40))
    assert "Ґудзь Їжена Євгенівна" in texts[-1] and "Page" not in texts[-1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_command_sheet_decodes_every_command_in_order(language: str) -> None:
    pdf = render_command_sheet(language)
    assert page_count(pdf) == 1
    for dpi in (203, 300):
        found = sorted(decode_page(pdf, 0, dpi), key=lambda d: d.center[1])
        assert [d.text for d in found] == [command_code(command) for command in Command]
        assert [classify(d.text).command for d in found] == list(Command)
        assert all(d.symbology == "]C0" for d in found), "plain Code 128 expected"
        assert all(d.height >= 15 * MM for d in found)
    text = normalise(page_texts(pdf)[0])
    for lang in LANGUAGES:
        for name in command_names(translator(lang)).values():
            assert name in text
    inside(pdf, 0, Rect(0, 0, *A4).inset(14 * MM))


@pytest.mark.parametrize("key", ["a4-21", "a4-8", "100x150"])
def test_letter_labels(key: str) -> None:
    letters = demo.letter_labels(len(demo.NAMES))
    layout = get_layout(key)
    pdf = render_letter_labels(letters, key, start_position=2 if layout.per_page > 1 else 1, language="uk")
    decoded = [d for page in range(page_count(pdf)) for d in decode_page(pdf, page, 203)]
    assert sorted(d.value for d in decoded) == sorted(letter.letter_code for letter in letters)
    assert all(classify(d.text).kind is CodeKind.LETTER for d in decoded)
    text = normalise(" ".join(page_texts(pdf)))
    for letter in letters:
        name = " ".join(part for part in (letter.surname, letter.given_name, letter.patronymic) if part)
        assert name in text or (letter.surname in text and f"{letter.given_name} {letter.patronymic}" in text)
        assert grouped(letter.package_code) in text
        assert f"№ {letter.list_number}" in text
    cells = [layout.cell(position).inset(1 * MM) for position in range(layout.per_page)]
    for page in range(page_count(pdf)):
        for char in page_chars(pdf, page):
            assert any(c.x - 0.5 <= char.left and char.right <= c.right + 0.5 and
                       c.y - 0.5 <= char.bottom and char.top <= c.top + 0.5 for c in cells), char


@pytest.mark.parametrize("key", ["a4-8", "a4-21"])
def test_carton_labels(key: str) -> None:
    cartons = demo.cartons(5)
    pdf = render_carton_labels(cartons, key, start_position=3)
    found = decode_page(pdf, 0, 203)
    assert sorted(d.value for d in found) == [carton.carton_code for carton in cartons]
    assert all(classify(d.text).kind is CodeKind.CARTON for d in found)
    text = normalise(page_texts(pdf)[0])
    assert all(f"Carton {carton.carton_number}" in text for carton in cartons)
    assert "12 packages" in text
