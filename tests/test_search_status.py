"""The Chinese search page speaks Chinese: its title and status lines are translated."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query", ["交叉熵", "没有这样的词语"])
def test_searching_the_chinese_site_shows_only_chinese_in_the_status_line(offline_page, served_site, query):
    offline_page.goto(f"{served_site}/zh_CN/search.html?q={query}")
    status = offline_page.locator("#search-results .search-summary")
    status.wait_for(timeout=20000)
    offline_page.wait_for_function(
        "() => !document.querySelector('#search-results .search-summary').innerText.includes('…')"
        " && document.querySelector('#search-results .search-summary').innerText.trim() !== ''",
        timeout=20000,
    )
    text = status.inner_text()
    title = offline_page.locator("#search-results h2").inner_text()
    assert re.search(r"[\u4e00-\u9fff]", text), text
    assert not re.search(r"[A-Za-z]", text + title), f"English in the status line: {title!r} {text!r}"
    assert offline_page.console_errors == []


def test_search_snippets_on_the_chinese_site_leave_out_the_english_originals(offline_page, served_site):
    """中英对照 puts hidden English under each translated block; a snippet shows the Chinese:
    no run of eight English words, which a sentence of an English original would give."""
    offline_page.goto(f"{served_site}/zh_CN/search.html?q=交叉熵")
    offline_page.wait_for_function(
        "() => document.querySelectorAll('#search-results p.context').length >= 3", timeout=30000
    )
    snippets = offline_page.eval_on_selector_all("#search-results p.context", "ps => ps.map(p => p.textContent)")
    english_sentence = re.compile(r"(?:\b[A-Za-z]+[,.;:]?\s+){8}")
    leaked = [snippet for snippet in snippets if english_sentence.search(snippet)]
    assert not leaked, leaked[:2]
    assert offline_page.console_errors == []
