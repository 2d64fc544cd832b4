"""Checks over the built HTML: both languages present, nothing loaded from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import LANGUAGES

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
