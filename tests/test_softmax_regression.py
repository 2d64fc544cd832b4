"""Tests for softmax regression in notes.regression: loss and gradients against PyTorch golden
data and central differences, a training run against torch.optim.SGD on the same batches,
the two-class case against logistic regression, and bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import softmax as scipy_softmax

from notes.regression import (
    logistic_regression_grad,
    logistic_regression_loss,
    logistic_regression_sgd,
    softmax_regression_grad,
    softmax_regression_loss,
    softmax_regression_predict_proba,
    softmax_regression_sgd,
)
from support.checks import assert_matches_finite_differences

GOLDEN = np.load(Path(__file__).parent / "golden" / "softmax_regression_torch.npz")
X, W, B = GOLDEN["X"], GOLDEN["W"], GOLDEN["b"]
LABELS, PROB_LABELS = GOLDEN["labels"], GOLDEN["prob_labels"]


# -- against PyTorch ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["index", "prob"])
def test_loss_matches_torch_cross_entropy(kind):
    labels = LABELS if kind == "index" else PROB_LABELS
    mine = softmax_regression_loss(X, labels, W, B)
    np.testing.assert_allclose(mine, GOLDEN[f"loss_{kind}"], rtol=1e-13, err_msg="mine vs torch")


@pytest.mark.parametrize("kind", ["index", "prob"])
def test_gradients_match_torch_autograd(kind):
    labels = LABELS if kind == "index" else PROB_LABELS
    grad_W, grad_b = softmax_regression_grad(X, labels, W, B)
    np.testing.assert_allclose(grad_W, GOLDEN[f"grad_W_{kind}"], rtol=1e-12, atol=1e-15, err_msg="mine vs torch")
    np.testing.assert_allclose(grad_b, GOLDEN[f"grad_b_{kind}"], rtol=1e-12, atol=1e-15, err_msg="mine vs torch")


def test_sgd_follows_torch_optim_sgd_on_the_same_batches():
    epochs = GOLDEN["sgd_orders"].shape[0]
    run = softmax_regression_sgd(
        X,
        LABELS,
        n_classes=W.shape[1],
        lr=float(GOLDEN["sgd_lr"]),
        epochs=epochs,
        batch_size=int(GOLDEN["sgd_batch_size"]),
        rng=np.random.default_rng(int(GOLDEN["sgd_seed"])),
    )
    np.testing.assert_allclose(run.W, GOLDEN["sgd_W"][-1], rtol=1e-12, atol=1e-14, err_msg="mine vs torch")
    np.testing.assert_allclose(run.b, GOLDEN["sgd_b"][-1], rtol=1e-12, atol=1e-14, err_msg="mine vs torch")
    np.testing.assert_allclose(run.history, GOLDEN["sgd_history"], rtol=1e-12, err_msg="mine vs torch")


def test_golden_batch_orders_are_the_permutations_minibatches_draws():
    rng = np.random.default_rng(int(GOLDEN["sgd_seed"]))
    for order in GOLDEN["sgd_orders"]:
        np.testing.assert_array_equal(rng.permutation(X.shape[0]), order)


# -- against independent formulas ---------------------------------------------------------


def test_probabilities_are_scipy_softmax_of_the_logits():
    mine = softmax_regression_predict_proba(X, W, B)
    np.testing.assert_allclose(mine, scipy_softmax(X @ W + B, axis=1), rtol=1e-14)


def test_loss_is_the_mean_negative_log_likelihood_of_the_labels():
    reference = -np.mean(scipy_log_softmax(X @ W + B, axis=1)[np.arange(len(LABELS)), LABELS])
    assert softmax_regression_loss(X, LABELS, W, B) == pytest.approx(reference, rel=1e-14)


def test_zero_parameters_give_log_of_the_number_of_classes():
    C = W.shape[1]
    loss = softmax_regression_loss(X, LABELS, np.zeros_like(W), np.zeros(C))
    assert loss == pytest.approx(np.log(C), rel=1e-15)


@pytest.mark.parametrize("kind", ["index", "prob"])
def test_gradients_match_finite_differences(kind):
    labels = LABELS if kind == "index" else PROB_LABELS
    grad_W, grad_b = softmax_regression_grad(X, labels, W, B)
    assert_matches_finite_differences(grad_W, lambda V: softmax_regression_loss(X, labels, V, B), W, "dL/dW")
    assert_matches_finite_differences(grad_b, lambda v: softmax_regression_loss(X, labels, W, v), B, "dL/db")


def test_gradient_rows_sum_to_zero():
    grad_W, grad_b = softmax_regression_grad(X, LABELS, W, B)
    np.testing.assert_allclose(grad_W.sum(axis=1), 0.0, atol=1e-15)
    assert abs(grad_b.sum()) < 1e-15


def test_two_classes_are_logistic_regression_with_the_difference_of_the_weights():
    W2, b2 = W[:, :2], B[:2]
    binary = (LABELS % 2).astype(int)
    w, b = W2[:, 1] - W2[:, 0], float(b2[1] - b2[0])
    assert softmax_regression_loss(X, binary, W2, b2) == pytest.approx(
        logistic_regression_loss(X, binary, w, b), rel=1e-13
    )
    grad_W, grad_b = softmax_regression_grad(X, binary, W2, b2)
    grad_w, grad_b_logistic = logistic_regression_grad(X, binary, w, b)
    # The two columns' gradients are opposite, and the class-1 column is logistic regression's.
    np.testing.assert_allclose(grad_W[:, 1], grad_w, rtol=1e-12)
    np.testing.assert_allclose(grad_W[:, 0], -grad_w, rtol=1e-12)
    assert grad_b[1] == pytest.approx(grad_b_logistic, rel=1e-12)


def test_two_class_sgd_follows_logistic_regression_sgd_at_twice_the_learning_rate():
    rng = np.random.default_rng(0)
    data = rng.normal(size=(40, 2))
    binary = (data[:, 0] + 0.3 * rng.normal(size=40) > 0).astype(int)
    W_fit, b_fit, history = softmax_regression_sgd(
        data, binary, n_classes=2, lr=0.1, epochs=5, batch_size=8, rng=np.random.default_rng(1)
    )
    w, b, logistic_history = logistic_regression_sgd(
        data, binary, lr=0.2, epochs=5, batch_size=8, rng=np.random.default_rng(1)
    )
    np.testing.assert_allclose(W_fit[:, 1] - W_fit[:, 0], w, rtol=1e-12)
    assert b_fit[1] - b_fit[0] == pytest.approx(b, rel=1e-12)
    np.testing.assert_allclose(history, logistic_history, rtol=1e-12)


def test_sgd_separates_well_separated_blobs():
    rng = np.random.default_rng(0)
    centres = np.array([[-3.0, 0.0], [3.0, 0.0], [0.0, 4.0]])
    labels = np.repeat(np.arange(3), 30)
    data = centres[labels] + 0.5 * rng.standard_normal((90, 2))
    W_fit, b_fit, history = softmax_regression_sgd(data, labels, n_classes=3, lr=0.5, epochs=30, batch_size=10, rng=rng)
    predicted = softmax_regression_predict_proba(data, W_fit, b_fit).argmax(axis=1)
    np.testing.assert_array_equal(predicted, labels)
    assert history[-1] < 0.1 * np.log(3)


def test_a_class_absent_from_the_labels_keeps_a_falling_score():
    labels = np.array([0, 1, 0, 1])
    data = np.array([[1.0], [-1.0], [2.0], [-2.0]])
    W_fit, b_fit, _ = softmax_regression_sgd(
        data, labels, n_classes=3, lr=0.1, epochs=5, batch_size=2, rng=np.random.default_rng(0)
    )
    assert W_fit.shape == (1, 3) and b_fit.shape == (3,)
    assert b_fit[2] < 0  # never the label, so its probability is only pushed down


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((X, LABELS, W[:2], B), "W must have 3 rows"),
        ((X, LABELS, W, B[:3]), r"b must have shape \(4,\)"),
        ((X[0], LABELS, W, B), "X must be a 2-D array"),
        ((X, LABELS[:5], W, B), r"labels must have shape \(13,\)"),
        ((X, np.full(13, 4), W, B), "class index 4"),
        ((X, LABELS, np.full_like(W, np.nan), B), "W contains NaN"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(args, message):
    with pytest.raises(ValueError, match=message):
        softmax_regression_loss(*args)
    with pytest.raises(ValueError, match=message):
        softmax_regression_grad(*args)


def test_float_class_indices_raise_type_error():
    with pytest.raises(TypeError, match="labels must be integer class indices"):
        softmax_regression_loss(X, LABELS.astype(float), W, B)


def test_logits_that_overflow_raise_instead_of_returning_nan():
    with pytest.raises(ValueError, match="logits X @ W \\+ b overflows"):
        softmax_regression_loss(X, LABELS, np.full_like(W, 1e308), B)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_classes": 1}, ValueError, "n_classes must be at least 2"),
        ({"n_classes": 3}, ValueError, r"class index 3, outside \[0, 3\)"),
        ({"lr": 0.0}, ValueError, "lr must be positive"),
        ({"epochs": 0}, ValueError, "epochs must be positive"),
        ({"batch_size": 1.5}, TypeError, "batch_size must be an integer"),
        ({"rng": 0}, TypeError, "rng must be a numpy.random.Generator"),
    ],
)
def test_sgd_bad_arguments_raise_naming_them(kwargs, error, message):
    settings = {"n_classes": 4, "lr": 0.1, "epochs": 1, "batch_size": 4, "rng": np.random.default_rng(0)}
    with pytest.raises(error, match=message):
        softmax_regression_sgd(X, LABELS, **{**settings, **kwargs})


def test_sgd_that_diverges_raises_naming_lr():
    with pytest.raises(ValueError, match=r"lr=1e\+306 makes gradient descent diverge in epoch 1"):
        softmax_regression_sgd(
            1e3 * X, LABELS, n_classes=4, lr=1e306, epochs=3, batch_size=13, rng=np.random.default_rng(0)
        )
