"""Offer every executed page as a Jupyter notebook (``.ipynb``) in the download menu.

MyST-NB writes each executed page to ``<page>.ipynb`` in its output folder. The book
theme lists a page's ``.ipynb`` in its download menu only when ``ipynb_source`` is in the
page context, which it sets itself only when launch buttons (Binder, Colab …) are
configured. This extension copies the executed notebook into ``_sources/`` next to the
page's text source and sets ``ipynb_source``, so readers can take any page with them and
run it. It runs before the theme builds its buttons (priority 400 < 500).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

from notes_source import output_folder


def _offer_notebook(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    executed = output_folder(app) / f"{pagename}.ipynb"
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    if executed.is_file():  # freshly executed (or read from the cache) in this build
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(executed, target)
    if target.is_file():  # a page re-written without being re-read keeps its notebook
        context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _offer_notebook, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
