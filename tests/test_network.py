"""Tests for notes.network: hand-derived backward passes against central differences and
against the textbook formulas written out here; XOR as the task that needs a hidden layer."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notes.gradcheck import check_gradient
from notes.network import (
    MLP,
    multi_output_perceptron_forward,
    multi_output_perceptron_grad,
    multi_output_perceptron_loss,
    perceptron_forward,
    perceptron_grad,
    perceptron_loss,
)
from notes.regression import logistic_regression_sgd
from support.checks import assert_matches_finite_differences

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0.0, 1.0, 1.0, 0.0])

seeds = st.integers(min_value=0, max_value=2**32 - 1)


def logistic(z):
    """The sigmoid written out, independently of notes.activations."""
    return 1.0 / (1.0 + np.exp(-z))


# -- single perceptron --------------------------------------------------------------------


def test_perceptron_forward_is_sigmoid_of_affine_score():
    x, w, b = np.array([0.5, -1.0, 2.0]), np.array([1.0, 0.3, -0.2]), 0.1
    mine = perceptron_forward(x, w, b)
    reference = logistic(0.5 * 1.0 + (-1.0) * 0.3 + 2.0 * (-0.2) + 0.1)
    assert mine == pytest.approx(reference, rel=1e-14), f"mine {mine} vs reference {reference}"


def test_perceptron_loss_is_half_the_squared_error():
    x, w, b, t = np.array([1.0, 2.0]), np.array([0.4, -0.1]), 0.3, 1.0
    o = logistic(0.4 - 0.2 + 0.3)
    assert perceptron_loss(x, t, w, b) == pytest.approx(0.5 * (o - t) ** 2, rel=1e-14)


def test_perceptron_grad_equals_the_textbook_formula():
    rng = np.random.default_rng(0)
    x, w, b, t = rng.normal(size=5), rng.normal(size=5), 0.7, 0.2
    o = logistic(w @ x + b)
    # dE/dw_j = (o - t) o (1 - o) x_j, dE/db = (o - t) o (1 - o): the classic derivation.
    expected_w = np.array([(o - t) * o * (1 - o) * x[j] for j in range(5)])
    expected_b = (o - t) * o * (1 - o)
    grad_w, grad_b = perceptron_grad(x, t, w, b)
    np.testing.assert_allclose(grad_w, expected_w, rtol=1e-12, err_msg="mine vs reference")
    assert grad_b == pytest.approx(expected_b, rel=1e-12), f"mine {grad_b} vs ref {expected_b}"


def test_perceptron_grad_on_a_batch_is_the_sum_of_per_example_gradients():
    rng = np.random.default_rng(1)
    X, w, b, t = rng.normal(size=(6, 3)), rng.normal(size=3), -0.4, rng.uniform(size=6)
    o = logistic(X @ w + b)
    delta = (o - t) * o * (1 - o)
    grad_w, grad_b = perceptron_grad(X, t, w, b)
    np.testing.assert_allclose(grad_w, sum(delta[i] * X[i] for i in range(6)), rtol=1e-12, err_msg="mine vs reference")
    assert grad_b == pytest.approx(delta.sum(), rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 6), m=st.integers(1, 8), seed=seeds)
def test_perceptron_grad_matches_numerical_gradient(n, m, seed):
    rng = np.random.default_rng(seed)
    X, w, b, t = rng.normal(size=(m, n)), rng.normal(size=n), rng.normal(), rng.uniform(size=m)
    grad_w, grad_b = perceptron_grad(X, t, w, b)
    assert_matches_finite_differences(grad_w, lambda v: perceptron_loss(X, t, v, b), w, "dE/dw")
    assert_matches_finite_differences([grad_b], lambda v: perceptron_loss(X, t, w, v[0]), [b], "dE/db")


def test_perceptron_grad_passes_check_gradient():
    X, t = np.array([[1.0, -0.5], [0.3, 2.0], [-1.2, 0.7]]), np.array([1.0, 0.0, 0.5])
    w, b = np.array([0.4, -0.6]), 0.2
    error = check_gradient(
        lambda v: perceptron_loss(X, t, v[:2], v[2]),
        lambda v: np.append(*perceptron_grad(X, t, v[:2], v[2])),
        np.append(w, b),
    )
    assert error < 1e-7


# -- multi-output perceptron --------------------------------------------------------------


def test_multi_output_perceptron_grad_equals_the_textbook_formula():
    rng = np.random.default_rng(2)
    n, K = 4, 3
    x, W, b = rng.normal(size=n), rng.normal(size=(n, K)), rng.normal(size=K)
    t = rng.uniform(size=K)
    o = np.array([logistic(sum(W[j, k] * x[j] for j in range(n)) + b[k]) for k in range(K)])
    # dE/dw_jk = (o_k - t_k) o_k (1 - o_k) x_j
    expected_W = np.array([[(o[k] - t[k]) * o[k] * (1 - o[k]) * x[j] for k in range(K)] for j in range(n)])
    expected_b = (o - t) * o * (1 - o)
    grad_W, grad_b = multi_output_perceptron_grad(x, t, W, b)
    np.testing.assert_allclose(grad_W, expected_W, rtol=1e-12, err_msg="mine vs reference")
    np.testing.assert_allclose(grad_b, expected_b, rtol=1e-12, err_msg="mine vs reference")


def test_multi_output_perceptron_with_one_output_is_the_single_perceptron():
    rng = np.random.default_rng(3)
    X, w, b, t = rng.normal(size=(5, 3)), rng.normal(size=3), 0.25, rng.uniform(size=5)
    grad_W, grad_b = multi_output_perceptron_grad(X, t[:, None], w[:, None], np.array([b]))
    grad_w, grad_b_single = perceptron_grad(X, t, w, b)
    np.testing.assert_allclose(grad_W[:, 0], grad_w, rtol=1e-12)
    assert grad_b[0] == pytest.approx(grad_b_single, rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 5), K=st.integers(1, 4), m=st.integers(1, 6), seed=seeds)
def test_multi_output_perceptron_grad_matches_numerical_gradient(n, K, m, seed):
    rng = np.random.default_rng(seed)
    X, W, b = rng.normal(size=(m, n)), rng.normal(size=(n, K)), rng.normal(size=K)
    t = rng.uniform(size=(m, K))
    grad_W, grad_b = multi_output_perceptron_grad(X, t, W, b)
    assert_matches_finite_differences(grad_W, lambda v: multi_output_perceptron_loss(X, t, v, b), W, "dE/dW")
    assert_matches_finite_differences(grad_b, lambda v: multi_output_perceptron_loss(X, t, W, v), b, "dE/db")


def test_multi_output_perceptron_forward_on_one_example_has_one_output_per_column():
    out = multi_output_perceptron_forward([1.0, 2.0], np.zeros((2, 3)), np.zeros(3))
    assert out.tolist() == [0.5, 0.5, 0.5]


# -- the multi-layer network --------------------------------------------------------------


def hand_forward(params, X):
    """Forward pass written out independently: a = σ(a W + b), layer after layer."""
    a = X
    for W, b in zip(params[::2], params[1::2], strict=True):
        a = logistic(a @ W + b)
    return a


def test_mlp_forward_matches_a_hand_written_forward_pass():
    rng = np.random.default_rng(4)
    net = MLP([3, 5, 4, 2], rng=np.random.default_rng(0))
    X = rng.normal(size=(7, 3))
    np.testing.assert_allclose(net.forward(X), hand_forward(net.params, X), rtol=1e-14, err_msg="mine vs reference")


def test_mlp_loss_is_the_mean_squared_error_over_all_outputs():
    rng = np.random.default_rng(5)
    net = MLP([3, 4, 2], rng=np.random.default_rng(0))
    X, y = rng.normal(size=(6, 3)), rng.uniform(size=(6, 2))
    reference = np.sum((hand_forward(net.params, X) - y) ** 2) / (6 * 2)
    assert net.loss(X, y) == pytest.approx(reference, rel=1e-13)


@settings(max_examples=40, deadline=None)
@given(sizes=st.lists(st.integers(1, 5), min_size=2, max_size=4), m=st.integers(1, 6), seed=seeds)
def test_mlp_backward_matches_numerical_gradient(sizes, m, seed):
    rng = np.random.default_rng(seed)
    net = MLP(sizes, rng=rng)
    # Weights of order 1, not the small initial ones: the check must exercise saturation too.
    net.set_flat_params(rng.normal(size=net.get_flat_params().size))
    X, y = rng.normal(size=(m, sizes[0])), rng.uniform(size=(m, sizes[-1]))
    theta, analytic = net.get_flat_params(), net.flat_gradient(X, y)

    def loss_at(point):
        net.set_flat_params(point)
        return net.loss(X, y)

    assert_matches_finite_differences(analytic, loss_at, theta, f"dE/dtheta of MLP({sizes})")


def test_mlp_backward_passes_check_gradient_on_all_parameters_at_once():
    rng = np.random.default_rng(8)
    net = MLP([3, 5, 4, 2], rng=rng)
    X, y = rng.normal(size=(10, 3)), rng.uniform(size=(10, 2))

    def loss_at(theta):
        net.set_flat_params(theta)
        return net.loss(X, y)

    def grad_at(theta):
        net.set_flat_params(theta)
        return net.flat_gradient(X, y)

    assert check_gradient(loss_at, grad_at, net.get_flat_params()) < 1e-6


def test_mlp_backward_returns_one_gradient_per_parameter_with_its_shape():
    net = MLP([3, 4, 2], rng=np.random.default_rng(0))
    grads = net.backward(np.ones((5, 3)), np.zeros((5, 2)))
    assert [g.shape for g in grads] == [p.shape for p in net.params]


def test_set_flat_params_inverts_get_flat_params():
    net = MLP([2, 3, 1], rng=np.random.default_rng(0))
    theta = np.arange(13.0)
    net.set_flat_params(theta)
    np.testing.assert_array_equal(net.get_flat_params(), theta)


def test_set_flat_params_writes_into_the_existing_arrays():
    net = MLP([2, 3, 1], rng=np.random.default_rng(0))
    first_weights = net.params[0]
    net.set_flat_params(np.zeros(13))
    assert first_weights is net.params[0] and not first_weights.any()


def test_get_flat_params_returns_a_copy():
    net = MLP([2, 1], rng=np.random.default_rng(0))
    theta = net.get_flat_params()
    theta[:] = 123.0
    assert not np.any(net.get_flat_params() == 123.0)


def test_mlp_initialization_depends_only_on_the_generator():
    np.random.seed(1)
    first = MLP([2, 4, 1], rng=np.random.default_rng(7)).get_flat_params()
    np.random.seed(2)  # the global RNG must play no part
    second = MLP([2, 4, 1], rng=np.random.default_rng(7)).get_flat_params()
    np.testing.assert_array_equal(first, second)


def test_mlp_initial_hidden_weights_are_not_all_equal():
    weights = MLP([2, 4, 1], rng=np.random.default_rng(0)).params[0]
    assert len(np.unique(weights)) == weights.size  # random: the hidden units differ


def test_train_step_with_a_small_learning_rate_decreases_the_loss():
    rng = np.random.default_rng(6)
    net = MLP([3, 4, 2], rng=rng)
    X, y = rng.normal(size=(8, 3)), rng.uniform(size=(8, 2))
    before = net.train_step(X, y, lr=0.1)
    assert net.loss(X, y) < before


def test_fit_returns_the_loss_before_each_step():
    net = MLP([2, 3, 1], rng=np.random.default_rng(0))
    start = net.loss(XOR_X, XOR_Y)
    history = net.fit(XOR_X, XOR_Y, lr=1.0, epochs=5)
    assert history.shape == (5,) and history[0] == start


def test_predict_thresholds_the_output_at_one_half():
    net = MLP([1, 1], rng=np.random.default_rng(0))
    net.set_flat_params([1.0, 0.0])  # σ(x)
    assert net.predict([[-0.1], [0.0], [0.1]]).ravel().tolist() == [0, 1, 1]


def test_mlp_rejects_a_score_past_the_float_range():
    net = MLP([1, 1], rng=np.random.default_rng(0))
    net.set_flat_params([1e200, 0.0])
    with pytest.raises(ValueError, match="overflows the float range"):
        net.forward([[1e200]])


# -- XOR: a hidden layer is needed --------------------------------------------------------


def test_mlp_learns_xor():
    net = MLP([2, 4, 1], rng=np.random.default_rng(0))
    net.fit(XOR_X, XOR_Y, lr=5.0, epochs=5000)
    predictions = net.predict(XOR_X).ravel().tolist()
    assert predictions == [0, 1, 1, 0], f"outputs {net.forward(XOR_X).ravel()}"


@settings(max_examples=50, deadline=None)
@given(w1=st.floats(-1e3, 1e3), w2=st.floats(-1e3, 1e3), b=st.floats(-1e3, 1e3))
def test_no_affine_classifier_gets_all_of_xor_right(w1, w2, b):
    # For any affine score f, f(0,0) + f(1,1) = f(0,1) + f(1,0) (both are 2b + w1 + w2), so
    # f(0,1), f(1,0) > 0 >= f(0,0), f(1,1) is impossible: a sum of two positives would
    # equal a sum of two non-positives. Hence at most 3 of the 4 points are right.
    scores = XOR_X @ np.array([w1, w2]) + b
    assert scores[0] + scores[3] == pytest.approx(scores[1] + scores[2], abs=1e-9)
    assert np.sum((scores > 0) == (XOR_Y == 1)) <= 3


def test_least_squares_linear_fit_cannot_learn_xor():
    design = np.hstack([XOR_X, np.ones((4, 1))])
    coef, *_ = np.linalg.lstsq(design, XOR_Y, rcond=None)
    predictions = (design @ coef >= 0.5).astype(float)
    assert np.sum(predictions == XOR_Y) <= 3, f"least-squares outputs {design @ coef}"


def test_a_single_trained_perceptron_cannot_learn_xor():
    w, b = np.array([0.3, -0.2]), 0.1
    for _ in range(2000):
        grad_w, grad_b = perceptron_grad(XOR_X, XOR_Y, w, b)
        w, b = w - 1.0 * grad_w, b - 1.0 * grad_b
    assert np.sum((perceptron_forward(XOR_X, w, b) >= 0.5) == (XOR_Y == 1)) <= 3


def test_logistic_regression_cannot_exceed_75_percent_on_xor():
    w, b, _ = logistic_regression_sgd(XOR_X, XOR_Y, lr=0.5, epochs=200, batch_size=2, rng=np.random.default_rng(0))
    accuracy = np.mean(((XOR_X @ w + b) > 0) == (XOR_Y == 1))
    assert accuracy <= 0.75


# -- bad input ----------------------------------------------------------------------------


def test_perceptron_rejects_inputs_that_do_not_match_the_weights():
    with pytest.raises(ValueError, match=r"^x must have shape \(2,\) or \(m, 2\), one column per entry of w"):
        perceptron_forward([1.0, 2.0, 3.0], [1.0, 2.0], 0.0)


def test_perceptron_grad_rejects_a_target_of_the_wrong_shape():
    with pytest.raises(ValueError, match="t must have the shape of the output"):
        perceptron_grad([[1.0, 2.0], [3.0, 4.0]], [1.0, 0.0, 1.0], [1.0, 2.0], 0.0)


def test_perceptron_rejects_nan_input():
    with pytest.raises(ValueError, match="^x contains NaN"):
        perceptron_loss([np.nan, 1.0], 1.0, [1.0, 2.0], 0.0)


def test_multi_output_perceptron_rejects_one_dimensional_weights():
    with pytest.raises(ValueError, match="W must be a 2-D array"):
        multi_output_perceptron_forward([1.0], [1.0], [0.0])


def test_multi_output_perceptron_rejects_a_bias_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"b must have shape \(2,\)"):
        multi_output_perceptron_grad([1.0], [1.0, 0.0], [[1.0, 2.0]], [0.0])


def test_multi_output_perceptron_rejects_inputs_that_do_not_match_the_weights():
    with pytest.raises(ValueError, match=r"x must have shape \(1,\)"):
        multi_output_perceptron_loss([1.0, 2.0], [1.0, 0.0], [[1.0, 2.0]], [0.0, 0.0])


def test_multi_output_perceptron_rejects_targets_of_the_wrong_shape():
    with pytest.raises(ValueError, match="t must have the shape of the output"):
        multi_output_perceptron_loss([1.0], [1.0], [[1.0, 2.0]], [0.0, 0.0])


def test_mlp_needs_a_generator():
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        MLP([2, 1], rng=0)


def test_mlp_needs_at_least_two_layer_sizes():
    with pytest.raises(ValueError, match="layer_sizes needs at least"):
        MLP([2], rng=np.random.default_rng(0))


def test_mlp_rejects_a_non_positive_layer_size():
    with pytest.raises(ValueError, match="layer_sizes entry must be positive"):
        MLP([2, 0, 1], rng=np.random.default_rng(0))


def test_mlp_rejects_a_layer_sizes_string():
    with pytest.raises(TypeError, match="layer_sizes must be a sequence"):
        MLP("21", rng=np.random.default_rng(0))


def test_mlp_rejects_inputs_with_the_wrong_number_of_features():
    with pytest.raises(ValueError, match=r"X must be a 2-D array of shape \(m, 2\)"):
        MLP([2, 1], rng=np.random.default_rng(0)).forward(np.ones((3, 5)))


def test_mlp_rejects_an_empty_batch():
    with pytest.raises(ValueError, match="X is empty"):
        MLP([2, 1], rng=np.random.default_rng(0)).forward(np.ones((0, 2)))


def test_mlp_rejects_targets_with_the_wrong_shape():
    with pytest.raises(ValueError, match=r"y must have shape \(4, 2\)"):
        MLP([2, 2], rng=np.random.default_rng(0)).backward(XOR_X, XOR_Y)


def test_mlp_rejects_a_non_positive_learning_rate():
    with pytest.raises(ValueError, match="lr must be positive"):
        MLP([2, 1], rng=np.random.default_rng(0)).train_step(XOR_X, XOR_Y, lr=0.0)


def test_mlp_rejects_zero_epochs():
    with pytest.raises(ValueError, match="epochs must be positive"):
        MLP([2, 1], rng=np.random.default_rng(0)).fit(XOR_X, XOR_Y, lr=1.0, epochs=0)


def test_train_step_is_one_plain_gradient_step():
    net = MLP([2, 3, 1], rng=np.random.default_rng(0))
    before, grad = net.get_flat_params(), net.flat_gradient(XOR_X, XOR_Y)
    net.train_step(XOR_X, XOR_Y, lr=0.5)
    np.testing.assert_array_equal(net.get_flat_params(), before - 0.5 * grad)


def test_train_step_reports_divergence_and_leaves_the_parameters_unchanged():
    net = MLP([2, 1], rng=np.random.default_rng(0))
    before = net.get_flat_params()
    y = np.full(4, 1e3)  # far-off targets: gradients of order 100, a step of order 1e309
    with pytest.raises(ValueError, match=r"lr=1e\+307 makes gradient descent diverge: .* non-finite update"):
        net.train_step(XOR_X, y, lr=1e307)
    np.testing.assert_array_equal(net.get_flat_params(), before)


def test_set_flat_params_rejects_a_vector_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"theta must have shape \(3,\)"):
        MLP([2, 1], rng=np.random.default_rng(0)).set_flat_params(np.zeros(4))
