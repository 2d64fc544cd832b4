"""numerical_gradient, relative_error and check_gradient, against hand-derived gradients."""

from __future__ import annotations

import re
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notes.gradcheck import check_gradient, numerical_gradient, numerical_hessian, relative_error

MAX = float(np.finfo(np.float64).max)


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


# -- the checker must not lie: a quotient that the float format spoils raises ------------------


def _total(v):
    return float(np.sum(v))


@pytest.mark.parametrize(
    "x, eps, entry, spacing",
    [
        ([0.0, -1e-300, 1e-310, 1e16], 1e-300, "x[3]=1e+16", 2.0),
        ([1e308], 1e-6, "x[0]=1e+308", float(np.spacing(1e308))),
        ([2.0**62], 1e-6, "x[0]=4.611686018427388e+18", 1024.0),
        ([1.0], 5e-324, "x[0]=1.0", 2.0**-52),  # a subnormal eps
        ([1.0], 1e-16, "x[0]=1.0", 2.0**-52),
    ],
)
def test_eps_below_the_spacing_of_x_raises_value_error_naming_eps_and_the_entry(x, eps, entry, spacing):
    assert eps < np.spacing(np.abs(x)).max()  # the premise: NumPy's spacing
    message = f"eps={eps!r} is below the spacing of {entry} ({spacing!r}); the difference quotient would be 0"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        numerical_gradient(_total, x, eps=eps)


def test_eps_below_the_spacing_of_an_entry_of_a_matrix_names_its_index():
    x = np.zeros((2, 3))
    x[1, 2] = 1e16
    with pytest.raises(ValueError, match=r"spacing of x\[1, 2\]=1e\+16"):
        numerical_gradient(_total, x, eps=1e-3)


def test_an_eps_of_exactly_the_spacing_gives_the_right_slope():
    # f(v) = 2 v is exact in floats at every point: the slope must come out as exactly 2.
    for x0 in (1e16, 2.0**62, 1e300):
        eps = float(np.spacing(x0))
        assert numerical_gradient(lambda v: 2.0 * float(v[0]), [x0], eps=eps).tolist() == [2.0]


def test_the_quotient_divides_by_the_step_actually_taken():
    # eps = 1.5 ulp(1): 1 + eps rounds to 1 + 2 ulp (ties to even), 1 - eps = 1 - 3 * 2**-53 is
    # exact: the step taken is 7 * 2**-53, not 2 eps = 6 * 2**-53. For f(v) = 2 v (exact) the
    # quotient over 2 eps would be 2 * 7 / 6; over the step taken it is 2.
    eps = 1.5 * 2.0**-52
    assert 1.0 + eps == 1.0 + 2.0**-51 and 1.0 - eps == 1.0 - 3 * 2.0**-53
    assert numerical_gradient(lambda v: 2.0 * float(v[0]), [1.0], eps=eps).tolist() == [2.0]


@pytest.mark.parametrize("x, eps", [([MAX], 1e300), ([-MAX], 1e300), ([0.0, 1.7e308], 1e307)])
def test_a_step_that_leaves_the_float_range_raises_value_error_naming_x_and_eps(x, eps):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^x\[\d\]=.* ± eps=.* leaves the float range"):
            numerical_gradient(lambda v: 0.0, x, eps=eps)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_function_value_that_is_not_finite_raises_value_error_naming_f(bad):
    with pytest.raises(ValueError, match="^f is not finite at x\\[1\\] - eps"):
        numerical_gradient(lambda v: bad if v[1] < 2.0 else 0.0, [0.0, 2.0])


def test_a_quotient_that_overflows_raises_value_error_naming_f():
    # f(x + h) - f(x - h) = 2e308 is past the float range; so is 1e300 / 1e-10.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="^the difference quotient of f at x\\[0\\] overflows"):
            numerical_gradient(lambda v: 1e308 if v[0] > 0 else -1e308, [0.0])
        with pytest.raises(ValueError, match="^the difference quotient of f at x\\[0\\] overflows"):
            numerical_gradient(lambda v: 1e300 * float(v[0]) / 1e-10, [0.0], eps=1e-10)


