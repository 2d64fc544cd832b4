"""Tests for :mod:`notes.landscapes`.

References: the four minima and the local maximum of Himmelblau's function as published
(Himmelblau 1972; the coordinates quoted in the module docstring), refined here with
``scipy.optimize.minimize``; values at points worked out by hand in the tests; gradients
against central differences (:func:`notes.gradcheck.numerical_gradient`); gradient descent
on the quadratic against its closed form x_k = (1 - lr a)^k x_0.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st

from notes.gradcheck import numerical_gradient
from notes.landscapes import (
    gradient_descent,
    himmelblau,
    himmelblau_grad,
    ill_conditioned_quadratic,
    ill_conditioned_quadratic_grad,
)

PUBLISHED_MINIMA = [
    (3.0, 2.0),
    (-2.805118, 3.131312),
    (-3.779310, -3.283186),
    (3.584428, -1.848126),
]
coordinate = st.floats(-6.0, 6.0)


def _himmelblau_by_hand(p: np.ndarray) -> float:
    x, y = p
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def _refined_minimum(start) -> np.ndarray:
    """A minimum located by SciPy (BFGS, finite-difference gradient) from ``start``."""
    result = scipy.optimize.minimize(_himmelblau_by_hand, np.array(start), method="BFGS", options={"gtol": 1e-10})
    return result.x


def _himmelblau_step(p: np.ndarray):
    return himmelblau_grad(p[0], p[1])


# -- Himmelblau's function ----------------------------------------------------------------


@pytest.mark.parametrize("minimum", PUBLISHED_MINIMA)
def test_himmelblau_is_zero_at_the_published_minima(minimum):
    value = float(himmelblau(*minimum))
    assert 0.0 <= value < 1e-9, f"f{minimum} = {value}"


@pytest.mark.parametrize("minimum", PUBLISHED_MINIMA)
def test_himmelblau_grad_vanishes_at_the_published_minima(minimum):
    # The published coordinates are rounded to 1e-6; the Hessian there is below ~100.
    gradient = np.array([float(g) for g in himmelblau_grad(*minimum)])
    assert np.abs(gradient).max() < 1e-3, f"grad f{minimum} = {gradient}"


@pytest.mark.parametrize("minimum", PUBLISHED_MINIMA)
def test_himmelblau_grad_vanishes_at_minima_refined_by_scipy(minimum):
    refined = _refined_minimum(minimum)
    gradient = np.array([float(g) for g in himmelblau_grad(*refined)])
    assert np.abs(gradient).max() < 1e-6, f"grad f{refined} = {gradient}"


def test_himmelblau_at_the_published_local_maximum():
    # f(-0.270845, -0.923039) = 181.617 (the function's only local maximum).
    assert float(himmelblau(-0.270845, -0.923039)) == pytest.approx(181.617, abs=1e-3)


@pytest.mark.parametrize("x, y, by_hand", [(0.0, 0.0, 170.0), (1.0, 1.0, 106.0), (-1.0, 2.0, 80.0)])
def test_himmelblau_at_hand_computed_points(x, y, by_hand):
    # (0,0): 11^2 + 7^2; (1,1): 9^2 + 5^2; (-1,2): (1+2-11)^2 + (-1+4-7)^2 = 8^2 + 4^2.
    assert float(himmelblau(x, y)) == by_hand


def test_himmelblau_evaluates_a_meshgrid_elementwise():
    xs, ys = np.meshgrid(np.linspace(-5, 5, 7), np.linspace(-4, 4, 5))
    grid = himmelblau(xs, ys)
    pointwise = [
        [_himmelblau_by_hand(np.array([x, y])) for x, y in zip(rx, ry, strict=True)]
        for rx, ry in zip(xs, ys, strict=True)
    ]
    np.testing.assert_allclose(grid, pointwise, rtol=1e-14, err_msg="mine vs by hand")


@settings(max_examples=50, deadline=None)
@given(coordinate, coordinate)
def test_himmelblau_grad_matches_central_differences(x, y):
    mine = np.array([float(g) for g in himmelblau_grad(x, y)])
    numeric = numerical_gradient(lambda p: float(himmelblau(p[0], p[1])), np.array([x, y]))
    np.testing.assert_allclose(mine, numeric, rtol=1e-6, atol=1e-5, err_msg="mine vs central differences")


def test_himmelblau_grad_returns_a_tuple_of_broadcast_arrays():
    df_dx, df_dy = himmelblau_grad(np.zeros((3, 1)), np.zeros(4))
    assert df_dx.shape == df_dy.shape == (3, 4)


def test_himmelblau_grad_overflows_to_signed_infinity_not_nan():
    # df/dx = 4x^3 + 4xy + 2y^2 - 42x - 14 is led by 4x^3 < 0; df/dy by 4y^3 > 0. In float64
    # the two terms of df/dx overflow with opposite signs (inf - inf).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df_dx, df_dy = himmelblau_grad(-1e200, 1e200)
    assert (float(df_dx), float(df_dy)) == (-np.inf, np.inf)


def test_himmelblau_overflows_to_inf_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = himmelblau(1e200, -1e200)
    assert float(value) == np.inf


@pytest.mark.parametrize("function", [himmelblau, himmelblau_grad])
def test_himmelblau_rejects_nan_naming_the_argument(function):
    with pytest.raises(ValueError, match="y contains NaN"):
        function(0.0, np.nan)


@pytest.mark.parametrize("function", [himmelblau, himmelblau_grad])
def test_himmelblau_rejects_infinity_naming_the_argument(function):
    with pytest.raises(ValueError, match="x contains an infinite value"):
        function(np.inf, 0.0)


def test_himmelblau_rejects_text_naming_the_argument():
    with pytest.raises(TypeError, match="x must contain real numbers"):
        himmelblau("a", 0.0)


def test_himmelblau_rejects_shapes_that_do_not_broadcast():
    with pytest.raises(ValueError, match="x and y must broadcast together"):
        himmelblau(np.zeros(3), np.zeros(4))


# -- the ill-conditioned quadratic --------------------------------------------------------


def test_ill_conditioned_quadratic_at_a_hand_computed_point():
    # (3 * 2^2 + 5 * 1^2) / 2 = 8.5
    assert float(ill_conditioned_quadratic(2.0, -1.0, a=3.0, b=5.0)) == 8.5


@settings(max_examples=50, deadline=None)
@given(coordinate, coordinate, st.floats(0.1, 50.0), st.floats(0.1, 50.0))
def test_ill_conditioned_quadratic_grad_matches_central_differences(x, y, a, b):
    mine = np.array([float(g) for g in ill_conditioned_quadratic_grad(x, y, a=a, b=b)])
    numeric = numerical_gradient(lambda p: float(ill_conditioned_quadratic(p[0], p[1], a=a, b=b)), np.array([x, y]))
    np.testing.assert_allclose(mine, numeric, rtol=1e-6, atol=1e-6, err_msg="mine vs central differences")


@pytest.mark.parametrize("bad", [{"a": 0.0}, {"b": -1.0}, {"a": np.inf}])
def test_ill_conditioned_quadratic_rejects_bad_curvatures_naming_them(bad):
    (name,) = bad
    with pytest.raises(ValueError, match=f"^{name} must be"):
        ill_conditioned_quadratic(1.0, 1.0, **bad)


# -- gradient descent ---------------------------------------------------------------------


def test_gradient_descent_returns_steps_plus_one_points_starting_at_x0():
    path = gradient_descent(_himmelblau_step, [0.5, -0.5], lr=0.01, steps=7)
    assert path.shape == (8, 2)
    assert path[0].tolist() == [0.5, -0.5]


@pytest.mark.parametrize("lr", [0.01, 0.05, 0.15])
def test_gradient_descent_on_the_quadratic_follows_the_closed_form(lr):
    a, b, x0 = 1.0, 10.0, np.array([2.0, -1.5])
    path = gradient_descent(lambda p: ill_conditioned_quadratic_grad(p[0], p[1], a=a, b=b), x0, lr=lr, steps=20)
    k = np.arange(21)[:, None]
    closed_form = np.array([1 - lr * a, 1 - lr * b]) ** k * x0
    np.testing.assert_allclose(path, closed_form, rtol=1e-12, atol=1e-15, err_msg="mine vs (1 - lr*a)^k x0")


def test_gradient_descent_from_different_starts_reaches_different_minima():
    starts = [(0.0, 0.0), (-1.0, 1.0), (-3.0, -3.0), (3.0, -2.0)]
    ends = [gradient_descent(_himmelblau_step, s, lr=0.01, steps=1000)[-1] for s in starts]
    minima = [_refined_minimum(m) for m in PUBLISHED_MINIMA]
    nearest = [int(np.argmin([np.linalg.norm(end - m) for m in minima])) for end in ends]
    assert sorted(nearest) == [0, 1, 2, 3], f"ends {ends} reach minima {nearest}"
    for end, index in zip(ends, nearest, strict=True):
        np.testing.assert_allclose(end, minima[index], atol=1e-6, err_msg="mine vs scipy's minimum")


@pytest.mark.parametrize("lr", [0.1, 1.0, 1e6])
def test_gradient_descent_with_a_huge_learning_rate_stops_without_nan_or_warning(lr):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = gradient_descent(_himmelblau_step, [1.0, 1.0], lr=lr, steps=1000)
    assert len(path) < 1001, "the run should have diverged and stopped early"
    assert np.isfinite(path).all(), path[-3:]


def test_gradient_descent_stops_at_the_last_finite_point():
    # On (x^2 + 10y^2)/2 with lr = 0.3, y_k = (1 - 3)^k = (-2)^k. The gradient 10 y_k first
    # overflows at k = 1021 (10 * 2^1021 > 1.8e308 > 10 * 2^1020): y_1021 is the last point.
    path = gradient_descent(lambda p: ill_conditioned_quadratic_grad(p[0], p[1]), [0.0, 1.0], lr=0.3, steps=5000)
    expected = (-2.0) ** np.arange(1022)
    assert path.shape == (1022, 2), path.shape
    np.testing.assert_array_equal(path[:, 1], expected, err_msg="mine vs (-2)^k")


def test_gradient_descent_stops_when_the_gradient_is_nan():
    path = gradient_descent(lambda p: np.full_like(p, np.nan), [1.0, 2.0], lr=0.1, steps=5)
    assert path.tolist() == [[1.0, 2.0]]


def test_gradient_descent_with_zero_steps_returns_only_x0():
    assert gradient_descent(_himmelblau_step, [1.0, 2.0], lr=0.1, steps=0).tolist() == [[1.0, 2.0]]


def test_gradient_descent_with_zero_learning_rate_stands_still():
    path = gradient_descent(_himmelblau_step, [1.0, 2.0], lr=0.0, steps=3)
    assert (path == [1.0, 2.0]).all()


def test_gradient_descent_does_not_modify_x0():
    x0 = np.array([1.0, 2.0])
    gradient_descent(_himmelblau_step, x0, lr=0.01, steps=5)
    assert x0.tolist() == [1.0, 2.0]


def test_gradient_descent_is_not_affected_by_a_grad_that_mutates_its_argument():
    def meddling_grad(p):
        g = 2 * p
        p[:] = 1e9
        return g

    path = gradient_descent(meddling_grad, [1.0], lr=0.25, steps=2)
    assert path.ravel().tolist() == [1.0, 0.5, 0.25]


def test_gradient_descent_takes_a_scalar_start_as_one_dimensional():
    path = gradient_descent(lambda p: 2 * p, 1.0, lr=0.25, steps=2)
    assert path.tolist() == [[1.0], [0.5], [0.25]]


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"lr": -0.1}, ValueError, "lr must be non-negative"),
        ({"lr": np.inf}, ValueError, "lr must be finite"),
        ({"lr": "big"}, TypeError, "lr must be a real number"),
        ({"steps": -1}, ValueError, "steps must be non-negative"),
        ({"steps": 2.5}, TypeError, "steps must be an integer"),
        ({"x0": [[1.0, 2.0]]}, ValueError, r"x0 must be a point of shape \(dim,\)"),
        ({"x0": [np.nan, 1.0]}, ValueError, "x0 contains NaN"),
        ({"grad": "not a function"}, TypeError, "grad must be callable"),
        ({"grad": lambda p: np.zeros(3)}, ValueError, r"grad\(x\) must have the shape of x0"),
        ({"grad": lambda p: "up"}, TypeError, r"grad\(x\) must contain real numbers"),
    ],
)
def test_gradient_descent_rejects_bad_input_naming_the_argument(kwargs, error, message):
    arguments = {"grad": _himmelblau_step, "x0": [1.0, 2.0], "lr": 0.1, "steps": 3} | kwargs
    with pytest.raises(error, match=message):
        gradient_descent(**arguments)
