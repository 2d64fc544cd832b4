"""Search as a reader uses it: type a term into the search page and read the results."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from glossary import glossary_rows

from support.paths import GLOSSARY_SOURCE

pytestmark = pytest.mark.browser
GLOSSARY = glossary_rows(GLOSSARY_SOURCE)


def search(page, base: str, language: str, query: str) -> list[str]:
    page.goto(f"{base}/{language}/search.html?q={quote(query)}")
    page.wait_for_selector("#search-results p.search-summary", timeout=15000)
    return page.eval_on_selector_all(
        "#search-results ul.search li a", "links => links.map(a => a.getAttribute('href').split('#')[0])"
    )


@pytest.mark.parametrize("row", GLOSSARY, ids=lambda row: row["chinese"])
def test_chinese_search_puts_the_page_that_teaches_a_glossary_term_first(offline_page, served_site, row):
    results = search(offline_page, served_site, "zh_CN", row["chinese"])
    assert results[:1] == [f"{row['page']}.html"], f"{row['chinese']!r}: {results[:5]}"
    assert offline_page.console_errors == []


@pytest.mark.parametrize("row", GLOSSARY, ids=lambda row: row["english"])
def test_english_search_puts_the_page_that_teaches_a_glossary_term_first(offline_page, served_site, row):
    results = search(offline_page, served_site, "en", row["english"])
    assert results[:1] == [f"{row['page']}.html"], f"{row['english']!r}: {results[:5]}"


@pytest.mark.parametrize(
    "query, expected_page",
    [
        ("温度", "activations/softmax.html"),  # not a glossary term: found by its characters alone
        ("KL", "information/cross-entropy-and-kl.html"),  # a Latin word on the Chinese site
    ],
)
def test_chinese_search_finds_words_that_are_not_glossary_terms(offline_page, served_site, query, expected_page):
    assert expected_page in search(offline_page, served_site, "zh_CN", query)[:5]


def test_a_query_that_matches_nothing_finds_nothing(offline_page, served_site):
    assert search(offline_page, served_site, "zh_CN", "鳄鱼") == []


# Words of the page around the article (the header's buttons, the language switch, 中英对照,
# the table of contents): a snippet quoting any of them quoted the page's chrome.
CHROME = {
    "en": ["简体中文", "Light", "Dark", "Settings", "Contents", "Print to PDF", "Download"],
    "zh_CN": ["English", "中英对照", "亮色", "暗色", "ttings", "Contents", "目录", "打印"],
}


@pytest.mark.parametrize(
    "language, query", [("en", "softmax"), ("en", "cross-entropy"), ("zh_CN", "交叉熵"), ("zh_CN", "学习率")]
)
def test_search_snippets_quote_the_article_only(offline_page, served_site, language, query):
    search(offline_page, served_site, language, query)
    offline_page.wait_for_selector("#search-results ul.search li p.context", timeout=15000)
    snippets = offline_page.eval_on_selector_all(
        "#search-results ul.search li p.context", "ps => ps.map(p => p.textContent)"
    )
    assert snippets, f"no snippet for {query!r}"
    chrome = [(word, snippet) for snippet in snippets for word in CHROME[language] if word in snippet]
    assert not chrome, f"{language} {query!r}: snippets quote the page's chrome: {chrome[:3]}"


@pytest.mark.parametrize("language, query", [("en", "cross-entropy"), ("zh_CN", "交叉熵")])
def test_a_page_loads_the_search_index_only_when_the_reader_searches(offline_page, served_site, language, query):
    requested = []
    offline_page.on("request", lambda request: requested.append(request.url))
    offline_page.goto(f"{served_site}/{language}/activations/softmax.html", wait_until="networkidle")
    assert not [url for url in requested if "searchindex.js" in url or "searchtools.js" in url], requested

    offline_page.keyboard.press("Control+k")  # the theme's shortcut opens its search box
    offline_page.fill("input[name='q']:visible", query)
    offline_page.keyboard.press("Enter")
    offline_page.wait_for_selector("#search-results p.search-summary", timeout=15000)
    assert offline_page.url.split("?")[0].endswith(f"/{language}/search.html")
    assert any("searchindex.js" in url for url in requested), requested
    assert offline_page.eval_on_selector_all("#search-results ul.search li a", "links => links.length") > 0
