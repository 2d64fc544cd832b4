"""The site's exercises: at least three on every teaching page, each with its answer, the same
in both editions, and every answer checked by the hidden cell that follows it.

A teaching page is a topic page of a chapter (``docs/<chapter>/<page>.md``, not the chapter's
``index.md``); the landing page, errata, glossary, notation, citing, performance and API
pages teach nothing to practise. The one markup of the site: an admonition titled
``Exercise`` (练习), then a dropdown admonition titled ``Answer`` (答案), then a code cell
tagged ``hide-input`` or ``hide-cell`` that asserts what the answer states, so that a wrong
answer stops the build (the build itself is the test of the numbers; this file checks that
each answer has its check).
"""

from __future__ import annotations

import itertools
import re

import pytest
from editions import LANGUAGES

from support.pages import Element, parse
from support.paths import DOCS

MINIMUM = 3
TITLES = {"en": ("Exercise", "Answer"), "zh_CN": ("练习", "答案")}
TEACHING_PAGES = sorted(
    str(page.relative_to(DOCS).with_suffix(""))
    for chapter in DOCS.glob("*/index.md")
    for page in chapter.parent.glob("*.md")
    if page.name != "index.md"
)

# In the MyST source: an Answer dropdown, then (after blank lines) a hidden code cell.
_ANSWER = re.compile(r"^:::\{admonition\} Answer\n:class: dropdown tip\n(?P<body>.*?)^:::\n", re.M | re.S)
_HIDDEN_CELL = re.compile(
    r"\s*```\{code-cell\} python3\n:tags: \[hide-(?:input|cell)\]\n(?P<code>.*?)^```", re.M | re.S
)


def _admonition_titles(page: Element) -> list[str]:
    """The titles of the page's admonitions, in document order (the article only)."""
    titles = []
    for article in page.find_all("article", class_="bd-article"):
        for admonition in article.find_all("div", class_="admonition"):
            title = next((p for p in admonition.find_all("p", class_="admonition-title")), None)
            if title is not None:
                titles.append(title.text().strip())
    return titles


def test_the_chapters_have_teaching_pages():
    """Guard: the page list is found (an empty list would make every test below pass)."""
    assert len(TEACHING_PAGES) >= 30 and "activations/softmax" in TEACHING_PAGES


@pytest.mark.parametrize("page", TEACHING_PAGES)
def test_every_answer_in_the_source_is_followed_by_a_hidden_cell_that_asserts(page):
    source = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    answers = list(_ANSWER.finditer(source))
    assert len(answers) >= MINIMUM, f"{page}.md has {len(answers)} answers, fewer than {MINIMUM}"
    unchecked = []
    for answer in answers:
        cell = _HIDDEN_CELL.match(source, answer.end())
        if cell is None or not re.search(r"^\s*assert\b", cell["code"], re.M):
            unchecked.append(answer["body"].strip().splitlines()[0][:70])
    assert not unchecked, f"{page}.md: answers with no hidden asserting cell right after them: {unchecked}"


@pytest.mark.build
@pytest.mark.parametrize("page", TEACHING_PAGES)
def test_every_teaching_page_has_three_answered_exercises_in_both_editions(site, page):
    counts = {}
    for language in LANGUAGES:
        exercise, answer = TITLES[language]
        titles = _admonition_titles(parse(site / language / f"{page}.html"))
        pairs = sum(1 for first, second in itertools.pairwise(titles) if (first, second) == (exercise, answer))
        assert titles.count(exercise) == pairs, (
            f"{language}/{page}: {titles.count(exercise)} exercises but {pairs} answered right after: {titles}"
        )
        counts[language] = pairs
    assert min(counts.values()) >= MINIMUM and len(set(counts.values())) == 1, f"{page}: exercises per edition {counts}"
