"""Run every doctest of the package when the build starts; a failure stops the build.

When the builder starts, every example in every module of the package runs, with the
option flags ``conf.py`` gives. A failing one stops the build naming the module,
function, file, line and example. How many examples ran is left in the environment as
``env.package_doctests_examples``, for the ``verified_examples`` extension to state.

Config values:

* ``package_doctests_package`` (``""``: nothing runs): the package's import name;
* ``package_doctests_flags`` (``[]``): the doctest option flags, by name.

Events: ``builder-inited``.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from collections.abc import Iterable
from typing import Any

from doctest_runner import CollectingRunner
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


def run_package_doctests(package_name: str, flag_names: Iterable[str]) -> int:
    """Run the doctests of every module of the package; return how many examples ran."""
    package = importlib.import_module(package_name)
    modules = [package]
    for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
        try:
            modules.append(importlib.import_module(info.name))
        except Exception as exc:
            raise ExtensionError(f"cannot import {info.name} to run its doctests: {exc!r}") from exc
    runner, finder = CollectingRunner(flag_names), doctest.DocTestFinder()
    for module in modules:
        for test in finder.find(module, module.__name__):
            runner.run(test, clear_globs=True)
    if runner.problems:
        raise ExtensionError(
            f"{len(runner.problems)} failing doctest(s) in the {package_name} package:\n\n"
            + "\n\n".join(runner.problems)
        )
    return runner.tries


def _run(app: Sphinx) -> None:
    package = app.config.package_doctests_package
    count = run_package_doctests(package, app.config.package_doctests_flags) if package else 0
    app.env.package_doctests_examples = count


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("package_doctests_package", "", "env", types=frozenset({str}))
    app.add_config_value("package_doctests_flags", [], "env", types=frozenset({list, tuple}))
    app.connect("builder-inited", _run)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
