"""Canonical URLs and ``sitemap.xml`` for the two-language layout.

The site's public address comes from the environment variable ``SITE_URL`` (default
``http://127.0.0.1:8000/``, where ``make serve`` puts it). For a build of language ``L``
this extension sets ``html_baseurl`` to ``SITE_URL/L/`` (so each page names its canonical
address), writes ``L/sitemap.xml`` listing every page with its counterpart in the other
language, and writes the root ``sitemap.xml`` index that points to both.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from sphinx.application import Sphinx
from sphinx.config import Config

from language_switch import LANGUAGES

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url() -> str:
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def _set_base_url(app: Sphinx, config: Config) -> None:
    config.html_baseurl = f"{site_url()}{config.language}/"


def _write_sitemaps(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    base, suffix = site_url(), app.builder.link_suffix
    entries = []
    for docname in sorted(app.env.found_docs):
        alternates = "".join(
            f'\n    <xhtml:link rel="alternate" hreflang="{lang.replace("_", "-")}" '
            f'href="{escape(f"{base}{lang}/{docname}{suffix}")}"/>' for lang in LANGUAGES)
        entries.append(f"  <url>\n    <loc>{escape(f'{base}{app.config.language}/{docname}{suffix}')}</loc>"
                       f"{alternates}\n  </url>")
    Path(app.outdir, "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n",
        encoding="utf-8")
    sitemaps = "\n".join(f"  <sitemap><loc>{escape(base + lang)}/sitemap.xml</loc></sitemap>" for lang in LANGUAGES)
    Path(app.outdir).parent.joinpath("sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{sitemaps}\n</sitemapindex>\n',
        encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _set_base_url)
    app.connect("build-finished", _write_sitemaps)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
