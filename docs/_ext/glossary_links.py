"""Link the first use of each glossary term on a page to its row in the glossary.

Each row of the glossary page gets the anchor ``term-<english-slug>``
(``glossary.html#term-kl-divergence``), the same in both editions. On every other page,
the first time the prose uses a term it becomes a link to that row: in the source
language the English form, in a translation the Chinese form, found as the ``glossary``
module finds terms (plurals and other inflections too). Headings, code, math, text that
is already a link and elements with one of the skipped classes are left alone.

Every page depends on the glossary, so a new term reaches every page on the next build.

Config values:

* ``glossary_links_page`` (``"glossary"``): the docname of the glossary page;
* ``glossary_links_skip_classes`` (``[]``): classes of elements whose text is not prose,
  such as executed cells' outputs (``cell_output``).

Events: ``doctree-read`` (anchors the rows; records the dependency on the glossary),
``doctree-resolved`` (links the terms, HTML builders only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from glossary import TermMatcher, anchor, glossary_rows
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

# Text inside these is not prose to link from.
SKIP = (
    nodes.title,
    nodes.subtitle,
    nodes.caption,
    nodes.rubric,
    nodes.literal,
    nodes.literal_block,
    nodes.math,
    nodes.math_block,
    nodes.reference,
    nodes.raw,
    nodes.target,
    nodes.comment,
    nodes.FixedTextElement,
    nodes.field_name,
    nodes.image,
    nodes.term,
    addnodes.pending_xref,
    addnodes.desc_signature,
    addnodes.toctree,
    addnodes.compact_paragraph,
)


def _glossary_source(app: Sphinx) -> Path:
    return Path(app.env.doc2path(app.config.glossary_links_page))


def _rows(app: Sphinx) -> list[dict[str, str]]:
    return glossary_rows(_glossary_source(app))


def _mark_rows(app: Sphinx, doctree: nodes.document) -> None:
    """Give each glossary row its anchor, in the order of the rows in the source."""
    tables = list(doctree.findall(nodes.table))
    body_rows = [row for row in tables[0].findall(nodes.row) if isinstance(row.parent, nodes.tbody)]
    rows = _rows(app)
    if len(body_rows) != len(rows):
        raise ExtensionError(f"the glossary table has {len(body_rows)} rows, its source {len(rows)}")
    for node, row in zip(body_rows, rows, strict=True):
        node["ids"].append(anchor(row["english"]))


def _on_read(app: Sphinx, doctree: nodes.document) -> None:
    if app.env.docname == app.config.glossary_links_page:
        _mark_rows(app, doctree)
    else:
        app.env.note_dependency(str(_glossary_source(app)))


def _is_prose(node: nodes.Node, skip_classes: set[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIP) or skip_classes.intersection(parent.get("classes", ())):
            return False
        parent = parent.parent
    return True


def _link_terms(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    page = app.config.glossary_links_page
    if docname == page or app.builder.format != "html":
        return
    column = "english" if app.config.language == "en" else "chinese"
    targets = {row[column]: anchor(row["english"]) for row in _rows(app)}
    matcher = TermMatcher(targets)
    skip_classes = set(app.config.glossary_links_skip_classes)
    glossary_uri = app.builder.get_relative_uri(docname, page)
    linked: set[str] = set()
    for text in list(doctree.findall(nodes.Text)):
        if not _is_prose(text, skip_classes):
            continue
        pieces: list[nodes.Node] = []
        position, source = 0, str(text)
        for term, match in matcher.finditer(source):
            target = targets[term]
            if target in linked:
                continue
            linked.add(target)
            if match.start() > position:
                pieces.append(nodes.Text(source[position : match.start()]))
            pieces.append(
                nodes.reference(
                    match.group(),
                    match.group(),
                    internal=True,
                    refuri=f"{glossary_uri}#{target}",
                    classes=["glossary-term"],
                )
            )
            position = match.end()
        if pieces:
            if position < len(source):
                pieces.append(nodes.Text(source[position:]))
            text.parent.replace(text, pieces)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("glossary_links_page", "glossary", "env", types=frozenset({str}))
    app.add_config_value("glossary_links_skip_classes", [], "env", types=frozenset({list, tuple}))
    app.connect("doctree-read", _on_read)
    app.connect("doctree-resolved", _link_terms)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
