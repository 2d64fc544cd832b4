"""Chinese search that finds every term, one-character terms such as 熵 included.

Sphinx's own Chinese search indexes the words jieba cuts from a page and drops every
one-character word, while the browser looks the query up as one unsplit word. So 熵 can
never be found, and 交叉熵 or 学习率 only when jieba happened to cut the page exactly so.

This extension registers, with ``app.add_search_language``, a search language for ``zh``
(used by ``language = zh_CN``) that follows the bigram scheme of Lucene's CJK analyzer:

* the index holds every Han character of a page, and every pair of adjacent ones;
* the browser splits the query the same way: a lone character is one term, a longer run
  of Han characters becomes its overlapping pairs (学习率 → 学习, 习率). Sphinx's search
  keeps the pages that contain every term, so a page matches when it contains the
  query's characters in that order, pair by pair.

Latin words on the Chinese site are split and stemmed exactly as on the English site, so
English terms (softmax, KL, Adam) are found in both editions.

Config values: none. Events: none.
"""

from __future__ import annotations

import re
from typing import Any

import snowballstemmer
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.search.en import english_stopwords, js_porter_stemmer

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD_RUN = re.compile(r"[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# The same split in the browser; Sphinx puts it into language_data.js as splitQuery.
JS_SPLITTER = r"""
function splitQuery(query) {
  const terms = [];
  for (const run of query.match(/\p{Script=Han}+|[\p{Letter}\p{Number}_]+/gu) || []) {
    if (!/\p{Script=Han}/u.test(run) || run.length === 1) {
      terms.push(run);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) terms.push(run.slice(i, i + 2));
  }
  return terms;
}
"""


def han_terms(text: str) -> list[str]:
    """Every Han character of ``text`` and every pair of adjacent ones."""
    terms: list[str] = []
    for run in HAN_RUN.findall(text):
        terms.extend(run)
        terms.extend(run[i : i + 2] for i in range(len(run) - 1))
    return terms


class SearchChineseBigrams(SearchLanguage):
    """Simplified Chinese: Han unigrams and bigrams, English words stemmed as in English."""

    lang = "zh"
    language_name = "Chinese"
    js_stemmer_code = js_porter_stemmer
    js_splitter_code = JS_SPLITTER
    stopwords = english_stopwords

    def init(self, options: dict[str, Any]) -> None:
        self.stemmer = snowballstemmer.stemmer("english")

    def split(self, input: str) -> list[str]:
        return han_terms(input) + WORD_RUN.findall(input)

    def word_filter(self, word: str) -> bool:
        # One Han character is a word (熵, 秩); one Latin letter is noise.
        return len(word) > 1 or bool(HAN_RUN.fullmatch(word))

    def stem(self, word: str) -> str:
        return word if HAN_RUN.fullmatch(word) else self.stemmer.stemWord(word.lower())


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchChineseBigrams)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
