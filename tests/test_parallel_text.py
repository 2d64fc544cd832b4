"""中英对照: a Chinese page shows each translated block's English original on request."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["activations/softmax.html", "information/entropy.html", "optim/adaptive-methods.html", "glossary.html"]

# The first paragraph of the article, and what follows it (the English copy, if shown).
_FIRST_PARAGRAPH = """() => {
  const p = document.querySelector("article.bd-article section > p");
  const next = p.nextElementSibling;
  const visible = (el) => !!el && el.getClientRects().length > 0;
  return {text: p.innerText, nextLang: next && next.getAttribute("lang"),
          nextText: next ? withoutCrossReferences(next) : "", nextVisible: visible(next)};
}"""
# A cross-reference's text is the title of the page it names, which a Chinese build knows
# only in Chinese: the rest of the English original is compared word for word.
_WITHOUT_CROSS_REFERENCES = """
const withoutCrossReferences = (element) => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll("a.reference:not(.glossary-term)").forEach((link) => link.remove());
  return copy.textContent;
};
"""


def _js(function: str) -> str:
    """A function expression that can use the helpers above."""
    return f"(() => {{ {_WITHOUT_CROSS_REFERENCES} return {function}; }})()"


def _words(text: str) -> list[str]:
    """Words, with typographic quotes as typed: Chinese pages are not smart-quoted."""
    return text.translate(str.maketrans("‘’“”", "''\"\"")).split()


def _english_first_paragraph(browser, served_site, page):
    view = browser.new_page()
    view.goto(f"{served_site}/en/{page}")
    text = view.evaluate(_js("() => withoutCrossReferences(document.querySelector('article.bd-article section > p'))"))
    view.close()
    return text


@pytest.mark.parametrize("page", PAGES)
def test_the_english_first_paragraph_appears_under_the_chinese_one_and_disappears_again(
    offline_page, browser, served_site, page
):
    english = _english_first_paragraph(browser, served_site, page)
    offline_page.goto(f"{served_site}/zh_CN/{page}")
    before = offline_page.evaluate(_js(_FIRST_PARAGRAPH))
    assert before["nextLang"] == "en", f"no English original after the first paragraph of {page}"
    assert not before["nextVisible"], "the English original shows before the reader asks for it"

    offline_page.click("button.parallel-toggle")
    shown = offline_page.evaluate(_js(_FIRST_PARAGRAPH))
    assert shown["nextVisible"]
    assert _words(shown["nextText"]) == _words(english)
    assert shown["text"] != english  # the Chinese paragraph is still there, above it
    assert offline_page.get_attribute("button.parallel-toggle", "aria-pressed") == "true"

    offline_page.click("button.parallel-toggle")
    assert not offline_page.evaluate(_js(_FIRST_PARAGRAPH))["nextVisible"]
    assert offline_page.get_attribute("button.parallel-toggle", "aria-pressed") == "false"
    assert offline_page.console_errors == []
    assert offline_page.blocked_requests == []


def test_the_choice_is_remembered_from_page_to_page(offline_page, served_site):
    offline_page.goto(f"{served_site}/zh_CN/{PAGES[0]}")
    offline_page.click("button.parallel-toggle")
    offline_page.goto(f"{served_site}/zh_CN/{PAGES[1]}")
    assert offline_page.evaluate(_js(_FIRST_PARAGRAPH))["nextVisible"]
    assert offline_page.get_attribute("button.parallel-toggle", "aria-pressed") == "true"
    assert offline_page.console_errors == []


def test_an_english_page_has_no_button_and_no_copies(offline_page, served_site):
    offline_page.goto(f"{served_site}/en/{PAGES[0]}")
    assert offline_page.locator("button.parallel-toggle").count() == 0
    assert offline_page.locator(".parallel-en").count() == 0


def test_turning_it_off_moves_nothing_on_a_page_read_with_it_off(offline_page, served_site):
    """With the view off, the copies take no space: the page's height is that of a page
    built without them would be, i.e. the same before and after two clicks."""
    offline_page.goto(f"{served_site}/zh_CN/{PAGES[0]}")
    height = offline_page.evaluate("document.documentElement.scrollHeight")
    offline_page.click("button.parallel-toggle")
    assert offline_page.evaluate("document.documentElement.scrollHeight") > height
    offline_page.click("button.parallel-toggle")
    assert offline_page.evaluate("document.documentElement.scrollHeight") == height
