"""Build the docs against this checkout's ``notes`` and never serve stale executed outputs.

Two jobs that go together:

* put ``src/`` first on ``sys.path`` (for autodoc and the doctest run) and on
  ``PYTHONPATH`` (for the kernels that execute the pages), so a build of any copy of the
  repository documents and runs that copy's package, not whatever is installed;
* key MyST-NB's execution cache on the package source. The cache keys a page on its code
  cells only (MyST-NB #299), so after a change to ``src/notes`` it would serve outputs
  computed by the old code. Each version of the package gets its own cache folder; both
  language builds share it, since their code cells are identical. A new folder is a
  changed configuration value, so Sphinx reads every page again and the pages run anew.

It also moves MyST-NB's scratch output (each executed notebook and its images) from
``_build/html/jupyter_execute``, inside the deployable site, to the language's doctree
folder: nothing there is published, and the images stay where the next build expects them,
so a rebuild with nothing changed reads no page.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config


def package_digest(package_dir: Path) -> str:
    """A digest of every ``.py`` file of the package, path and content."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        digest.update(path.relative_to(package_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _use_source_tree(app: Sphinx, config: Config) -> None:
    cache_root = Path(app.confdir) / "_build" / "jupyter_cache"
    current = cache_root / package_digest(SOURCE / "notes")
    if cache_root.is_dir():  # caches of older package versions can never be hit again
        for old in cache_root.iterdir():
            if old != current:
                shutil.rmtree(old, ignore_errors=True)
    config.nb_execution_cache_path = str(current)


def output_folder(app: Sphinx) -> Path:
    """Where MyST-NB writes this language's executed notebooks and their images."""
    return Path(app.doctreedir) / "jupyter_execute"


def _move_output_folder(app: Sphinx) -> None:
    app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(output_folder(app)))


SOURCE = Path(__file__).resolve().parents[2] / "src"


def setup(app: Sphinx) -> dict:
    sys.path.insert(0, str(SOURCE))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE), os.environ.get("PYTHONPATH")]))
    app.connect("config-inited", _use_source_tree)
    app.connect("builder-inited", _move_output_folder, priority=600)  # after MyST-NB sets it
    return {"parallel_read_safe": True, "parallel_write_safe": True}
