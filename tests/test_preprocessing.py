"""Tests for :mod:`notes.preprocessing`.

Reference: ``numpy.mean`` and ``numpy.std`` (``ddof=0``) applied to the training data in
the test itself, and the formula ``(X - mean) / std`` written out here; seeded random
shapes and scales. scikit-learn's ``StandardScaler`` (same conventions) is not a test
dependency.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest

from notes.preprocessing import Standardizer


def _random_data(seed: int, n_rows: int | None = None) -> np.ndarray:
    """Seeded data with features of very different locations and scales."""
    rng = np.random.default_rng(seed)
    m = n_rows or int(rng.integers(2, 50))
    n = int(rng.integers(1, 6))
    location = rng.uniform(-1e3, 1e3, size=n)
    scale = 10.0 ** rng.uniform(-3, 3, size=n)
    return location + scale * rng.standard_normal((m, n))


@pytest.mark.parametrize("seed", range(8))
def test_fit_learns_numpy_mean_and_population_std(seed):
    X = _random_data(seed)
    scaler = Standardizer().fit(X)
    np.testing.assert_allclose(scaler.mean_, np.mean(X, axis=0), rtol=1e-13, err_msg="mean_: mine vs numpy")
    np.testing.assert_allclose(scaler.scale_, np.std(X, axis=0, ddof=0), rtol=1e-13, err_msg="scale_: mine vs numpy")


@pytest.mark.parametrize("seed", range(8))
def test_fit_transform_gives_zero_mean_and_unit_std(seed):
    Z = Standardizer().fit_transform(_random_data(seed))
    # Centring a feature at 1e3 with spread 1e-3 leaves ~1e3 * 1e-16 / 1e-3 of rounding.
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-8, err_msg="column means")
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12, err_msg="column stds")


@pytest.mark.parametrize("seed", range(8))
def test_transform_applies_the_training_statistics_to_new_data(seed):
    X_train = _random_data(seed)
    rng = np.random.default_rng(seed + 100)
    X_test = rng.normal(5.0, 3.0, size=(7, X_train.shape[1]))
    mine = Standardizer().fit(X_train).transform(X_test)
    reference = (X_test - X_train.mean(axis=0)) / X_train.std(axis=0)
    np.testing.assert_allclose(
        mine, reference, rtol=1e-12, atol=1e-12, err_msg="mine vs (X_test - train mean) / train std"
    )


def test_transform_does_not_refit_on_the_new_data():
    scaler = Standardizer().fit([[0.0], [2.0]])  # mean 1, std 1
    assert scaler.transform([[10.0], [12.0]]).ravel().tolist() == [9.0, 11.0]


def test_transform_of_no_rows_is_empty():
    scaler = Standardizer().fit([[0.0, 1.0], [2.0, 3.0]])
    assert scaler.transform(np.empty((0, 2))).shape == (0, 2)


@pytest.mark.parametrize("seed", range(8))
def test_inverse_transform_undoes_transform(seed):
    X = _random_data(seed)
    scaler = Standardizer().fit(X)
    np.testing.assert_allclose(
        scaler.inverse_transform(scaler.transform(X)), X, rtol=1e-12, atol=1e-9, err_msg="round trip vs original"
    )


def test_constant_feature_gets_scale_one_and_becomes_zero():
    X = np.array([[1.0, 7.0], [2.0, 7.0], [4.0, 7.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scaler = Standardizer().fit(X)
        Z = scaler.transform(X)
    assert scaler.scale_[1] == 1.0 and scaler.mean_[1] == 7.0
    assert (Z[:, 1] == 0.0).all()


def test_constant_feature_does_not_disturb_the_other_features():
    X = np.array([[1.0, 7.0], [2.0, 7.0], [4.0, 7.0]])
    Z = Standardizer().fit_transform(X)
    reference = (X[:, 0] - X[:, 0].mean()) / X[:, 0].std()
    np.testing.assert_allclose(Z[:, 0], reference, rtol=1e-14, err_msg="mine vs numpy")


def test_constant_feature_whose_mean_rounds_is_still_exactly_zero():
    # np.mean([0.1, 0.1, 0.1]) != 0.1 and np.std of it is 1.4e-17, not 0: dividing by
    # that would turn rounding noise into -1.
    X = np.full((3, 1), 0.1)
    assert float(np.std(X)) > 0.0  # the trap is real
    assert Standardizer().fit_transform(X).ravel().tolist() == [0.0, 0.0, 0.0]


def test_constant_feature_shifts_new_data_by_the_training_value():
    scaler = Standardizer().fit([[5.0], [5.0]])
    assert scaler.transform([[8.0]]).tolist() == [[3.0]]


def test_fit_on_values_near_the_float_limit_does_not_overflow():
    X = np.array([[1e308], [-1e308], [1e308]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scaler = Standardizer().fit(X)
    # mean = 1e308/3; std = 1e308 * std([1, -1, 1]) = 1e308 * sqrt(8)/3.
    np.testing.assert_allclose(scaler.mean_, [1e308 / 3], rtol=1e-14)
    np.testing.assert_allclose(scaler.scale_, [1e308 / 3 * np.sqrt(8.0)], rtol=1e-14)


def test_attributes_are_none_before_fit():
    scaler = Standardizer()
    assert scaler.mean_ is None and scaler.scale_ is None and scaler.n_features_in_ is None


def test_fit_returns_the_standardizer_itself():
    scaler = Standardizer()
    assert scaler.fit([[1.0], [2.0]]) is scaler


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_using_an_unfitted_standardizer_raises_runtime_error(method):
    with pytest.raises(RuntimeError, match=r"not fitted yet: call fit\(X_train\)"):
        getattr(Standardizer(), method)([[1.0, 2.0]])


@pytest.mark.parametrize("method, name", [("transform", "X"), ("inverse_transform", "Z")])
def test_feature_count_mismatch_raises_naming_both_counts(method, name):
    scaler = Standardizer().fit([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(ValueError, match=f"{name} has 3 features, but the Standardizer was fitted on 2"):
        getattr(scaler, method)([[1.0, 2.0, 3.0]])


@pytest.mark.parametrize(
    "X, error, message",
    [
        ([1.0, 2.0, 3.0], ValueError, r"X must be a 2-D array of shape \(n_samples, n_features\)"),
        (np.zeros((2, 2, 2)), ValueError, r"X must be a 2-D array of shape \(n_samples, n_features\)"),
        (np.empty((0, 3)), ValueError, "X is empty"),
        ([[1.0, np.nan], [2.0, 3.0]], ValueError, "X contains NaN"),
        ([[1.0, np.inf], [2.0, 3.0]], ValueError, "X contains an infinite value"),
        ([["a", "b"]], TypeError, "X must contain real numbers"),
    ],
)
def test_fit_rejects_bad_training_data_naming_it(X, error, message):
    with pytest.raises(error, match=message):
        Standardizer().fit(X)


def test_transform_rejects_nan_naming_the_argument():
    scaler = Standardizer().fit([[1.0], [2.0]])
    with pytest.raises(ValueError, match="X contains NaN"):
        scaler.transform([[np.nan]])


def test_standardizer_transforms_its_own_data_near_the_float_limit_to_finite_values():
    # mean -5.7e307: x - mean = 1.7e308 + 5.7e307 passes the float range on the way to a
    # z-score of about 1.41. Reference: exact rational mean and variance, then rounded.
    column = [1.7e308, -1.7e308, -1.7e308]
    exact = [Fraction(v) for v in column]
    mean = sum(exact) / 3
    std = math.sqrt(float(sum((v - mean) ** 2 for v in exact) / 3 / Fraction(2) ** 2040)) * 2.0**1020
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        z = Standardizer().fit_transform(np.array(column)[:, None])
    assert z[:, 0] == pytest.approx([float((v - mean) / Fraction(std)) for v in exact], rel=1e-14)


def test_standardizer_refuses_a_result_past_the_float_range_naming_the_data():
    with pytest.raises(ValueError, match=r"transform\(X\) overflows"):
        Standardizer().fit([[1.0], [2.0]]).transform([[1e308]])  # (1e308 - 1.5) / 0.5
    with pytest.raises(ValueError, match=r"inverse_transform\(Z\) overflows"):
        Standardizer().fit([[0.0], [1e308]]).inverse_transform([[10.0]])  # 10 * 5e307 + 5e307
