"""Offer every executed page as a Jupyter notebook (``.ipynb``) in the download menu.

MyST-NB writes each executed page to ``<page>.ipynb`` in its output folder
(``env.mystnb_config.output_folder``). The book theme lists a page's ``.ipynb`` in its
download menu only when ``ipynb_source`` is in the page context, which it sets itself only
when launch buttons (Binder, Colab …) are configured. This extension copies the executed
notebook into ``_sources/`` next to the page's text source and sets ``ipynb_source``, so
readers can take any page with them and run it.

Config values: none. Events: ``html-page-context``, before the theme builds its buttons
(priority 400 < 500).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


def _offer_notebook(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name != "html":  # the EPUB, an HTML-format builder too, has no download menu
        return
    executed = Path(app.env.mystnb_config.output_folder) / f"{pagename}.ipynb"
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    if executed.is_file():  # freshly executed (or read from the cache) in this build
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(executed, target)
    if target.is_file():  # a page re-written without being re-read keeps its notebook
        context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    app.connect("html-page-context", _offer_notebook, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
