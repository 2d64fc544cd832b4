"""Run every example during the build: the ``notes`` docstrings and the ``>>>`` blocks on pages.

* When the builder starts, every doctest in every module of ``notes`` runs; the first
  build step that fails stops the build with the module, function, line and example.
* Each page's doctest blocks (reST ``>>>`` blocks and MyST ```` ```pycon ```` fences) run
  when the page is read; a failure stops the build naming the page and line. Docstring
  examples rendered by autodoc are skipped there: they already ran with the package.
* The ``verified-examples`` directive states how many examples ran, in the page's language.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import traceback

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

SENTENCES = {
    "en": "{total} examples verified: every example in this reference ({package} in the "
          "package's docstrings) and on the pages ({pages}) ran during this build and printed "
          "exactly what it shows.",
    "zh_CN": "已验证 {total} 个示例：本参考中的全部示例（包的文档字符串中 {package} 个）和各页面中的示例"
             "（{pages} 个）都在本次构建中运行过，输出与所示完全一致。",
}


class _CollectingRunner(doctest.DocTestRunner):
    """A runner that records failures as readable messages instead of printing them."""

    def __init__(self) -> None:
        super().__init__(optionflags=OPTIONS, verbose=False)
        self.problems: list[str] = []

    def _where(self, test: doctest.DocTest, example: doctest.Example) -> str:
        line = (test.lineno or 0) + example.lineno + 1
        return f"{test.name} ({test.filename}, line {line})\n    >>> {example.source.strip()}"

    def report_failure(self, out, test, example, got):
        self.problems.append(f"{self._where(test, example)}\n  expected: {example.want.strip()!r}\n"
                             f"  got:      {got.strip()!r}")

    def report_unexpected_exception(self, out, test, example, exc_info):
        error = "".join(traceback.format_exception_only(*exc_info[:2])).strip()
        self.problems.append(f"{self._where(test, example)}\n  raised:   {error}")


def run_package_doctests(package_name: str = "notes") -> int:
    """Run the doctests of every module of the package; return how many examples ran."""
    package = importlib.import_module(package_name)
    modules = [package]
    for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
        try:
            modules.append(importlib.import_module(info.name))
        except Exception as exc:
            raise ExtensionError(f"cannot import {info.name} to run its doctests: {exc!r}") from exc
    runner, finder = _CollectingRunner(), doctest.DocTestFinder()
    for module in modules:
        for test in finder.find(module, module.__name__):
            runner.run(test, clear_globs=True)
    if runner.problems:
        raise ExtensionError(f"{len(runner.problems)} failing doctest(s) in the {package_name} package:\n\n"
                             + "\n\n".join(runner.problems))
    return runner.tries


def _run_package_doctests(app: Sphinx) -> None:
    app.notes_package_examples = run_package_doctests()


def _page_examples(doctree: nodes.document):
    for node in doctree.findall(lambda n: isinstance(n, (nodes.doctest_block, nodes.literal_block))):
        is_doctest = isinstance(node, nodes.doctest_block) or node.get("language") == "pycon"
        rendered_docstring = any(isinstance(a, addnodes.desc_content) for a in _ancestors(node))
        if is_doctest and not rendered_docstring:
            yield node


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _run_page_doctests(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    runner, parser, globs = _CollectingRunner(), doctest.DocTestParser(), {}
    for node in _page_examples(doctree):
        test = parser.get_doctest(node.astext(), globs, docname, app.env.doc2path(docname), node.line)
        runner.run(test, clear_globs=False)  # examples on one page share a namespace
    if runner.problems:
        raise ExtensionError(f"failing doctest on page {docname!r}:\n\n" + "\n\n".join(runner.problems))
    app.env.notes_page_examples = getattr(app.env, "notes_page_examples", {})
    app.env.notes_page_examples[docname] = runner.tries


def _purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "notes_page_examples", {}).pop(docname, None)
    getattr(env, "notes_count_pages", set()).discard(docname)


def _merge(app: Sphinx, env, docnames, other) -> None:
    env.notes_page_examples = getattr(env, "notes_page_examples", {})
    env.notes_page_examples.update(getattr(other, "notes_page_examples", {}))
    env.notes_count_pages = getattr(env, "notes_count_pages", set()) | getattr(other, "notes_count_pages", set())


class verified_examples(nodes.General, nodes.Element):
    """Placeholder, filled with the final counts once every page has been read."""


class VerifiedExamples(SphinxDirective):
    """``verified-examples``: a sentence saying how many examples this build ran."""

    def run(self) -> list[nodes.Node]:
        self.env.notes_count_pages = getattr(self.env, "notes_count_pages", set()) | {self.env.docname}
        return [verified_examples()]


def _reread_count_pages(app: Sphinx, env) -> list[str]:
    """Counts change whenever any page or module changes: re-read the pages that show them."""
    return sorted(getattr(env, "notes_count_pages", set()))


def _fill_counts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(verified_examples)):
        if app.builder.name == "gettext":  # the sentence is translated here, not in a catalog
            node.parent.remove(node)
            continue
        pages = sum(getattr(app.env, "notes_page_examples", {}).values())
        package = getattr(app, "notes_package_examples", 0)
        sentence = SENTENCES.get(app.config.language, SENTENCES["en"])
        paragraph = nodes.paragraph(classes=["verified-examples"])
        paragraph += nodes.strong(text=sentence.format(total=package + pages, package=package, pages=pages))
        node.replace_self(paragraph)


def setup(app: Sphinx) -> dict:
    app.add_node(verified_examples)
    app.add_directive("verified-examples", VerifiedExamples)
    app.connect("builder-inited", _run_package_doctests)
    app.connect("doctree-read", _run_page_doctests)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-updated", _reread_count_pages)
    app.connect("doctree-resolved", _fill_counts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
