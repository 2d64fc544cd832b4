"""The package's public API: every promised name exists and is exported, and everything
exported states its formula, runs an example, has type hints and links to its page."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re

import pytest

import notes
from support.api import PUBLIC_NAMES
from support.paths import DOCS

# Every public module of the package, promised names or not.
MODULES = sorted(info.name for info in pkgutil.iter_modules(notes.__path__) if not info.name.startswith("_"))


def _public(module_name: str):
    module = importlib.import_module(f"notes.{module_name}")
    return module, [(name, getattr(module, name)) for name in module.__all__]


def test_every_module_with_promised_names_exists():
    assert set(PUBLIC_NAMES) <= set(MODULES)


@pytest.mark.parametrize("module_name", sorted(PUBLIC_NAMES))
def test_every_promised_name_is_exported(module_name):
    module, _ = _public(module_name)
    missing = [name for name in PUBLIC_NAMES[module_name] if name not in module.__all__]
    assert not missing, f"notes.{module_name} does not export {missing}"


@pytest.mark.parametrize("module_name", MODULES)
def test_every_public_name_states_its_formula_and_a_runnable_example(module_name):
    _, public = _public(module_name)
    assert public, f"notes.{module_name} exports nothing"
    undocumented = []
    for name, obj in public:
        if _is_result_record(obj):
            continue
        doc = inspect.getdoc(obj) or ""
        if not (".. math::" in doc or ":math:" in doc) or ">>>" not in doc:
            undocumented.append(name)
    assert not undocumented, f"notes.{module_name}: no formula or no example in {undocumented}"


def _is_result_record(obj) -> bool:
    """A named tuple or dataclass that only carries a function's results: no formula of its own."""
    return inspect.isclass(obj) and (issubclass(obj, tuple) or dataclasses.is_dataclass(obj))


@pytest.mark.parametrize("module_name", MODULES)
def test_every_public_function_has_type_hints(module_name):
    _, public = _public(module_name)
    unhinted = []
    for name, obj in public:
        target = obj.__init__ if inspect.isclass(obj) else obj
        if not callable(target) or not inspect.isfunction(target):
            continue
        signature = inspect.signature(target)
        parameters = [p for p in signature.parameters.values() if p.name not in {"self", "cls"}]
        if any(p.annotation is inspect.Parameter.empty for p in parameters):
            unhinted.append(name)
    assert not unhinted, f"notes.{module_name}: parameters without type hints in {unhinted}"


@pytest.mark.parametrize("module_name", MODULES)
def test_every_public_name_links_to_the_page_that_derives_it(module_name):
    _, public = _public(module_name)
    unlinked = []
    for name, obj in public:
        if _is_result_record(obj):
            continue
        pages = re.findall(r":doc:`(/[^`]+)`", inspect.getdoc(obj) or "")
        if not pages or not all((DOCS / f"{page.lstrip('/')}.md").is_file() for page in pages):
            unlinked.append(name)
    assert not unlinked, f"notes.{module_name}: no link to an existing page in {unlinked}"
