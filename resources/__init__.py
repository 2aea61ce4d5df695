"""Files Packline ships: fonts, sounds, icons and translation catalogs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
FONTS = ROOT / "fonts"
SOUNDS = ROOT / "sounds"
LOCALE = ROOT / "locale"
ICONS = ROOT / "icons"


def path(*parts: str) -> Path:
    """Absolute path of a shipped file, e.g. `path("fonts", "DejaVuSans.ttf")`."""
    return ROOT.joinpath(*parts)
