"""Tests for :mod:`notes.activations`.

References: ``scipy.special`` (softmax, log_softmax, logsumexp, expit), exact decimal
arithmetic (``support/exact.py``) for the error bounds of logsumexp and log_softmax,
formulas written out by hand, finite differences from :func:`notes.gradcheck.numerical_gradient`, and
softmax Jacobians computed by PyTorch autograd (``tests/golden/losses_torch.npz``, made by
``tests/golden/losses_torch.py``).
"""

from __future__ import annotations

import math
import warnings
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
import scipy.special
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from notes import activations
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
from support.exact import EPSILON, U, exact_row

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


# -- accuracy against exact arithmetic (decimal, support/exact.py) ------------------------

# The bounds in support/exact.py are first order in u; the terms they leave out are below
# 1e-6 of them (products of two roundings, each at most 8u relative).
FIRST_ORDER = 1 + 1e-6


def assert_within_the_stated_bounds(z, axis=-1):
    """logsumexp and log_softmax of every slice of ``z`` along ``axis`` against exact
    decimal arithmetic, each error within the bound the docstrings state."""
    z = np.asarray(z, dtype=np.float64)
    rows = np.moveaxis(z, axis, -1).reshape(-1, z.shape[axis])
    mine_lse = np.moveaxis(np.asarray(logsumexp(z, axis=axis, keepdims=True)), axis, -1).reshape(-1)
    defined = ~np.isneginf(rows).all(axis=-1)
    mine_lsm = np.full(rows.shape, np.nan)
    if defined.all():
        mine_lsm = np.moveaxis(log_softmax(z, axis=axis), axis, -1).reshape(rows.shape)
    for row, lse, lsm, ok in zip(rows, mine_lse, mine_lsm, defined, strict=True):
        if not ok:
            assert lse == -math.inf, f"logsumexp({row.tolist()}): mine {lse!r}, want -inf"
            continue
        exact = exact_row(row)
        error = abs(Decimal(float(lse)) - exact.logsumexp)
        assert error <= exact.logsumexp_bound() * Decimal(FIRST_ORDER), (
            f"logsumexp({row.tolist()}): mine {lse!r}, exact {exact.logsumexp:.20e}, "
            f"error {error:.3e} > bound {exact.logsumexp_bound():.3e}"
        )
        if not defined.all():
            continue
        for i, value in enumerate(lsm):
            if row[i] == -math.inf or float(exact.log_softmax(i)) == -math.inf:  # below the float range
                assert value == -math.inf, f"log_softmax({row.tolist()})[{i}]: mine {value!r}, want -inf"
                continue
            error = abs(Decimal(float(value)) - exact.log_softmax(i))
            assert error <= exact.log_softmax_bound(i) * Decimal(FIRST_ORDER), (
                f"log_softmax({row.tolist()})[{i}]: mine {value!r}, exact {exact.log_softmax(i):.20e}, "
                f"error {error:.3e} > bound {exact.log_softmax_bound(i):.3e}"
            )


def test_logsumexp_keeps_a_term_that_one_plus_it_rounds_away():
    # SciPy gh-18295: log(e^0 + e^-40) = log1p(e^-40) ≈ 4.25e-18, where 1 + e^-40 == 1.
    exact = exact_row([0.0, -40.0])
    relative = abs(Decimal(logsumexp([0.0, -40.0])) - exact.logsumexp) / exact.logsumexp
    # With m = 0 the docstring bounds the relative error by 2ε + nu, here 18u.
    assert relative <= 2 * EPSILON + 2 * U, f"mine {logsumexp([0.0, -40.0])!r}, exact {exact.logsumexp:.20e}"


def test_log_softmax_of_a_maximum_far_above_the_rest_is_not_rounded_to_zero():
    exact = exact_row([0.0, -40.0])
    mine = log_softmax([0.0, -40.0])
    assert mine[0] < 0.0, f"mine {mine[0]!r}"
    relative = abs(Decimal(float(mine[0])) - exact.log_softmax(0)) / abs(exact.log_softmax(0))
    assert relative <= 2 * EPSILON + 3 * U, f"mine {mine[0]!r}, exact {exact.log_softmax(0):.20e}"


