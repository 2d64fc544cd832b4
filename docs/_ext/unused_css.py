"""Leave out of the site's style sheets the rules that no page can match.

Job: a page is drawn only once its style sheets have arrived and been parsed. The theme's
(``pydata-sphinx-theme.css``, 376 kB) carries all of Bootstrap's components and a rule for
each of Font Awesome's two thousand icons, of which the site uses a few. After the build
this extension writes the style sheets it is given again without the rules none of whose
selectors can match an element of the site.

A selector needs each class it names outside brackets and parentheses (``.a:not(.b)``
needs ``a`` only, ``[href$=".pdf"]`` none). A class is there if a written page or a script
of ``_static`` holds it as a word, or a script builds it from a prefix it holds
(``bs-${name}-auto``, ``"kind-" + kind``); a class with an escaped character counts as
there. A rule is kept or left out whole, selector list and all, so what is kept means
what it meant; ``@media``, ``@supports``, ``@layer`` and ``@container`` blocks are pruned
inside and dropped when empty, other at-rules (``@font-face``, ``@keyframes``) and
comments are kept as they are, except that a sheet which lost rules loses its
``sourceMappingURL`` too: the map describes the whole sheet.

Config values: ``unused_css_stylesheets`` (relative to ``_static``). Only sheets the build
writes afresh each time (the theme's, Sphinx's, ``offline_katex``'s): MyST-NB copies its
sheet only when the copy is missing, and warns when the copy differs.

Events: ``build-finished`` (after the other extensions' ``build-finished`` handlers, so
that ``icon_font_subset`` reads the theme's whole style sheet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

__version__ = "1.0"

STYLESHEETS = [
    "styles/pydata-sphinx-theme.css",
    "styles/sphinx-book-theme.css",
    "basic.css",
    "pygments.css",
    "katex/katex.min.css",
]

_GROUPS = ("@media", "@supports", "@layer", "@container")
_WORD = re.compile(r"[\w-]+")
# The text before `${` in a template string, or before `" +` in a concatenation.
_PREFIX = re.compile(r"([A-Za-z][\w-]*-)(?:\$\{|[\"']\s*\+)")
_CLASS = re.compile(r"\.((?:[\w-]|\\.)+)")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


def _skip_string(css: str, start: int) -> int:
    """The index after the string that opens at ``start``."""
    quote, index = css[start], start + 1
    while index < len(css) and css[index] != quote:
        index += 2 if css[index] == "\\" else 1
    return index + 1


def statements(css: str) -> list[tuple[str, str | None]]:
    """The top-level statements of ``css``: ``(prelude, block)`` for a rule or an at-rule
    with a block (its contents, braces left off), ``(text, None)`` for anything else (a
    comment, ``@charset …;``, white space)."""
    found: list[tuple[str, str | None]] = []
    start = index = depth = prelude_end = 0
    while index < len(css):
        char = css[index]
        if css.startswith("/*", index):
            end = css.find("*/", index + 2)
            end = len(css) if end < 0 else end + 2
            if depth == 0 and not css[start:index].strip():
                found.append((css[start:end], None))
                start = end
            index = end
            continue
        if char in "\"'":
            index = _skip_string(css, index)
            continue
        if char == "{":
            prelude_end = index if depth == 0 else prelude_end
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                found.append((css[start:prelude_end], css[prelude_end + 1 : index]))
                start = index + 1
        elif char == ";" and depth == 0:
            found.append((css[start : index + 1], None))
            start = index + 1
        index += 1
    if css[start:]:
        found.append((css[start:], None))
    return found


def _outside_brackets(selectors: str) -> Iterable[str]:
    """Each selector of a list, with what stands inside brackets, parentheses and strings
    left out."""
    depth, kept = 0, []
    index = 0
    while index < len(selectors):
        char = selectors[index]
        if char in "\"'":
            index = _skip_string(selectors, index)
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            yield "".join(kept)
            kept = []
        elif depth == 0:
            kept.append(char)
        index += 1
    yield "".join(kept)


def can_match(selectors: str, words: set[str], prefixes: tuple[str, ...]) -> bool:
    """Whether one selector of the list may match: each class it needs is a word of the
    site, starts with one of its prefixes, or is escaped."""
    return any(
        all("\\" in name or name in words or name.startswith(prefixes) for name in _CLASS.findall(selector))
        for selector in _outside_brackets(selectors)
    )


def prune(css: str, words: set[str], prefixes: tuple[str, ...]) -> str:
    """``css`` without the rules that cannot match (see :func:`can_match`)."""
    kept = []
    for prelude, block in statements(css):
        head = prelude.lstrip()
        if block is None:
            kept.append(prelude)
        elif head.startswith(_GROUPS):
            inner = prune(block, words, prefixes)
            if inner.strip():
                kept.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@") or can_match(prelude, words, prefixes):
            kept.append(f"{prelude}{{{block}}}")
    return "".join(kept)


def site_words(pages: Iterable[str], scripts: Iterable[str]) -> tuple[set[str], tuple[str, ...]]:
    """The words of the pages and scripts, and the class prefixes the scripts build on."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for text in pages:
        words.update(_WORD.findall(text))
    for text in scripts:
        words.update(_WORD.findall(text))
        prefixes.update(_PREFIX.findall(text))
    return words, tuple(sorted(prefixes))


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    words, prefixes = site_words(
        (path.read_text(encoding="utf-8", errors="replace") for path in outdir.rglob("*.html")),
        (path.read_text(encoding="utf-8", errors="replace") for path in static.rglob("*.js")),
    )
    for relative in app.config.unused_css_stylesheets:
        path = static / relative
        css = path.read_text(encoding="utf-8")
        pruned = prune(css, words, prefixes)
        if pruned != css:
            path.write_text(_SOURCE_MAP.sub("", pruned), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("unused_css_stylesheets", STYLESHEETS, "html", types=frozenset({list, tuple}))
    app.connect("build-finished", _write, priority=900)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
