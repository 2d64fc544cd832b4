"""Run the examples on every page when it is read; a failure stops the build.

A page's doctest blocks (reST ``>>>`` blocks and MyST ```` ```pycon ```` fences) run when
the page is read, in one namespace per page, with the option flags ``conf.py`` gives; a
failure stops the build naming the page, line and example. Docstring examples that
autodoc renders on API pages are skipped: ``package_doctests`` runs them with the package.

How many examples each page ran lives in the environment, ``env.page_doctests_examples``
(docname → count), kept by an environment collector, so it stays right in incremental and
parallel builds; the ``verified_examples`` extension states the total.

Config values: ``page_doctests_flags`` (``[]``): the doctest option flags, by name.

Events: ``builder-inited`` (creates the store); the collector's ``env-purge-doc``,
``env-merge-info`` and ``doctree-read``.
"""

from __future__ import annotations

import doctest
from collections.abc import Iterator, Set
from typing import Any

from doctest_runner import CollectingRunner
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.errors import ExtensionError


def _page_examples(doctree: nodes.document) -> Iterator[nodes.Element]:
    for node in doctree.findall(lambda n: isinstance(n, (nodes.doctest_block, nodes.literal_block))):
        assert isinstance(node, nodes.Element)
        is_doctest = isinstance(node, nodes.doctest_block) or node.get("language") == "pycon"
        if is_doctest and not _in_rendered_docstring(node):
            yield node


def _in_rendered_docstring(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.desc_content):
            return True
        parent = parent.parent
    return False


class PageExamples(EnvironmentCollector):
    """Runs each page's examples as it is read and keeps how many ran."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        env.page_doctests_examples.pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        for docname in docnames:
            if docname in other.page_doctests_examples:
                env.page_doctests_examples[docname] = other.page_doctests_examples[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.docname
        runner, parser = CollectingRunner(app.config.page_doctests_flags), doctest.DocTestParser()
        globs: dict[str, Any] = {}
        for node in _page_examples(doctree):
            test = parser.get_doctest(node.astext(), globs, docname, str(env.doc2path(docname)), node.line)
            runner.run(test, clear_globs=False)  # examples on one page share a namespace
        if runner.problems:
            raise ExtensionError(f"failing doctest on page {docname!r}:\n\n" + "\n\n".join(runner.problems))
        env.page_doctests_examples[docname] = runner.tries


def _create_store(app: Sphinx) -> None:
    if not hasattr(app.env, "page_doctests_examples"):
        app.env.page_doctests_examples = {}


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("page_doctests_flags", [], "env", types=frozenset({list, tuple}))
    app.connect("builder-inited", _create_store)
    app.add_env_collector(PageExamples)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
