"""The EPUB book: formulas as MathML, and only markup and styles that EPUB 3 allows.

Job, for the ``epub`` builder only (the site is untouched):

* **Formulas.** E-readers run no JavaScript, and EPUB 3 makes MathML part of the format.
  KaTeX (``sphinxcontrib.katex``, which typesets the site too) is asked for MathML only,
  without the HTML rendering the site shows beside it, so a formula needs neither KaTeX's
  stylesheet nor its fonts, and the book links neither. Each formula keeps its TeX source in
  an annotation, for readers that cannot render MathML. Two of KaTeX's MathML constructs
  are not valid MathML, and are repaired: an operator name in a script, ``\\lambda_{\\max}``,
  is two elements (the name and an invisible function application) where the script takes
  one, so each such pair is grouped in an ``mrow``; ``\\bmod`` is an operator holding a row
  of letters, which becomes an operator holding the word.
* **The manifest.** EPUB 3 requires every page that holds MathML to say so in the book's
  manifest (``properties="mathml"`` on its ``item``), which Sphinx's ``content.opf`` template
  does not write: it is added to the items of the pages with a formula, once Sphinx has
  written the manifest and before it packs the book.
* **Markup.** A hidden cell's toggle (MyST-NB) puts paragraphs in a ``summary``, which takes
  phrasing content only: they become spans. A field of several returns (napoleon) is a list
  inside a paragraph, which takes no list: the paragraph goes.
* **Styles.** MyST-NB's stylesheet is written for browsers (``:has()``, ``:is()``, custom
  properties left empty on purpose), which EPUB's CSS profile cannot parse; an e-reader
  styles the cells itself, and the syntax colours stay. The book neither links it nor packs
  the copy MyST-NB writes into the book's folder when each build has finished.

* **The language.** The book's language is a BCP 47 tag, ``zh-CN``, where Sphinx's is a
  locale name, ``zh_CN``.

``epubcheck`` finds each of these (``tests/test_documents.py``).

Config values: none (it sets Sphinx's ``epub_language``). Events: ``config-inited`` (the
language tag), ``builder-inited`` (MathML only; the manifest and packing steps),
``html-page-context`` (the page's markup, its stylesheet links).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import sphinxcontrib.katex
from sphinx.application import Sphinx
from sphinx.config import Config

__version__ = "1.0"

# An item of content.opf's manifest, as Sphinx's template writes it.
_XHTML_ITEM = re.compile(r'<item id="[^"]*" href="(?P<href>[^"]*)" media-type="application/xhtml\+xml" />')
_MATHML = "<math xmlns="
# An operator name and the invisible function application KaTeX writes after it.
_OPERATOR_NAME = re.compile(r"(<mi>[^<]*</mi><mo>\u2061</mo>)")
# An operator holding a row of upright letters (KaTeX's \bmod).
_LETTERS_OPERATOR = re.compile(r'(<mo[^>]*>)<mrow>((?:<mi mathvariant="normal">\w</mi>)+)</mrow></mo>')
_LETTER = re.compile(r'<mi mathvariant="normal">(\w)</mi>')
_SUMMARY = re.compile(r"<summary>.*?</summary>", re.DOTALL)
_PARAGRAPH_TAG = re.compile(r"<(/?)p\b")
_LIST_IN_PARAGRAPH = re.compile(r"<p>(<ul [^>]*>.*?</ul>)\s*</p>", re.DOTALL)
# MyST-NB's stylesheet, as a page links it (its name holds a hash of its content).
_MYST_NB_STYLESHEET = re.compile(r"_static/mystnb\.[0-9a-f]+\.css")


def _is_epub(app: Sphinx) -> bool:
    return app.builder.name == "epub"


def declare_mathml(outdir: Path) -> None:
    """Add ``properties="mathml"`` to the manifest items in ``outdir/content.opf`` of the pages
    that hold a MathML formula."""
    package = outdir / "content.opf"

    def mark(item: re.Match[str]) -> str:
        if _MATHML not in (outdir / unquote(item["href"])).read_text(encoding="utf-8"):
            return item[0]
        return item[0].replace(" />", ' properties="mathml" />')

    package.write_text(_XHTML_ITEM.sub(mark, package.read_text(encoding="utf-8")), encoding="utf-8")


def epub_body(body: str) -> str:
    """A page's body with KaTeX's MathML repaired, no paragraph in a summary and no list in a
    paragraph."""
    body = _OPERATOR_NAME.sub(r"<mrow>\1</mrow>", body)
    body = _LETTERS_OPERATOR.sub(lambda mo: mo[1] + _LETTER.sub(r"\1", mo[2]) + "</mo>", body)
    body = _SUMMARY.sub(lambda summary: _PARAGRAPH_TAG.sub(r"<\1span", summary[0]), body)
    return _LIST_IN_PARAGRAPH.sub(r"\1", body)


def _browser_only(app: Sphinx, filename: str) -> bool:
    """Whether a stylesheet of the site stays out of the book."""
    return filename == posixpath.join("_static", app.config.katex_css_path) or bool(
        _MYST_NB_STYLESHEET.fullmatch(filename)
    )


def _prepare(app: Sphinx) -> None:
    if not _is_epub(app):
        return
    sphinxcontrib.katex.KATEX_DEFAULT_OPTIONS = {**sphinxcontrib.katex.KATEX_DEFAULT_OPTIONS, "output": "mathml"}
    builder: Any = app.builder
    outdir = Path(builder.outdir)
    write_manifest, pack = builder.build_content, builder.handle_finish

    def write_manifest_declaring_mathml() -> None:
        write_manifest()
        declare_mathml(outdir)

    def pack_without_browser_stylesheets() -> None:
        for stylesheet in (outdir / "_static").rglob("*.css"):
            if _browser_only(app, stylesheet.relative_to(outdir).as_posix()):
                stylesheet.unlink()
        pack()

    builder.build_content = write_manifest_declaring_mathml
    builder.handle_finish = pack_without_browser_stylesheets


def _page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if not _is_epub(app):
        return
    if "body" in context:
        context["body"] = epub_body(context["body"])
    context["css_files"] = [css for css in context.get("css_files", []) if not _browser_only(app, css.filename)]


def _language_tag(app: Sphinx, config: Config) -> None:
    config.epub_language = config.language.replace("_", "-")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _language_tag)
    app.connect("builder-inited", _prepare)
    app.connect("html-page-context", _page)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
