"""Tests for notes.regression: recovered parameters against the true ones and against the
closed-form least-squares solution (numpy.linalg.lstsq); gradients against central
differences; mini-batches against the definition of an epoch."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

from notes.gradcheck import check_gradient
from notes.regression import (
    linear_predict,
    linear_regression_grad,
    linear_regression_loss,
    linear_regression_sgd,
    logistic_predict_proba,
    logistic_regression_grad,
    logistic_regression_loss,
    logistic_regression_sgd,
    make_linear_data,
    minibatches,
)
from support.checks import assert_matches_finite_differences

seeds = st.integers(min_value=0, max_value=2**32 - 1)
TRUE_W, TRUE_B = np.array([2.0, -3.4]), 4.2


def lstsq_fit(X, y):
    """Closed-form least squares with an intercept column, the independent reference."""
    coef, *_ = np.linalg.lstsq(np.hstack([X, np.ones((X.shape[0], 1))]), y, rcond=None)
    return coef[:-1], coef[-1]


# -- synthetic data -----------------------------------------------------------------------


def test_make_linear_data_without_noise_is_exactly_linear():
    X, y = make_linear_data(TRUE_W, TRUE_B, 50, noise_std=0.0, rng=np.random.default_rng(0))
    np.testing.assert_allclose(y, X @ TRUE_W + TRUE_B, rtol=1e-14)


def test_make_linear_data_noise_has_the_requested_standard_deviation():
    X, y = make_linear_data(TRUE_W, TRUE_B, 20_000, noise_std=0.5, rng=np.random.default_rng(0))
    residual_std = np.std(y - (X @ TRUE_W + TRUE_B))
    assert residual_std == pytest.approx(0.5, rel=0.03), f"mine {residual_std} vs reference 0.5"


def test_make_linear_data_is_reproducible_from_the_seed():
    first = make_linear_data(TRUE_W, TRUE_B, 10, noise_std=0.1, rng=np.random.default_rng(3))
    second = make_linear_data(TRUE_W, TRUE_B, 10, noise_std=0.1, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


# -- mini-batches -------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(m=st.integers(1, 40), batch_size=st.integers(1, 50), seed=seeds)
def test_minibatches_cover_every_sample_exactly_once_per_epoch(m, batch_size, seed):
    X = np.arange(m, dtype=float)[:, None] * np.array([1.0, -1.0])
    y = np.arange(m, dtype=float)
    seen_y, seen_X = [], []
    for X_batch, y_batch in minibatches(X, y, batch_size, rng=np.random.default_rng(seed)):
        seen_X.append(X_batch)
        seen_y.append(y_batch)
    seen_y, seen_X = np.concatenate(seen_y), np.concatenate(seen_X)
    assert sorted(seen_y.tolist()) == list(range(m))
    np.testing.assert_array_equal(seen_X[:, 0], seen_y)  # rows stay paired with their targets


@settings(max_examples=50, deadline=None)
@given(m=st.integers(1, 40), batch_size=st.integers(1, 50))
def test_minibatches_are_full_except_possibly_the_last(m, batch_size):
    sizes = [len(yb) for _, yb in minibatches(np.zeros((m, 1)), np.zeros(m), batch_size, rng=np.random.default_rng(0))]
    expected = [batch_size] * (m // batch_size) + ([m % batch_size] if m % batch_size else [])
    assert sizes == expected


def test_minibatches_shuffle_the_examples():
    y = np.arange(50.0)
    order = np.concatenate([yb for _, yb in minibatches(y[:, None], y, 10, rng=np.random.default_rng(0))])
    assert not np.array_equal(order, y)


def test_minibatches_accept_two_dimensional_targets():
    X, Y = np.zeros((5, 2)), np.arange(10.0).reshape(5, 2)
    shapes = [yb.shape for _, yb in minibatches(X, Y, 4, rng=np.random.default_rng(0))]
    assert shapes == [(4, 2), (1, 2)]


# -- linear regression --------------------------------------------------------------------


def test_linear_predict_is_the_affine_function():
    X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    np.testing.assert_allclose(linear_predict(X, TRUE_W, TRUE_B), [2.0 - 6.8 + 4.2, -2.0 - 1.7 + 4.2], rtol=1e-14)


def test_linear_regression_loss_is_the_mean_squared_residual():
    rng = np.random.default_rng(0)
    X, y, w, b = rng.normal(size=(7, 3)), rng.normal(size=7), rng.normal(size=3), 0.3
    reference = np.mean((X @ w + b - y) ** 2)
    assert linear_regression_loss(X, y, w, b) == pytest.approx(reference, rel=1e-13)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 5), m=st.integers(1, 10), seed=seeds)
def test_linear_regression_grad_matches_numerical_gradient(n, m, seed):
    rng = np.random.default_rng(seed)
    X, y, w, b = rng.normal(size=(m, n)), rng.normal(size=m), rng.normal(size=n), rng.normal()
    grad_w, grad_b = linear_regression_grad(X, y, w, b)
    assert_matches_finite_differences(grad_w, lambda v: linear_regression_loss(X, y, v, b), w, "dL/dw")
    assert_matches_finite_differences([grad_b], lambda v: linear_regression_loss(X, y, w, v[0]), [b], "dL/db")


def test_linear_regression_sgd_recovers_the_true_parameters():
    rng = np.random.default_rng(0)
    X, y = make_linear_data(TRUE_W, TRUE_B, 1000, noise_std=0.01, rng=rng)
    w, b, _ = linear_regression_sgd(X, y, lr=0.03, epochs=5, batch_size=10, rng=rng)
    np.testing.assert_allclose(w, TRUE_W, atol=5e-3, err_msg="mine vs true")
    assert b == pytest.approx(TRUE_B, abs=5e-3), f"mine {b} vs true {TRUE_B}"


def test_full_batch_gradient_descent_converges_to_the_least_squares_solution():
    rng = np.random.default_rng(1)
    X, y = make_linear_data([1.0, -2.0, 0.5], -1.0, 200, noise_std=0.5, rng=rng)
    w, b, _ = linear_regression_sgd(X, y, lr=0.1, epochs=500, batch_size=200, rng=rng)
    ref_w, ref_b = lstsq_fit(X, y)
    np.testing.assert_allclose(w, ref_w, rtol=1e-9, err_msg="mine vs lstsq")
    assert b == pytest.approx(ref_b, rel=1e-9), f"mine {b} vs lstsq {ref_b}"


def test_minibatch_sgd_lands_near_the_least_squares_solution():
    rng = np.random.default_rng(2)
    X, y = make_linear_data([1.0, -2.0, 0.5], -1.0, 500, noise_std=0.5, rng=rng)
    w, b, _ = linear_regression_sgd(X, y, lr=0.01, epochs=30, batch_size=16, rng=rng)
    ref_w, ref_b = lstsq_fit(X, y)
    np.testing.assert_allclose(w, ref_w, atol=2e-2, err_msg="mine vs lstsq")
    assert b == pytest.approx(ref_b, abs=2e-2), f"mine {b} vs lstsq {ref_b}"


def test_full_batch_loss_history_decreases_every_epoch():
    rng = np.random.default_rng(3)
    X, y = make_linear_data(TRUE_W, TRUE_B, 100, noise_std=0.1, rng=rng)
    history = linear_regression_sgd(X, y, lr=0.05, epochs=50, batch_size=100, rng=rng).history
    assert np.all(np.diff(history) < 0), history


def test_minibatch_loss_history_ends_far_below_where_it_starts():
    rng = np.random.default_rng(4)
    X, y = make_linear_data(TRUE_W, TRUE_B, 300, noise_std=0.1, rng=rng)
    history = linear_regression_sgd(X, y, lr=0.03, epochs=10, batch_size=10, rng=rng).history
    start = np.mean(y**2)  # the loss of w = 0, b = 0
    assert history.shape == (10,) and history[-1] < 0.01 * start


def test_linear_regression_history_is_the_loss_of_the_returned_parameters():
    rng = np.random.default_rng(5)
    X, y = make_linear_data(TRUE_W, TRUE_B, 50, noise_std=0.1, rng=rng)
    w, b, history = linear_regression_sgd(X, y, lr=0.03, epochs=3, batch_size=8, rng=rng)
    assert history[-1] == pytest.approx(np.mean((X @ w + b - y) ** 2), rel=1e-12)


# -- logistic regression ------------------------------------------------------------------


def test_logistic_predict_proba_matches_scipy_expit():
    rng = np.random.default_rng(0)
    X, w, b = rng.normal(size=(9, 3)) * 10, rng.normal(size=3), -0.5
    np.testing.assert_allclose(logistic_predict_proba(X, w, b), expit(X @ w + b), rtol=1e-14, err_msg="mine vs scipy")


def test_logistic_regression_loss_is_the_mean_binary_cross_entropy():
    rng = np.random.default_rng(1)
    X, w, b = rng.normal(size=(8, 2)), rng.normal(size=2), 0.2
    y = rng.integers(0, 2, size=8)
    a = expit(X @ w + b)
    reference = -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
    assert logistic_regression_loss(X, y, w, b) == pytest.approx(reference, rel=1e-12)


def test_logistic_regression_grad_equals_the_textbook_formula():
    rng = np.random.default_rng(2)
    X, w, b = rng.normal(size=(8, 3)), rng.normal(size=3), 0.2
    y = rng.integers(0, 2, size=8)
    a = expit(X @ w + b)
    grad_w, grad_b = logistic_regression_grad(X, y, w, b)
    np.testing.assert_allclose(grad_w, X.T @ (a - y) / 8, rtol=1e-12, err_msg="mine vs reference")
    assert grad_b == pytest.approx(np.mean(a - y), rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 5), m=st.integers(1, 10), seed=seeds)
def test_logistic_regression_grad_matches_numerical_gradient(n, m, seed):
    rng = np.random.default_rng(seed)
    X, w, b = rng.normal(size=(m, n)), rng.normal(size=n), rng.normal()
    y = rng.integers(0, 2, size=m)
    grad_w, grad_b = logistic_regression_grad(X, y, w, b)
    assert_matches_finite_differences(grad_w, lambda v: logistic_regression_loss(X, y, v, b), w, "dL/dw")
    assert_matches_finite_differences([grad_b], lambda v: logistic_regression_loss(X, y, w, v[0]), [b], "dL/db")


def test_logistic_regression_grad_passes_check_gradient():
    X = np.array([[1.0, -0.5], [0.3, 2.0], [-1.2, 0.7], [0.8, 0.1]])
    y = np.array([1, 0, 0, 1])
    error = check_gradient(
        lambda v: logistic_regression_loss(X, y, v[:2], v[2]),
        lambda v: np.append(*logistic_regression_grad(X, y, v[:2], v[2])),
        np.array([0.4, -0.6, 0.2]),
    )
    assert error < 1e-7


def test_logistic_regression_separates_a_linearly_separable_set():
    rng = np.random.default_rng(3)
    X = rng.uniform(-1.0, 1.0, size=(200, 2))
    score = X @ np.array([1.5, -1.0]) + 0.2
    X, score = X[np.abs(score) > 0.1], score[np.abs(score) > 0.1]  # leave a margin
    y = (score > 0).astype(float)
    w, b, _ = logistic_regression_sgd(X, y, lr=1.0, epochs=200, batch_size=16, rng=rng)
    predicted = (X @ w + b > 0).astype(float)
    assert np.array_equal(predicted, y), f"{np.sum(predicted != y)} of {y.size} misclassified"


def test_logistic_regression_loss_history_decreases():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(100, 2))
    y = (X[:, 0] + 0.5 * rng.normal(size=100) > 0).astype(float)
    history = logistic_regression_sgd(X, y, lr=0.1, epochs=30, batch_size=100, rng=rng).history
    assert np.all(np.diff(history) < 0) and history[0] < np.log(2)  # below the loss at w = 0


# -- bad input ----------------------------------------------------------------------------


def test_make_linear_data_rejects_two_dimensional_weights():
    with pytest.raises(ValueError, match="w must be a 1-D array"):
        make_linear_data([[1.0]], 0.0, 5, noise_std=0.1, rng=np.random.default_rng(0))


def test_make_linear_data_rejects_a_non_positive_size():
    with pytest.raises(ValueError, match="n must be positive"):
        make_linear_data([1.0], 0.0, 0, noise_std=0.1, rng=np.random.default_rng(0))


def test_make_linear_data_rejects_a_negative_noise_level():
    with pytest.raises(ValueError, match="noise_std must be non-negative"):
        make_linear_data([1.0], 0.0, 5, noise_std=-0.1, rng=np.random.default_rng(0))


def test_make_linear_data_needs_a_generator():
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        make_linear_data([1.0], 0.0, 5, noise_std=0.1, rng=42)


def test_minibatches_reject_a_zero_batch_size():
    with pytest.raises(ValueError, match="batch_size must be positive"):
        minibatches(np.zeros((4, 1)), np.zeros(4), 0, rng=np.random.default_rng(0))


def test_minibatches_reject_a_fractional_batch_size():
    with pytest.raises(TypeError, match="batch_size must be an integer"):
        minibatches(np.zeros((4, 1)), np.zeros(4), 2.5, rng=np.random.default_rng(0))


def test_minibatches_reject_targets_of_another_length():
    with pytest.raises(ValueError, match=r"y must have shape \(4,\)"):
        minibatches(np.zeros((4, 1)), np.zeros(3), 2, rng=np.random.default_rng(0))


def test_minibatches_reject_an_empty_dataset():
    with pytest.raises(ValueError, match="X is empty"):
        minibatches(np.zeros((0, 1)), np.zeros(0), 2, rng=np.random.default_rng(0))


def test_linear_regression_sgd_rejects_a_non_positive_learning_rate():
    with pytest.raises(ValueError, match="lr must be positive"):
        linear_regression_sgd(
            np.ones((3, 1)), np.ones(3), lr=-0.1, epochs=1, batch_size=1, rng=np.random.default_rng(0)
        )


def test_linear_regression_sgd_rejects_zero_epochs():
    with pytest.raises(ValueError, match="epochs must be positive"):
        linear_regression_sgd(np.ones((3, 1)), np.ones(3), lr=0.1, epochs=0, batch_size=1, rng=np.random.default_rng(0))


def test_linear_regression_sgd_reports_divergence_instead_of_overflowing():
    rng = np.random.default_rng(0)
    X, y = make_linear_data(TRUE_W, TRUE_B, 20, noise_std=0.1, rng=rng)
    with pytest.raises(ValueError, match=r"lr=1000\.0 makes gradient descent diverge in epoch \d+: .*overflow"):
        linear_regression_sgd(X, y, lr=1e3, epochs=100, batch_size=20, rng=rng)


@pytest.mark.parametrize("fit", [linear_regression_sgd, logistic_regression_sgd])
def test_sgd_reports_a_step_that_would_not_be_finite(fit):
    # One example x = 4, y = 1, from w = b = 0: dL/dw is -8 (linear) or -2 (logistic), so
    # the first step, -lr * dL/dw with lr = 1e308, already leaves the float range.
    with pytest.raises(ValueError, match=r"diverge in epoch 1: step 1 gives a non-finite update"):
        fit(np.array([[4.0]]), np.array([1.0]), lr=1e308, epochs=1, batch_size=1, rng=np.random.default_rng(0))


def test_full_batch_sgd_is_plain_gradient_descent_from_zero():
    rng = np.random.default_rng(0)
    X, y = make_linear_data(TRUE_W, TRUE_B, 8, noise_std=0.1, rng=rng)
    w, b = np.zeros(2), 0.0
    for _ in range(3):  # the update written out: w <- w - lr * dL/dw, b <- b - lr * dL/db
        residual = X @ w + b - y
        w, b = w - 0.1 * (2 / 8) * X.T @ residual, b - 0.1 * (2 / 8) * residual.sum()
    result = linear_regression_sgd(X, y, lr=0.1, epochs=3, batch_size=8, rng=rng)
    np.testing.assert_allclose(result.w, w, rtol=1e-12, err_msg="mine vs the update written out")
    assert result.b == pytest.approx(b, rel=1e-12)


def test_linear_regression_sgd_rejects_a_one_dimensional_design_matrix():
    with pytest.raises(ValueError, match="X must be a 2-D array"):
        linear_regression_sgd(np.ones(3), np.ones(3), lr=0.1, epochs=1, batch_size=1, rng=np.random.default_rng(0))


def test_linear_regression_sgd_rejects_nan_targets():
    with pytest.raises(ValueError, match="y contains NaN"):
        linear_regression_sgd(
            np.ones((2, 1)), [1.0, np.nan], lr=0.1, epochs=1, batch_size=1, rng=np.random.default_rng(0)
        )


def test_linear_predict_rejects_weights_that_do_not_match_the_features():
    with pytest.raises(ValueError, match="w must have 2 entries"):
        linear_predict(np.ones((3, 2)), [1.0, 2.0, 3.0], 0.0)


def test_linear_predict_rejects_a_score_past_the_float_range():
    with pytest.raises(ValueError, match=r"X @ w \+ b overflows the float range"):
        linear_predict([[1e200, 1e200]], [1e200, -1e200], 0.0)  # 1e400 - 1e400


def test_logistic_regression_loss_of_a_confident_mistake_is_large_but_finite():
    # σ(800) rounds to 1, so log(1 - σ) would be -inf; the exact loss is log(1 + e^800) ≈ 800.
    assert logistic_regression_loss([[1.0]], [0], [800.0], 0.0) == pytest.approx(800.0, rel=1e-15)


def test_logistic_regression_rejects_labels_that_are_not_zero_or_one():
    with pytest.raises(ValueError, match="y must hold binary labels 0 or 1"):
        logistic_regression_sgd(
            np.ones((3, 1)), [0.0, 1.0, 2.0], lr=0.1, epochs=1, batch_size=1, rng=np.random.default_rng(0)
        )


def test_logistic_regression_grad_rejects_non_numeric_labels():
    with pytest.raises(TypeError, match="y must contain real numbers"):
        logistic_regression_grad(np.ones((2, 1)), ["a", "b"], [1.0], 0.0)


def test_logistic_loss_whose_sum_passes_the_float_range_is_its_finite_mean():
    # Two terms log(1 + e^(1e308)) = 1e308 each: their sum overflows, their mean does not.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert logistic_regression_loss([[1e308], [1e308]], [0.0, 0.0], [1.0], 0.0) == 1e308


def test_linear_regression_grad_of_residuals_past_the_float_range_is_finite_when_it_fits():
    # y_hat - y = 1.7e308 - (-1.7e308) passes the float range; (2/4) times it, 1.7e308,
    # does not, and neither does the gradient (x = 1 on that row, 0 elsewhere).
    X, y = [[1.0], [0.0], [0.0], [0.0]], [-1.7e308, 0.0, 0.0, 0.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grad_w, grad_b = linear_regression_grad(X, y, [1.7e308], 0.0)
        with pytest.raises(ValueError, match=r"^the loss of X @ w \+ b against y overflows"):
            linear_regression_loss(X, y, [1.7e308], 0.0)  # (3.4e308)² / 4
    assert grad_w.tolist() == [1.7e308] and grad_b == 1.7e308


def test_make_linear_data_refuses_an_n_too_large_to_allocate():
    with pytest.raises(ValueError, match=r"^n asks for an array of shape"):
        make_linear_data([1.0], 0.0, 2**50, noise_std=0.1, rng=np.random.default_rng(0))
