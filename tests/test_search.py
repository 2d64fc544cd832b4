"""Search as a reader uses it: type a term into the search page and read the results."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

def search(page, base: str, language: str, query: str) -> list[str]:
    page.goto(f"{base}/{language}/search.html?q={quote(query)}")
    page.wait_for_selector("#search-results p.search-summary", timeout=15000)
    return page.eval_on_selector_all("#search-results ul.search li a",
                                     "links => links.map(a => a.getAttribute('href').split('#')[0])")

@pytest.mark.parametrize("query, expected_page", [
    ("熵", "api/information.html"),          # one character: Sphinx alone can never find it
    ("交叉熵", "api/information.html"),
    ("学习率", "api/optim.html"),
    ("反向传播", "api/network.html"),
    ("KL 散度", "api/information.html"),
    ("softmax", "activations/softmax.html"),  # English words work on the Chinese site too
])
def test_chinese_search_finds_the_page_among_the_first_results(offline_page, served_site, query, expected_page):
    results = search(offline_page, served_site, "zh_CN", query)
    assert expected_page in results[:5], f"{query!r}: {results[:10]}"
    assert offline_page.console_errors == []

@pytest.mark.parametrize("query, expected_page", [
    ("softmax", "activations/softmax.html"),
    ("entropy", "api/information.html"),
])
def test_english_search_still_works(offline_page, served_site, query, expected_page):
    assert expected_page in search(offline_page, served_site, "en", query)[:5]

def test_a_query_that_matches_nothing_finds_nothing(offline_page, served_site):
    assert search(offline_page, served_site, "zh_CN", "鳄鱼") == []
