"""The build's own extensions (``docs/_ext``) keep Sphinx's idiom: each is one file with one
job that says, in its docstring, its config values and the events it uses; none imports
another; each tells Sphinx its version and that it is safe for parallel builds. The plain
modules they share (no ``setup()``) are not extensions."""

from __future__ import annotations

import ast

import pytest

from support.paths import DOCS

SOURCES = {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in sorted((DOCS / "_ext").glob("*.py"))}


def _setup(tree: ast.Module) -> ast.FunctionDef | None:
    return next((node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "setup"), None)


EXTENSIONS = sorted(name for name, tree in SOURCES.items() if _setup(tree))
PLAIN_MODULES = sorted(set(SOURCES) - set(EXTENSIONS))


def _imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_there_are_extensions_and_the_plain_modules_they_share():
    assert {"glossary_links", "search_best_bets", "package_doctests", "page_doctests"} <= set(EXTENSIONS)
    assert {"glossary", "editions"} <= set(PLAIN_MODULES)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_no_module_imports_an_extension(name):
    imported = _imported(SOURCES[name]) & set(EXTENSIONS)
    assert not imported, f"docs/_ext/{name}.py imports the extension(s) {sorted(imported)}"


@pytest.mark.parametrize("name", EXTENSIONS)
def test_every_extension_states_its_config_values_and_events(name):
    docstring = ast.get_docstring(SOURCES[name]) or ""
    assert "Config values" in docstring and "Events" in docstring, f"docs/_ext/{name}.py"


@pytest.mark.parametrize("name", EXTENSIONS)
def test_every_extension_returns_its_version_and_is_parallel_safe(name):
    setup = _setup(SOURCES[name])
    assert setup is not None
    returned = [node.value for node in ast.walk(setup) if isinstance(node, ast.Return)]
    assert len(returned) == 1 and isinstance(returned[0], ast.Dict), f"docs/_ext/{name}.py: setup() returns no dict"
    metadata = {ast.literal_eval(key): value for key, value in zip(returned[0].keys, returned[0].values, strict=True)}
    assert "version" in metadata, f"docs/_ext/{name}.py: setup() returns no version"
    for flag in ("parallel_read_safe", "parallel_write_safe"):
        assert ast.literal_eval(metadata.get(flag, ast.Constant(False))) is True, f"docs/_ext/{name}.py: {flag}"


def test_conf_py_loads_every_extension():
    tree = ast.parse((DOCS / "conf.py").read_text(encoding="utf-8"))
    extensions = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "extensions" for target in node.targets)
    )
    assert set(EXTENSIONS) <= set(extensions), sorted(set(EXTENSIONS) - set(extensions))
