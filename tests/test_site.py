"""Checks over the built HTML: both languages present, nothing loaded from another host."""

from __future__ import annotations

import re
from collections import Counter
from itertools import permutations
from pathlib import Path

import pytest
from editions import LANGUAGES

from support.pages import Element, parse
from support.paths import DOCS

pytestmark = pytest.mark.build

# Elements whose URL a browser fetches while rendering a page (not plain links).
_FETCHED = {"script", "img", "iframe", "source", "audio", "video", "embed"}


def _fetched_urls(page: Element) -> list[str]:
    """Every URL a browser would fetch while rendering the page."""
    urls = []
    for element in page.iter():
        if element.tag in _FETCHED and element.attrs.get("src"):
            urls.append(element.attrs["src"])
        if (
            element.tag == "link"
            and element.attrs.get("href")
            and element.attrs.get("rel") not in {"canonical", "alternate"}
        ):
            urls.append(element.attrs["href"])
    return urls


def _links(page: Element) -> list[tuple[str, str]]:
    """The ``(href, hreflang)`` of the page's ``<a>`` elements."""
    return [(a.attrs["href"], a.attrs.get("hreflang", "")) for a in page.find_all("a") if a.attrs.get("href")]


# Not prose: code, cell output and math (span.math and div.math hold KaTeX's typeset
# formula and its MathML). Not "mathjax_ignore": MyST-NB puts it on the section holding the whole page.
# Not the Chinese page's own prose either: the English originals of 中英对照, hidden until
# the reader asks for them (parallel-en).
_NOT_PROSE_TAGS = {"pre", "code", "script", "style", "template", "math"}
_NOT_PROSE_CLASSES = {"highlight", "cell_output", "math", "parallel-en"}


def _not_prose(element: Element) -> bool:
    classes = element.classes
    return element.tag in _NOT_PROSE_TAGS or bool(classes & _NOT_PROSE_CLASSES)


def _article_prose(page: Element) -> str:
    """The text a reader sees in a page's article, leaving out code, cell output and math,
    and everything outside the article: navigation, sidebars, header, footer, previous/next."""
    return " ".join(
        article.text(skip=_not_prose, separator=" ") for article in page.find_all("article", class_="bd-article")
    )


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")

# A translated page carries about 1.7 Han characters per English word of the original, so
# 0.25 English words per Han character is a page with roughly 30% of its prose left in
# English. Measured: the translated pages reach 0.085 (the glossary, which names each term
# in English too; the median page is 0.01); the English pages are all above 5.
ENGLISH_WORDS_PER_HAN_CHARACTER_LIMIT = 0.25

# Every page written as prose has a source; Sphinx's generated pages (genindex, search,
# py-modindex, _modules/) do not. The API reference is left out: autodoc renders the
# docstrings, which are English in both editions.
PROSE_PAGES = sorted(
    str(source.relative_to(DOCS).with_suffix(".html"))
    for pattern in ("*.md", "*.rst")
    for source in DOCS.rglob(pattern)
    if source.relative_to(DOCS).parts[0] not in {"_build", "locale", "api"}
)


def _language_of_prose(page: Path) -> tuple[int, Counter]:
    """Han characters and English words (runs of two or more ASCII letters) of the article."""
    text = _article_prose(parse(page))
    return len(_HAN.findall(text)), Counter(_ENGLISH_WORD.findall(text))


def _is_remote(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip()))


def test_the_softmax_page_is_built_in_both_languages(site):
    for language in LANGUAGES:
        assert (site / language / "activations" / "softmax.html").is_file()


def test_the_root_page_offers_both_languages(site):
    links = {href for href, _ in _links(parse(site / "index.html"))}
    assert {"en/index.html", "zh_CN/index.html"} <= links


def test_no_built_page_loads_a_script_stylesheet_font_or_image_from_another_host(site):
    remote = {}
    for page in site.rglob("*.html"):
        urls = [url for url in _fetched_urls(parse(page)) if _is_remote(url)]
        if urls:
            remote[str(page.relative_to(site))] = urls
    assert not remote, f"pages that would fetch from another host: {remote}"


def test_no_stylesheet_imports_from_another_host(site):
    remote = {}
    for sheet in site.rglob("*.css"):
        urls = re.findall(
            r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", sheet.read_text(errors="replace")
        )
        if urls:
            remote[str(sheet.relative_to(site))] = urls
    assert not remote, f"stylesheets that would fetch from another host: {remote}"


