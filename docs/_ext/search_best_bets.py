"""Search ranks first the page that teaches a glossary term, in both editions.

The glossary names, for every term, the page that teaches it. A broad term such as 梯度 or
"activation function" appears on many pages, and Sphinx's scores alone may put the
teaching page sixth. The scoring itself is ``search_best_bets.js``, which ``conf.py``
names as Sphinx's ``html_search_scorer``: it keeps Sphinx's default ``Scorer`` and its
weights, and adds a ``score`` function that gives a large bonus to the results from the
teaching page when the query is exactly a glossary term, English or Chinese. This
extension gives that function its data: on the search page, a small script defines
``GLOSSARY_TEACHES``, each term (lower case, single spaces) mapped to its teaching page.

Config values: ``search_best_bets_glossary`` (``"glossary"``), the docname of the glossary.

Events: ``html-page-context`` (adds the data to the search page).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from glossary import glossary_rows
from sphinx.application import Sphinx


def teaching_pages(glossary: Path) -> dict[str, str]:
    """Each glossary term, English and Chinese, normalised as the scorer normalises a query."""
    teaches = {}
    for row in glossary_rows(glossary):
        for term in (row["english"], row["chinese"]):
            teaches[" ".join(term.lower().split())] = row["page"]
    return teaches


def _add_teaching_pages(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if pagename != "search":
        return
    teaches = teaching_pages(Path(app.env.doc2path(app.config.search_best_bets_glossary)))
    app.add_js_file(None, body=f"const GLOSSARY_TEACHES = {json.dumps(teaches, ensure_ascii=False, sort_keys=True)};")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("search_best_bets_glossary", "glossary", "html", types=frozenset({str}))
    app.connect("html-page-context", _add_teaching_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
