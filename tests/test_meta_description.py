"""Every page of both editions describes itself to search engines, in its own language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from editions import LANGUAGES, SOURCE_LANGUAGE
from meta_description import first_sentence

from support.pages import parse

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _description(page: Path) -> list[str]:
    return [
        meta.attrs.get("content", "")
        for meta in parse(page).find_all("meta")
        if meta.attrs.get("name") == "description"
    ]


def test_the_first_sentence_ends_at_a_full_stop_but_not_at_an_abbreviation():
    text = "Softmax turns scores into probabilities, e.g. logits, into\n  a distribution. It is smooth."
    assert first_sentence(text) == "Softmax turns scores into probabilities, e.g. logits, into a distribution."


def test_the_first_chinese_sentence_ends_at_a_full_width_full_stop():
    assert first_sentence("交叉熵衡量两个分布的差异。它不对称。") == "交叉熵衡量两个分布的差异。"


def test_text_with_no_sentence_end_is_kept_whole():
    assert first_sentence("Version 0.1") == "Version 0.1"


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_one_description_in_its_language(site, language):
    root = site / language
    wrong = {}
    for page in sorted(root.rglob("*.html")):
        if page.relative_to(root).parts[0] in {"_static", "_sources"}:
            continue
        found = _description(page)
        in_chinese = len(found) == 1 and bool(_HAN.search(found[0]))
        if len(found) != 1 or not found[0].strip() or in_chinese != (language != SOURCE_LANGUAGE):
            wrong[str(page.relative_to(site))] = found
    assert not wrong, f"pages without one description in {language}: {wrong}"


@pytest.mark.build
def test_a_page_is_described_by_its_first_sentence_in_both_languages(site):
    english = _description(site / "en" / "information" / "entropy.html")[0]
    chinese = _description(site / "zh_CN" / "information" / "entropy.html")[0]
    assert english.endswith(".") and "<" not in english, english
    assert chinese.endswith("。") and "<" not in chinese, chinese
