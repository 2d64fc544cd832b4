"""The language switch keeps the reader's place: the other edition's page opens at the same
section, both ways, whether the address names the section or the reader scrolled to it."""

from __future__ import annotations

import re

import pytest
from editions import LANGUAGES

from support.browser import site_pages

PAGE = "activations/softmax.html"
DEEP_SECTION = "the-derivative"  # a heading well down the page
SECTION_ID = re.compile(r'<section id="([^"]+)"')


@pytest.mark.build
def test_every_section_has_the_same_id_in_both_editions(site):
    """The switch carries a section id from one edition to the other: the ids must agree."""
    english, *translations = LANGUAGES
    different = []
    for page in site_pages(site, english):
        ids = SECTION_ID.findall((site / english / page).read_text(encoding="utf-8"))
        for language in translations:
            translated = SECTION_ID.findall((site / language / page).read_text(encoding="utf-8"))
            if translated != ids:
                different.append(f"{language}/{page}: {sorted(set(ids) ^ set(translated))[:5]}")
    assert not different, "\n".join(different)


def _other(language):
    return next(other for other in LANGUAGES if other != language)


def _in_view(page_view, section_id) -> bool:
    box = page_view.evaluate(
        "id => { const b = document.getElementById(id).getBoundingClientRect(); return [b.top, window.innerHeight]; }",
        section_id,
    )
    return 0 <= box[0] < box[1]


def _switch(page_view, language):
    # A mouse click where the switch is drawn: Playwright's click() would first scroll the
    # sticky header's link "into view", moving the page away from the reader's place.
    box = page_view.locator("a.notes-language-switch").bounding_box()
    with page_view.expect_navigation(wait_until="load"):
        page_view.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return _other(language)


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_switch_opens_the_section_scrolled_to(offline_page, served_site, language):
    offline_page.goto(f"{served_site}/{language}/{PAGE}", wait_until="load")
    # Scroll as a reader does: the section's heading a little below the top of the window.
    offline_page.evaluate(
        """id => window.scrollTo({  // instantly: the theme scrolls smoothly
          top: window.scrollY + document.getElementById(id).getBoundingClientRect().top + 20, behavior: "instant"
        })""",
        DEEP_SECTION,
    )
    assert offline_page.evaluate("window.location.hash") == "", "scrolling must not change the address"
    other = _switch(offline_page, language)
    assert offline_page.url == f"{served_site}/{other}/{PAGE}#{DEEP_SECTION}"
    assert _in_view(offline_page, DEEP_SECTION), f"{other}/{PAGE}#{DEEP_SECTION} is not in view"
    assert offline_page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_switch_keeps_the_addresss_fragment(offline_page, served_site, language):
    offline_page.goto(f"{served_site}/{language}/{PAGE}#{DEEP_SECTION}", wait_until="load")
    other = _switch(offline_page, language)
    assert offline_page.url == f"{served_site}/{other}/{PAGE}#{DEEP_SECTION}"
    assert _in_view(offline_page, DEEP_SECTION)


@pytest.mark.browser
def test_at_the_top_of_a_page_the_switch_opens_the_top_of_the_other(offline_page, served_site):
    offline_page.goto(f"{served_site}/en/{PAGE}", wait_until="load")
    _switch(offline_page, "en")
    assert offline_page.url == f"{served_site}/zh_CN/{PAGE}"
    assert offline_page.evaluate("window.scrollY") == 0
