"""The glossary: a stable anchor per term, and, in the built site, pages linking to it."""

from __future__ import annotations

import re

import pytest
from editions import LANGUAGES
from glossary import anchor, glossary_rows, term_regex

from support.pages import Element, parse
from support.paths import GLOSSARY_SOURCE

GLOSSARY = glossary_rows(GLOSSARY_SOURCE)
HEADINGS_AND_CODE = ("h1", "h2", "h3", "h4", "h5", "h6", "pre")


def _glossary_links(page: Element) -> list[Element]:
    return [a for a in page.find_all("a", class_="glossary-term") if "glossary.html#" in a.attrs.get("href", "")]


def _links_to_rows(page: Element) -> dict[str, str]:
    """The glossary links of a page: anchor → the linked text."""
    return {a.attrs["href"].split("#", 1)[1]: a.text() for a in _glossary_links(page)}


def test_the_glossary_has_terms_to_search_for_and_link():
    assert len(GLOSSARY) >= 40
    assert {"熵", "交叉熵", "学习率", "反向传播", "随机梯度下降", "鞍点", "广播"} <= {
        row["chinese"] for row in GLOSSARY
    }


def test_anchors_are_slugs_of_the_english_term():
    assert anchor("KL divergence") == "term-kl-divergence"
    assert anchor("cross-entropy") == "term-cross-entropy"
    assert len({anchor(row["english"]) for row in GLOSSARY}) == len(GLOSSARY), "two terms share an anchor"


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_glossary_row_has_its_anchor_in_both_editions(site, language):
    page = parse(site / language / "glossary.html")
    anchors = [row.attrs["id"] for row in page.find_all("tr") if row.attrs.get("id", "").startswith("term-")]
    assert anchors == [anchor(row["english"]) for row in GLOSSARY]


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("row", GLOSSARY, ids=lambda row: row["english"])
def test_the_page_teaching_a_term_links_its_first_use_to_the_glossary(site, language, row):
    page = row["page"].strip("/")
    links = _links_to_rows(parse(site / language / f"{page}.html"))
    target = anchor(row["english"])
    assert target in links, f"{language}/{page}.html does not link {row['english']!r} to the glossary"
    form = row["english"] if language == "en" else row["chinese"]
    assert re.fullmatch(term_regex(form), links[target], re.I), (
        f"{language}/{page}.html links {links[target]!r} to the row of {form!r}"
    )


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_term_is_linked_once_per_page_and_never_from_code_or_headings(site, language):
    page = parse(site / language / "activations" / "softmax.html")
    targets = [a.attrs["href"].split("#", 1)[1] for a in _glossary_links(page)]
    assert targets and len(targets) == len(set(targets)), targets
    inside = [a.text() for a in _glossary_links(page) if any(e.tag in HEADINGS_AND_CODE for e in a.ancestors())]
    assert not inside, f"glossary links in headings or code: {inside}"


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_of_the_performance_page_are_not_linked(site, language):
    figures = parse(site / language / "performance.html").find_all("span", class_="bench-figure")
    assert len(figures) > 40, "the Performance page shows no figures"
    assert not [figure.text() for figure in figures if figure.find_all("a")]
