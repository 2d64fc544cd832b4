"""The glossary in the built site: a stable anchor per term, and pages linking to it."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import LANGUAGES, REPO

sys.path.insert(0, str(REPO / "docs" / "_ext"))
from glossary_links import anchor  # noqa: E402  (the extension's own anchors)
from search_best_bets import glossary_rows  # noqa: E402

GLOSSARY = glossary_rows(REPO / "docs" / "glossary.md")


def _normalized(term: str) -> str:
    return re.sub(r"[\s-]+", " ", term.lower())


def _links_to_rows(html: str) -> dict[str, str]:
    """The glossary links of a page: anchor → the linked text."""
    return {target: text for target, text in
            re.findall(r'<a class="glossary-term[^"]*"[^>]*href="[^"#]*glossary\.html#([^"]+)">([^<]*)</a>', html)}


def test_anchors_are_slugs_of_the_english_term():
    assert anchor("KL divergence") == "term-kl-divergence"
    assert anchor("cross-entropy") == "term-cross-entropy"
    assert len({anchor(row["english"]) for row in GLOSSARY}) == len(GLOSSARY), "two terms share an anchor"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_glossary_row_has_its_anchor_in_both_editions(site, language):
    html = (site / language / "glossary.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<tr[^>]* id="(term-[^"]+)"', html)
    assert anchors == [anchor(row["english"]) for row in GLOSSARY]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("row", GLOSSARY, ids=lambda row: row["english"])
def test_the_page_teaching_a_term_links_its_first_use_to_the_glossary(site, language, row):
    page = row["page"].strip("/")
    links = _links_to_rows((site / language / f"{page}.html").read_text(encoding="utf-8"))
    target = anchor(row["english"])
    assert target in links, f"{language}/{page}.html does not link {row['english']!r} to the glossary"
    form = _normalized(row["english"] if language == "en" else row["chinese"])
    assert _normalized(links[target]) in {form, form + "s", form + "es"}, (
        f"{language}/{page}.html links {links[target]!r} to the row of {form!r}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_term_is_linked_once_per_page_and_never_from_code_or_headings(site, language):
    html = (site / language / "activations" / "softmax.html").read_text(encoding="utf-8")
    targets = re.findall(r'class="glossary-term[^"]*"[^>]*href="[^"#]*glossary\.html#([^"]+)"', html)
    assert targets and len(targets) == len(set(targets)), targets
    for container in re.findall(r"<(?:h[1-6]|pre)[^>]*>.*?</(?:h[1-6]|pre)>", html, re.S):
        assert "glossary-term" not in container, container[:200]


@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_of_the_performance_page_are_not_linked(site, language):
    html = (site / language / "performance.html").read_text(encoding="utf-8")
    figures = re.findall(r'<span class="bench-figure">(.*?)</span>', html, re.S)
    assert len(figures) > 40, "the Performance page shows no figures"
    assert not [figure for figure in figures if "<a " in figure]
