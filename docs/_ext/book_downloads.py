"""Offer the whole book, as PDF and as EPUB, in every page's download menu, with its size.

Job, for the HTML site (builder ``html``; not the EPUB, which is an HTML-format builder too):
the books are built before the site (``make pdf``, ``make epub``; the publishing workflows and
``make test`` do so). Each book of ``book_downloads`` that exists for the edition's language
when the site is built is copied to the edition's root folder and listed in the book theme's
download menu of every page, its size in the link's text ("Book, PDF (2.3 MB)"; the words come
from Sphinx's catalog, which the project's ``sphinx.po`` completes). A book that has not been
built is not offered, so the site never links to a file it lacks. The books' names and sizes
are part of the HTML build's configuration (``book_downloads_found``, set here, not in
``conf.py``), so a rebuilt book of another size rewrites every page.

Config values: ``book_downloads`` (``[]``), paths relative to the source folder, each with a
``{language}`` placeholder, e.g. ``"_build/pdf/notes-{language}.pdf"``.
Events: ``config-inited`` (finds the books), ``html-page-context`` (after the theme's buttons,
priority 502 > 501), ``build-finished`` (copies the books).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _

#: Each book format's link text and tooltip (translated through Sphinx's catalog).
_FORMATS = {
    ".pdf": ("Book, PDF (%s)", "Download the whole book as PDF"),
    ".epub": ("Book, EPUB (%s)", "Download the whole book as EPUB, for e-readers"),
}


def megabytes(size: int) -> str:
    """A file size in decimal megabytes, one decimal: ``2345678`` is ``"2.3 MB"``."""
    return f"{size / 1_000_000:.1f} MB"


def _find_books(app: Sphinx, config: Config) -> None:
    found = {}
    for pattern in config.book_downloads:
        book = Path(app.srcdir, pattern.format(language=config.language))
        if book.suffix not in _FORMATS:
            raise ValueError(f"book_downloads: {pattern!r} is none of {sorted(_FORMATS)}")
        if book.is_file():
            found[str(book)] = book.stat().st_size
    config.book_downloads_found = found


def _is_site(app: Sphinx) -> bool:
    return app.builder.name == "html"


def _add_links(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    groups = [button for button in context.get("header_buttons", []) if button.get("label") == "download-buttons"]
    if not _is_site(app) or not groups:
        return
    for path, size in app.config.book_downloads_found.items():
        book = Path(path)
        text, tooltip = _FORMATS[book.suffix]
        groups[0]["buttons"].append(
            {
                "type": "link",
                "url": context["pathto"](book.name, 1),
                "text": _(text) % megabytes(size),
                "tooltip": _(tooltip),
                "icon": "fas fa-book",
                "label": f"download-book-{book.suffix[1:]}-button",
            }
        )


def _copy_books(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _is_site(app):
        return
    for path in app.config.book_downloads_found:
        shutil.copy2(path, Path(app.outdir) / Path(path).name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("book_downloads", [], "html", types=frozenset({list, tuple}))
    app.add_config_value("book_downloads_found", {}, "html", types=frozenset({dict}))
    app.connect("config-inited", _find_books)
    app.connect("html-page-context", _add_links, priority=502)
    app.connect("build-finished", _copy_books)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
