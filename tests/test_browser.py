"""The site as a reader sees it: headless Chromium, every request to another host blocked."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_softmax_page_renders_its_math_with_no_network(offline_page, served_site):
    offline_page.goto(f"{served_site}/en/activations/softmax.html")
    offline_page.wait_for_selector("mjx-container", timeout=15000)
    assert offline_page.locator("mjx-container").count() > 10
    assert offline_page.blocked_requests == []
    assert offline_page.console_errors == []


@pytest.mark.parametrize("start, other, expected_title", [
    ("en", "zh_CN", "Softmax"),
    ("zh_CN", "en", "Softmax"),
])
def test_the_language_switch_leads_to_the_same_page(offline_page, served_site, start, other, expected_title):
    offline_page.goto(f"{served_site}/{start}/activations/softmax.html")
    offline_page.click("a.notes-language-switch")
    offline_page.wait_for_load_state()
    assert offline_page.url == f"{served_site}/{other}/activations/softmax.html"
    assert expected_title in offline_page.title()


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


def _pages(site, language):
    root = site / language
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.html")
                  if p.relative_to(root).parts[0] not in {"_static", "_sources", "_modules"})


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_page_renders_offline_with_math_images_and_no_console_error(offline_page, served_site, site, language):
    problems = []
    for page in _pages(site, language):
        html = (site / language / page).read_text(encoding="utf-8")
        offline_page.console_errors.clear()
        offline_page.goto(f"{served_site}/{language}/{page}", wait_until="load")
        if 'class="math' in html:
            try:
                offline_page.wait_for_selector("mjx-container", timeout=15000)
            except Exception:
                problems.append(f"{page}: math not rendered")
        broken_images = offline_page.eval_on_selector_all(
            "img", "images => images.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        if broken_images:
            problems.append(f"{page}: images that did not load: {broken_images}")
        if offline_page.console_errors:
            problems.append(f"{page}: console errors: {offline_page.console_errors}")
    assert offline_page.blocked_requests == [], f"requests to other hosts: {offline_page.blocked_requests[:5]}"
    assert not problems, "\n".join(problems)
