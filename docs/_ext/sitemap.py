"""Canonical URLs and ``sitemap.xml`` for the site's one-folder-per-language layout.

For a build of language ``L`` this extension writes ``L/sitemap.xml``, listing every page
with its counterparts in the other languages, and the root ``sitemap.xml`` index that
points to each language's sitemap.

It is also the one place that fills ``html_baseurl`` (so each page names its canonical
address): ``conf.py`` cannot, since it runs before ``-D language=…`` applies. If
``html_baseurl`` is left empty, it becomes ``sitemap_site_url`` + ``L/``; a value set in
``conf.py`` or with ``-D`` is kept as it is.

Config values:

* ``sitemap_site_url`` (``"http://127.0.0.1:8000/"``, where ``make serve`` puts the site):
  the site's public address, above the language folders;
* ``sitemap_languages`` (``[]``): the site's languages.

Events: ``config-inited`` (``html_baseurl``), ``build-finished`` (the sitemaps).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sphinx.application import Sphinx
from sphinx.config import Config


def _site_url(config: Config) -> str:
    url: str = config.sitemap_site_url
    return url if url.endswith("/") else url + "/"


def _fill_base_url(app: Sphinx, config: Config) -> None:
    if not config.html_baseurl:
        config.html_baseurl = f"{_site_url(config)}{config.language}/"


def _write_sitemaps(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    base, suffix, languages = _site_url(app.config), app.builder.link_suffix, app.config.sitemap_languages
    entries = []
    for docname in sorted(app.env.found_docs):
        alternates = "".join(
            f'\n    <xhtml:link rel="alternate" hreflang="{lang.replace("_", "-")}" '
            f'href="{escape(f"{base}{lang}/{docname}{suffix}")}"/>'
            for lang in languages
        )
        entries.append(
            f"  <url>\n    <loc>{escape(f'{base}{app.config.language}/{docname}{suffix}')}</loc>{alternates}\n  </url>"
        )
    Path(app.outdir, "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n",
        encoding="utf-8",
    )
    sitemaps = "\n".join(f"  <sitemap><loc>{escape(base + lang)}/sitemap.xml</loc></sitemap>" for lang in languages)
    Path(app.outdir).parent.joinpath("sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{sitemaps}\n</sitemapindex>\n',
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("sitemap_site_url", "http://127.0.0.1:8000/", "html", types=frozenset({str}))
    app.add_config_value("sitemap_languages", [], "html", types=frozenset({list, tuple}))
    app.connect("config-inited", _fill_base_url)
    app.connect("build-finished", _write_sitemaps)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
