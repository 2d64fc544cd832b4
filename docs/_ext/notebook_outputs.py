"""Keep MyST-NB's executed notebooks and their images out of the published site.

MyST-NB writes each executed page (``<page>.ipynb``) and its images to a scratch folder
next to the builder's output, ``_build/html/jupyter_execute``: inside the folder that is
deployed, and shared by the language builds. MyST-NB has no setting for that folder, so
this extension is the one hook that moves it: once MyST-NB has set up its configuration,
the folder becomes ``jupyter_execute`` in the language's doctree folder. Nothing there is
published, and the images stay where the next build of that language expects them, so a
rebuild with nothing changed reads no page.

Config values: none. Events: ``builder-inited`` (after MyST-NB's own handler).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


def _move_output_folder(app: Sphinx) -> None:
    folder = Path(app.doctreedir) / "jupyter_execute"
    app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(folder))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    app.connect("builder-inited", _move_output_folder, priority=600)  # MyST-NB's runs at 500
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
