"""The glossary as data: its rows, each row's anchor, and the one way a term is found in text.

``docs/glossary.md`` is the source of truth for the site's terms. Its list-table has one
row per term: English, 中文, symbol, definition and the ``{doc}`` link to the page that
teaches the term. Three readers share what this module says about it, so that they can
never disagree on what counts as a use of a term:

* the ``glossary_links`` extension, which links the first use of a term on a page;
* the ``search_best_bets`` extension, which ranks the teaching page first;
* the catalog tests, which check that every term is translated as the glossary says.

This is a plain module (no ``setup()``): not an extension, so extensions may import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

# One row of the glossary's list-table: English, 中文, symbol, definition, {doc} link.
ROW = re.compile(r"^\* - (?P<english>.+)\n  - (?P<chinese>.+)\n  - .*\n  - .*\n  - \{doc\}`/(?P<page>[^`]+)`$", re.M)
LATIN = re.compile(r"[A-Za-z]")
_WORD_CHARACTER = re.compile(r"[A-Za-z0-9_]")
# A Latin term starts and ends at a word boundary; a hyphen joins words, so it is no boundary
# ("convex" is not found in "non-convex"). Han characters are: 用 ReLU 激活 finds "ReLU".
_NOT_BEFORE = r"(?<![A-Za-z0-9_-])"
_NOT_AFTER = r"(?![A-Za-z0-9_-])"
# Phrases that contain a term but are no use of it, so no reader counts them: the glossary's
# "iterate" is the noun (a point of an iterative method), "iterate over" the verb; "logit
# regression" is another name of logistic regression, not a use of "logits"; "a heavy ball
# rolling" is the picture behind the heavy-ball method, not the method.
NOT_TERMS = ("iterate over", "iterate once over", "logit regression", "heavy ball rolling")


def glossary_rows(glossary: Path) -> list[dict[str, str]]:
    """The glossary's rows as dicts with keys ``english``, ``chinese`` and ``page``."""
    return [match.groupdict() for match in ROW.finditer(glossary.read_text(encoding="utf-8"))]


def anchor(english: str) -> str:
    """The row's anchor, the same in both editions: ``KL divergence`` → ``term-kl-divergence``."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")


def term_regex(term: str) -> str:
    """A regular expression (no capturing groups) for ``term`` as a reader writes it.

    A term without Latin letters (熵, 交叉熵) is matched as it is. A term with Latin letters
    is matched in any case (apply ``re.I``), its words joined by a space, a hyphen or nothing
    (mini-batch, minibatch), its last word also inflected: saddle points, entropies, local
    minima, logit for logits.
    """
    if not LATIN.search(term):
        return re.escape(term)
    *words, last = re.split(r"[\s-]+", term.strip())
    body = r"[\s-]*".join([*map(re.escape, words), _inflected(last)])
    before = _NOT_BEFORE if _WORD_CHARACTER.match(term.strip()[0]) else ""
    after = _NOT_AFTER if _WORD_CHARACTER.match(last[-1]) else ""
    return before + body + after


def _inflected(word: str) -> str:
    """``word`` with the endings English adds to it, if it is a Latin word."""
    stem = re.escape(word)
    if not LATIN.search(word):
        return stem
    if word.endswith("y"):
        return stem[:-1] + "(?:y|ies)"
    if word.endswith("um"):
        return stem[:-2] + "(?:um|a|ums)"
    if word.endswith("s"):
        return stem + "?"
    return stem + "(?:s|es)?"


def _longest_first(term: str) -> tuple[int, str]:
    return -len(term), term


class TermMatcher:
    """Finds terms in text, a longer term before the shorter ones inside it.

    "binary cross-entropy" is one use of that term, not also one of "cross-entropy" and
    "entropy"; overlapping uses never both count. A phrase of ``not_terms`` is no use of the
    terms inside it: "iterate over" is not the noun "iterate".
    """

    def __init__(self, terms: Iterable[str], not_terms: Iterable[str] = NOT_TERMS) -> None:
        self.terms = sorted(set(terms), key=_longest_first)
        skipped = set(not_terms) - set(self.terms)
        patterns = sorted([*self.terms, *skipped], key=_longest_first)
        # The term each alternative finds; None for a phrase that is no use of a term.
        self._found = [None if pattern in skipped else pattern for pattern in patterns]
        alternatives = "|".join(f"({term_regex(term)})" for term in patterns)
        self._regex = re.compile(alternatives or r"(?!)", re.I)

    def finditer(self, text: str) -> Iterator[tuple[str, re.Match[str]]]:
        """Each use of a term in ``text``, left to right: the term and its match."""
        for match in self._regex.finditer(text):
            assert match.lastindex is not None
            term = self._found[match.lastindex - 1]
            if term is not None:
                yield term, match

    def found(self, text: str) -> list[str]:
        """The terms ``text`` uses, each once, in the order of their first use."""
        return list(dict.fromkeys(term for term, _ in self.finditer(text)))
