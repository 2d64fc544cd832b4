"""What a build costs: each page executes once for both languages, and only when it must.

One throwaway copy of the repository is built from nothing (no execution cache), then
rebuilt four ways, as a developer would: with nothing changed, after a prose edit, and
after a change to the package that a page prints. Executions are counted from MyST-NB's
own log lines (``support.build``); the executable pages are found in the page sources.
Times are not asserted here: ``make bench`` measures them.
"""

from __future__ import annotations

import re

import pytest
from editions import LANGUAGES

from support.build import copy_repository, executable_pages, make_html
from support.pages import parse

pytestmark = pytest.mark.build

# A page prose edit, and a package change whose effect a page prints.
PROSE_PAGE = "information/entropy"
PROSE = "A sentence added by the rebuild test."
MODULE = "src/notes/broadcasting.py"
OLD_MESSAGE, NEW_MESSAGE = "(counting from the right)", "(dimensions counted from the right)"
PRINTING_PAGE = "broadcasting/broadcasting"


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    """The copy and its builds, in order: cold, nothing changed, prose edit, package edit."""
    repository = copy_repository(tmp_path_factory.mktemp("cost") / "repository", with_cache=False)
    builds = {"repository": repository, "cold": make_html(repository)}
    builds["unchanged"] = make_html(repository)

    page = repository / "docs" / f"{PROSE_PAGE}.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{PROSE}\n", encoding="utf-8")
    builds["prose"] = make_html(repository)

    module = repository / MODULE
    source = module.read_text(encoding="utf-8")
    assert source.count(OLD_MESSAGE) == 2, "the message (code and example) this test changes has moved"
    module.write_text(source.replace(OLD_MESSAGE, NEW_MESSAGE), encoding="utf-8")
    builds["package"] = make_html(repository)
    return builds


def _what_was_read(build) -> str:
    """The build log's lines that say what each language read and ran, for failure messages."""
    return "\n".join(
        line
        for line in build.log.splitlines()
        if line.startswith(("building ", "updating environment", "looking for")) or "Executing notebook" in line
    )


def _succeeded(build) -> None:
    assert build.returncode == 0, build.log[-3000:]
    assert set(build.languages) == set(LANGUAGES), build.log[-3000:]


def _text(builds: dict, language: str, page: str) -> str:
    """The text of a built page of the copy."""
    return parse(builds["repository"] / "docs" / "_build" / "html" / language / f"{page}.html").text()


def test_a_cold_build_executes_each_executable_page_once_for_both_languages(builds):
    cold = builds["cold"]
    _succeeded(cold)
    pages = executable_pages(builds["repository"] / "docs")
    assert len(pages) > 20, pages  # the site's executable pages, found in their sources
    assert sorted(cold.executed) == sorted(pages), (
        f"executed {len(cold.executed)} times for {len(pages)} executable pages: {sorted(cold.executed)}"
    )
    assert cold.languages["zh_CN"].executed == [], "the Chinese build must reuse the English outputs"


def test_a_rebuild_with_nothing_changed_reads_and_executes_nothing(builds):
    unchanged = builds["unchanged"]
    _succeeded(unchanged)
    for language, build in unchanged.languages.items():
        assert build.read == 0, (
            f"{language}: {build.read} pages read again with nothing changed\n{_what_was_read(unchanged)}"
        )
        assert build.executed == [], f"{language}: executed {build.executed}"


def test_a_prose_edit_rereads_that_page_and_executes_no_notebook(builds):
    prose = builds["prose"]
    _succeeded(prose)
    assert prose.executed == [], f"a prose edit executed {prose.executed}"
    for language, build in prose.languages.items():
        assert build.read == 1, f"{language}: {build.read} pages read for a one-page edit\n{_what_was_read(prose)}"
    assert PROSE in _text(builds, "en", PROSE_PAGE)


def test_a_package_change_reexecutes_the_pages_and_shows_the_new_output(builds):
    package = builds["package"]
    _succeeded(package)
    assert PRINTING_PAGE in package.languages["en"].executed, package.languages["en"].executed
    assert package.languages["zh_CN"].executed == []
    for language in LANGUAGES:
        text = _text(builds, language, PRINTING_PAGE)
        printed = re.findall(r"cannot broadcast: size 3 and size 4 at dimension -1 (.*?) of shapes", text)
        assert printed and set(printed) == {NEW_MESSAGE}, f"{language}: the page still shows the old output: {printed}"
