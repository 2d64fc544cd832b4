"""Serve MathJax from the site itself instead of a CDN.

Sphinx loads MathJax from jsDelivr by default, which readers in mainland China often cannot
reach. MathJax 3 comes as files inside the ``sphinx-mathjax-offline`` package; this
extension points ``mathjax_path`` at ``_static/mathjax/tex-chtml.js`` and copies only what
that bundle loads at run time (the TeX extensions it autoloads, its web fonts, the
accessibility and menu components) instead of the package's whole 24 MB.
"""

from __future__ import annotations

from importlib.metadata import distribution
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.fileutil import copy_asset

ENTRY = "tex-chtml.js"
NEEDED = [ENTRY, "input/tex/extensions", "output/chtml/fonts/woff-v2", "a11y", "ui"]


def mathjax_source() -> Path:
    return Path(distribution("sphinx-mathjax-offline").locate_file("sphinx-mathjax-offline/static/mathjax"))


def _point_at_local_copy(app: Sphinx, config: Config) -> None:
    config.mathjax_path = f"mathjax/{ENTRY}"


def _copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in NEEDED:
        if (source / part).is_dir():
            copy_asset(source / part, target / part)
        else:
            target.mkdir(parents=True, exist_ok=True)
            copy_asset(source / part, target)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _point_at_local_copy)
    app.connect("build-finished", _copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
