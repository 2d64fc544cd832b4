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
