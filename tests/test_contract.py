"""The public API of DESIGN.md: every name exists, is exported and is documented."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re

import pytest

from conftest import REPO

CONTRACT = {
    "information": ["information_content", "entropy", "cross_entropy", "kl_divergence", "binary_entropy"],
    "activations": ["sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad", "softmax",
                    "log_softmax", "logsumexp", "softmax_jacobian"],
    "losses": ["mse", "mse_grad", "l1_loss", "l2_loss", "binary_cross_entropy", "softmax_cross_entropy",
               "softmax_cross_entropy_grad"],
    "gradcheck": ["numerical_gradient", "numerical_hessian", "relative_error", "check_gradient"],
    "optim": ["SGD", "Adagrad", "RMSprop", "Adam", "ewma"],
    "schedules": ["inverse_time_decay", "exponential_decay", "step_decay"],
    "init": ["lecun_normal", "xavier_uniform", "xavier_normal", "he_normal"],
    "preprocessing": ["Standardizer"],
    "broadcasting": ["broadcast_shape", "explain_broadcast"],
    "landscapes": ["himmelblau", "himmelblau_grad", "gradient_descent"],
    "network": [],
    "regression": [],
}
MODULES = sorted(CONTRACT)


def _public(module_name: str):
    module = importlib.import_module(f"notes.{module_name}")
    return module, [(name, getattr(module, name)) for name in module.__all__]


@pytest.mark.parametrize("module_name", MODULES)
def test_every_contract_name_is_exported(module_name):
    module, _ = _public(module_name)
    missing = [name for name in CONTRACT[module_name] if name not in module.__all__]
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
    docs = REPO / "docs"
    unlinked = []
    for name, obj in public:
        if _is_result_record(obj):
            continue
        pages = re.findall(r":doc:`(/[^`]+)`", inspect.getdoc(obj) or "")
        if not pages or not all((docs / f"{page.lstrip('/')}.md").is_file() for page in pages):
            unlinked.append(name)
    assert not unlinked, f"notes.{module_name}: no link to an existing page in {unlinked}"
