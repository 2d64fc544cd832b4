"""The package's public API: every promised name exists and is exported, and everything
exported states its formula, runs an example, has type hints and links to its page."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
import warnings

import numpy as np
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


# -- bad input across the public API -----------------------------------------------------------

from notes import activations, information, init, landscapes, losses, network, preprocessing, regression  # noqa: E402

_X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
_Y = np.array([1.0, 0.0, 1.0])
_ONE_HOT = np.array([0, 1, 1])
_FIT = np.array([[1.0, 2.0], [3.0, 5.0], [0.0, 0.0]])


def _rng():
    return np.random.default_rng(0)


def _with_rng(initializer):
    return lambda fan_in, fan_out: initializer(fan_in, fan_out, _rng())


# One valid call per public function of these modules, by keyword: the sweep replaces one
# argument at a time by each bad value below.
CALLS = {
    **{
        name: (getattr(activations, name), {"x": [0.1, 0.2]})
        for name in ("sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad")
    },
    "logsumexp": (activations.logsumexp, {"z": [[0.1, 0.2]], "keepdims": False}),
    "softmax": (activations.softmax, {"z": [[0.1, 0.2]]}),
    "log_softmax": (activations.log_softmax, {"z": [[0.1, 0.2]]}),
    "softmax_jacobian": (activations.softmax_jacobian, {"z": [0.1, 0.2]}),
    **{
        name: (getattr(losses, name), {"pred": [0.1, 0.2, 0.3], "target": [0.1, 0.3, 0.4]})
        for name in ("mse", "mse_grad", "l1_loss", "l1_loss_grad", "l2_loss", "l2_loss_grad")
    },
    **{
        name: (getattr(losses, name), {"probs": [0.1, 0.2, 0.3], "labels": [1.0, 0.0, 1.0]})
        for name in ("binary_cross_entropy", "binary_cross_entropy_grad")
    },
    **{
        name: (getattr(losses, name), {"logits": _X, "labels": _ONE_HOT})
        for name in ("softmax_cross_entropy", "softmax_cross_entropy_grad")
    },
    "accuracy": (losses.accuracy, {"scores": _X, "labels": _ONE_HOT}),
    "information_content": (information.information_content, {"p": [0.5, 0.25]}),
    "entropy": (information.entropy, {"p": [0.5, 0.5]}),
    "cross_entropy": (information.cross_entropy, {"p": [0.5, 0.5], "q": [0.25, 0.75]}),
    "kl_divergence": (information.kl_divergence, {"p": [0.5, 0.5], "q": [0.25, 0.75]}),
    "binary_entropy": (information.binary_entropy, {"p": [0.5, 0.25]}),
    "Standardizer.fit_transform": (lambda X: preprocessing.Standardizer().fit_transform(X), {"X": _X}),
    "Standardizer.transform": (lambda X: preprocessing.Standardizer().fit(_FIT).transform(X), {"X": _X}),
    "Standardizer.inverse_transform": (
        lambda Z: preprocessing.Standardizer().fit(_FIT).inverse_transform(Z),
        {"Z": _X},
    ),
    **{name: (_with_rng(getattr(init, name)), {"fan_in": 3, "fan_out": 2}) for name in init.__all__},
    "perceptron_forward": (network.perceptron_forward, {"x": _X, "w": [0.1, 0.2]}),
    "perceptron_loss": (network.perceptron_loss, {"x": _X, "t": _Y, "w": [0.1, 0.2]}),
    "perceptron_grad": (network.perceptron_grad, {"x": _X, "t": _Y, "w": [0.1, 0.2]}),
    "multi_output_perceptron_forward": (
        network.multi_output_perceptron_forward,
        {"x": _X, "W": np.ones((2, 2)), "b": [0.1, 0.2]},
    ),
    "multi_output_perceptron_loss": (
        network.multi_output_perceptron_loss,
        {"x": _X, "t": np.full((3, 2), 0.5), "W": np.ones((2, 2)), "b": [0.1, 0.2]},
    ),
    "MLP.loss": (lambda X, y: network.MLP([2, 3, 1], rng=_rng()).loss(X, y), {"X": _X, "y": _Y}),
    "MLP.backward": (lambda X, y: network.MLP([2, 3, 1], rng=_rng()).backward(X, y), {"X": _X, "y": _Y}),
    "MLP.set_flat_params": (
        lambda theta: network.MLP([2, 1], rng=_rng()).set_flat_params(theta),
        {"theta": [0.1, 0.2, 0.3]},
    ),
    "himmelblau": (landscapes.himmelblau, {"x": [0.1, 0.2], "y": [1.0, 2.0]}),
    "himmelblau_grad": (landscapes.himmelblau_grad, {"x": [0.1, 0.2], "y": [1.0, 2.0]}),
    "gradient_descent": (
        lambda x0: landscapes.gradient_descent(lambda v: 2 * v, x0, lr=0.1, steps=3),
        {"x0": [1.0, 2.0]},
    ),
    "minibatches": (lambda X, y: list(regression.minibatches(X, y, 2, rng=_rng())), {"X": _X, "y": _Y}),
    **{
        name: (getattr(regression, name), {"X": _X, "w": [0.1, 0.2]})
        for name in ("linear_predict", "logistic_predict_proba")
    },
    **{
        name: (getattr(regression, name), {"X": _X, "y": _Y, "w": [0.1, 0.2]})
        for name in (
            "linear_regression_loss",
            "linear_regression_grad",
            "logistic_regression_loss",
            "logistic_regression_grad",
        )
    },
}
_DEFAULT_B = {"perceptron_forward", "perceptron_loss", "perceptron_grad", "linear_predict", "logistic_predict_proba"}
_DEFAULT_B |= {
    "linear_regression_loss",
    "linear_regression_grad",
    "logistic_regression_loss",
    "logistic_regression_grad",
}

BAD_VALUES = {
    "near the float limit": np.array([1e308, 1e308, -1e308]),
    "subnormal": np.array([5e-324, 1e-310, 0.0]),
    "+inf": np.array([np.inf, 1.0, 0.0]),
    "NaN": np.array([np.nan, 1.0, 0.0]),
    "empty": np.array([]),
    "0-d": np.float64(0.5),
    "bool": np.array([True, False, True]),
    "uint8": np.array([1, 0, 1], dtype=np.uint8),
    "complex": np.array([1 + 1j, 0, 1]),
    "object": np.array([1, 0, 1], dtype=object),
    "str": np.array(["a", "b", "c"]),
    "float16": np.array([0.2, 0.3, 0.5], dtype=np.float16),
    "masked": np.ma.masked_array([[0.2, 0.8], [0.5, 0.5], [0.3, 0.7]], mask=[[0, 0], [1, 0], [0, 0]]),
    "None": None,
    "size 2**40": 2**40,
}
# Where ±inf is the stated answer: -log 0, log of an underflowed probability, a q of 0 where p is not.
INFINITE_BY_DEFINITION = {"information_content", "log_softmax", "cross_entropy", "kl_divergence"}
# Documented: these return ±inf past the float range (the gradient descent stops there).
INFINITE_PAST_THE_RANGE = {"himmelblau", "himmelblau_grad"}


def _finite(out) -> bool:
    if isinstance(out, (tuple, list)):
        return all(_finite(part) for part in out)
    if out is None:
        return True
    return bool(np.isfinite(np.asarray(out, dtype=np.float64)).all())


@pytest.mark.parametrize("bad_name", BAD_VALUES)
@pytest.mark.parametrize("call", CALLS)
def test_bad_input_gives_a_finite_answer_or_an_error_naming_the_argument(call, bad_name):
    function, arguments = CALLS[call]
    extra = {"b": 0.5} if call in _DEFAULT_B else {}
    for argument in arguments:
        if bad_name == "size 2**40" and argument not in ("fan_in", "fan_out"):
            continue
        kwargs = {**arguments, **extra, argument: BAD_VALUES[bad_name]}
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a RuntimeWarning fails the test
            try:
                out = function(**kwargs)
            except (ValueError, TypeError) as exc:
                if bad_name == "masked":
                    assert isinstance(exc, TypeError) and argument in str(exc), f"{call}({argument}=masked): {exc!r}"
                # A valid array of another shape may be refused for not matching a partner.
                named = [argument] if bad_name not in ("empty", "0-d") else [*arguments, *extra]
                assert any(re.search(rf"\b{re.escape(name)}\b", str(exc)) for name in named), (
                    f"{call}({argument}={bad_name}): {exc!r}"
                )
                continue
        assert bad_name not in ("masked", "complex", "object", "str", "None"), (
            f"{call}({argument}={bad_name}) accepted: {out!r}"
        )
        if call in INFINITE_BY_DEFINITION | INFINITE_PAST_THE_RANGE or bad_name == "+inf":
            assert not np.isnan(
                np.concatenate([np.ravel(p) for p in (out if isinstance(out, tuple) else (out,))]).astype(float)
            ).any()
        else:
            assert _finite(out), f"{call}({argument}={bad_name}) = {out!r}"
