"""The ``verified-examples`` directive: a sentence saying how many examples this build ran.

The sentence, in the page's language, counts the package's doctests (left in the
environment by ``package_doctests`` as ``env.package_doctests_examples``) and the pages'
examples (``env.page_doctests_examples``, by ``page_doctests``). The directive leaves a
placeholder that is filled once every page has been read. The counts change whenever any
page or module changes, so the pages that show them are read again on every build; an
environment collector keeps which pages those are.

Under the gettext builder the placeholder is dropped: the sentence is translated here, not
in a catalog.

Config values: none. Events: ``doctree-resolved`` (fills the sentence); the collector's
``env-purge-doc``, ``env-merge-info``, ``doctree-read`` and ``env-get-updated``.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util.docutils import SphinxDirective

SENTENCES = {
    "en": "{total} examples verified: every example in this reference ({package} in the "
    "package's docstrings) and on the pages ({pages}) ran during this build and printed "
    "exactly what it shows.",
    "zh_CN": "已验证 {total} 个示例：本参考中的全部示例（包的文档字符串中 {package} 个）和各页面中的示例"
    "（{pages} 个）都在本次构建中运行过，输出与所示完全一致。",
}


class verified_examples(nodes.General, nodes.Element):
    """Placeholder, filled with the final counts once every page has been read."""


class VerifiedExamples(SphinxDirective):
    """``verified-examples``: a sentence saying how many examples this build ran."""

    def run(self) -> list[nodes.Node]:
        return [verified_examples()]


class CountingPages(EnvironmentCollector):
    """Keeps which pages show the counts (``env.verified_examples_pages``) and re-reads them."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        env.verified_examples_pages.discard(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        env.verified_examples_pages |= other.verified_examples_pages & set(docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        if any(doctree.findall(verified_examples)):
            app.env.verified_examples_pages.add(app.env.docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        return sorted(env.verified_examples_pages)


def _create_store(app: Sphinx) -> None:
    if not hasattr(app.env, "verified_examples_pages"):
        app.env.verified_examples_pages = set()


def _fill_counts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(verified_examples)):
        if app.builder.name == "gettext":
            node.parent.remove(node)
            continue
        pages = sum(app.env.page_doctests_examples.values())
        package = app.env.package_doctests_examples
        sentence = SENTENCES.get(app.config.language, SENTENCES["en"])
        paragraph = nodes.paragraph(classes=["verified-examples"])
        paragraph += nodes.strong(text=sentence.format(total=package + pages, package=package, pages=pages))
        node.replace_self(paragraph)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("package_doctests")  # the counts come from these two
    app.setup_extension("page_doctests")
    app.add_node(verified_examples)
    app.add_directive("verified-examples", VerifiedExamples)
    app.connect("builder-inited", _create_store)
    app.add_env_collector(CountingPages)
    app.connect("doctree-resolved", _fill_counts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
