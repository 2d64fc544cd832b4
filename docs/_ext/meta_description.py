"""Give every page a ``<meta name="description">``: the first sentence of its first paragraph.

Job: search engines show a page's description under its title; without one they pick a
fragment of their own. For each page written, this extension takes the first paragraph of
the page's text (not of a cell's output, an admonition, the navigation or, on a translated
page, the English original that 中英对照 keeps), in the page's language (a translated page's
doctree is already translated), and its first sentence as plain text: markup dropped, a
formula as its TeX source. Pages with no text of their own (the index, the search page, the
module index, highlighted source) take the root page's description. A page that sets its own
(``.. meta:: :description:``) keeps it.

Config values: none (the root page is Sphinx's ``root_doc``).

Events: ``html-page-context`` (adds the tag to the page's ``metatags``).
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

__version__ = "1.0"

#: Blocks whose paragraphs are not the page's own opening text.
_NOT_TEXT = (nodes.Admonition, nodes.sidebar, nodes.topic, nodes.table, nodes.field_list, nodes.footnote)
_NOT_TEXT_CLASSES = {"parallel-en", "cell_output", "toctree-wrapper"}
#: A sentence ends at a full stop, question or exclamation mark (followed by a space in
#: English, at once in Chinese); "e.g." and "i.e." do not end one.
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.!?](?=\s|$)|[。！？]")


def _is_text(paragraph: nodes.paragraph) -> bool:
    node: nodes.Element | None = paragraph
    while node is not None:
        if isinstance(node, _NOT_TEXT) or set(node.get("classes", [])) & _NOT_TEXT_CLASSES:
            return False
        node = node.parent
    return True


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, its white space collapsed (all of it if no sentence ends)."""
    text = " ".join(text.split())
    end = _SENTENCE_END.search(text)
    return text[: end.end()] if end else text


def description(doctree: nodes.document) -> str:
    """The first sentence of the first paragraph of a page's own text, or ``""``."""
    for paragraph in doctree.findall(nodes.paragraph):
        if _is_text(paragraph):
            sentence = first_sentence(paragraph.astext())
            if sentence:
                return sentence
    return ""


def _add_tag(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    metatags = context.get("metatags", "")
    if 'name="description"' in metatags:
        return
    text = description(doctree) if doctree is not None else ""
    if not text:
        text = description(app.env.get_doctree(app.config.root_doc))
    context["metatags"] = metatags + f'\n<meta name="description" content="{html.escape(text)}" />'


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _add_tag)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
