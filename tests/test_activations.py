"""Tests for :mod:`notes.activations`.

References: ``scipy.special`` (softmax, log_softmax, logsumexp, expit), formulas written
out by hand, finite differences from :func:`notes.gradcheck.numerical_gradient`, and
softmax Jacobians computed by PyTorch autograd (``tests/golden/losses_torch.npz``, made by
``tests/golden/losses_torch.py``).
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.special
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from notes.activations import (
    log_softmax,
    logsumexp,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    softmax,
    softmax_jacobian,
    tanh,
    tanh_grad,
)
from support.checks import assert_matches_finite_differences

GOLDEN = np.load(Path(__file__).parent / "golden" / "losses_torch.npz")
HUGE = 1e308


def assert_close(mine, reference, what, *, rtol=1e-12, atol=0.0):
    np.testing.assert_allclose(
        mine, reference, rtol=rtol, atol=atol, err_msg=f"{what}: mine (actual) vs reference (desired)"
    )


def random_array_and_axis(seed, scale=1.0):
    """A seeded random array of 1-4 dimensions and a valid axis (maybe negative)."""
    rng = np.random.default_rng(seed)
    shape = tuple(rng.integers(1, 5, size=rng.integers(1, 5)))
    axis = int(rng.integers(-len(shape), len(shape)))
    return scale * rng.standard_normal(shape), axis


# -- strategies -----------------------------------------------------------------------------

moderate = st.floats(-20.0, 20.0, allow_nan=False, allow_infinity=False)
any_finite = st.floats(allow_nan=False, allow_infinity=False)
vectors = hnp.arrays(np.float64, st.integers(1, 6), elements=moderate)
small_arrays = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4), elements=moderate)


# -- softmax, log_softmax, logsumexp against scipy ------------------------------------------


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("scale", [1.0, 100.0])
def test_softmax_matches_scipy(seed, scale):
    z, axis = random_array_and_axis(seed, scale)
    assert_close(softmax(z, axis=axis), scipy.special.softmax(z, axis=axis), "softmax", atol=1e-300)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("scale", [1.0, 100.0])
def test_log_softmax_matches_scipy(seed, scale):
    z, axis = random_array_and_axis(seed, scale)
    assert_close(log_softmax(z, axis=axis), scipy.special.log_softmax(z, axis=axis), "log_softmax", atol=1e-14)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_matches_scipy(seed, keepdims):
    z, axis = random_array_and_axis(seed, 10.0)
    mine = logsumexp(z, axis=axis, keepdims=keepdims)
    reference = scipy.special.logsumexp(z, axis=axis, keepdims=keepdims)
    assert np.shape(mine) == np.shape(reference), f"mine {np.shape(mine)} vs {np.shape(reference)}"
    assert_close(mine, reference, "logsumexp")


# Rows that break a naive exp: ±1e308 (their difference overflows), -inf entries, and
# entries spread beyond exp's range. scipy warns on some of these, so it runs silenced.
EXTREME_ROWS = [
    [HUGE, HUGE],
    [HUGE, -HUGE, 0.0, HUGE],
    [-HUGE, -HUGE, -HUGE],
    [1000.0, 1001.0, 1002.0],
    [-1000.0, 0.0, -np.inf],
    [-np.inf, 3.0, -np.inf, 1.0],
    [1e10, 1e10, 1e10 - 1.0],
]


def scipy_silenced(fn, z, **kwargs):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(np.asarray(z), **kwargs)


@pytest.mark.parametrize("row", EXTREME_ROWS)
def test_softmax_matches_scipy_on_extreme_rows(row):
    assert_close(softmax(row), scipy_silenced(scipy.special.softmax, row), "softmax")


@pytest.mark.parametrize("row", EXTREME_ROWS)
def test_log_softmax_matches_scipy_on_extreme_rows(row):
    assert_close(log_softmax(row), scipy_silenced(scipy.special.log_softmax, row), "log_softmax")


@pytest.mark.parametrize("row", EXTREME_ROWS + [[np.inf, 1000.0], [np.inf, -np.inf]])
def test_logsumexp_matches_scipy_on_extreme_rows(row):
    assert_close(logsumexp(row), scipy_silenced(scipy.special.logsumexp, row), "logsumexp")


def test_logsumexp_of_all_minus_inf_rows_is_minus_inf():
    z = np.array([[-np.inf, -np.inf], [-np.inf, 0.0]])
    assert logsumexp(z, axis=-1).tolist() == [-math.inf, 0.0]


@pytest.mark.parametrize("fn", [softmax, log_softmax, logsumexp])
def test_softmax_family_does_not_warn_at_plus_and_minus_1e308(fn):
    z = np.array([[HUGE, -HUGE, 0.0], [-HUGE, -HUGE, -HUGE], [HUGE, HUGE, HUGE]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = fn(z)
    assert not np.isnan(out).any(), f"mine: {out}"


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4), elements=any_finite))
def test_softmax_family_never_warns_or_returns_nan_for_finite_input(z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        outputs = [softmax(z), log_softmax(z), logsumexp(z)]
    assert not any(np.isnan(out).any() for out in outputs), f"mine: {outputs}"


# -- softmax properties ---------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4), elements=any_finite))
def test_softmax_sums_to_one_along_its_axis(z):
    assert_close(softmax(z).sum(axis=-1), 1.0, "softmax row sums", rtol=1e-14)


@settings(max_examples=50, deadline=None)
@given(small_arrays, st.floats(-1000.0, 1000.0))
def test_softmax_is_invariant_to_adding_a_constant(z, c):
    assert_close(softmax(z + c), softmax(z), "softmax(z + c) vs softmax(z)", rtol=1e-9, atol=1e-15)


@settings(max_examples=50, deadline=None)
@given(small_arrays)
def test_log_softmax_equals_log_of_softmax_where_softmax_does_not_underflow(z):
    assert_close(log_softmax(z), np.log(softmax(z)), "log_softmax vs log(softmax)", rtol=1e-12, atol=1e-14)


def test_log_softmax_is_finite_where_log_of_softmax_is_not():
    # softmax([0, -1000])[1] = e^-1000 underflows to 0; its log is exactly -1000.
    assert log_softmax([0.0, -1000.0])[1] == -1000.0


# -- elementwise activations ----------------------------------------------------------------


def test_sigmoid_matches_scipy_expit():
    x = np.concatenate([np.linspace(-700.0, 700.0, 1001), [-np.inf, 0.0, np.inf]])
    assert_close(sigmoid(x), scipy.special.expit(x), "sigmoid vs expit", rtol=1e-14)


def test_sigmoid_does_not_warn_far_from_zero():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = sigmoid([-1e308, -800.0, 800.0, 1e308])
    assert out.tolist() == [0.0, 0.0, 1.0, 1.0]


def test_tanh_equals_two_sigmoid_of_2x_minus_one():
    x = np.linspace(-20.0, 20.0, 401)
    assert_close(tanh(x), 2.0 * scipy.special.expit(2.0 * x) - 1.0, "tanh vs 2σ(2x) - 1", rtol=1e-13, atol=1e-15)


def test_relu_equals_max_of_zero_and_x():
    x = [-3.5, -0.0, 0.0, 1e-300, 2.0, -np.inf, np.inf]
    assert relu(x).tolist() == [max(0.0, v) for v in x]


def test_relu_grad_at_zero_is_zero():
    assert relu_grad([0.0, -0.0]).tolist() == [0.0, 0.0]


def test_sigmoid_grad_at_zero_is_its_maximum_a_quarter():
    x = np.linspace(-10.0, 10.0, 2001)  # contains 0.0 exactly, at index 1000
    grad = sigmoid_grad(x)
    assert sigmoid_grad(0.0) == 0.25
    assert grad.max() == 0.25 and int(grad.argmax()) == 1000, f"mine: max {grad.max()}"


def test_tanh_grad_at_zero_is_one():
    assert tanh_grad(0.0) == 1.0


ELEMENTWISE = [(sigmoid, sigmoid_grad), (tanh, tanh_grad), (relu, relu_grad)]


@pytest.mark.parametrize(("fn", "grad"), ELEMENTWISE, ids=lambda f: f.__name__)
@settings(max_examples=50, deadline=None)
@given(x=small_arrays)
def test_elementwise_grad_matches_finite_differences(fn, grad, x):
    assume(np.all(np.abs(x) > 1e-3))  # relu has a kink at 0
    # The activations act entrywise, so ∂ Σ f(x) / ∂ x_i = f'(x_i).
    assert_matches_finite_differences(grad(x), lambda v: float(np.sum(fn(v))), x, grad.__name__)


# -- softmax Jacobian -----------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(vectors)
def test_softmax_jacobian_matches_finite_differences(z):
    jacobian = softmax_jacobian(z)
    for i in range(z.size):  # row i is the gradient of the i-th softmax output
        assert_matches_finite_differences(jacobian[i], lambda v, i=i: softmax(v)[i], z, f"softmax_jacobian row {i}")


@settings(max_examples=50, deadline=None)
@given(vectors)
def test_softmax_is_the_gradient_of_logsumexp(z):
    assert_matches_finite_differences(softmax(z), logsumexp, z, "softmax as ∇ logsumexp")


@pytest.mark.parametrize("k", range(len(GOLDEN["jac_vectors"])))
def test_softmax_jacobian_matches_torch_autograd(k):
    assert_close(
        softmax_jacobian(GOLDEN["jac_vectors"][k]),
        GOLDEN["jac_vectors_jacobian"][k],
        "softmax_jacobian vs torch.autograd.functional.jacobian",
        atol=1e-300,
    )


def test_batched_softmax_jacobian_matches_torch_autograd_blocks():
    assert_close(
        softmax_jacobian(GOLDEN["jac_batch"]),
        GOLDEN["jac_batch_jacobian"],
        "batched softmax_jacobian vs torch blocks",
        atol=1e-17,
    )


def test_batched_softmax_jacobian_has_shape_batch_n_n():
    assert softmax_jacobian(np.zeros((2, 3, 4))).shape == (2, 3, 4, 4)


@settings(max_examples=50, deadline=None)
@given(small_arrays)
def test_softmax_jacobian_rows_sum_to_zero(z):
    # Σ_i s_i = 1 for every z, so moving any z_j leaves the sum unchanged.
    assert_close(softmax_jacobian(z).sum(axis=-1), 0.0, "Jacobian row sums", atol=1e-15)


# -- errors ---------------------------------------------------------------------------------

ELEMENTWISE_FNS = [sigmoid, sigmoid_grad, tanh, tanh_grad, relu, relu_grad]
SOFTMAX_FAMILY = [softmax, log_softmax, logsumexp]


@pytest.mark.parametrize("fn", ELEMENTWISE_FNS)
def test_elementwise_activations_reject_nan(fn):
    with pytest.raises(ValueError, match=r"x contains NaN"):
        fn([0.0, np.nan])


@pytest.mark.parametrize("fn", ELEMENTWISE_FNS)
def test_elementwise_activations_reject_strings(fn):
    with pytest.raises(TypeError, match=r"x must contain real numbers"):
        fn(["a", "b"])


@pytest.mark.parametrize("fn", SOFTMAX_FAMILY + [softmax_jacobian])
def test_softmax_family_rejects_nan(fn):
    with pytest.raises(ValueError, match=r"z contains NaN"):
        fn([[0.0, 1.0], [np.nan, 1.0]])


@pytest.mark.parametrize("fn", SOFTMAX_FAMILY + [softmax_jacobian])
def test_softmax_family_rejects_strings(fn):
    with pytest.raises(TypeError, match=r"z must contain real numbers"):
        fn(["a", "b"])


@pytest.mark.parametrize("fn", [softmax, log_softmax, softmax_jacobian])
def test_softmax_rejects_plus_inf(fn):
    with pytest.raises(ValueError, match=r"z contains \+inf"):
        fn([0.0, np.inf])


@pytest.mark.parametrize("fn", [softmax, log_softmax, softmax_jacobian])
def test_softmax_rejects_a_row_of_only_minus_inf(fn):
    with pytest.raises(ValueError, match=r"z has a row that is all -inf"):
        fn([[0.0, 1.0], [-np.inf, -np.inf]])


@pytest.mark.parametrize("fn", SOFTMAX_FAMILY + [softmax_jacobian])
def test_softmax_family_rejects_an_empty_axis(fn):
    with pytest.raises(ValueError, match=r"cannot reduce over axis=1: it has length 0"):
        fn(np.empty((3, 0)))


@pytest.mark.parametrize("fn", SOFTMAX_FAMILY)
def test_softmax_family_rejects_an_axis_out_of_range(fn):
    with pytest.raises(ValueError, match=r"axis=2 is out of range"):
        fn(np.zeros((3, 2)), axis=2)


@pytest.mark.parametrize("fn", SOFTMAX_FAMILY)
def test_softmax_family_rejects_a_non_integer_axis(fn):
    with pytest.raises(TypeError, match=r"axis must be an integer"):
        fn(np.zeros((3, 2)), axis=1.0)


@pytest.mark.parametrize("fn", SOFTMAX_FAMILY + [softmax_jacobian])
def test_softmax_family_rejects_a_scalar(fn):
    with pytest.raises(ValueError, match=r"axis=-1 needs an array with at least one dimension"):
        fn(3.0)
