"""The site as a reader sees it: headless Chromium, every request to another host blocked."""

from __future__ import annotations

import pytest
from editions import LANGUAGES
from playwright.sync_api import Error as PlaywrightError

from support.browser import site_pages

pytestmark = pytest.mark.browser


def test_the_softmax_page_renders_its_math_with_no_network(offline_page, served_site):
    offline_page.goto(f"{served_site}/en/activations/softmax.html", wait_until="networkidle")
    assert offline_page.locator(".math .katex .katex-html").count() > 10  # typeset when the site was built
    offline_page.evaluate("() => document.fonts.ready.then(() => null)")
    assert offline_page.evaluate("() => document.fonts.check('1em KaTeX_Main')"), "KaTeX's fonts did not load"
    assert offline_page.blocked_requests == []
    assert offline_page.console_errors == []


@pytest.mark.parametrize("locale, expected", [("zh-CN", "zh_CN"), ("en-US", "en"), ("fr-FR", "en")])
def test_the_root_page_picks_the_readers_language(browser, served_site, locale, expected):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{served_site}/index.html")
    page.wait_for_url(f"{served_site}/{expected}/index.html")
    context.close()


def test_a_language_chosen_on_a_page_is_remembered_by_the_root_page(browser, served_site):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"{served_site}/en/activations/softmax.html")
    page.click("a.notes-language-switch")
    page.wait_for_url(f"{served_site}/zh_CN/activations/softmax.html")
    page.goto(f"{served_site}/index.html")
    page.wait_for_url(f"{served_site}/zh_CN/index.html")
    context.close()


def test_the_root_page_shows_a_manual_choice(browser, served_site):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"{served_site}/index.html?choose")
    assert page.locator("a[hreflang='zh-CN']").inner_text() == "简体中文"
    page.click("a[hreflang='zh-CN']")
    page.wait_for_url(f"{served_site}/zh_CN/index.html")
    context.close()


def test_every_page_renders_offline_in_both_languages_and_switches_to_the_same_page(offline_page, served_site, site):
    """Each page, English then Chinese, renders its math and images with no console error.
    The Chinese page is reached by clicking the English page's language switch, and its own
    switch is clicked to come back, so every switch of both editions is followed once."""
    pages = site_pages(site, "en")
    assert pages == site_pages(site, "zh_CN"), "the two editions have different pages"
    problems = []
    for page in pages:
        offline_page.console_errors.clear()
        offline_page.goto(f"{served_site}/en/{page}", wait_until="load")
        problems += _rendering_problems(offline_page, "en", page)
        problems += _follow_the_language_switch(offline_page, served_site, "en", page, wait_until="load")
        if offline_page.url != f"{served_site}/zh_CN/{page}":  # still check the Chinese page
            offline_page.console_errors.clear()
            offline_page.goto(f"{served_site}/zh_CN/{page}", wait_until="load")
        problems += _rendering_problems(offline_page, "zh_CN", page)
        # Only parsed, not rendered: the English page was just checked in full.
        problems += _follow_the_language_switch(offline_page, served_site, "zh_CN", page, wait_until="domcontentloaded")
    assert offline_page.blocked_requests == [], f"requests to other hosts: {offline_page.blocked_requests[:5]}"
    assert not problems, "\n".join(problems)


LOAD_ALL_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach(image => { image.loading = "eager"; });
  await Promise.all(images.map(image => image.complete ? null : new Promise(done => {
    image.addEventListener("load", done, {once: true});
    image.addEventListener("error", done, {once: true});
  })));
  return images.filter(image => image.naturalWidth === 0).map(image => image.src);
}"""


def _rendering_problems(page_view, language, page) -> list[str]:
    """What is wrong with the page on view, once loaded: math, images, console errors."""
    problems = []
    # The math is typeset when the site is built: every formula is KaTeX's markup on arrival.
    formulas = page_view.eval_on_selector_all(".math", "spans => spans.length")
    typeset = page_view.eval_on_selector_all(".math .katex", "spans => spans.length")
    if typeset < formulas:
        problems.append(f"{language}/{page}: {formulas - typeset} of {formulas} formulas not typeset")
    # The figures load lazily, as the reader scrolls to them: ask for all of them now.
    broken_images = page_view.evaluate(LOAD_ALL_IMAGES)
    if broken_images:
        problems.append(f"{language}/{page}: images that did not load: {broken_images}")
    if page_view.console_errors:
        problems.append(f"{language}/{page}: console errors: {page_view.console_errors}")
    return problems


def _follow_the_language_switch(page_view, served_site, language, page, *, wait_until) -> list[str]:
    """Click the language switch of the page on view; what is wrong with where it led."""
    other = next(other for other in LANGUAGES if other != language)
    expected = f"{served_site}/{other}/{page}"
    page_view.console_errors.clear()
    try:
        with page_view.expect_navigation(wait_until=wait_until, timeout=10000) as navigation:
            page_view.click("a.notes-language-switch", timeout=5000)
    except PlaywrightError as error:
        return [f"{language}/{page}: clicking the language switch led nowhere: {error.message.splitlines()[0]}"]
    if page_view.url != expected:
        return [f"{language}/{page}: the language switch led to {page_view.url}, not {expected}"]
    if not navigation.value.ok:
        return [f"{language}/{page}: the language switch led to {expected}, which answered {navigation.value.status}"]
    lang = page_view.evaluate("document.documentElement.lang")
    if lang != other.replace("_", "-"):
        return [f"{language}/{page}: the language switch led to a page in lang={lang!r}, not {other}"]
    return []


# Records, from before the page's own first script, every change of its colour scheme,
# and whether the body existed yet: [old, new, body parsed]. Setting the value it already
# has is no change (the theme's main script does that once the page is parsed).
_WATCH_THEME = """
window.themes = [];
new MutationObserver((records) => {
  records.forEach((record, i) => {
    const value = i + 1 < records.length ? records[i + 1].oldValue : record.target.getAttribute("data-theme");
    if (value !== record.oldValue) window.themes.push([record.oldValue, value, document.body !== null]);
  });
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-theme"]});
"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "scheme, stored, expected",
    [("light", None, "light"), ("dark", None, "dark"), ("light", "dark", "dark"), ("dark", "auto", "dark")],
)
def test_a_page_has_its_colours_before_its_body_is_parsed(browser, served_site, language, scheme, stored, expected):
    """The colour scheme (the reader's choice, or the system's for "auto" and a first
    visit) is set in the head, and never changed once the body has begun: a change after
    that would draw the page without its colours and then work out every element's style
    again."""
    context = browser.new_context(color_scheme=scheme)
    if stored:
        context.add_init_script(f"localStorage.setItem('mode', '{stored}')")
    context.add_init_script(_WATCH_THEME)
    page = context.new_page()
    page.goto(f"{served_site}/{language}/activations/softmax.html", wait_until="load")
    themes = page.evaluate("() => window.themes")
    assert page.evaluate("() => document.documentElement.dataset.theme") == expected
    assert themes and all(not body_parsed for *_, body_parsed in themes), themes
    context.close()
