"""中英对照: on a translated page, keep each translated block's English original, shown on request.

Job: while a page of a translated edition is read, copy every paragraph and heading that
gettext will translate, *before* Sphinx's ``Locale`` transform replaces its text, and put
the copy back under the translated block once the translation is in. The copy is the
English source of the same build, parsed like any other text (math, code, links, glued
values), so it is never out of date. It is written as ``<div class="parallel-en" lang="en">``,
hidden until the reader presses the 中英对照 button (``_templates/parallel-toggle.html``);
``_static/parallel-text.js`` remembers the choice across pages.

Config values:

* ``parallel_text_languages`` (list of language codes, default ``["zh_CN"]``): the
  editions whose pages offer the view.

Events and hooks: two transforms around ``sphinx.transforms.i18n.Locale`` (priority 20),
``builder-inited`` (adds the script to HTML builds of those languages) and
``html-page-context`` (tells the template to show the button). Builders other than HTML
(LaTeX, EPUB, text) leave the copies out.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

__version__ = "1.0"

#: The node kinds whose originals are shown; others (terms, captions, alt texts) are not.
_SHOWN = (nodes.paragraph, nodes.title)
#: A heading's English goes after it only inside these; elsewhere (tables) it is left out.
_TITLED = (nodes.section, nodes.Admonition, nodes.topic, nodes.sidebar)


class parallel_original(nodes.General, nodes.Element):
    """The English original of one translated block."""


def _enabled(transform: SphinxTransform) -> bool:
    app = transform.app
    return (
        app.config.language in app.config.parallel_text_languages
        and getattr(app.builder, "format", "") == "html"
        and app.builder.name in {"html", "dirhtml", "singlehtml"}
    )


class KeepOriginals(SphinxTransform):
    """Copy the blocks gettext is about to translate."""

    default_priority = 19  # before sphinx.transforms.i18n.Locale

    def apply(self, **kwargs: Any) -> None:
        if not _enabled(self):
            return
        self.document._parallel_originals = [  # type: ignore[attr-defined]
            (node, node.deepcopy()) for node, _ in extract_messages(self.document) if isinstance(node, _SHOWN)
        ]


class InsertOriginals(SphinxTransform):
    """Put each translated block's English copy right after it."""

    default_priority = 21  # after sphinx.transforms.i18n.Locale

    def apply(self, **kwargs: Any) -> None:
        originals = self.document.__dict__.pop("_parallel_originals", [])
        for node, original in originals:
            if not node.get("translated") or node.astext() == original.astext():
                continue
            parent = node.parent
            if parent is None or (isinstance(node, nodes.title) and not isinstance(parent, _TITLED)):
                continue
            block = parallel_original(classes=["parallel-en", "no-search"])
            block += nodes.paragraph("", "", *original.children) if isinstance(node, nodes.title) else original
            for element in block.findall(nodes.Element):  # the translated block owns the ids
                element["ids"] = []
                element["names"] = []
            parent.insert(parent.index(node) + 1, block)


def _visit_html(self, node: parallel_original) -> None:
    self.body.append(self.starttag(node, "div", "", lang="en"))


def _depart_html(self, node: parallel_original) -> None:
    self.body.append("</div>\n")


def _skip(self, node: parallel_original) -> None:
    raise nodes.SkipNode


def _add_script(app: Sphinx) -> None:
    if app.config.language in app.config.parallel_text_languages and app.builder.name == "html":
        app.add_js_file("parallel-text.js")


def _tell_template(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["parallel_text"] = app.config.language in app.config.parallel_text_languages


def setup(app: Sphinx) -> dict:
    app.add_config_value("parallel_text_languages", ["zh_CN"], "env", types=[list])
    app.add_node(
        parallel_original,
        html=(_visit_html, _depart_html),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_transform(KeepOriginals)
    app.add_transform(InsertOriginals)
    app.connect("builder-inited", _add_script)
    app.connect("html-page-context", _tell_template)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
