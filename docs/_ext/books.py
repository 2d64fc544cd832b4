"""Typeset each language's PDF book with its own LaTeX settings, its appendices at the back.

Job, for the LaTeX builder only: Sphinx has one ``latex_elements`` for every language, but the
Chinese book needs ctex (its chapter names, 第 1 章, and its line breaking) where the English
book needs only xeCJK for the glossary's Chinese column. ``books_latex_elements`` maps a
language to the keys that replace those of ``latex_elements`` in that language's book.

The book's chapters are the pages the root page's table of contents lists. Sphinx puts each
where its ``toctree`` is, inside the root page's section "A map of the chapters", which would
make the whole book one chapter; this extension moves them after that section, so each page
the root page lists is a chapter. The pages named in ``latex_appendices`` are also in that
table of contents, so Sphinx would print them twice: once as chapters, once as appendices;
only the appendices are kept, after the last chapter.

Config values: ``books_latex_elements`` (``{}``), ``{language: {latex_elements key: value}}``.
Events: ``config-inited`` (merges the language's keys), ``doctree-resolved`` (on the book's
assembled tree, makes the root page's pages chapters and removes the appendices' first copies).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config


def _merge_language_elements(app: Sphinx, config: Config) -> None:
    overrides = config.books_latex_elements.get(config.language, {})
    config.latex_elements = {**config.latex_elements, **overrides}


def _make_chapters(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name != "latex" or docname != app.config.root_doc:
        return
    listed = set(app.env.toctree_includes.get(docname, []))
    root_section = next(iter(doctree.findall(nodes.section)))
    appendices = set(app.config.latex_appendices)
    for page in [page for page in doctree.findall(addnodes.start_of_file) if page["docname"] in listed]:
        page.parent.remove(page)
        if page["docname"] not in appendices:
            root_section.append(page)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("books_latex_elements", {}, "env", types=frozenset({dict}))
    app.connect("config-inited", _merge_language_elements)
    app.connect("doctree-resolved", _make_chapters)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
