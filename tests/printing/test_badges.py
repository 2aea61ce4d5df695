"""User badges: ten cards to an A4 page, each badge code decoded back from the 1-bit raster at 203 and 300 dpi."""

from __future__ import annotations

import pytest

from printing.badges import PER_PAGE, BadgeData, card, render_badges
from tests.support.pdfcheck import decode_page, normalise, page_count, page_texts

BADGES = [BadgeData(name, role, f"29{index:010d}", "Зима 2026") for index, (name, role) in enumerate(
    [("Олена Ковальчук", "Керівник зміни"), ("Петро Іваненко", "Пакувальник")] * 6, start=1)]


@pytest.mark.parametrize("dpi", [203, 300])
def test_every_badge_decodes_on_its_card(dpi: int) -> None:
    pdf = render_badges(BADGES, dpi=dpi)
    assert page_count(pdf) == 2
    for page in range(2):
        on_page = BADGES[page * PER_PAGE:(page + 1) * PER_PAGE]
        found = decode_page(pdf, page, dpi)
        assert sorted(d.value for d in found) == sorted(badge.badge_code for badge in on_page)
        for decoded in found:
            index = next(i for i, badge in enumerate(on_page) if badge.badge_code == decoded.value)
            x, y_from_top = decoded.center
            cell = card(index)
            assert cell.x < x < cell.right and cell.y < 841.89 - y_from_top < cell.top


def test_names_roles_and_digits_print() -> None:
    text = normalise(" ".join(page_texts(render_badges(BADGES))))
    for badge in BADGES:
        assert badge.name in text and badge.badge_code in text
    assert "Керівник зміни" in text and "Зима 2026" in text
    with pytest.raises(ValueError, match="not a badge code"):
        render_badges([BadgeData("X", "packer", "12A")])