@pytest.mark.parametrize("eps", [np.inf, np.nan, -1e-6, 0.0])
def test_an_eps_that_is_not_positive_and_finite_raises_value_error(eps):
    with pytest.raises(ValueError, match="^eps must"):
        numerical_gradient(_total, [1.0], eps=eps)


def test_a_bool_eps_raises_type_error():
    with pytest.raises(TypeError, match="^eps must be a real number"):
        numerical_gradient(_total, [1.0], eps=True)


# -- numerical_hessian: the same checks, naming grad -------------------------------------------


def test_numerical_hessian_with_a_gradient_that_is_not_finite_raises_value_error_naming_grad():
    with pytest.raises(ValueError, match=r"^grad is not finite at x\[0\] \+ eps"):
        numerical_hessian(lambda v: np.array([np.log(1.0 - v[0]) if v[0] < 1 else np.inf, 0.0]), [1.0 - 1e-7, 0.0])


def test_numerical_hessian_with_eps_below_the_spacing_raises_value_error_naming_eps():
    with pytest.raises(ValueError, match=r"^eps=1e-06 is below the spacing of x\[1\]=1e\+16"):
        numerical_hessian(lambda v: 2 * v, [0.0, 1e16])


def test_numerical_hessian_of_a_quadratic_is_its_matrix_and_calls_grad_twice_per_entry():
    # f(x) = x^T A x / 2 with A symmetric has gradient A x and Hessian A.
    a = np.array([[2.0, -1.0, 0.5], [-1.0, 3.0, 0.0], [0.5, 0.0, 1.0]])
    calls = []

    def grad(v):
        calls.append(1)
        return a @ v

    np.testing.assert_allclose(numerical_hessian(grad, [0.3, -0.2, 1.5]), a, rtol=1e-8, atol=1e-8)
    assert len(calls) == 2 * 3


def test_numerical_hessian_of_an_asymmetric_jacobian_keeps_row_i_for_component_i():
    # grad(v) = (v0 * v1, v1): d g0 / d x1 = v0 = 2 is entry [0, 1]; d g1 / d x0 = 0 is [1, 0].
    computed = numerical_hessian(lambda v: np.array([v[0] * v[1], v[1]]), [2.0, 5.0])
    np.testing.assert_allclose(computed, [[5.0, 2.0], [0.0, 1.0]], rtol=1e-8, atol=1e-8)


# -- masked arrays ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda m: numerical_gradient(_total, m), "^x must not be a masked array"),
        (lambda m: numerical_hessian(lambda v: v, m), "^x must not be a masked array"),
        (lambda m: check_gradient(_total, np.ones_like, m), "^x must not be a masked array"),
        (lambda m: relative_error(m, [1.0, 2.0]), "^a must not be a masked array"),
        (lambda m: relative_error([1.0, 2.0], m), "^b must not be a masked array"),
        (lambda m: numerical_gradient(lambda v: np.ma.masked, [1.0, 2.0]), r"^f\(x\) must not be a masked array"),
        (lambda m: numerical_hessian(lambda v: m, [1.0, 2.0]), r"^grad\(x\) must not be a masked array"),
        (lambda m: check_gradient(_total, lambda v: m, [1.0, 2.0]), r"^grad_f\(x\) must not be a masked array"),
    ],
)
def test_masked_arrays_raise_type_error_naming_the_argument(call, match):
    with pytest.raises(TypeError, match=match):
        call(np.ma.array([1.0, 2.0], mask=[False, True]))


