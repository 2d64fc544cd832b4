"""Tests for notes._validation, the one home of the package's input checks: each helper
accepts what its callers document and refuses the rest with a message naming the argument."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from notes._validation import (
    as_bool,
    as_decay_rate,
    as_float_array,
    as_matrix,
    as_returned_scalar,
    as_scalar,
    as_vector,
    check_class_indices,
    check_entries_in_unit_interval,
    check_probabilities,
    check_shape_of,
    check_size,
    float_if_scalar,
    normalize_axis,
)
from notes.optim import SGD
from notes.schedules import exponential_decay


@pytest.mark.parametrize("flag", [True, False, np.True_, np.False_])
def test_as_bool_accepts_python_and_numpy_booleans(flag):
    assert as_bool(flag, "flag") is bool(flag)


@pytest.mark.parametrize("value", [0, 1, 1.0, "yes", None, np.array([True])])
def test_as_bool_refuses_anything_else_naming_the_argument(value):
    with pytest.raises(TypeError, match="nesterov must be a bool"):
        as_bool(value, "nesterov")


def test_as_matrix_returns_a_float64_matrix():
    X = as_matrix([[1, 2], [3, 4]], "X")
    assert X.dtype == np.float64 and X.shape == (2, 2)


@pytest.mark.parametrize(
    "x, n_cols, message",
    [
        ([1.0, 2.0], None, r"X must be a 2-D array of shape \(m, n\), got shape \(2,\)"),
        (np.zeros((2, 2, 2)), None, r"X must be a 2-D array of shape \(m, n\), got shape \(2, 2, 2\)"),
        (np.zeros((2, 3)), 2, r"X must be a 2-D array of shape \(m, 2\), got shape \(2, 3\)"),
        (np.zeros((0, 2)), None, "X is empty"),
        ([[1.0, np.inf]], None, "X contains an infinite value"),
        ([[1.0, np.nan]], None, "X contains NaN"),
    ],
)
def test_as_matrix_refuses_what_is_not_a_finite_nonempty_matrix(x, n_cols, message):
    with pytest.raises(ValueError, match=message):
        as_matrix(x, "X", n_cols)


def test_as_matrix_names_the_dimensions_the_caller_gives():
    with pytest.raises(ValueError, match=r"logits must be a 2-D array of shape \(m, C\)"):
        as_matrix([0.0, 1.0], "logits", axes=("m", "C"))


def test_as_matrix_can_allow_infinities_and_empty_matrices():
    assert as_matrix([[np.inf]], "scores", allow_inf=True).tolist() == [[np.inf]]
    assert as_matrix(np.zeros((0, 3)), "X", allow_empty=True).shape == (0, 3)


@pytest.mark.parametrize("value", [np.inf, -np.inf, float("inf")])
def test_as_scalar_with_finite_refuses_infinities(value):
    with pytest.raises(ValueError, match="lr must be finite"):
        as_scalar(value, "lr", finite=True)


def test_as_scalar_without_finite_accepts_infinity_but_never_nan():
    assert as_scalar(np.inf, "lr") == np.inf
    with pytest.raises(ValueError, match="lr must not be NaN"):
        as_scalar(np.nan, "lr")


def test_as_scalar_integer_accepts_integral_floats_and_returns_an_int():
    value = as_scalar(3.0, "epochs", integer=True)
    assert value == 3 and type(value) is int


@pytest.mark.parametrize("value", [0.0, 0.5, 0.999])
def test_as_decay_rate_accepts_the_half_open_unit_interval(value):
    assert as_decay_rate(value, "beta") == value


@pytest.mark.parametrize("value", [1.0, 1.5, -0.1])
def test_as_decay_rate_refuses_values_outside_it(value):
    with pytest.raises(ValueError, match="beta"):
        as_decay_rate(value, "beta")


def test_check_entries_in_unit_interval_includes_both_ends():
    arr = np.array([0.0, 0.5, 1.0])
    assert check_entries_in_unit_interval(arr, "p") is arr
    with pytest.raises(ValueError, match=r"p must lie in \[0, 1\], got 1\.5"):
        check_entries_in_unit_interval(np.array([0.5, 1.5]), "p")


def test_check_shape_of_names_both_arrays():
    with pytest.raises(ValueError, match=r"grads\[0\] must have the shape of params\[0\], \(3,\), got \(2,\)"):
        check_shape_of(np.zeros(2), "grads[0]", (3,), "params[0]")


def test_float_if_scalar_turns_only_0d_results_into_floats():
    assert type(float_if_scalar(np.float64(0.5))) is float
    assert type(float_if_scalar(np.array(0.5))) is float
    kept = float_if_scalar(np.array([0.5]))
    assert isinstance(kept, np.ndarray) and kept.shape == (1,)


@pytest.mark.parametrize("value", [np.array([1.0, 2.0]), "1.0", None])
def test_as_returned_scalar_refuses_what_is_not_one_number(value):
    with pytest.raises(TypeError, match="f must return a real scalar"):
        as_returned_scalar(value, "f")


def test_as_vector_refuses_what_is_not_one_dimensional():
    with pytest.raises(ValueError, match=r"w must be a 1-D array, got shape \(1, 2\)"):
        as_vector([[1.0, 2.0]], "w")


def test_as_vector_refuses_an_empty_vector_only_when_asked():
    assert as_vector([], "values").shape == (0,)
    with pytest.raises(ValueError, match="w is empty"):
        as_vector([], "w", allow_empty=False)


# -- masked arrays, sums near the float limit, sizes ---------------------------------------


def test_as_float_array_refuses_a_masked_array_naming_the_argument():
    with pytest.raises(TypeError, match=r"^pred must not be a masked array"):
        as_float_array(np.ma.masked_array([1.0, 2.0], mask=[0, 1]), "pred")


def test_class_indices_refuse_a_masked_array():
    with pytest.raises(TypeError, match=r"^labels must not be a masked array"):
        check_class_indices(np.ma.masked_array([0, 1], mask=[0, 1]), "labels", n_classes=2, n_samples=2)


def test_probabilities_near_the_float_limit_are_refused_without_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # summing 1e308s would overflow and warn
        with pytest.raises(ValueError, match=r"^p has a probability above 1: 1e\+308"):
            check_probabilities([1e308, 1e308], "p")


def test_a_size_too_large_to_allocate_names_the_argument():
    with pytest.raises(ValueError, match=r"^n asks for an array of shape \(1099511627776, 2\)"):
        check_size((2**40, 2), "n")
    assert check_size((3, 2), "n") == (3, 2)


def test_an_axis_error_starts_with_the_array_name():
    with pytest.raises(ValueError, match=r"^q needs at least one dimension for axis=-1, got a scalar"):
        normalize_axis(np.float64(1.0), -1, of="q")
    with pytest.raises(ValueError, match=r"^q has length 0 along axis=1"):
        normalize_axis(np.zeros((2, 0)), -1, of="q")


@pytest.mark.parametrize("make", [lambda w: SGD([w], lr=10**400), lambda w: exponential_decay(10**400, 0.5, 1)])
def test_an_integer_too_large_for_a_float_is_a_value_error_naming_the_argument(make):
    with pytest.raises(ValueError, match=r"^(lr|lr0) is too large for a float"):
        make(np.zeros(2))


@pytest.mark.parametrize(
    "make", [lambda w: SGD([w], lr=np.ma.masked), lambda w: exponential_decay(np.ma.masked, 0.5, 1)]
)
def test_a_masked_scalar_is_refused_not_read_as_its_fill_value(make):
    with pytest.raises(TypeError, match=r"^(lr|lr0) must not be a masked array"):
        make(np.zeros(2))
