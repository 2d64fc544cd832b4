"""The ``{bench}`` role: one figure from the benchmark results, which ``make bench`` writes.

``{bench}`builds.cold.seconds``` looks up the dotted path (list items by their index) and
formats the value by its last key, the same in both languages:

* ``…seconds`` → ``93.5 s``; ``…_ms`` → ``2.31 ms``; ``…ratio`` → ``0.06``;
* ``bytes`` and ``transferred`` → ``1.23 MB`` (10⁶ bytes); ``memory_gib`` → ``23.4 GiB``;
* ``cls`` (a layout shift) → ``0.012``; a list → ``86, 88, 92``; anything else as it is.

The figures are data, not prose: the page's catalog holds the role, not the number, so a
new benchmark run changes no translation. A page using the role is read again whenever the
file changes. An unknown path is a build error naming it, except a figure the file has no
room for because the run that wrote it measured fewer sections (an older ``make bench``) or
fewer pages, or that the file gives as ``null``: that shows as a dash until ``make bench``
runs again.

Config values: ``performance_figures_file`` (``"performance.json"``), the results file,
relative to the source folder.

Events: none; the role is read with its page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

#: What the page shows for a figure an older run of ``make bench`` did not measure.
NOT_MEASURED = "\u2014"


def lookup(data: Any, path: str) -> Any:
    """The value at a dotted ``path`` in nested dicts and lists; ``None`` for a figure that the
    run which wrote the file did not measure: its section is missing, its list ends earlier,
    or the file holds ``null`` on the way (a section no run has measured)."""
    for depth, key in enumerate(path.split(".")):
        if data is None:
            return None
        if isinstance(data, list):
            if int(key) >= len(data):
                return None
            data = data[int(key)]
        elif depth == 0 and key not in data:
            return None
        else:
            data = data[key]
    return data


def formatted(path: str, value: Any) -> str:
    """``value`` as the page shows it, by the last key of its ``path``."""
    key = path.rsplit(".", 1)[-1]
    if value is None:
        return NOT_MEASURED
    if key == "cls":
        return f"{value:.3f}"
    if key.endswith("seconds"):
        return f"{value:.1f}\u00a0s"
    if key.endswith("_ms"):
        return f"{value:.2f}\u00a0ms"
    if key.endswith(("ratio", "passes")):
        return f"{value:.2f}"
    if key in {"bytes", "transferred"} or key.endswith("_bytes"):
        return f"{value / 1e6:.2f}\u00a0MB"
    if key == "memory_gib":
        return f"{value}\u00a0GiB"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


class BenchRole(SphinxRole):
    """``{bench}`dotted.path```: the figure at that path, formatted."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        name = self.config.performance_figures_file
        results = Path(self.env.srcdir) / name
        self.env.note_dependency(str(results))
        try:
            value = lookup(json.loads(results.read_text(encoding="utf-8")), self.text)
        except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
            message = self.inliner.reporter.error(
                f"{{bench}}: no figure {self.text!r} in {name} ({error!r}); run `make bench`", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        return [nodes.inline(self.rawtext, formatted(self.text, value), classes=["bench-figure"])], []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("performance_figures_file", "performance.json", "env", types=frozenset({str}))
    app.add_role("bench", BenchRole())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
