"""Chinese typography of the built Chinese pages, as an editor would check a proof.

Each rule reads the text of one block (paragraph, list item, table cell, heading) of a
page's article, with code and math standing in as one non-Han token and cross-references
(links made by roles, not glossary-term links) marked at both ends. Text quoted from the
source notes (in 「」) keeps its own punctuation.
"""

from __future__ import annotations

import re

import pytest

from support.pages import Element, parse
from support.paths import SITE

pytestmark = pytest.mark.build

HAN = "\u4e00-\u9fff\u3400-\u4dbf"
TOKEN, OPEN, CLOSE = "\ue000", "\ue001", "\ue002"  # code or math; a cross-reference's start and end
EQUATION = "\ue003"  # right after OPEN: the cross-reference cites an equation
SPACE = "[ \u00a0\t\n]"
BLOCKS = {"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption"}
# Not prose: code and cell output, the 中英对照 English originals, heading anchors, API signatures.
SKIPPED = {"highlight", "cell_output", "parallel-en", "headerlink", "toctree-wrapper", "colon", "sig"}
TOKENS = {"code", "pre", "math", "kbd", "samp", "img"}
QUOTE = re.compile("「[^」]*」")

RULES = {
    "a space between two Han characters": re.compile(f"[{HAN}]{SPACE}+[{HAN}]"),
    "a space before full-width punctuation": re.compile(f"{SPACE}+[，。；：、？！）」』》】]"),
    "a space after a full-width opening bracket": re.compile(f"[（「『《【]{SPACE}+"),
    "half-width punctuation after a Han character": re.compile(f"[{HAN}][,.;:?!](?=[\\s{HAN}]|$)"),
    "an equation cited without 式": re.compile(f"(?<!式)(?<!式 ){OPEN}{EQUATION}"),
    "sigmoid or tanh capitalized (the glossary writes them lower-case)": re.compile(r"\b(Sigmoid|Tanh)\b"),
    "a space before %": re.compile(r"\d[ \u00a0]%"),
    "digits grouped by spaces (the Chinese edition groups by commas)": re.compile(
        r"\b\d{1,3}(?:[ \u00a0\u2009]\d{3})+\b"
    ),
    "a cross-reference without a space next to Han text": re.compile(f"[{HAN}]{OPEN}|{CLOSE}[{HAN}]"),
    # Three or more short items joined by commas before 和 or 以及 and the sentence's end: a
    # list of nouns, which takes 顿号 (narrow on purpose: commas between clauses are right).
    "a list of items separated by commas, not 顿号": re.compile(
        f"(?:^|[。：；])(?:[{HAN}A-Za-z{TOKEN} ]{{1,10}}，){{2,}}[{HAN}A-Za-z{TOKEN} ]{{1,10}}(?:，?以及|和)"
        f"[{HAN}A-Za-z{TOKEN} ]{{1,12}}。"
    ),
}
QUOTED_TEXT_KEEPS = {"half-width punctuation after a Han character"}


def _is_token(element: Element) -> bool:
    return element.tag in TOKENS or "math" in element.classes


def _is_cross_reference(element: Element) -> bool:
    return element.tag == "a" and "reference" in element.classes and "glossary-term" not in element.classes


def _text(block: Element) -> str:
    """The block's text as the rules read it; blocks inside it are read on their own."""
    pieces = []
    for child in block.children:
        if isinstance(child, str):
            pieces.append(child)
        elif child.classes & SKIPPED or child.tag in {"script", "style", "template"} or child.tag in BLOCKS:
            continue
        elif _is_token(child):
            pieces.append(TOKEN)
        elif _is_cross_reference(child):
            equation = EQUATION if "#equation-" in child.attrs.get("href", "") else ""
            pieces.append(OPEN + equation + _text(child) + CLOSE)
        else:
            pieces.append(_text(child))
    return "".join(pieces)


def _shown(text: str) -> str:
    return text.replace(TOKEN, "‹code›").replace(OPEN + EQUATION, "[").replace(OPEN, "[").replace(CLOSE, "]")


def _pages() -> list[str]:
    root = SITE / "zh_CN"
    generated = {"genindex.html", "search.html", "py-modindex.html"}
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*.html")
        if path.relative_to(root).parts[0] not in {"_static", "_sources", "_modules"} and path.name not in generated
    )


def problems(page: Element) -> list[str]:
    """Each rule broken in the page's article, with the text around it."""
    found = []
    for article in page.find_all("article", class_="bd-article"):
        for block in article.iter():
            if block.tag not in BLOCKS or block.classes & SKIPPED:
                continue
            if any(ancestor.classes & SKIPPED for ancestor in block.ancestors()):
                continue
            text = _text(block)
            for rule, pattern in RULES.items():
                checked = QUOTE.sub(lambda quote: "「」", text) if rule in QUOTED_TEXT_KEEPS else text
                for match in pattern.finditer(checked):
                    context = checked[max(0, match.start() - 12) : match.end() + 12].replace("\n", " ")
                    found.append(f"{rule}: …{_shown(context)}…")
    return found


def test_the_rules_find_what_they_are_for():
    page = parse(
        '<article class="bd-article"><p>又称 惊奇度，见<a class="reference internal" '
        'href="#equation-x">(1)</a>，Sigmoid 的值 10 %，共 10 000 个,对吗</p>'
        '<p>「原文,保留」，见式 <a class="reference internal" href="#equation-y">(2)</a> 与 '
        '<a class="reference internal" href="a.html">一页</a>。</p>'
        "<p>链式法则，感知机的梯度，梯度检验，以及初始化。</p>"
        "<p>链式法则、感知机的梯度、梯度检验，以及初始化。它是函数，所以可导，而且连续。</p></article>"
    )
    found = {problem.split(":")[0] for problem in problems(page)}
    assert found == {
        "a space between two Han characters",
        "an equation cited without 式",
        "sigmoid or tanh capitalized (the glossary writes them lower-case)",
        "a space before %",
        "digits grouped by spaces (the Chinese edition groups by commas)",
        "half-width punctuation after a Han character",
        "a cross-reference without a space next to Han text",
        "a list of items separated by commas, not 顿号",
    }


@pytest.mark.parametrize("page", _pages() if (SITE / "zh_CN").is_dir() else [])
def test_the_chinese_page_is_typeset_as_chinese(site, page):
    found = problems(parse(site / "zh_CN" / page))
    assert not found, f"zh_CN/{page}:\n" + "\n".join(found)
