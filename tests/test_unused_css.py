"""The site's style sheets leave out only rules that no page can match.

The rules of ``docs/_ext/unused_css.py`` on small style sheets, each case read off by hand;
then the built site: the theme's sheet is a fraction of the theme's own, and in Chromium,
on a few pages loaded with a bundle (``css_bundle``) of the themes' whole sheets, no rule left
out matches an element and every rule kept is as it was.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from css_bundle import BUNDLE, bundle, bundled_sheets
from editions import LANGUAGES
from unused_css import can_match, prune, site_words

WORDS = {"a", "b", "btn", "show", "highlight"}


def _prune(css: str, words: set[str] = WORDS, prefixes: tuple[str, ...] = ()) -> str:
    return prune(css, words, prefixes)


def test_a_rule_for_a_class_no_page_names_is_left_out():
    assert _prune(".a{color:red}.carousel{color:blue}") == ".a{color:red}"


def test_a_selector_needs_every_class_it_names():
    assert _prune(".a.carousel{x:1}.a .b{y:2}") == ".a .b{y:2}"


def test_a_rule_is_kept_whole_when_one_of_its_selectors_may_match():
    assert _prune(".carousel,.a:hover,.toast{x:1}") == ".carousel,.a:hover,.toast{x:1}"


def test_classes_in_parentheses_and_brackets_are_not_needed():
    css = '.a:not(.carousel){x:1}.b:is(.toast,.modal){y:2}a[href$=".pdf"]{z:3}'
    assert _prune(css) == css


def test_selectors_without_classes_are_kept():
    css = "html{x:1}*,::before{y:2}#main>p{z:3}[data-theme=dark]{w:4}"
    assert _prune(css) == css


def test_an_escaped_class_counts_as_named():
    assert _prune(r".sm\:hidden{x:1}") == r".sm\:hidden{x:1}"


def test_a_class_a_script_builds_from_a_prefix_is_kept():
    words, prefixes = site_words(['<p class="a">'], ["e.classList.add(`bs-${name}-auto`); x = 'kind-' + kind"])
    assert prefixes == ("bs-", "kind-")
    css = ".bs-tooltip-auto{x:1}.kind-title{y:2}.toast{z:3}"
    assert _prune(css, words, prefixes) == ".bs-tooltip-auto{x:1}.kind-title{y:2}"


def test_words_come_from_pages_and_scripts():
    words, _ = site_words(['<div class="a b">', "<p>carousel</p>"], ['el.classList.add("show")'])
    assert {"a", "b", "carousel", "show"} <= words


def test_groups_are_pruned_inside_and_dropped_when_empty():
    css = "@media (min-width:960px){.a{x:1}.toast{y:2}}@supports (display:grid){.modal{z:3}}"
    assert _prune(css) == "@media (min-width:960px){.a{x:1}}"


def test_other_at_rules_and_comments_are_kept():
    css = '/*! licence */@charset "UTF-8";@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{0%{x:0}to{x:1}}'
    assert _prune(css) == css


def test_braces_and_commas_in_strings_do_not_split_a_rule():
    css = '.a::before{content:"}{,"}.toast::after{content:"{"}.b{y:2}'
    assert _prune(css) == '.a::before{content:"}{,"}.b{y:2}'


def test_a_selector_list_splits_only_at_its_own_commas():
    assert can_match(".toast:is(.a,.b),.a", WORDS, ())
    assert not can_match(".toast:is(.a,.b)", WORDS, ())


# -- the built site --------------------------------------------------------------------------


def _originals() -> dict[str, Path]:
    """The themes' own copies of their style sheets, by their names in ``_static``."""
    import pydata_sphinx_theme
    import sphinx_book_theme

    return {
        "styles/pydata-sphinx-theme.css": Path(pydata_sphinx_theme.__file__).parent
        / "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css",
        "styles/sphinx-book-theme.css": Path(sphinx_book_theme.__file__).parent
        / "theme/sphinx_book_theme/static/styles/sphinx-book-theme.css",
    }


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_themes_style_sheet_is_a_fraction_of_its_own(site, language):
    built = (site / language / "_static/styles/pydata-sphinx-theme.css").read_bytes()
    whole = _originals()["styles/pydata-sphinx-theme.css"].read_bytes()
    for absent in (b".form-floating", b".fa-air-freshener"):  # no form on the site, nor that icon
        assert absent in whole and absent not in built
    assert len(gzip.compress(built)) < 0.4 * len(gzip.compress(whole))
    assert b"sourceMappingURL" in whole and b"sourceMappingURL" not in built  # the map is of the whole


