"""Build the docs against this checkout's package, not whatever copy is installed.

The virtualenv may hold ``notes`` installed from another checkout. This extension puts
this checkout's source folder first on ``sys.path`` (for autodoc and the package's
doctests) and on ``PYTHONPATH`` (for the kernels that execute the pages), so a build of
any copy of the repository documents and runs that copy's package. (``conf.py`` keys the
execution cache on the same source, with ``execution_cache.cache_folder``.)

Config values: ``notes_source_path`` (``""``: nothing is added), the folder that holds the
package, absolute or relative to the configuration directory.

Events: ``config-inited``, before any extension imports the package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config


def _use_source_tree(app: Sphinx, config: Config) -> None:
    if not config.notes_source_path:
        return
    source = str(Path(app.confdir, config.notes_source_path).resolve())
    sys.path.insert(0, source)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("notes_source_path", "", "", types=frozenset({str}))
    app.connect("config-inited", _use_source_tree, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
