"""Ship the theme's icon fonts with only the icons the site shows.

Job: the theme draws its icons (menu, search, download, light/dark switch, admonitions) with
Font Awesome's web fonts; the solid one alone is 115 kB, the largest file a reader downloads
for a page, for the two thousand icons it holds of which the site shows a dozen or two. After
the build this extension writes each font again, from the theme's own copy, keeping the icons
that the written pages and scripts name with a ``fa-…`` class, and every icon the style
sheets draw by their code (the theme's ``--pst-icon-…`` variables, ``content`` rules). An icon
a page names but no font holds stays as it was (nothing is kept that the theme lacks).

Config values: ``icon_font_subset_fonts`` (the fonts, relative to ``_static``),
``icon_font_subset_stylesheet`` (the theme's style sheet that maps each ``fa-…`` class to its
code, relative to ``_static``).

Events: ``build-finished`` (writes the fonts).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fontTools import subset
from sphinx.application import Sphinx
from sphinx.util import logging

__version__ = "1.0"

logger = logging.getLogger(__name__)

FONTS = [
    "vendor/fontawesome/webfonts/fa-solid-900.woff2",
    "vendor/fontawesome/webfonts/fa-regular-400.woff2",
    "vendor/fontawesome/webfonts/fa-brands-400.woff2",
]
STYLESHEET = "styles/pydata-sphinx-theme.css"

_CLASS_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+,?)+)\{--fa:"(\\[0-9a-f]{2,5}|.)"\}')
_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,5})")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")


def _code(text: str) -> int:
    return int(text[1:], 16) if text.startswith("\\") else ord(text)


def icon_codes(stylesheets: list[str], documents: list[str], class_rules: str) -> set[int]:
    """The code points of the icons the documents name (``fa-…``, through ``class_rules``)
    and of those the style sheets draw directly, outside the class rules."""
    by_class: dict[str, int] = {}
    for selectors, code in _CLASS_RULE.findall(class_rules):
        for name in selectors.split(","):
            by_class[name.removeprefix(".fa-")] = _code(code)
    named = {name for text in documents for name in _CLASS.findall(text)}
    codes = {by_class[name] for name in named if name in by_class}
    for sheet in stylesheets:
        drawn = _CLASS_RULE.sub("", sheet)
        codes |= {int(code, 16) for code in _ESCAPE.findall(drawn) if 0xE000 <= int(code, 16) <= 0xF8FF}
        codes |= {ord(char) for char in _PRIVATE_USE.findall(drawn)}
    return codes


def _theme_file(app: Sphinx, relative: str) -> Path | None:
    for folder in app.builder.theme.get_theme_dirs():  # type: ignore[attr-defined]
        path = Path(folder, "static", relative)
        if path.is_file():
            return path
    return None


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    static = Path(app.outdir, "_static")
    class_rules = (static / app.config.icon_font_subset_stylesheet).read_text(encoding="utf-8")
    stylesheets = [path.read_text(encoding="utf-8", errors="replace") for path in static.rglob("*.css")]
    documents = [path.read_text(encoding="utf-8", errors="replace") for path in Path(app.outdir).rglob("*.html")]
    documents += [path.read_text(encoding="utf-8", errors="replace") for path in static.rglob("*.js")]
    codes = icon_codes(stylesheets, documents, class_rules)
    for relative in app.config.icon_font_subset_fonts:
        source = _theme_file(app, relative)
        if source is None:
            logger.warning("icon_font_subset: the theme has no %s", relative, type="icon_font_subset")
            continue
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codes)
        subsetter.subset(font)
        subset.save_font(font, str(static / relative), options)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("icon_font_subset_fonts", FONTS, "html", types=frozenset({list, tuple}))
    app.add_config_value("icon_font_subset_stylesheet", STYLESHEET, "html", types=frozenset({str}))
    app.connect("build-finished", _write)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
