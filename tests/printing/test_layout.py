"""Text fitting and label geometry."""

from __future__ import annotations

import pytest

from models.core.settings import LABEL_LAYOUTS
from printing import fonts
from printing.labels import (
    MEDIUM,
    MEDIUM_LATIN,
    SMALL,
    SMALL_LATIN,
    TALL,
    TALL_LATIN,
    _band_boxes,
    _barcode_area,
    file_sizes,
    sheet_cells,
)
from printing.layout import LAYOUTS, MM, SMALLEST, Rect, fit, get_layout
from printing.letters import LETTER_MEDIUM, LETTER_SMALL, LETTER_TALL


def widths(fitted) -> list[float]:
    return [fonts.string_width(line, fitted.font, fitted.size) for line in fitted.lines]


def test_short_text_keeps_its_size() -> None:
    fitted = fit("Шевченко", fonts.BOLD, 200, 20, 8)
    assert fitted.lines == ("Шевченко",) and fitted.size == 20


@pytest.mark.parametrize("width", [40, 80, 150])
def test_long_text_shrinks_and_never_overflows(width: float) -> None:
    text = "Ґалаґан-Дем'яненко-Білозерська-Ющук Олександра Вʼячеславівна"
    fitted = fit(text, fonts.BOLD, width, 20, 6, 2)
    assert max(widths(fitted)) <= width + 1e-6
    assert fitted.size >= SMALLEST


def test_wraps_between_words_and_after_hyphens_before_shrinking_too_far() -> None:
    fitted = fit("Білозерська-Квітка-Основ'яненко", fonts.BOLD, 200, 26, 9, 2)
    assert fitted.lines == ("Білозерська-Квітка-", "Основ'яненко")
    assert "".join(fitted.lines) == "Білозерська-Квітка-Основ'яненко"


def test_height_limit_is_respected() -> None:
    fitted = fit("один два три чотири пʼять шість сім вісім", fonts.REGULAR, 60, 12, 5, 4, height=20)
    assert fitted.height <= 20


def test_a_word_is_split_only_as_a_last_resort() -> None:
    fitted = fit("Ааааааааааааааааааааааааааааааааааааааа", fonts.REGULAR, 30, 10, 6, 1)
    assert max(widths(fitted)) <= 30
    assert "".join(fitted.lines) == "Ааааааааааааааааааааааааааааааааааааааа"


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="a4-21"):
        get_layout("a5")


def test_sheet_geometry_stays_on_the_page() -> None:
    for layout in LAYOUTS.values():
        page = Rect(0, 0, *layout.page_size)
        for position in range(layout.per_page):
            cell = layout.cell(position)
            assert page.x - 1e-6 <= cell.x and cell.right <= page.right + 1e-6
            assert page.y - 1e-6 <= cell.y and cell.top <= page.top + 1e-6


def test_start_position_skips_used_labels() -> None:
    layout = get_layout("a4-8")
    cells = list(sheet_cells(layout, 10, start_position=7))
    assert cells[0] == (True, layout.cell(6))
    assert cells[1] == (False, layout.cell(7))
    assert cells[2] == (True, layout.cell(0))
    with pytest.raises(ValueError):
        list(sheet_cells(layout, 1, start_position=9))


def test_long_runs_are_cut_into_whole_sheets() -> None:
    assert file_sizes(2500, get_layout("100x150")) == [1000, 1000, 500]
    sizes = file_sizes(2500, get_layout("a4-21"), start_position=5)
    assert sum(sizes) == 2500
    assert (sizes[0] + 4) % 21 == 0 and all(size % 21 == 0 for size in sizes[1:-1])


@pytest.mark.parametrize("key", list(LAYOUTS))
def test_bars_are_at_least_15_mm_and_clear_of_the_text(key: str) -> None:
    layout = LAYOUTS[key]
    cell = layout.cell(0)
    designs = {TALL, MEDIUM, SMALL, TALL_LATIN, MEDIUM_LATIN, SMALL_LATIN, LETTER_TALL, LETTER_MEDIUM, LETTER_SMALL}
    for design in designs:
        if (design in (TALL, TALL_LATIN, LETTER_TALL)) != (layout.label_height >= 100 * MM):
            continue
        if (design in (SMALL, SMALL_LATIN, LETTER_SMALL)) != (layout.label_height < 60 * MM):
            continue
        bottom, bar_height = _barcode_area(design, cell)
        assert bar_height >= 15 * MM
        lowest_text = _band_boxes(design, cell)[-1][1].y
        digits = design.digits * 1.25 + 1
        assert bottom + digits + bar_height + 1 <= lowest_text  # a dot of snapping to spare


def test_the_layouts_settings_and_commands_offer_are_the_layouts_there_are() -> None:
    assert sorted(LABEL_LAYOUTS) == sorted(LAYOUTS)
