"""The ZPL package label as a 203-dpi label printer prints it, rendered by zplkit, for docs/printing/.

    uv run python -m tests.printing.zpl_shot
"""

from __future__ import annotations

from pathlib import Path

from models.core.i18n import translator
from printing import demo
from printing.labels import PackageLabels
from printing.layout import get_layout
from printing.zpl import render_zpl
from tests.support.zplcheck import printed

TARGET = Path(__file__).resolve().parents[2] / "docs" / "printing" / "package-label-zpl-203.png"


def main() -> None:
    zpl = render_zpl(demo.labels(1), PackageLabels(get_layout("100x150"), 203, translator("uk")))
    printed(zpl)[0].save(TARGET)
    print(TARGET)


if __name__ == "__main__":
    main()
