"""Serve MathJax from the site itself instead of a CDN.

Sphinx loads MathJax from jsDelivr by default, which readers in mainland China often cannot
reach. MathJax 3 comes as files inside the ``sphinx-mathjax-offline`` package. ``conf.py``
sets Sphinx's ``mathjax_path`` to a path in the site's ``_static`` folder
(``mathjax/tex-chtml.js``); this extension copies there that bundle and only what it loads
at run time (the TeX extensions it autoloads, its web fonts, the accessibility and menu
components) instead of the package's whole 24 MB. A ``mathjax_path`` that is a URL is a
configuration error: the site would fetch MathJax from another host.

Config values: ``offline_mathjax_parts`` (the folders of the package the bundle loads,
relative to its ``mathjax`` folder).

Events: ``builder-inited`` (checks ``mathjax_path``), ``build-finished`` (copies the files).
"""

from __future__ import annotations

from importlib.metadata import distribution
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util.fileutil import copy_asset

PARTS = ["input/tex/extensions", "output/chtml/fonts/woff-v2", "a11y", "ui"]


def mathjax_source() -> Path:
    """The ``mathjax`` folder of the installed ``sphinx-mathjax-offline``."""
    return Path(str(distribution("sphinx-mathjax-offline").locate_file("sphinx-mathjax-offline/static/mathjax")))


def _local_path(app: Sphinx) -> PurePosixPath:
    path: str = app.config.mathjax_path
    if "//" in path or not path:
        raise ConfigError(f"mathjax_path is {path!r}: set it to a path under _static, such as 'mathjax/tex-chtml.js'")
    return PurePosixPath(path)


def _renders_math(app: Sphinx) -> bool:
    """Whether MathJax renders this build's math (not, say, the EPUB's SVG images)."""
    return getattr(app.builder, "math_renderer_name", None) == "mathjax"


def _check_path(app: Sphinx) -> None:
    if _renders_math(app):
        _local_path(app)


def _copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _renders_math(app):
        return
    entry = _local_path(app)
    source, target = mathjax_source(), Path(app.outdir, "_static", *entry.parent.parts)
    target.mkdir(parents=True, exist_ok=True)
    copy_asset(source / entry.name, target)
    for part in app.config.offline_mathjax_parts:
        copy_asset(source / part, target / part)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("offline_mathjax_parts", PARTS, "html", types=frozenset({list, tuple}))
    app.connect("builder-inited", _check_path)
    app.connect("build-finished", _copy_mathjax)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
