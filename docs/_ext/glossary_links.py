"""Link the first use of each glossary term on a page to its row in the glossary.

The glossary (``docs/glossary.md``) is the source of truth for the terms: each row gets
the anchor ``term-<english-slug>`` (``glossary.html#term-kl-divergence``), the same in
both languages. On every other page, the first time the prose uses a term it becomes a
link to that row: in the English edition the English form (plurals too), in the Chinese
edition the Chinese form, as the glossary gives it. Headings, code, math, outputs, the
Performance page's figures and text that is already a link are left alone.

Every page depends on the glossary, so a new term reaches every page on the next build.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from search_best_bets import glossary_rows

GLOSSARY = "glossary"
# Text inside these is not prose to link from.
SKIP = (nodes.title, nodes.subtitle, nodes.caption, nodes.rubric, nodes.literal, nodes.literal_block,
        nodes.math, nodes.math_block, nodes.reference, nodes.raw, nodes.target, nodes.comment,
        nodes.FixedTextElement, nodes.field_name, nodes.image, nodes.term,
        addnodes.pending_xref, addnodes.desc_signature, addnodes.toctree, addnodes.compact_paragraph)
# Nor inside these: executed cells' outputs, and figures of the Performance page.
SKIP_CLASSES = {"cell_output", "bench-figure"}


def anchor(english: str) -> str:
    """The row's anchor: ``KL divergence`` → ``term-kl-divergence``."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")


def _rows(app: Sphinx) -> list[dict[str, str]]:
    return glossary_rows(Path(app.srcdir) / f"{GLOSSARY}.md")


def _term_pattern(term: str, language: str) -> str:
    """A regex for ``term`` as a reader writes it: Chinese as it is; Latin as whole words,
    any case, hyphen or space between words, plural ending allowed."""
    if language != "en" and not re.search(r"[A-Za-z]", term):
        return re.escape(term)
    words = [re.escape(word) for word in re.split(r"[\s-]+", term)]
    return r"(?<![\w-])" + r"[\s-]".join(words) + r"(?:s|es)?(?![\w-])"


def _matcher(app: Sphinx) -> tuple[re.Pattern, dict[int, str]]:
    """One regex for all terms, longest first (so "binary cross-entropy" wins over
    "cross-entropy"), and which row anchor each alternative's group stands for."""
    language = app.config.language or "en"
    terms = []
    for row in _rows(app):
        form = row["english"] if language == "en" else row["chinese"]
        terms.append((form, anchor(row["english"])))
    terms.sort(key=lambda term: -len(term[0]))
    pattern = "|".join(f"({_term_pattern(form, language)})" for form, _ in terms)
    return re.compile(pattern, re.I), {index + 1: target for index, (_, target) in enumerate(terms)}


def _mark_rows(app: Sphinx, doctree: nodes.document) -> None:
    """Give each glossary row its anchor, in the order of the rows in the source."""
    tables = list(doctree.findall(nodes.table))
    body_rows = [row for row in tables[0].findall(nodes.row) if isinstance(row.parent, nodes.tbody)]
    rows = _rows(app)
    if len(body_rows) != len(rows):
        raise ValueError(f"the glossary table has {len(body_rows)} rows, its source {len(rows)}")
    for node, row in zip(body_rows, rows):
        node["ids"].append(anchor(row["english"]))


def _on_read(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if docname == GLOSSARY:
        _mark_rows(app, doctree)
    else:
        app.env.note_dependency(str(Path(app.srcdir) / f"{GLOSSARY}.md"))


def _is_prose(node: nodes.Text) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIP) or SKIP_CLASSES.intersection(parent.get("classes", ())):
            return False
        parent = parent.parent
    return True


def _link_terms(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname == GLOSSARY or app.builder.format != "html":
        return
    matcher, targets = _matcher(app)
    glossary_uri = app.builder.get_relative_uri(docname, GLOSSARY)
    linked: set[str] = set()
    for text in list(doctree.findall(nodes.Text)):
        if not _is_prose(text):
            continue
        pieces, position, source = [], 0, str(text)
        for match in matcher.finditer(source):
            target = targets[match.lastindex]
            if target in linked:
                continue
            linked.add(target)
            if match.start() > position:
                pieces.append(nodes.Text(source[position:match.start()]))
            pieces.append(nodes.reference(match.group(), match.group(), internal=True,
                                          refuri=f"{glossary_uri}#{target}", classes=["glossary-term"]))
            position = match.end()
        if pieces:
            if position < len(source):
                pieces.append(nodes.Text(source[position:]))
            text.parent.replace(text, pieces)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", _on_read)
    app.connect("doctree-resolved", _link_terms)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
