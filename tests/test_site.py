"""Checks over the built HTML: both languages present, nothing loaded from another host."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import LANGUAGES, REPO

pytestmark = pytest.mark.build


class _Resources(HTMLParser):
    """Collects every URL a browser would fetch while rendering a page (not plain links)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, hreflang) of <a> elements

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in {"canonical", "alternate"}:
            self.urls.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], attrs.get("hreflang") or ""))


def _parse(page: Path) -> _Resources:
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


class _ArticleProse(HTMLParser):
    """Collects the text a reader sees in a page's article, leaving out code, cell output and
    math (MathJax typesets the TeX source of ``span.math``/``div.math``) and everything
    outside the article: navigation, sidebars, header, footer, previous/next links."""

    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    _SKIPPED_TAGS = {"pre", "code", "script", "style", "template", "math"}
    # Not "mathjax_ignore": MyST-NB puts it on the section holding the whole page.
    _SKIPPED_CLASSES = {"highlight", "cell_output", "math"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.article_depth: int | None = None  # 0 once the article has closed
        self.skipped_depth: int | None = None
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self._VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.open.append(tag)
        if self.article_depth is None and tag == "article" and "bd-article" in classes:
            self.article_depth = len(self.open)
        elif self.article_depth and self.skipped_depth is None and (
                tag in self._SKIPPED_TAGS or classes & self._SKIPPED_CLASSES
                or any(name.startswith("MathJax") for name in classes)):
            self.skipped_depth = len(self.open)

    def handle_endtag(self, tag):
        if tag not in self.open:
            return
        while self.open:  # also closes any element left open inside this one
            depth, closed = len(self.open), self.open.pop()
            if depth == self.skipped_depth:
                self.skipped_depth = None
            if depth == self.article_depth:
                self.article_depth = 0
            if closed == tag:
                break

    def handle_data(self, data):
        if self.article_depth and self.skipped_depth is None:
            self.texts.append(data)


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
_DOCS = REPO / "docs"
PROSE_PAGES = sorted(
    str(source.relative_to(_DOCS).with_suffix(".html"))
    for pattern in ("*.md", "*.rst") for source in _DOCS.rglob(pattern)
    if source.relative_to(_DOCS).parts[0] not in {"_build", "locale", "api"})


def _language_of_prose(page: Path) -> tuple[int, Counter]:
    """Han characters and English words (runs of two or more ASCII letters) of the article."""
    parser = _ArticleProse()
    parser.feed(page.read_text(encoding="utf-8"))
    text = " ".join(parser.texts)
    return len(_HAN.findall(text)), Counter(_ENGLISH_WORD.findall(text))


def _is_remote(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip()))


def test_the_softmax_page_is_built_in_both_languages(site):
    for language in LANGUAGES:
        assert (site / language / "activations" / "softmax.html").is_file()


def test_the_root_page_offers_both_languages(site):
    links = {href for href, _ in _parse(site / "index.html").links}
    assert {"en/index.html", "zh_CN/index.html"} <= links


def test_no_built_page_loads_a_script_stylesheet_font_or_image_from_another_host(site):
    remote = {}
    for page in site.rglob("*.html"):
        urls = [url for url in _parse(page).urls if _is_remote(url)]
        if urls:
            remote[str(page.relative_to(site))] = urls
    assert not remote, f"pages that would fetch from another host: {remote}"


def test_no_stylesheet_imports_from_another_host(site):
    remote = {}
    for sheet in site.rglob("*.css"):
        urls = re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", sheet.read_text(errors="replace"))
        if urls:
            remote[str(sheet.relative_to(site))] = urls
    assert not remote, f"stylesheets that would fetch from another host: {remote}"


def test_math_is_rendered_by_a_mathjax_the_site_ships(site):
    page = site / "en" / "activations" / "softmax.html"
    scripts = [url for url in _parse(page).urls if "mathjax" in url.lower()]
    assert scripts, "the softmax page loads no MathJax"
    for script in scripts:
        assert not _is_remote(script)
        assert (page.parent / script.split("?")[0]).resolve().is_file(), script


@pytest.mark.parametrize("language, other", [("en", "zh_CN"), ("zh_CN", "en")])
def test_every_page_links_to_the_same_page_in_the_other_language(site, language, other):
    root = site / language
    for page in root.rglob("*.html"):
        relative = page.relative_to(root)
        if relative.parts[0] in {"_modules", "_static", "_sources"}:
            continue
        hreflang = other.replace("_", "-")
        switches = [href for href, lang in _parse(page).links if lang == hreflang]
        assert switches, f"{language}/{relative} has no link to the {other} edition"
        target = (page.parent / switches[0]).resolve()
        assert target == (site / other / relative).resolve(), f"{language}/{relative} -> {switches[0]}"
        assert target.is_file(), f"{language}/{relative} links to missing {target}"


def test_the_api_index_states_how_many_examples_were_verified_in_each_language(site):
    english = (site / "en" / "api" / "index.html").read_text(encoding="utf-8")
    chinese = (site / "zh_CN" / "api" / "index.html").read_text(encoding="utf-8")
    counts = re.search(r"(\d+) examples verified", english)
    assert counts and int(counts.group(1)) > 0
    assert f"已验证 {counts.group(1)} 个示例" in chinese


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sitemap_lists_every_page_of_each_language(site, language):
    listed = set(re.findall(r"<loc>[^<]*?/%s/([^<]+)</loc>" % language, (site / language / "sitemap.xml").read_text()))
    pages = {str(p.relative_to(site / language)) for p in (site / language).rglob("*.html")
             if p.relative_to(site / language).parts[0] not in {"_modules", "_static", "_sources"}
             and p.name not in {"genindex.html", "search.html", "py-modindex.html"}}
    assert pages <= listed, f"pages missing from {language}/sitemap.xml: {sorted(pages - listed)}"
    root_index = (site / "sitemap.xml").read_text()
    assert f"/{language}/sitemap.xml</loc>" in root_index


def test_the_404_page_links_home_in_both_languages(site):
    hreflangs = {lang for _, lang in _parse(site / "404.html").links}
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
        links = {href.split("/")[-1] for href, _ in _parse(page).links}
        assert {notebook.name, source.name} <= links, f"{page.relative_to(site)} offers {sorted(links)}"


def test_code_cells_have_a_copy_button(site):
    page = (site / "en" / "activations" / "softmax.html").read_text(encoding="utf-8")
    assert "copybutton.js" in page


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_no_chinese_page_is_mostly_english(site, page):
    han, english = _language_of_prose(site / "zh_CN" / page)
    words = sum(english.values())
    assert han + words, f"zh_CN/{page}: no prose found in its article"
    assert words <= ENGLISH_WORDS_PER_HAN_CHARACTER_LIMIT * han, (
        f"zh_CN/{page}: {words} English words against {han} Han characters "
        f"({words / max(han, 1):.3f} per character, limit {ENGLISH_WORDS_PER_HAN_CHARACTER_LIMIT}); "
        f"most frequent: {english.most_common(10)}")


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_the_prose_measure_judges_every_english_page_english(site, page):
    han, english = _language_of_prose(site / "en" / page)
    words = sum(english.values())
    assert words > ENGLISH_WORDS_PER_HAN_CHARACTER_LIMIT * han, (
        f"en/{page}: {words} English words against {han} Han characters would pass as Chinese, "
        f"so the measure could not catch this page left untranslated")
