"""Math is typeset when the site is built (KaTeX), readable by screen readers (MathML), styled
by files the site ships, and a formula KaTeX cannot typeset stops the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from css_bundle import bundled_sheets
from editions import LANGUAGES

from support.browser import site_pages
from support.build import sphinx_build
from support.pages import Element, parse

pytestmark = pytest.mark.build

# Raw TeX a reader would see if a formula had not been typeset: the delimiters Sphinx and
# MyST use, or a $…$ holding a TeX command, a subscript or a superscript.
_RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\$[^$\n]*(?:\\[A-Za-z]+|[_^])[^$\n]*\$")
_NOT_PROSE_TAGS = {"pre", "code", "script", "style", "template", "title"}
_NOT_PROSE_CLASSES = {"math", "highlight", "cell_output", "katex"}


def _pages(site: Path, language: str) -> list[Path]:
    root = site / language
    return sorted(
        page for page in root.rglob("*.html") if page.relative_to(root).parts[0] not in {"_static", "_sources"}
    )


def _formulas(page: Element) -> list[Element]:
    return [element for element in page.iter() if "math" in element.classes and element.tag in {"span", "div"}]


def _not_prose(element: Element) -> bool:
    return element.tag in _NOT_PROSE_TAGS or bool(element.classes & _NOT_PROSE_CLASSES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_formula_of_every_page_is_typeset_with_mathml(site, language):
    untypeset, errors, counted = [], [], 0
    for path in _pages(site, language):
        page = parse(path)
        name = str(path.relative_to(site))
        errors += [f"{name}: {element.text()!r}" for element in page.find_all(class_="katex-error")]
        for formula in _formulas(page):
            counted += 1
            katex = formula.find_all(class_="katex")
            if not katex or not katex[0].find_all("math"):
                untypeset.append(f"{name}: {formula.text()!r}")
    assert counted > 500, f"only {counted} formulas in the {language} edition"
    assert not errors, f"formulas KaTeX could not typeset: {errors}"
    assert not untypeset, f"formulas left as TeX source (no .katex with MathML): {untypeset}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_tex_source_in_its_text(site, language):
    raw = {}
    for path in _pages(site, language):
        for article in parse(path).find_all("article", class_="bd-article"):
            found = _RAW_TEX.findall(article.text(skip=_not_prose, separator=" "))
            if found:
                raw[str(path.relative_to(site))] = found
    assert not raw, f"TeX left untypeset in the text: {raw}"


# Words in a formula (\text{…} holding a phrase: "for all", " and ", "row by row") stay
# English on a Chinese page, since a formula is copied into the translation as it is; a
# formula says them with symbols (∀, ∧, ⟺, a condition in parentheses) or leaves them to
# the sentence around it. A one-word label such as q_{\text{true}} is notation, and a
# parameter's name (\texttt{centered}) is code; a single word of prose is not.
_PHRASE_IN_TEXT = re.compile(
    r"\\text\{(?=[^}]*[A-Za-z])[^}]*\s[^}]*\}"
    r"|\\text\{\s*(?:for|and|or|if|otherwise|else|with|where|when|all|only)\s*\}"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_formula_holds_words_that_a_translation_would_leave_in_english(site, language):
    phrases = {}
    for path in _pages(site, language):
        tex = [element.text() for element in parse(path).find_all("annotation")]
        found = [phrase for source in tex for phrase in _PHRASE_IN_TEXT.findall(source)]
        if found:
            phrases[str(path.relative_to(site))] = found
    assert not phrases, f"formulas with words in \\text{{}}: {phrases}"


def test_the_english_originals_of_a_chinese_page_have_their_math_typeset(site):
    page = parse(site / "zh_CN" / "activations" / "softmax.html")
    originals = page.find_all(class_="parallel-en")
    formulas = [formula for block in originals for formula in _formulas(block)]
    assert formulas, "no math in the softmax page's English originals"
    assert all(formula.find_all(class_="katex") for formula in formulas)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_runs_a_math_script(site, language):
    scripts = {}
    for path in _pages(site, language):
        sources = [s.attrs.get("src", "") for s in parse(path).find_all("script")]
        found = [src for src in sources if re.search(r"katex|mathjax|auto-render", src, re.I)]
        if found:
            scripts[str(path.relative_to(site))] = found
    assert not scripts, f"pages that load a math script: {scripts}"


def test_the_math_stylesheet_and_its_woff2_fonts_are_served_by_the_site(site):
    path = site / "en" / "activations" / "softmax.html"
    sheets = [link.attrs["href"] for link in parse(path).find_all("link") if "stylesheet" in link.attrs.get("rel", [])]
    assert [href.split("?")[0] for href in sheets] == ["../_static/bundle.css"], sheets  # css_bundle's
    bundled = (path.parent / sheets[0].split("?")[0]).read_text(encoding="utf-8")
    assert "katex/katex.min.css" in bundled_sheets(bundled)
    stylesheet = site / "en" / "_static" / "katex" / "katex.min.css"
    assert stylesheet.read_text(encoding="utf-8").strip() in bundled.replace("url(katex/fonts/", "url(fonts/")
    fonts = re.findall(r"url\(([^)]+)\)", stylesheet.read_text(encoding="utf-8"))
    assert len(fonts) >= 20, fonts  # one per KaTeX face: Main, Math, AMS, Size1-4, …
    assert all(font.endswith(".woff2") for font in fonts), [font for font in fonts if not font.endswith(".woff2")]
    missing = [font for font in fonts if not (stylesheet.parent / font).is_file()]
    assert not missing, f"fonts the stylesheet names but the site lacks: {missing}"


# The faces offline_katex preloads, as the browser's document.fonts names them.
_PRELOADABLE = {"KaTeX_Main-Regular.woff2": "KaTeX_Main normal 400", "KaTeX_Math-Italic.woff2": "KaTeX_Math italic 400"}


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_preloads_the_formula_fonts_it_draws_with(offline_page, served_site, site, language):
    """A page preloads KaTeX_Main or KaTeX_Math exactly when it draws text with it, so its
    formulas' text is measured in its own font at the first layout (offline_katex.py) and
    no page fetches a font it does not use."""
    wrong = {}
    for path in site_pages(site, language):
        offline_page.goto(f"{served_site}/{language}/{path}", wait_until="load")
        preloaded = offline_page.evaluate("""() => [...document.querySelectorAll('link[rel=preload][as=font]')]
            .map((link) => link.getAttribute('href').split('/').pop())""")
        drawn = offline_page.evaluate("""() => document.fonts.ready.then(() => [...document.fonts]
            .filter((face) => face.status === 'loaded')
            .map((face) => `${face.family} ${face.style} ${face.weight}`))""")
        expected = sorted(font for font, face in _PRELOADABLE.items() if face in drawn)
        if sorted(preloaded) != expected:
            wrong[path] = {"preloaded": preloaded, "drawn with": expected}
    assert not wrong, wrong
    assert offline_page.blocked_requests == []


def test_a_formula_katex_cannot_parse_stops_the_build_naming_page_and_formula(repository_copy):
    page = repository_copy / "docs" / "activations" / "index.md"
    broken = "\nA formula with a command KaTeX does not know, $\\frac{1}{\\notamacro x}$, and one it cannot parse:\n"
    page.write_text(page.read_text(encoding="utf-8") + broken + "\n$$\n\\frac{1}{x\n$$\n")

    result = sphinx_build(repository_copy)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "activations/index" in output, output
    assert "KaTeX does not know \\notamacro" in output, output
    assert "KaTeX cannot typeset '\\\\frac{1}{x'" in output and "ParseError" in output, output
