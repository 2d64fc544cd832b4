"""Give the controls the theme and MyST-NB draw an accessible name that matches what they show.

Three controls fail WCAG 2.1's name checks (axe-core rules ``summary-name`` and
``label-content-name-mismatch``) as the theme and MyST-NB write them, and this extension
rewrites each at build time, so the page needs no script to be read aloud correctly:

- the sidebar's expand toggles (pydata-sphinx-theme's ``<summary>`` holding only a chevron
  icon) get an ``aria-label`` naming the section they open, in the page's language
  (``accessible_names_toggle``);
- MyST-NB's hidden-cell toggles lose their fixed English ``aria-label="Toggle hidden
  content"``: their visible text names them, "Show code cell source" and the like, which
  MyST-NB writes in English and this extension translates into the page's language through
  Sphinx's catalog (the project's ``sphinx.po`` holds the Chinese);
- the search button's name is its visible text (``_templates/search-button-field.html``,
  an override of the theme's template without its ``aria-label``).

Config values: ``accessible_names_toggle`` (``{}``), each language mapped to the toggle's
label, a format string with ``{title}`` (the section's title).

Events: ``html-page-context`` (after the theme's, which defines ``generate_toctree_html``).
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.locale import _

_MYST_NB_LABEL = ' aria-label="Toggle hidden content"'


def _name_the_sidebar_toggles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None:  # not the theme's page (e.g. a redirect)
        return
    labels: dict[str, str] = app.config.accessible_names_toggle
    if app.config.language not in labels:
        raise ConfigError(f"accessible_names_toggle {labels!r} has no label for {app.config.language!r}")
    label = labels[app.config.language]

    @wraps(generate)
    def generate_named(*args: Any, **kwargs: Any) -> Any:
        soup = generate(*args, **kwargs)
        for summary in soup.select("summary") if hasattr(soup, "select") else ():
            if summary.get("aria-label") or summary.get_text(strip=True):
                continue  # already named, e.g. by a caption inside it
            link = summary.find_parent("li").find("a", recursive=False)
            summary["aria-label"] = label.format(title=link.get_text(" ", strip=True))
        return soup

    context["generate_toctree_html"] = generate_named


def _visit_hidden_cell(self: Any, node: HideCodeCellNode) -> None:
    node["prompt_show"], node["prompt_hide"] = str(_(node["prompt_show"])), str(_(node["prompt_hide"]))
    start = len(self.body)
    visit_HideCellInput(self, node)
    self.body[start:] = [part.replace(_MYST_NB_LABEL, "") for part in self.body[start:]]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    app.add_config_value("accessible_names_toggle", {}, "html", types=frozenset({dict}))
    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_cell, depart_HideCellInput))
    app.connect("html-page-context", _name_the_sidebar_toggles, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
