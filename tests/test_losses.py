"""Tests for :mod:`notes.losses`.

References: PyTorch 2.13 outputs and autograd gradients stored in
``tests/golden/losses_torch.npz`` (made by ``tests/golden/losses_torch.py``), finite
differences from :func:`notes.gradcheck.numerical_gradient`, ``scipy.special`` and formulas
written out by hand in the tests.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import scipy.special
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from notes.gradcheck import numerical_gradient
from notes.losses import (
    accuracy,
    binary_cross_entropy,
    binary_cross_entropy_grad,
    l1_loss,
    l1_loss_grad,
    l2_loss,
    l2_loss_grad,
    mse,
    mse_grad,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)
from support.checks import assert_matches_finite_differences

GOLDEN = np.load(Path(__file__).parent / "golden" / "losses_torch.npz")
RTOL = 1e-10


def assert_matches_torch(mine, torch_value, what, rtol=RTOL):
    np.testing.assert_allclose(
        mine, torch_value, rtol=rtol, atol=0, err_msg=f"{what}: mine (actual) vs torch (desired)"
    )


# -- strategies -----------------------------------------------------------------------------

moderate = st.floats(-10.0, 10.0, allow_nan=False, allow_infinity=False)
any_finite = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def same_shape_pair(draw, elements=moderate, min_dims=0):
    shape = draw(hnp.array_shapes(min_dims=min_dims, max_dims=3, min_side=1, max_side=4))
    return (
        draw(hnp.arrays(np.float64, shape, elements=elements)),
        draw(hnp.arrays(np.float64, shape, elements=elements)),
    )


@st.composite
def logits_and_labels(draw, elements=moderate):
    """Logits of shape (m, C) with index labels or probability-row labels."""
    m, n_classes = draw(st.integers(1, 4)), draw(st.integers(1, 5))
    logits = draw(hnp.arrays(np.float64, (m, n_classes), elements=elements))
    if draw(st.booleans()):
        labels = np.array(draw(st.lists(st.integers(0, n_classes - 1), min_size=m, max_size=m)))
    else:
        weights = draw(hnp.arrays(np.float64, (m, n_classes), elements=st.floats(0.01, 1.0)))
        labels = weights / weights.sum(axis=1, keepdims=True)
    return logits, labels


# -- against PyTorch ------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["ce", "ce_large"])
def test_softmax_cross_entropy_matches_torch_for_index_labels(case):
    mine = softmax_cross_entropy(GOLDEN[f"{case}_logits"], GOLDEN[f"{case}_labels"])
    assert_matches_torch(mine, GOLDEN[f"{case}_loss"], "F.cross_entropy")


@pytest.mark.parametrize("case", ["ce", "ce_large"])
def test_softmax_cross_entropy_grad_matches_torch_autograd_for_index_labels(case):
    mine = softmax_cross_entropy_grad(GOLDEN[f"{case}_logits"], GOLDEN[f"{case}_labels"])
    assert_matches_torch(mine, GOLDEN[f"{case}_grad"], "F.cross_entropy gradient")


def test_softmax_cross_entropy_matches_torch_for_probability_labels():
    mine = softmax_cross_entropy(GOLDEN["ce_prob_logits"], GOLDEN["ce_prob_labels"])
    assert_matches_torch(mine, GOLDEN["ce_prob_loss"], "F.cross_entropy (probabilities)")


def test_softmax_cross_entropy_grad_matches_torch_autograd_for_probability_labels():
    mine = softmax_cross_entropy_grad(GOLDEN["ce_prob_logits"], GOLDEN["ce_prob_labels"])
    assert_matches_torch(mine, GOLDEN["ce_prob_grad"], "F.cross_entropy gradient (probabilities)")


@pytest.mark.parametrize("case", ["bce", "bce_edge"])
def test_binary_cross_entropy_matches_torch(case):
    mine = binary_cross_entropy(GOLDEN[f"{case}_probs"], GOLDEN[f"{case}_labels"])
    assert_matches_torch(mine, GOLDEN[f"{case}_loss"], "F.binary_cross_entropy")


def test_binary_cross_entropy_grad_matches_torch_autograd():
    mine = binary_cross_entropy_grad(GOLDEN["bce_probs"], GOLDEN["bce_labels"])
    assert_matches_torch(mine, GOLDEN["bce_grad"], "F.binary_cross_entropy gradient")


def test_binary_cross_entropy_grad_floors_its_denominator_like_torch_at_0_and_1():
    mine = binary_cross_entropy_grad(GOLDEN["bce_edge_probs"], GOLDEN["bce_edge_labels"])
    # torch keeps its floor 1e-12 as a float32 (9.9999999600e-13): 4e-9 relative apart.
    assert_matches_torch(mine, GOLDEN["bce_edge_grad"], "F.binary_cross_entropy gradient", rtol=1e-8)


@pytest.mark.parametrize(
    ("loss", "torch_name"),
    [
        (mse, "mse_mean"),
        (l2_loss, "mse_sum"),
        (l1_loss, "l1_sum"),
    ],
)
def test_regression_loss_matches_torch(loss, torch_name):
    mine = loss(GOLDEN["reg_pred"], GOLDEN["reg_target"])
    assert_matches_torch(mine, GOLDEN[f"{torch_name}_loss"], f"{loss.__name__} vs {torch_name}")


@pytest.mark.parametrize(
    ("grad", "torch_name"),
    [
        (mse_grad, "mse_mean"),
        (l2_loss_grad, "mse_sum"),
        (l1_loss_grad, "l1_sum"),
    ],
)
def test_regression_loss_grad_matches_torch_autograd(grad, torch_name):
    mine = grad(GOLDEN["reg_pred"], GOLDEN["reg_target"])
    assert_matches_torch(mine, GOLDEN[f"{torch_name}_grad"], f"{grad.__name__} vs {torch_name}")


@pytest.mark.parametrize(("loss", "torch_mean"), [(l1_loss, "l1_mean"), (l2_loss, "mse_mean")])
def test_sum_losses_are_n_times_torch_default_mean(loss, torch_mean):
    n = GOLDEN["reg_pred"].size
    mine = loss(GOLDEN["reg_pred"], GOLDEN["reg_target"])
    assert_matches_torch(mine, n * GOLDEN[f"{torch_mean}_loss"], f"{loss.__name__} vs N * torch mean")


# -- gradients against finite differences ---------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(same_shape_pair())
def test_mse_grad_matches_finite_differences(pair):
    pred, target = pair
    assert_matches_finite_differences(mse_grad(pred, target), lambda p: mse(p, target), pred, "mse_grad")


@settings(max_examples=50, deadline=None)
@given(same_shape_pair())
def test_l2_loss_grad_matches_finite_differences(pair):
    pred, target = pair
    assert_matches_finite_differences(l2_loss_grad(pred, target), lambda p: l2_loss(p, target), pred, "l2_loss_grad")


@settings(max_examples=50, deadline=None)
@given(same_shape_pair())
def test_l1_loss_grad_matches_finite_differences_away_from_zero_error(pair):
    pred, target = pair
    assume(np.all(np.abs(pred - target) > 1e-3))  # |e| has a kink at e = 0
    assert_matches_finite_differences(l1_loss_grad(pred, target), lambda p: l1_loss(p, target), pred, "l1_loss_grad")


@settings(max_examples=50, deadline=None)
@given(same_shape_pair(elements=st.floats(0.01, 0.99)))
def test_binary_cross_entropy_grad_matches_finite_differences(pair):
    probs, labels = pair
    assert_matches_finite_differences(
        binary_cross_entropy_grad(probs, labels),
        lambda a: binary_cross_entropy(a, labels),
        probs,
        "binary_cross_entropy_grad",
        eps=1e-7,
    )


@settings(max_examples=50, deadline=None)
@given(logits_and_labels())
def test_softmax_cross_entropy_grad_matches_finite_differences(case):
    logits, labels = case
    assert_matches_finite_differences(
        softmax_cross_entropy_grad(logits, labels),
        lambda z: softmax_cross_entropy(z, labels),
        logits,
        "softmax_cross_entropy_grad",
    )


# -- regression losses: formulas and conventions --------------------------------------------


def test_mse_equals_hand_formula():
    rng = np.random.default_rng(0)
    pred, target = rng.standard_normal(7), rng.standard_normal(7)
    by_hand = math.fsum((a - y) ** 2 for a, y in zip(pred.tolist(), target.tolist(), strict=True)) / 7
    assert mse(pred, target) == pytest.approx(by_hand, rel=1e-14), "mine vs hand formula"


def test_mse_has_no_square_root_so_it_is_not_the_l2_norm():
    # errors (3, 4): MSE = (9 + 16) / 2 = 12.5, while the L2 norm is 5.
    assert mse([3.0, 4.0], [0.0, 0.0]) == 12.5


def test_l2_loss_is_the_squared_l2_norm_not_the_norm():
    # errors (3, 4): L2 loss = 9 + 16 = 25 = 5².
    assert l2_loss([3.0, 4.0], [0.0, 0.0]) == 25.0


def test_l1_loss_grad_is_zero_where_the_error_is_zero():
    assert l1_loss_grad([1.0, 2.0, 3.0], [1.0, 0.0, 5.0]).tolist() == [0.0, 1.0, -1.0]


@pytest.mark.parametrize("loss", [l1_loss, l2_loss])
def test_sum_losses_of_empty_input_are_zero(loss):
    assert loss(np.empty((0, 3)), np.empty((0, 3))) == 0.0


def test_mse_past_the_float_range_raises_naming_the_arguments():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"mse\(pred, target\) overflows the float range"):
            mse([1e200, 0.0], [-1e200, 0.0])  # exact: 2e400


def test_mse_of_errors_past_the_float_range_is_finite_when_the_mean_fits():
    # An error of 2e308 does not fit a float, but the gradient (2/4) * 2e308 = 1e308 does;
    # the square of an error of 2e154 does not fit (4e308), but its mean over 4 entries does.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grad = mse_grad([1e308, 0.0, 0.0, 0.0], [-1e308, 0.0, 0.0, 0.0])
        loss = mse([1e154, 0.0, 0.0, 0.0], [-1e154, 0.0, 0.0, 0.0])
    assert grad.tolist() == [float(Fraction(2, 4) * (Fraction(1e308) - Fraction(-1e308))), 0.0, 0.0, 0.0]
    assert loss == pytest.approx(float((Fraction(1e154) * 2) ** 2 / 4), rel=1e-15)


def _exact(pred, target):
    """Σe², Σ|e| and Σe²/m in exact rational arithmetic, e = pred - target."""
    pairs = zip(np.ravel(pred).tolist(), np.ravel(target).tolist(), strict=True)
    errors = [Fraction(a) - Fraction(y) for a, y in pairs]
    squares = sum((e * e for e in errors), Fraction(0))
    return {"l2_loss": squares, "l1_loss": sum((abs(e) for e in errors), Fraction(0)), "mse": squares / len(errors)}


# Found by Hypothesis: the |e| sum to the largest float plus about half its spacing, which
# rounds exactly to infinity, while a loss that rounds a few times may land on the largest float.
_EDGE_OF_THE_FLOAT_RANGE = (
    np.zeros((2, 3)),
    np.array([[np.finfo(np.float64).max, 1.99584031e291, 1.99584031e291], [1.99584031e291] * 3]),
)


@settings(max_examples=100, deadline=None)
@given(same_shape_pair(elements=any_finite))
@example(_EDGE_OF_THE_FLOAT_RANGE)
def test_regression_losses_are_exact_to_rounding_or_raise_past_the_float_range(pair):
    pred, target = pair
    # Within a few roundings per entry; terms below 2**-1022 of the largest one are scaled
    # into subnormals and carry an absolute error of 2**-1074 in its units.
    rel = (pred.size + 2) * 2.3e-16
    largest = Fraction(np.finfo(np.float64).max)
    for name, exact in _exact(pred, target).items():
        loss = {"mse": mse, "l1_loss": l1_loss, "l2_loss": l2_loss}[name]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            if exact > largest * (1 + Fraction(rel)):  # past the float range by more than the roundings
                with pytest.raises(ValueError, match=rf"{name}\(pred, target\) overflows"):
                    loss(pred, target)
                continue
            if exact >= largest * (1 - Fraction(rel)):  # at the edge, the roundings decide
                try:
                    mine = loss(pred, target)
                except ValueError as error:
                    assert f"{name}(pred, target) overflows" in str(error)
                    continue
                assert abs(Fraction(mine) - exact) <= Fraction(rel) * exact, f"{name}: mine {mine}"
                continue
            mine = loss(pred, target)
        assert mine == pytest.approx(float(exact), rel=rel, abs=5e-324), f"{name}: mine {mine}"


# -- binary cross-entropy -------------------------------------------------------------------


def test_binary_cross_entropy_equals_hand_formula():
    rng = np.random.default_rng(1)
    probs, labels = rng.uniform(0.05, 0.95, 6), rng.uniform(0.0, 1.0, 6)
    by_hand = (
        -math.fsum(
            y * math.log(a) + (1 - y) * math.log(1 - a) for a, y in zip(probs.tolist(), labels.tolist(), strict=True)
        )
        / 6
    )
    assert binary_cross_entropy(probs, labels) == pytest.approx(by_hand, rel=1e-13), "mine vs hand formula"


@pytest.mark.parametrize(("probs", "labels"), [([0.0], [1.0]), ([1.0], [0.0])])
def test_binary_cross_entropy_clamps_log_at_minus_100_for_confident_wrong_predictions(probs, labels):
    assert binary_cross_entropy(probs, labels) == 100.0


def test_binary_cross_entropy_of_confident_right_predictions_is_zero():
    assert binary_cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0


def test_binary_cross_entropy_grad_through_sigmoid_is_prediction_minus_label():
    from notes.activations import sigmoid, sigmoid_grad

    rng = np.random.default_rng(2)
    z, y = rng.standard_normal(5), rng.integers(0, 2, 5).astype(float)
    chained = binary_cross_entropy_grad(sigmoid(z), y) * sigmoid_grad(z)
    np.testing.assert_allclose(
        chained, (scipy.special.expit(z) - y) / 5, rtol=1e-12, err_msg="mine (chain rule) vs (expit(z) - y) / m"
    )


# -- softmax cross-entropy ------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_softmax_cross_entropy_is_mean_negative_log_softmax_at_the_label(seed):
    rng = np.random.default_rng(seed)
    m, n_classes = rng.integers(1, 8, size=2)
    logits = 5.0 * rng.standard_normal((m, n_classes))
    labels = rng.integers(0, n_classes, size=m)
    reference = -np.mean(scipy.special.log_softmax(logits, axis=1)[np.arange(m), labels])
    assert softmax_cross_entropy(logits, labels) == pytest.approx(reference, rel=1e-12), "mine vs scipy log_softmax"


@pytest.mark.parametrize("seed", range(5))
def test_softmax_cross_entropy_with_probability_rows_is_mean_cross_entropy(seed):
    rng = np.random.default_rng(seed)
    m, n_classes = rng.integers(1, 8, size=2)
    logits = 5.0 * rng.standard_normal((m, n_classes))
    labels = rng.dirichlet(np.ones(n_classes), size=m)
    reference = -np.mean(np.sum(labels * scipy.special.log_softmax(logits, axis=1), axis=1))
    assert softmax_cross_entropy(logits, labels) == pytest.approx(reference, rel=1e-12), "mine vs scipy log_softmax"


def _one_hot(labels, n_classes):
    return np.eye(n_classes)[labels]


def test_softmax_cross_entropy_of_index_labels_equals_that_of_one_hot_rows():
    rng = np.random.default_rng(3)
    logits, labels = rng.standard_normal((6, 4)), rng.integers(0, 4, 6)
    assert softmax_cross_entropy(logits, labels) == softmax_cross_entropy(logits, _one_hot(labels, 4))


def test_softmax_cross_entropy_grad_of_index_labels_equals_that_of_one_hot_rows():
    rng = np.random.default_rng(4)
    logits, labels = rng.standard_normal((6, 4)), rng.integers(0, 4, 6)
    np.testing.assert_array_equal(
        softmax_cross_entropy_grad(logits, labels), softmax_cross_entropy_grad(logits, _one_hot(labels, 4))
    )


def test_softmax_cross_entropy_grad_is_softmax_minus_targets_over_m():
    rng = np.random.default_rng(5)
    logits, labels = rng.standard_normal((3, 5)), rng.dirichlet(np.ones(5), size=3)
    reference = (scipy.special.softmax(logits, axis=1) - labels) / 3
    np.testing.assert_allclose(
        softmax_cross_entropy_grad(logits, labels),
        reference,
        rtol=1e-12,
        atol=1e-17,
        err_msg="mine vs (softmax - Y) / m",
    )


@settings(max_examples=50, deadline=None)
@given(logits_and_labels(elements=any_finite))
def test_softmax_cross_entropy_grad_rows_sum_to_zero(case):
    logits, labels = case
    grad = softmax_cross_entropy_grad(logits, labels)
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-12, err_msg="mine vs 0")


def test_softmax_cross_entropy_is_finite_where_log_of_softmax_is_not():
    # softmax([0, -1000])[1] underflows to 0, so log(softmax) gives inf; the loss is 1000.
    assert softmax_cross_entropy([[0.0, -1000.0]], [1]) == pytest.approx(1000.0, rel=1e-15)


def test_softmax_cross_entropy_ignores_zero_weight_class_whose_log_probability_underflows():
    # log_softmax([1e308, -1e308])[1] is -inf; its weight 0 must give 0, not 0 * -inf = NaN.
    assert softmax_cross_entropy([[1e308, -1e308]], [[1.0, 0.0]]) == 0.0


def test_softmax_cross_entropy_mean_does_not_overflow_when_the_sum_would():
    # Each example costs 1.7e308, so their sum overflows but their mean does not.
    logits = [[1e308, -7e307], [1e308, -7e307]]
    assert softmax_cross_entropy(logits, [1, 1]) == pytest.approx(1.7e308, rel=1e-15)


@settings(max_examples=50, deadline=None)
@given(logits_and_labels(elements=any_finite))
def test_softmax_cross_entropy_never_warns_or_returns_nan_for_finite_logits(case):
    logits, labels = case
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = softmax_cross_entropy(logits, labels)
    assert loss >= 0, f"mine: {loss}"  # NaN fails this too


# -- accuracy -------------------------------------------------------------------------------


def test_accuracy_counts_rows_whose_argmax_is_the_label():
    scores = [[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]
    assert accuracy(scores, [1, 1, 1, 0]) == 3 / 4


def test_accuracy_is_the_same_for_logits_and_their_softmax():
    rng = np.random.default_rng(6)
    logits, labels = rng.standard_normal((20, 3)), rng.integers(0, 3, 20)
    assert accuracy(logits, labels) == accuracy(scipy.special.softmax(logits, axis=1), labels)


def test_accuracy_with_probability_rows_uses_their_most_probable_class():
    scores = [[2.0, 1.0, 0.0], [0.0, 1.0, 2.0]]
    labels = [[0.7, 0.2, 0.1], [0.6, 0.3, 0.1]]
    assert accuracy(scores, labels) == 0.5


def test_accuracy_has_zero_gradient_so_it_cannot_be_trained_on():
    rng = np.random.default_rng(7)
    logits, labels = rng.standard_normal((8, 3)), rng.integers(0, 3, 8)
    numeric = numerical_gradient(lambda z: accuracy(z, labels), logits)
    assert np.all(numeric == 0.0), f"mine: {numeric}"


# -- errors ---------------------------------------------------------------------------------

REGRESSION = [mse, mse_grad, l1_loss, l1_loss_grad, l2_loss, l2_loss_grad]


@pytest.mark.parametrize("fn", REGRESSION)
@pytest.mark.parametrize(
    ("pred", "target", "error", "match"),
    [
        ([1.0, 2.0], [1.0, 2.0, 3.0], ValueError, r"pred and target must have the same shape"),
        ([1.0, np.nan], [1.0, 2.0], ValueError, r"pred contains NaN"),
        ([1.0, 2.0], [np.nan, 2.0], ValueError, r"target contains NaN"),
        ([1.0, np.inf], [1.0, 2.0], ValueError, r"pred contains an infinite value"),
        ([1.0, 2.0], [1.0, -np.inf], ValueError, r"target contains an infinite value"),
        (["a", "b"], [1.0, 2.0], TypeError, r"pred must contain real numbers"),
        ([1.0, 2.0], "ab", TypeError, r"target must contain real numbers"),
    ],
)
def test_regression_losses_reject_bad_input(fn, pred, target, error, match):
    with pytest.raises(error, match=match):
        fn(pred, target)


@pytest.mark.parametrize("fn", [mse, mse_grad])
def test_mse_rejects_an_empty_batch(fn):
    with pytest.raises(ValueError, match=r"pred is empty"):
        fn([], [])


@pytest.mark.parametrize("fn", [binary_cross_entropy, binary_cross_entropy_grad])
@pytest.mark.parametrize(
    ("probs", "labels", "error", "match"),
    [
        ([0.5, 1.5], [0.0, 1.0], ValueError, r"probs must lie in \[0, 1\], got 1\.5"),
        ([-0.1, 0.5], [0.0, 1.0], ValueError, r"probs must lie in \[0, 1\]"),
        ([0.5, 0.5], [0.0, 2.0], ValueError, r"labels must lie in \[0, 1\], got 2\.0"),
        ([0.5, np.nan], [0.0, 1.0], ValueError, r"probs contains NaN"),
        ([0.5, 0.5], [np.nan, 1.0], ValueError, r"labels contains NaN"),
        ([0.5, 0.5], [0.0, 1.0, 1.0], ValueError, r"probs and labels must have the same shape"),
        ([], [], ValueError, r"probs is empty"),
        (["a"], [1.0], TypeError, r"probs must contain real numbers"),
        ([0.5], ["1"], TypeError, r"labels must contain real numbers"),
    ],
)
def test_binary_cross_entropy_rejects_bad_input(fn, probs, labels, error, match):
    with pytest.raises(error, match=match):
        fn(probs, labels)


LOGITS = [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]


@pytest.mark.parametrize("fn", [softmax_cross_entropy, softmax_cross_entropy_grad])
@pytest.mark.parametrize(
    ("logits", "labels", "error", "match"),
    [
        ([1.0, 2.0, 3.0], [0], ValueError, r"logits must be a 2-D array of shape \(m, C\)"),
        (np.empty((0, 3)), np.empty(0, dtype=int), ValueError, r"logits is empty"),
        (np.empty((2, 0)), [0, 0], ValueError, r"logits is empty"),
        ([[1.0, np.nan]], [0], ValueError, r"logits contains NaN"),
        ([[1.0, -np.inf]], [0], ValueError, r"logits contains an infinite value"),
        ([["a", "b"]], [0], TypeError, r"logits must contain real numbers"),
        (LOGITS, [0, 3], ValueError, r"labels has class index 3, outside \[0, 3\)"),
        (LOGITS, [-1, 0], ValueError, r"labels has class index -1"),
        (LOGITS, [0.5, 1.0], TypeError, r"labels must be integer class indices"),
        (LOGITS, [True, False], TypeError, r"labels must be integer class indices"),
        (LOGITS, ["0", "1"], TypeError, r"labels must be integer class indices"),
        (LOGITS, [0, 1, 2], ValueError, r"labels must have shape \(2,\)"),
        (LOGITS, [[0.5, 0.5, 0.5], [1.0, 0.0, 0.0]], ValueError, r"labels must sum to 1"),
        (LOGITS, [[1.5, -0.5, 0.0], [1.0, 0.0, 0.0]], ValueError, r"labels has a negative"),
        (LOGITS, [[np.nan, 1.0, 0.0], [1.0, 0.0, 0.0]], ValueError, r"labels contains NaN"),
        (LOGITS, [[0.5, 0.5], [1.0, 0.0]], ValueError, r"labels as probability rows must have the shape of logits"),
        (LOGITS, [[[1.0, 0.0, 0.0]]], ValueError, r"labels must be class indices of shape"),
        (LOGITS, [[1.0, 0.0, 0.0], [1.0]], TypeError, r"labels must be an array of numbers"),
    ],
)
def test_softmax_cross_entropy_rejects_bad_input(fn, logits, labels, error, match):
    with pytest.raises(error, match=match):
        fn(logits, labels)


@pytest.mark.parametrize(
    ("scores", "labels", "error", "match"),
    [
        ([0.1, 0.9], [1], ValueError, r"scores must be a 2-D array of shape \(m, C\)"),
        ([[0.1, np.nan]], [1], ValueError, r"scores contains NaN"),
        (np.empty((0, 2)), np.empty(0, dtype=int), ValueError, r"scores is empty"),
        ([[0.1, 0.9]], [2], ValueError, r"labels has class index 2"),
        ([[0.1, 0.9]], [0.5], TypeError, r"labels must be integer class indices"),
    ],
)
def test_accuracy_rejects_bad_input(scores, labels, error, match):
    with pytest.raises(error, match=match):
        accuracy(scores, labels)


@pytest.mark.parametrize(
    "call, partner",
    [
        (lambda: softmax_cross_entropy(np.zeros((2, 3)), [0, 1, 2]), "logits"),
        (lambda: softmax_cross_entropy_grad(np.zeros((2, 3)), [0, 1, 2]), "logits"),
        (lambda: accuracy(np.zeros((2, 3)), [0, 1, 2]), "scores"),
    ],
)
def test_labels_of_the_wrong_length_are_blamed_with_the_array_they_must_match(call, partner):
    with pytest.raises(
        ValueError, match=rf"^labels must have shape \(2,\), one class index per row of {partner}, got \(3,\)$"
    ):
        call()


def test_softmax_cross_entropy_is_finite_where_a_log_probability_overflows_but_the_loss_does_not():
    # log q_2 = z_2 - LSE(z) is below -1.8e308, yet the loss, half of -log q_1 - log q_2, is
    # (z_1 - z_2) / 2 (LSE(z) = z_1 here, exactly in floats).
    z_1, z_2 = 1.79769313e308, -9.97920155e291
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = softmax_cross_entropy(np.array([[z_1, z_2]]), np.array([[0.5, 0.5]]))
    assert np.isclose(loss, z_1 / 2 - z_2 / 2, rtol=1e-15)