def test_logsumexp_agrees_with_scipy_where_one_plus_the_rest_rounds_to_one():
    # SciPy computes logsumexp with log1p since its fix of gh-18295.
    if scipy.special.logsumexp([0.0, -40.0]) == 0.0:
        pytest.skip(f"this SciPy ({scipy.__version__}) predates the fix of gh-18295")
    rows = np.array([[0.0, -40.0], [0.0, -700.0], [5.0, -35.0], [1e10, 1e10 - 50.0]])
    assert_close(logsumexp(rows), scipy.special.logsumexp(rows, axis=-1), "logsumexp", rtol=4e-16)


ACCURACY_ROWS = [
    [0.0, -40.0],
    [0.0, -40.0, -40.0],
    [1e10, 1e10 - 40.0],
    [0.1, -39.9],  # z_j - m is rounded here
    [2.5, 2.5, 2.5],  # ties: one of them is the maximum's term, the others add 1 each
    [2.5, 2.5, -40.0, 2.5 - 1e-15],
    [0.0, -1e-20],  # e^-1e-20 rounds to 1
    [0.0, -745.0],  # a subnormal term
    [0.0, -800.0],  # a term that underflows to 0
    [3.0],
    [-np.inf, 0.0, -40.0],
    [-np.inf, 7.0, -np.inf],
    [-0.7, -0.69, -3.0],  # logsumexp ≈ 0: a cancellation between m and log1p(s)
    [1000.0, 1001.0, 1002.0],
    [-1000.0, -1001.0, -1002.0],
    [HUGE, HUGE],
    [HUGE, -HUGE, 0.0, HUGE],
    [-HUGE, -HUGE, -HUGE],
    [np.log(0.25)] * 4,  # logsumexp = 0 up to the rounding of log(0.25)
]


@pytest.mark.parametrize("row", ACCURACY_ROWS, ids=str)
def test_softmax_family_is_within_its_stated_error_bound_on_hand_picked_rows(row):
    assert_within_the_stated_bounds(row)


# Rows that mix ties, entries far below the maximum, -inf and the whole float range.
accuracy_entries = st.one_of(
    moderate,
    st.sampled_from([0.0, 1.0, -40.0, -745.0, -np.inf]),
    st.floats(-800.0, 800.0),
    any_finite,
)


@st.composite
def arrays_and_axes(draw):
    z = draw(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=5), elements=accuracy_entries))
    return z, draw(st.integers(-z.ndim, z.ndim - 1))


@settings(max_examples=100, deadline=None)
@given(arrays_and_axes())
def test_softmax_family_is_within_its_stated_error_bound(z_and_axis):
    z, axis = z_and_axis
    assert_within_the_stated_bounds(z, axis)


@settings(max_examples=100, deadline=None)
@given(arrays_and_axes())
def test_logsumexp_is_never_below_the_maximum_and_log_softmax_never_above_zero(z_and_axis):
    # Exact in floating point: log1p(s) ≥ 0 and z - m ≤ 0 keep their signs when rounded.
    z, axis = z_and_axis
    m = z.max(axis=axis)
    lse = logsumexp(z, axis=axis)
    assert np.all(lse >= m), f"mine {lse!r} vs max {m!r}"
    assume(not np.isneginf(m).any())
    lsm = log_softmax(z, axis=axis)
    assert np.all(lsm <= 0.0), f"mine {lsm!r}"
    # Every entry equal to the maximum gets the same value, -log1p(s).
    at_max = z == np.expand_dims(m, axis)
    tied = np.where(at_max, lsm, np.nan)
    spread = np.nanmax(tied, axis=axis) - np.nanmin(tied, axis=axis)
    assert np.all(spread == 0.0), f"log_softmax at the tied maxima differs: {tied!r}"


@settings(max_examples=50, deadline=None)
@given(st.floats(-HUGE, HUGE), st.integers(0, 4))
def test_logsumexp_is_the_maximum_when_every_other_entry_is_minus_inf(m, others):
    assert logsumexp([m] + [-math.inf] * others) == m


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
    with pytest.raises(ValueError, match=r"^z has length 0 along axis=1"):
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
    with pytest.raises(ValueError, match=r"^z needs at least one dimension for axis=-1"):
        fn(3.0)


# -- flags, and the two ways of reducing ----------------------------------------------------