# The rules of the style sheets whose address holds one of NAMES, flattened out of @media and
# @supports, as CSSOM writes them back: {"text": cssText, "selector": selectorText or null}.
_RULES = """(names) => {
  const rules = [];
  const walk = (list) => { for (const rule of list) {
    if (rule.cssRules && !(rule instanceof CSSStyleRule)) walk(rule.cssRules);
    else rules.push({text: rule.cssText, selector: rule.selectorText || null});
  } };
  for (const sheet of document.styleSheets)
    if (sheet.href && names.some((name) => sheet.href.includes(name))) walk(sheet.cssRules);
  return rules;
}"""
# Whether an element matches the selector with its pseudo-classes and pseudo-elements left
# out: a wider selector than the rule's (:hover, ::before, :not(…) and the like dropped).
_MATCHES_WITHOUT_PSEUDO = r"""(selector) => {
  let wider = selector, previous;
  do { previous = wider; wider = wider.replace(/::?[a-zA-Z-]+\([^()]*\)/g, ""); } while (wider !== previous);
  wider = wider.replace(/::?[a-zA-Z-]+/g, "");
  wider = wider.split(",").map((part) => part.replace(/\s*([>+~])\s*/g, "$1").replace(/\s+/g, " ").trim()
    .replace(/(^|[ >+~])(?=[>+~]|$)/g, "$1*")).join(",");
  try { return document.querySelector(wider) !== null; } catch (error) { return "invalid: " + wider; }
}"""
# A page of formulas, an API page, the glossary, search results: (page, what shows it is ready).
PAGES = [
    ("en/activations/softmax.html", "main"),
    ("zh_CN/api/activations.html", "main"),
    ("zh_CN/glossary.html", "main"),
    ("en/search.html?q=softmax", "#search-results p.search-summary"),
]


def _bundle_of_whole_sheets(static: Path, scratch: Path) -> bytes:
    """The bundle that ``css_bundle`` would write of the site's sheets with the themes' whole ones."""
    order = bundled_sheets((static / BUNDLE).read_text(encoding="utf-8"))
    assert order, "the bundle opens with its list of sheets"
    for sheet in static.rglob("*.css"):
        copy = scratch / sheet.relative_to(static)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(sheet.read_bytes())
    for name, original in _originals().items():
        (scratch / name).write_bytes(original.read_bytes())
    return bundle(scratch, order).encode("utf-8")


@pytest.mark.browser
def test_a_rule_left_out_matches_no_element_and_the_others_are_as_they_were(browser, served_site, site, tmp_path):
    names = [BUNDLE]  # the pages link css_bundle's bundle, which holds the themes' sheets
    pruned = browser.new_context()
    whole = browser.new_context()
    for language in LANGUAGES:
        body = _bundle_of_whole_sheets(site / language / "_static", tmp_path / language)

        def send_whole(route, request, body=body):
            route.fulfill(content_type="text/css", body=body)

        whole.route(f"**/{language}/_static/{BUNDLE}*", send_whole)
    for path, ready in PAGES:
        ours, theirs = pruned.new_page(), whole.new_page()
        for page in (ours, theirs):
            page.goto(f"{served_site}/{path}", wait_until="networkidle")
            page.wait_for_selector(ready, timeout=15000)
        kept, every = ours.evaluate(_RULES, names), theirs.evaluate(_RULES, names)
        texts = {rule["text"] for rule in every}
        assert len(every) > len(kept) > 100, path
        assert all(rule["text"] in texts for rule in kept), f"{path}: a rule was changed"
        kept_texts = {rule["text"] for rule in kept}
        left_out = [rule["selector"] for rule in every if rule["text"] not in kept_texts and rule["selector"]]
        matched = [selector for selector in left_out if theirs.evaluate(_MATCHES_WITHOUT_PSEUDO, selector)]
        assert not matched, f"{path}: rules left out that match elements: {matched[:10]}"
        ours.close()
        theirs.close()
    pruned.close()
    whole.close()
