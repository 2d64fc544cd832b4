"""The theme's icon fonts hold every icon the pages show, and nothing like the whole set."""

from __future__ import annotations

import re

import pytest
from editions import LANGUAGES
from fontTools.ttLib import TTFont

pytestmark = pytest.mark.build

WEBFONTS = "_static/vendor/fontawesome/webfonts"
# The theme's style sheet: ``.fa-bars{--fa:"\f0c9"}``; the font a class draws from.
_CLASS_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+,?)+)\{--fa:"\\([0-9a-f]{2,5})"\}')
_ICON = re.compile(r'class="[^"]*\bfa-(solid|regular|brands)\b[^"]*"')
_FONTS = {"solid": "fa-solid-900.woff2", "regular": "fa-regular-400.woff2", "brands": "fa-brands-400.woff2"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_icon_a_page_shows_is_in_its_font(site, language):
    root = site / language
    codes = {}
    for selectors, code in _CLASS_RULE.findall((root / "_static/styles/pydata-sphinx-theme.css").read_text()):
        for name in selectors.split(","):
            codes[name.removeprefix(".fa-")] = int(code, 16)
    cmaps = {style: TTFont(root / WEBFONTS / name).getBestCmap() for style, name in _FONTS.items()}
    missing, shown = set(), 0
    for page in root.rglob("*.html"):
        for match in _ICON.finditer(page.read_text(encoding="utf-8")):
            names = [name for name in re.findall(r"\bfa-([a-z0-9-]+)", match.group(0)) if name in codes]
            for name in names:
                shown += 1
                if codes[name] not in cmaps[match.group(1)]:
                    missing.add(f"fa-{match.group(1)} fa-{name}")
    assert shown > 0
    assert not missing, f"icons the pages show that their font lacks: {sorted(missing)}"


def test_the_solid_icon_font_is_a_small_part_of_the_whole_set(site):
    font = site / "en" / WEBFONTS / "fa-solid-900.woff2"
    assert font.stat().st_size < 20_000
    assert len(TTFont(font).getBestCmap()) < 100
