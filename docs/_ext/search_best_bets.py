"""Search ranks first the page that teaches a glossary term, in both languages.

The glossary (``docs/glossary.md``) names, for every term, the page that teaches it. A
broad term such as 梯度 or "activation function" appears on many pages, and Sphinx's
scores alone may put the teaching page sixth. This extension writes a search ``Scorer``
(Sphinx's hook for re-scoring results, ``html_search_scorer``) that adds a large bonus to
the results from that page when the query is exactly a glossary term, English or Chinese.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

# One row of the glossary's list-table: English, 中文, symbol, definition, {doc} link.
ROW = re.compile(r"^\* - (?P<english>.+)\n  - (?P<chinese>.+)\n  - .*\n  - .*\n  - \{doc\}`/(?P<page>[^`]+)`$", re.M)

BONUS = 1000

SCORER = """var Scorer = {
  // Sphinx's default weights (searchtools.js), unchanged.
  objNameMatch: 11, objPartialMatch: 6, objPrio: {0: 15, 1: 5, 2: -5}, objPrioDefault: 0,
  title: 15, partialTitle: 7, term: 5, partialTerm: 2,
  // The page that teaches a glossary term comes first when the query is that term.
  teaches: %s,
  score: (result) => {
    const query = (new URLSearchParams(window.location.search).get("q") || "")
      .trim().toLowerCase().replace(/\\s+/g, " ");
    return Scorer.teaches[query] === result[0] ? result[4] + %d : result[4];
  },
};
"""


def glossary_rows(glossary: Path) -> list[dict[str, str]]:
    """The glossary's rows as dicts with keys ``english``, ``chinese`` and ``page``."""
    return [match.groupdict() for match in ROW.finditer(glossary.read_text(encoding="utf-8"))]


def _write_scorer(app: Sphinx, config: Config) -> None:
    teaches = {}
    for row in glossary_rows(Path(app.confdir) / "glossary.md"):
        for term in (row["english"], row["chinese"]):
            teaches[" ".join(term.lower().split())] = row["page"]
    scorer = Path(app.doctreedir) / "search_scorer.js"
    scorer.parent.mkdir(parents=True, exist_ok=True)
    scorer.write_text(SCORER % (json.dumps(teaches, ensure_ascii=False, sort_keys=True), BONUS), encoding="utf-8")
    config.html_search_scorer = str(scorer)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _write_scorer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
