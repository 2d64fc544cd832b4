"""Give each page one style sheet instead of ten.

Job: a page is drawn only once every style sheet its head links has arrived. The theme,
Sphinx and the extensions link ten (the theme's own, Sphinx's ``basic.css`` through an
``@import``, Pygments', MyST-NB's, the copy and toggle buttons', KaTeX's and the site's), and
on a slow mobile connection each costs a round trip before the first paint. After the build
this extension writes them, in the order the pages link them, into one sheet,
``_static/bundle.css``, and each page's head then links that sheet alone, where the first
of the ten was. The cascade is the same: the rules come in the same order.

In the bundle, a relative ``url()`` is rewritten to point where it pointed from its own
sheet, an ``@import`` of a sheet of the site is replaced by that sheet, a ``@charset`` moves
to the top (the bundle is UTF-8), and source-map comments are left out (a map describes its
own sheet). The separate sheets stay in ``_static``. A page linking a sheet that is not the site's, or with
attributes other than ``rel``, ``type`` and ``href`` (a ``media``, say), is a warning naming
the page, and the page keeps its links. The link carries ``?v=`` and the bundle's checksum,
so a browser does not keep an older bundle.

A rebuild that writes no page still writes the bundle: its first comment lists the sheets
it holds, which a page already bundled no longer names.

Config values: none.

Events: ``build-finished`` (after ``unused_css`` has pruned the sheets, priority 950).
"""

from __future__ import annotations

import posixpath
import re
import zlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

__version__ = "1.0"

logger = logging.getLogger(__name__)

BUNDLE = "bundle.css"

_LINK = re.compile(r"[ \t]*<link\b[^>]*\brel=\"stylesheet\"[^>]*>\n?")
_ATTRIBUTE = re.compile(r"([\w-]+)=\"([^\"]*)\"")
_URL = re.compile(r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^'\")\s]+))\s*\)")
_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?(['\"])([^'\"]+)\1\s*\)?\s*;")
_CHARSET = re.compile(r"@charset\s+\"[^\"]*\"\s*;")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
_CONTENTS = re.compile(r"\A@charset \"UTF-8\";\n/\* bundle of: (.*) \*/\n")


def _is_relative(url: str) -> bool:
    return not re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", url, re.I)


def sheet_text(static: Path, relative: str) -> str:
    """The sheet at ``relative`` (to ``static``) as the bundle holds it: its relative urls
    made relative to ``static``, its imports of the site's sheets inlined (recursively), no
    ``@charset`` and no source map."""
    folder = posixpath.dirname(relative)
    css = (static / relative).read_text(encoding="utf-8")

    def rebase(match: re.Match[str]) -> str:
        double, single, _ = match.groups()
        url = next(part for part in match.groups() if part is not None)
        if not url or not _is_relative(url):
            return match.group(0)
        quote = '"' if double is not None else "'" if single is not None else ""
        return f"url({quote}{posixpath.normpath(posixpath.join(folder, url))}{quote})"

    # text, quote, imported sheet, text, …: the imported sheets' urls are rebased from theirs.
    pieces = _IMPORT.split(_SOURCE_MAP.sub("", _CHARSET.sub("", css)))
    parts = []
    for index in range(0, len(pieces), 3):
        parts.append(_URL.sub(rebase, pieces[index]))
        if index + 2 < len(pieces):
            target = pieces[index + 2]
            if not _is_relative(target):
                raise ValueError(f"{relative}: @import of {target!r}, not a sheet of the site")
            parts.append(sheet_text(static, posixpath.normpath(posixpath.join(folder, target))))
    return "".join(parts)


def bundle(static: Path, sheets: list[str]) -> str:
    """The sheets (relative to ``static``), in their order, as one sheet for ``static``; it
    opens with its ``@charset`` (it is written in UTF-8) and the list of the sheets."""
    parts = [f'@charset "UTF-8";\n/* bundle of: {" ".join(sheets)} */\n']
    parts += [f"/* {sheet} */\n{sheet_text(static, sheet)}\n" for sheet in sheets]
    return "".join(parts)


def bundled_sheets(css: str) -> list[str] | None:
    """The sheets that a bundle written by :func:`bundle` lists, in order; ``None`` for a
    sheet that is not such a bundle."""
    listed = _CONTENTS.match(css)
    return listed.group(1).split(" ") if listed else None


def linked_sheets(page: Path, head: str, static: Path) -> list[str]:
    """The sheets of ``static`` that ``head`` (of ``page``) links, in order; a ``ValueError``
    saying why when a link cannot be bundled."""
    sheets = []
    for link in _LINK.finditer(head):
        attributes = dict(_ATTRIBUTE.findall(link.group(0)))
        href = attributes.get("href", "")
        if set(attributes) - {"rel", "type", "href"} or not _is_relative(href):
            raise ValueError(f"a link the bundle cannot stand for: {link.group(0).strip()}")
        path = (page.parent / href.split("?")[0]).resolve()
        if not path.is_relative_to(static.resolve()):
            raise ValueError(f"a sheet outside _static: {href}")
        sheets.append(path.relative_to(static.resolve()).as_posix())
    return sheets


def with_bundle(html: str, page: Path, static: Path, checksum: str) -> str:
    """``html`` whose head links the bundle in place of its first sheet and none of the others."""
    end = html.index("</head>")
    head, links = html[:end], list(_LINK.finditer(html[:end]))
    prefix = posixpath.relpath(static.resolve().as_posix(), page.parent.resolve().as_posix())
    first = links[0]
    indent = first.group(0)[: len(first.group(0)) - len(first.group(0).lstrip(" \t"))]
    tag = f'{indent}<link rel="stylesheet" type="text/css" href="{prefix}/{BUNDLE}?v={checksum}" />\n'
    kept, start = [], 0
    for index, link in enumerate(links):
        kept.append(head[start : link.start()])
        if index == 0:
            kept.append(tag)
        start = link.end()
    return "".join(kept) + head[start:] + html[end:]


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    pages = [page for page in outdir.rglob("*.html") if not page.is_relative_to(static)]
    fresh: set[Path] = set()  # pages that still link the separate sheets
    order: list[str] | None = None
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html.partition("</head>")[0] if "</head>" in html else ""
        if f"/{BUNDLE}?v=" in head or not _LINK.search(head):
            continue
        try:
            found = linked_sheets(page, head, static)
        except ValueError as reason:
            logger.warning(f"css_bundle: {page.relative_to(outdir)} keeps its style sheets: {reason}")
            continue
        if order is not None and found != order:
            logger.warning(f"css_bundle: {page.relative_to(outdir)} links other sheets than the others: {found}")
            continue
        order = found
        fresh.add(page)
    target = static / BUNDLE
    if order is None:  # no page written afresh: the bundle's own list
        order = bundled_sheets(target.read_text(encoding="utf-8")) if target.exists() else None
        if order is None:
            return
    text = bundle(static, order)
    target.write_text(text, encoding="utf-8")
    checksum = f"{zlib.crc32(text.encode('utf-8')):08x}"
    stale = re.compile(re.escape(BUNDLE) + r"\?v=[0-9a-f]{8}")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if page in fresh:
            bundled = with_bundle(html, page, static, checksum)
        else:  # bundled by an earlier build: the current checksum
            bundled = stale.sub(f"{BUNDLE}?v={checksum}", html)
        if bundled != html:
            page.write_text(bundled, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", _write, priority=950)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