@pytest.mark.parametrize("language, other", list(permutations(LANGUAGES, 2)))
def test_every_page_links_to_the_same_page_in_the_other_language(site, language, other):
    root = site / language
    for page in root.rglob("*.html"):
        relative = page.relative_to(root)
        if relative.parts[0] in {"_modules", "_static", "_sources"}:
            continue
        hreflang = other.replace("_", "-")
        switches = [href for href, lang in _links(parse(page)) if lang == hreflang]
        assert switches, f"{language}/{relative} has no link to the {other} edition"
        target = (page.parent / switches[0]).resolve()
        assert target == (site / other / relative).resolve(), f"{language}/{relative} -> {switches[0]}"
        assert target.is_file(), f"{language}/{relative} links to missing {target}"


def test_the_api_index_states_how_many_examples_were_verified_in_each_language(site):
    english = parse(site / "en" / "api" / "index.html").text()
    chinese = parse(site / "zh_CN" / "api" / "index.html").text()
    counts = re.search(r"(\d+) examples verified", english)
    assert counts and int(counts.group(1)) > 0
    assert f"已验证 {counts.group(1)} 个示例" in chinese


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sitemap_lists_every_page_of_each_language(site, language):
    sitemap = (site / language / "sitemap.xml").read_text()
    listed = set(re.findall(rf"<loc>[^<]*?/{language}/([^<]+)</loc>", sitemap))
    pages = {
        str(p.relative_to(site / language))
        for p in (site / language).rglob("*.html")
        if p.relative_to(site / language).parts[0] not in {"_modules", "_static", "_sources"}
        and p.name not in {"genindex.html", "search.html", "py-modindex.html"}
    }
    assert pages <= listed, f"pages missing from {language}/sitemap.xml: {sorted(pages - listed)}"
    root_index = (site / "sitemap.xml").read_text()
    assert f"/{language}/sitemap.xml</loc>" in root_index


def test_the_404_page_links_home_in_both_languages(site):
    hreflangs = {lang for _, lang in _links(parse(site / "404.html"))}
    assert {"en", "zh-CN"} <= hreflangs


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_executed_page_offers_its_notebook_and_its_source(site, language):
    root = site / language
    for source in (root / "_sources").rglob("*.md"):
        page = root / source.relative_to(root / "_sources").with_suffix(".html")
        if "file_format: mystnb" not in source.read_text(encoding="utf-8"):
            continue
        notebook = source.with_suffix(".ipynb")
        assert notebook.is_file(), f"{notebook} missing"
        links = {href.split("/")[-1] for href, _ in _links(parse(page))}
        assert {notebook.name, source.name} <= links, f"{page.relative_to(site)} offers {sorted(links)}"


def test_code_cells_have_a_copy_button(site):
    scripts = _fetched_urls(parse(site / "en" / "activations" / "softmax.html"))
    assert any(url.split("?")[0].endswith("copybutton.js") for url in scripts), scripts


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_no_chinese_page_is_mostly_english(site, page):
    han, english = _language_of_prose(site / "zh_CN" / page)
    words = sum(english.values())
    assert han + words, f"zh_CN/{page}: no prose found in its article"
    assert words <= ENGLISH_WORDS_PER_HAN_CHARACTER_LIMIT * han, (
        f"zh_CN/{page}: {words} English words against {han} Han characters "
        f"({words / max(han, 1):.3f} per character, limit {ENGLISH_WORDS_PER_HAN_CHARACTER_LIMIT}); "
        f"most frequent: {english.most_common(10)}"
    )


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_the_prose_measure_judges_every_english_page_english(site, page):
    han, english = _language_of_prose(site / "en" / page)
    words = sum(english.values())
    assert words > ENGLISH_WORDS_PER_HAN_CHARACTER_LIMIT * han, (
        f"en/{page}: {words} English words against {han} Han characters would pass as Chinese, "
        f"so the measure could not catch this page left untranslated"
    )


def test_hidden_cells_toggles_speak_the_pages_language(site):
    """MyST-NB writes "Show code cell source" and the like in English; a Chinese page shows them in Chinese."""
    toggles = {
        language: [
            summary.text().split()
            for path in sorted((site / language).rglob("*.html"))
            for details in parse(path).find_all("details", class_="hide")
            for summary in details.find_all("summary")
        ]
        for language in LANGUAGES
    }
    assert len(toggles["en"]) > 100 and len(toggles["zh_CN"]) == len(toggles["en"]), {
        language: len(found) for language, found in toggles.items()
    }
    assert all(words[:3] == ["Show", "code", "cell"] for words in toggles["en"]), toggles["en"][:3]
    chinese = {f"显示代码单元格的{part} 隐藏代码单元格的{part}" for part in ("源代码", "输出", "内容")}
    assert {" ".join(words) for words in toggles["zh_CN"]} <= chinese, toggles["zh_CN"][:3]