@pytest.mark.parametrize("flag", [1, 0, "yes", None, 1.0])
def test_logsumexp_keepdims_accepts_only_a_bool(flag):
    with pytest.raises(TypeError, match=r"^keepdims must be a bool"):
        logsumexp([1.0, 2.0], keepdims=flag)


def test_logsumexp_keepdims_accepts_a_numpy_bool():
    assert logsumexp(np.zeros((2, 3)), keepdims=np.bool_(True)).shape == (2, 1)


@pytest.mark.parametrize("fn", SOFTMAX_FAMILY + [softmax_jacobian])
def test_softmax_family_refuses_a_masked_array_naming_z(fn):
    with pytest.raises(TypeError, match=r"^z must not be a masked array"):
        fn(np.ma.masked_array([[1.0, 2.0]], mask=[[0, 1]]))


# A short axis (at most SHORT_AXIS entries) is reduced in an axis-first copy, a long one
# in place: both must agree with SciPy, ties, -inf entries and every axis included.
@pytest.mark.parametrize("shape, axis", [((7, 3), -1), ((3, 7), 0), ((2, 5, 4), 1), ((4, 200), -1), ((200, 3), 0)])
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
def test_softmax_family_agrees_with_scipy_on_short_and_long_axes(shape, axis, name):
    rng = np.random.default_rng(7)
    z = rng.integers(-3, 3, size=shape).astype(np.float64)  # many ties at the maximum
    z[(0,) * z.ndim] = -np.inf
    ours, theirs = getattr(activations, name)(z, axis=axis), getattr(scipy.special, name)(z, axis=axis)
    np.testing.assert_allclose(ours, theirs, rtol=1e-14, atol=1e-15)
    assert not (isinstance(ours, np.ndarray) and np.shares_memory(ours, z))


def test_logsumexp_on_a_short_axis_keeps_the_infinite_rows():
    z = np.array([[np.inf, 1.0, np.inf], [-np.inf, -np.inf, -np.inf], [0.0, 0.0, -40.0]])
    out = logsumexp(z, axis=-1)
    assert out[0] == np.inf and out[1] == -np.inf
    assert out[2] == float(Decimal(2).ln() + Decimal(-40).exp() / 2)  # log(2 + e^-40), rounded
    assert logsumexp(z.T, axis=0).tolist() == out.tolist()


def test_softmax_family_leaves_its_input_unchanged():
    z = np.random.default_rng(3).normal(size=(50, 4))
    before = z.copy()
    for fn in SOFTMAX_FAMILY:
        fn(z, axis=-1)
        fn(z, axis=0)
    np.testing.assert_array_equal(z, before)


# -- blocks and the rows softmax computes without the shift ---------------------------------


@pytest.mark.parametrize("shape, axis", [((40, 7), -1), ((7, 40), 0), ((6, 5, 9), 1), ((9, 70), -1), ((70, 9, 2), 0)])
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
@pytest.mark.parametrize("offset", [0.0, -800.0, 800.0])  # softmax shifts every row of the last two
def test_softmax_family_agrees_with_scipy_across_many_blocks(monkeypatch, shape, axis, name, offset):
    # Blocks of 16 entries cut these arrays into 4 to 70 blocks, along axis 0, or 1 for axis=0.
    monkeypatch.setattr(activations, "BLOCK_ENTRIES", 16)
    rng = np.random.default_rng(11)
    z = offset + rng.integers(-3, 3, size=shape).astype(np.float64)  # ties at the maximum
    z[(-1,) * z.ndim] = -np.inf  # in the last block
    ours, theirs = getattr(activations, name)(z, axis=axis), getattr(scipy.special, name)(z, axis=axis)
    np.testing.assert_allclose(ours, theirs, rtol=1e-14, atol=1e-15)


