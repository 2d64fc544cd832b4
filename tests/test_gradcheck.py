"""numerical_gradient, relative_error and check_gradient, against hand-derived gradients."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notes.gradcheck import check_gradient, numerical_gradient, relative_error


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_numerical_gradient_of_a_quadratic_form_matches_the_hand_derivation(rows, cols, seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(rows * cols, rows * cols))
    x = rng.normal(size=(rows, cols))

    def f(v):  # f(x) = vec(x)ᵀ A vec(x)  =>  ∇f = (A + Aᵀ) vec(x), reshaped like x
        return float(v.reshape(-1) @ a @ v.reshape(-1))

    expected = ((a + a.T) @ x.reshape(-1)).reshape(x.shape)
    np.testing.assert_allclose(numerical_gradient(f, x), expected, rtol=1e-6, atol=1e-6)


def test_numerical_gradient_leaves_x_unchanged_and_keeps_its_shape():
    x = np.arange(6.0).reshape(2, 3)
    before = x.copy()
    grad = numerical_gradient(lambda v: float(np.sum(np.exp(v))), x)
    assert grad.shape == x.shape
    np.testing.assert_array_equal(x, before)


def test_central_differences_are_second_order_accurate():
    # For sin at 1, the central-difference error is about eps²/6·|cos 1|; halving eps quarters it.
    errors = [
        abs(numerical_gradient(lambda v: float(np.sin(v[0])), np.array([1.0]), eps=eps)[0] - np.cos(1.0))
        for eps in (1e-2, 5e-3)
    ]
    assert 3.5 < errors[0] / errors[1] < 4.5


def test_relative_error_is_zero_for_equal_arrays_and_symmetric():
    a, b = np.array([1.0, -2.0, 0.0]), np.array([1.1, -2.0, 0.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, b) == relative_error(b, a) == pytest.approx(0.1 / 2.1)


def test_check_gradient_accepts_a_right_gradient_and_rejects_a_wrong_one():
    x = np.array([0.3, -0.7, 1.2])

    def f(v):
        return float(np.sum(v**3))

    assert check_gradient(f, lambda v: 3 * v**2, x) < 1e-8
    with pytest.raises(AssertionError, match="relative error"):
        check_gradient(f, lambda v: 2 * v**2, x)


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: numerical_gradient("not callable", [1.0]), TypeError, "f must be callable"),
        (lambda: numerical_gradient(lambda v: float(v.sum()), [1.0], eps=0), ValueError, "eps"),
        (lambda: numerical_gradient(lambda v: v, [1.0, 2.0]), TypeError, "real scalar"),
        (lambda: numerical_gradient(lambda v: 0.0, [np.nan]), ValueError, "x contains NaN"),
        (lambda: relative_error([1.0], [1.0, 2.0]), ValueError, "same shape"),
        (lambda: relative_error(["a"], [1.0]), TypeError, "a must contain real numbers"),
        (lambda: check_gradient(lambda v: float(v.sum()), lambda v: np.ones(3), [1.0, 2.0]), ValueError, "shape of x"),
    ],
)
def test_bad_input_is_rejected_naming_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_numerical_hessian_of_himmelblau_matches_the_hand_derivation():
    from notes.gradcheck import numerical_hessian
    from notes.landscapes import himmelblau_grad

    # f = (x² + y − 11)² + (x + y² − 7)²: f_xx = 12x² + 4y − 42, f_yy = 12y² + 4x − 26, f_xy = 4x + 4y
    for x, y in [(3.0, 2.0), (0.5, -1.25), (-2.8, 3.1)]:
        expected = np.array([[12 * x**2 + 4 * y - 42, 4 * x + 4 * y], [4 * x + 4 * y, 12 * y**2 + 4 * x - 26]])
        computed = numerical_hessian(lambda v: np.asarray(himmelblau_grad(v[0], v[1])), [x, y])
        np.testing.assert_allclose(computed, expected, rtol=1e-6, atol=1e-6)


def test_numerical_hessian_rejects_a_point_that_is_not_a_vector_and_a_gradient_of_the_wrong_shape():
    from notes.gradcheck import numerical_hessian

    with pytest.raises(ValueError, match="x must be a 1-D array"):
        numerical_hessian(lambda v: v, np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"grad\(x\) must have the shape of x"):
        numerical_hessian(lambda v: np.zeros(3), np.zeros(2))
    with pytest.raises(TypeError, match="grad must be callable"):
        numerical_hessian(None, np.zeros(2))