# -- check_gradient names its own arguments ----------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"grad_f": lambda v: v * np.inf}, ValueError, r"^grad_f\(x\) contains an infinite value"),
        ({"grad_f": lambda v: v * np.nan}, ValueError, r"^grad_f\(x\) contains NaN"),
        ({"grad_f": "not callable"}, TypeError, "^grad_f must be callable"),
        ({"grad_f": lambda v: ["a", "b"]}, TypeError, r"^grad_f\(x\) must contain real numbers"),
        ({"f": lambda v: np.nan}, ValueError, "^f is not finite"),
        ({"f": None}, TypeError, "^f must be callable"),
        ({"x": [1e16, 1.0]}, ValueError, r"^eps=1e-06 is below the spacing of x\[0\]"),
        ({"x": [np.inf, 1.0]}, ValueError, "^x contains an infinite value"),
        ({"tol": np.nan}, ValueError, "^tol must not be NaN"),
        ({"tol": np.inf}, ValueError, "^tol must be finite"),
        ({"tol": True}, TypeError, "^tol must be a real number"),
        ({"eps": 0.0}, ValueError, "^eps must be positive"),
    ],
)
def test_check_gradient_errors_name_its_own_arguments(kwargs, error, match):
    arguments = {"f": _total, "grad_f": np.ones_like, "x": [1.0, 2.0], **kwargs}
    with pytest.raises(error, match=match):
        check_gradient(arguments.pop("f"), arguments.pop("grad_f"), arguments.pop("x"), **arguments)


# -- relative_error over the whole float range, against exact fractions ------------------------

FLOOR = Fraction(1e-12)


def _exact_relative_error(a, b):
    return max(
        abs(Fraction(x) - Fraction(y)) / max(abs(Fraction(x)) + abs(Fraction(y)), FLOOR)
        for x, y in zip(a, b, strict=True)
    )


def _assert_relative_error_is_exact(a, b):
    exact = _exact_relative_error(a, b)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = relative_error(a, b)
    # Three roundings of the worst ratio (difference, sum, quotient), or one subnormal quantum.
    assert abs(Fraction(got) - exact) <= 4 * Fraction(2) ** -53 * exact + Fraction(2) ** -1074, (
        f"relative_error({a}, {b}): mine {got!r} vs exact {float(exact)!r}"
    )


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ([1e308], [1.7e308], 0.7 / 2.7),  # |a| + |b| overflows: 0.0 before
        ([1.7e308], [-1.7e308], 1.0),  # a - b overflows too: NaN before
        ([MAX, -MAX], [-MAX, MAX], 1.0),
        ([MAX], [MAX], 0.0),
        ([5e-324], [0.0], 5e-324 / 1e-12),
        ([1e-300, 2.0], [3e-300, 2.0], 2e-300 / 1e-12),
    ],
)
def test_relative_error_at_the_ends_of_the_float_range(a, b, expected):
    _assert_relative_error_is_exact(a, b)
    assert relative_error(a, b) == pytest.approx(expected, rel=1e-15)


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(
            st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True),
            st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_relative_error_matches_exact_fractions_for_any_finite_floats(pairs):
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    _assert_relative_error_is_exact(a, b)


@settings(max_examples=100, deadline=None)
@given(x=st.floats(-1e300, 1e300), rel=st.floats(-1e-3, 1e-3))
def test_relative_error_of_close_numbers_is_exact_even_when_they_are_huge(x, rel):
    # The near-cancellation case: a scaling that is not a power of two would spoil a - b.
    _assert_relative_error_is_exact([x], [x * (1 + rel)])


# -- no RuntimeWarning anywhere near the float limit -------------------------------------------


@pytest.mark.parametrize("x0", [0.0, 5e-324, -2.2e-308, 1.0, 1e154, -1e300, 1.7e308])
def test_every_function_near_the_float_limit_gives_a_finite_result_or_a_value_error_without_warning(x0):
    functions = {
        "square": lambda v: float(v[0]) ** 2 if abs(float(v[0])) < 1e154 else 1e308,
        "linear": lambda v: 1e-300 * float(v[0]),
        "huge": lambda v: 1e308 * np.tanh(float(v[0])),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for f in functions.values():
            for eps in (1e-6, 5e-324, 1e300):
                try:
                    g = numerical_gradient(f, [x0], eps=eps)
                except ValueError:
                    continue
                assert np.isfinite(g).all()
                try:
                    h = numerical_hessian(lambda v, f=f: np.array([f(v)]), [x0], eps=eps)
                except ValueError:
                    continue
                assert np.isfinite(h).all()
                try:
                    check_gradient(f, lambda v: np.zeros(1), [x0], eps=eps, tol=1.0)
                except ValueError:
                    continue