def test_blocks_cover_the_array_once_each_whole_along_the_axis(monkeypatch):
    monkeypatch.setattr(activations, "BLOCK_ENTRIES", 10)
    for shape, axis in [((7, 3), 1), ((3, 7), 0), ((2, 4, 5), 2), ((50,), 0), ((1, 30), 1), ((0, 4), 1)]:
        seen = np.zeros(shape, dtype=int)
        for block in activations._blocks(shape, axis):
            view = seen[block]
            assert view.shape[axis] == shape[axis], f"{shape}, axis {axis}: block {block} cuts the axis"
            one_index = len(shape) > 1 and len(range(*block[-1].indices(shape[len(block) - 1]))) == 1
            assert view.size <= 10 or one_index or len(shape) == 1, f"{shape}: block {block} too large"
            view += 1
        assert (seen == 1).all(), f"{shape}, axis {axis}: entries covered {seen.tolist()}"


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
@pytest.mark.parametrize("bad, message", [(np.nan, "NaN"), (np.inf, r"\+inf")])
def test_softmax_family_finds_a_bad_entry_in_the_last_block(monkeypatch, name, bad, message):
    monkeypatch.setattr(activations, "BLOCK_ENTRIES", 16)
    z = np.zeros((50, 4))
    z[-1, -1] = bad
    if name == "logsumexp" and bad == np.inf:
        assert logsumexp(z)[-1] == np.inf and (logsumexp(z)[:-1] == np.log(4.0)).all()
        return
    with pytest.raises(ValueError, match=message):
        getattr(activations, name)(z)


# Rows for both ways of computing softmax: sums in [1, 2^1022] (no shift), and sums
# under 1 or above 2^1022 (with the shift), with entries far below the rest of their row.
SHIFT_ROWS = [
    [0.0, -745.0],  # no shift: e^-745 is subnormal, and so is its probability
    [1.0, 2.0, 3.0],
    [-0.5, -0.5],  # sum e^-0.5 * 2 > 1: no shift
    [-3.0, -4.0],  # sum under 1
    [-300.0, -745.0],  # sum under 1: e^-745 is subnormal, but its probability e^-445 is not
    [-20.0, -745.0],  # and here the probability e^-725 is subnormal too
    [-800.0, -801.0],  # every e^z underflows to 0
    [700.0, 699.0, -10.0],  # a sum above 2^1022 (e^700 * 1.37 < 2^1022 < e^708.4)
    [708.0, 708.0, 708.0],  # 3 e^708 > 2^1022
    [710.0, 0.0],  # e^710 overflows
    [HUGE, -HUGE, 0.0],
    [-np.inf, 2.0, -np.inf],
    [-np.inf, -3.0],
]


def assert_softmax_within_its_stated_bound(z):
    """softmax of every row of the 2-D array ``z`` against exact decimal arithmetic,
    within the bound its docstring states."""
    mine = softmax(z)
    for row, p_row in zip(z, mine, strict=True):
        exact = exact_row(row)
        rounded = sum((p * abs(d) for p, d in zip(exact.p, exact.d, strict=True)), Decimal(0))
        for i, (value, p) in enumerate(zip(p_row, exact.p, strict=True)):
            d_i = abs(exact.d[i]) if row[i] != -math.inf else Decimal(0)
            relative = 2 * EPSILON + (len(row) + 1) * U + U * (d_i + rounded)
            bound = relative * p * Decimal(FIRST_ORDER) + 2 * Decimal(2) ** -1074
            error = abs(Decimal(float(value)) - p)
            assert error <= bound, f"softmax({row.tolist()})[{i}]: mine {value!r}, exact {p:.20e}, error {error:.3e}"


@pytest.mark.parametrize("row", SHIFT_ROWS, ids=str)
def test_softmax_is_within_its_stated_error_bound_on_hand_picked_rows(row):
    assert_softmax_within_its_stated_bound(np.array([row]))


def test_softmax_of_rows_with_and_without_the_shift_in_one_array():
    width = max(map(len, SHIFT_ROWS))
    z = np.array([row + [-np.inf] * (width - len(row)) for row in SHIFT_ROWS])
    assert_softmax_within_its_stated_bound(z)
    assert_close(softmax(z.T, axis=0), softmax(z).T, "softmax along axis 0 vs along axis 1", rtol=4e-16)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        softmax(np.stack([z, z]), axis=-1)


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=5), elements=accuracy_entries))
def test_softmax_is_within_its_stated_error_bound(z):
    assume(not np.isneginf(z).all(axis=-1).any())
    assert_softmax_within_its_stated_bound(z)


def test_softmax_of_rows_whose_sum_overflows_does_not_warn():
    z = np.array([[709.0, 709.0], [709.0, 0.0]])  # 2 e^709 overflows; e^709 alone does not
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_close(softmax(z), [[0.5, 0.5], [1.0, np.exp(-709.0)]], "softmax")
