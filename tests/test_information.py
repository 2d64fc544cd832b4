"""Tests for :mod:`notes.information`.

References: ``scipy.stats.entropy`` (entropy and KL divergence, with ``base`` and ``axis``),
``scipy.special.entr``, and closed forms written out here (``math.log``). Properties
(Gibbs' inequality, the bounds on entropy, symmetry of binary entropy) are checked with
hypothesis.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from notes.information import (
    binary_entropy,
    cross_entropy,
    entropy,
    information_content,
    kl_divergence,
)

BASES = [None, 2, 10, math.e, 0.5]


def _random_distributions(
    rng: np.random.Generator, shape: tuple[int, ...], axis: int, zero_fraction: float = 0.3
) -> np.ndarray:
    """Random probability vectors along ``axis``, with some entries exactly 0."""
    x = rng.exponential(size=shape)
    x[rng.random(shape) < zero_fraction] = 0.0
    # Every vector needs a positive entry: force the first one along the axis.
    first = [slice(None)] * len(shape)
    first[axis] = 0
    x[tuple(first)] += 0.5
    return x / x.sum(axis=axis, keepdims=True)


def _random_case(seed: int) -> tuple[np.ndarray, np.ndarray, int]:
    """A seeded random shape (1 to 3 dims), an axis, and two batches of distributions."""
    rng = np.random.default_rng(seed)
    shape = tuple(int(n) for n in rng.integers(1, 6, size=rng.integers(1, 4)))
    axis = int(rng.integers(-len(shape), len(shape)))
    return _random_distributions(rng, shape, axis), _random_distributions(rng, shape, axis), axis


def _assert_close(mine, reference, what: str) -> None:
    np.testing.assert_allclose(mine, reference, rtol=1e-12, atol=1e-14, err_msg=f"{what}: mine vs reference")


@st.composite
def distributions(draw, min_size: int = 1, max_size: int = 8, allow_zeros: bool = True):
    """A probability vector, possibly with exact zeros (at least one entry positive)."""
    n = draw(st.integers(min_size, max_size))
    entry = st.floats(1e-3, 1.0)
    if allow_zeros:
        entry = st.one_of(st.just(0.0), entry)
    x = np.array(draw(st.lists(entry, min_size=n, max_size=n)))
    x[draw(st.integers(0, n - 1))] += 1e-3
    return x / x.sum()


@st.composite
def distribution_pairs(draw, q_has_zeros: bool = True):
    p = draw(distributions())
    q = draw(distributions(min_size=p.size, max_size=p.size, allow_zeros=q_has_zeros))
    return p, q


# -- agreement with scipy -----------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("base", BASES)
def test_entropy_matches_scipy_stats_entropy(seed, base):
    p, _, axis = _random_case(seed)
    _assert_close(
        entropy(p, base=base, axis=axis),
        scipy.stats.entropy(p, base=base, axis=axis),
        f"entropy(seed={seed}, base={base}, axis={axis})",
    )


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("base", BASES)
def test_kl_divergence_matches_scipy_stats_entropy(seed, base):
    p, q, axis = _random_case(seed)
    _assert_close(
        kl_divergence(p, q, base=base, axis=axis),
        scipy.stats.entropy(p, q, base=base, axis=axis),
        f"kl_divergence(seed={seed}, base={base}, axis={axis})",
    )


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("base", BASES)
def test_cross_entropy_matches_scipy_entropy_plus_kl(seed, base):
    p, q, axis = _random_case(seed)
    reference = scipy.stats.entropy(p, base=base, axis=axis) + scipy.stats.entropy(p, q, base=base, axis=axis)
    _assert_close(
        cross_entropy(p, q, base=base, axis=axis), reference, f"cross_entropy(seed={seed}, base={base}, axis={axis})"
    )


def test_random_cases_include_zeros_and_infinite_kl():
    """Guard the three tests above: the seeded cases must exercise 0 log 0 and q = 0 < p."""
    cases = [_random_case(seed) for seed in range(8)]
    assert any((p == 0).any() for p, _, _ in cases)
    assert any(np.isinf(scipy.stats.entropy(p, q, axis=axis)).any() for p, q, axis in cases)


@pytest.mark.parametrize("p", [0.0, 0.01, 0.3, 0.5, 0.77, 1.0])
def test_binary_entropy_matches_scipy_special_entr(p):
    reference = scipy.special.entr(p) + scipy.special.entr(1.0 - p)
    _assert_close(binary_entropy(p), reference, f"binary_entropy({p})")


# -- information content ------------------------------------------------------------------


@pytest.mark.parametrize("p", [1.0, 0.5, 0.25, 0.3, 1e-300])
def test_information_content_is_minus_log2_p_by_default(p):
    assert information_content(p) == pytest.approx(-math.log2(p), rel=1e-14, abs=0.0), (
        f"mine {information_content(p)!r} vs reference {-math.log2(p)!r}"
    )


def test_information_content_in_nats_is_minus_ln_p():
    p = np.array([0.9, 0.5, 0.01])
    _assert_close(information_content(p, base=None), [-math.log(x) for x in p], "information_content")


def test_information_content_of_impossible_outcome_is_infinite():
    assert information_content(0.0) == math.inf


def test_information_content_keeps_the_shape_of_p():
    assert information_content(np.full((2, 3), 0.5)).shape == (2, 3)


# -- properties ---------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(distribution_pairs())
def test_kl_divergence_is_nonnegative(pair):
    p, q = pair
    # Gibbs' inequality; the slack only absorbs rounding where q is p up to a few ulps.
    assert kl_divergence(p, q) >= -1e-12


@settings(max_examples=50, deadline=None)
@given(distribution_pairs())
def test_kl_divergence_is_cross_entropy_minus_entropy(pair):
    p, q = pair
    kl, ce, h = kl_divergence(p, q), cross_entropy(p, q), entropy(p)
    assert kl == pytest.approx(ce - h, rel=1e-9, abs=1e-12), f"KL {kl!r} vs CE - H {ce - h!r}"


@settings(max_examples=50, deadline=None)
@given(distributions())
def test_kl_divergence_of_a_distribution_from_itself_is_zero(p):
    assert kl_divergence(p, p) == 0.0


@settings(max_examples=50, deadline=None)
@given(distributions())
def test_entropy_is_at_most_log_n(p):
    assert entropy(p) <= math.log(p.size) + 1e-12


@pytest.mark.parametrize("n", [1, 2, 3, 7, 100])
def test_entropy_of_uniform_distribution_is_log_n(n):
    assert entropy(np.full(n, 1.0 / n)) == pytest.approx(math.log(n), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("n, hot", [(1, 0), (3, 0), (3, 2), (10, 4)])
def test_entropy_of_one_hot_distribution_is_zero(n, hot):
    p = np.zeros(n)
    p[hot] = 1.0
    assert entropy(p) == 0.0


@st.composite
def complementary_probabilities(draw):
    """``(p, q)`` with ``p + q == 1`` exactly, ``p`` anywhere in [0, 1], tiny ones too.

    ``1.0 - p`` is rounded when ``p < 1/2`` (``1 - 1.4e-10`` is not a float), so
    ``(p, 1.0 - p)`` is in general not a pair of complementary probabilities. But
    ``q = 1.0 - p`` lies in [1/2, 1] then, and ``1.0 - q`` is exact (Sterbenz's lemma): the
    pair ``(1.0 - q, q)`` is, and ``1.0 - q`` is within 2^-54 of the drawn ``p``.
    For ``p ≥ 1/2``, ``1.0 - p`` is exact already and the pair is ``(p, 1.0 - p)``.
    """
    q = 1.0 - draw(st.floats(0.0, 1.0))
    p = 1.0 - q
    assert Fraction(p) + Fraction(q) == 1, (p, q)
    return p, q


@settings(max_examples=50, deadline=None)
@given(complementary_probabilities())
def test_binary_entropy_is_symmetric(pair):
    # H(p) = H(1 - p) holds for reals; in floats it needs 1 - p to be exactly 1 - p, which
    # complementary_probabilities guarantees. Both sides then evaluate the same number,
    # each to a few ulps (log1p keeps log(1 - p) accurate for tiny p), so 1e-12 is ample.
    # p is 0 or at least 2^-53 here (1 - q for a float q in [1/2, 1]), so H is never
    # subnormal and no absolute tolerance is needed.
    p, q = pair
    assert binary_entropy(p) == pytest.approx(binary_entropy(q), rel=1e-12, abs=0.0)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.0, 1.0))
def test_binary_entropy_is_at_most_one_bit(p):
    assert binary_entropy(p, base=2) <= 1.0 + 1e-15


def test_binary_entropy_is_one_bit_at_one_half():
    assert binary_entropy(0.5, base=2) == pytest.approx(1.0, rel=1e-15)


@pytest.mark.parametrize("p", [0.0, 1.0])
def test_binary_entropy_is_zero_for_a_certain_outcome(p):
    assert binary_entropy(p) == 0.0


@settings(max_examples=50, deadline=None)
@given(st.floats(0.0, 1.0))
def test_binary_entropy_equals_entropy_of_two_outcomes(p):
    # [p, 1.0 - p] is off from [p, 1 - p] by the rounding of 1 - p, at most 2^-54, which
    # moves its entropy by at most |log q + 1| 2^-54 < 1e-16 (q ≥ 1/2 when 1 - p rounds):
    # below abs, also where H(p) is so small that rel alone would fail.
    assert binary_entropy(p) == pytest.approx(entropy([p, 1.0 - p]), rel=1e-9, abs=1e-15)


# -- units --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "function, args",
    [
        (entropy, ([0.1, 0.2, 0.7],)),
        (cross_entropy, ([0.1, 0.2, 0.7], [0.3, 0.3, 0.4])),
        (kl_divergence, ([0.1, 0.2, 0.7], [0.3, 0.3, 0.4])),
        (binary_entropy, (0.3,)),
        (information_content, (0.3,)),
    ],
)
def test_bits_are_nats_divided_by_ln_2(function, args):
    bits, nats = function(*args, base=2), function(*args, base=None)
    reference = nats / math.log(2)
    assert bits == pytest.approx(reference, rel=1e-14), f"mine {bits!r} vs nats/ln 2 {reference!r}"


# -- zeros and infinities -----------------------------------------------------------------


def test_cross_entropy_is_infinite_where_q_is_zero_and_p_is_not():
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf


def test_kl_divergence_is_infinite_where_q_is_zero_and_p_is_not():
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf


def test_zero_probability_in_both_p_and_q_contributes_nothing():
    p = [0.5, 0.5, 0.0]
    assert cross_entropy(p, p) == pytest.approx(math.log(2), rel=1e-15)


def test_one_hot_cross_entropy_is_minus_log_of_true_class_probability():
    p, q = [1.0, 0.0, 0.0], [0.7, 0.2, 0.1]
    assert cross_entropy(p, q) == pytest.approx(-math.log(0.7), rel=1e-15)


def test_one_hot_kl_divergence_equals_cross_entropy():
    p, q = [1.0, 0.0, 0.0], [0.7, 0.2, 0.1]
    assert kl_divergence(p, q) == pytest.approx(-math.log(0.7), rel=1e-15)


def test_kl_divergence_is_finite_for_subnormal_q():
    # p/q would overflow to inf; the true value is ln(1/1e-320) ≈ 736.8.
    assert kl_divergence([1.0, 0.0], [1e-320, 1.0]) == pytest.approx(-math.log(1e-320), rel=1e-12)


@pytest.mark.parametrize(
    "call",
    [
        lambda: entropy([1.0, 0.0]),
        lambda: cross_entropy([0.5, 0.5], [1.0, 0.0]),
        lambda: kl_divergence([0.0, 1.0], [1.0, 0.0]),
        lambda: binary_entropy([0.0, 1.0]),
        lambda: information_content([0.0, 1.0]),
    ],
)
def test_zero_probabilities_raise_no_warning(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = call()
    assert not np.isnan(result).any()


# -- return types -------------------------------------------------------------------------


def test_single_distribution_gives_a_python_float():
    assert type(entropy([0.5, 0.5])) is float


def test_batch_of_distributions_gives_an_array_without_the_axis():
    p = _random_distributions(np.random.default_rng(0), (2, 5, 3), axis=1)
    assert kl_divergence(p, p, axis=1).shape == (2, 3)


def test_scalar_probability_gives_a_python_float():
    assert type(binary_entropy(0.2)) is float


# -- bad input ----------------------------------------------------------------------------

GOOD = [0.25, 0.75]
REDUCTIONS = {
    "entropy": lambda p, **kw: entropy(p, **kw),
    "cross_entropy(p=...)": lambda p, **kw: cross_entropy(p, GOOD, **kw),
    "cross_entropy(q=...)": lambda q, **kw: cross_entropy(GOOD, q, **kw),
    "kl_divergence(p=...)": lambda p, **kw: kl_divergence(p, GOOD, **kw),
    "kl_divergence(q=...)": lambda q, **kw: kl_divergence(GOOD, q, **kw),
}


def _argument(label: str) -> str:
    return "q" if "q=" in label else "p"


@pytest.mark.parametrize("label", REDUCTIONS)
@pytest.mark.parametrize(
    "bad, problem",
    [
        ([-0.25, 1.25], "negative"),
        ([0.5, 0.6], "sum to 1"),
        ([np.nan, 1.0], "NaN"),
        ([np.inf, 0.0], "infinite"),
        (0.5, "at least one dimension"),
        (np.empty((2, 0)), "length 0"),
    ],
)
def test_distribution_rejects_bad_values_naming_the_argument(label, bad, problem):
    with pytest.raises(ValueError, match=rf"^{_argument(label)}\b.*{problem}"):
        REDUCTIONS[label](bad)


@pytest.mark.parametrize("label", REDUCTIONS)
@pytest.mark.parametrize("bad", [["a", "b"], "0.5", [[0.5], [0.25, 0.25]], [0.5 + 0j, 0.5]])
def test_distribution_rejects_non_numeric_input_naming_the_argument(label, bad):
    with pytest.raises(TypeError, match=rf"^{_argument(label)}\b"):
        REDUCTIONS[label](bad)


@pytest.mark.parametrize("function", [cross_entropy, kl_divergence])
def test_mismatched_shapes_are_rejected(function):
    with pytest.raises(ValueError, match=r"p and q must have the same shape"):
        function([0.5, 0.5], [0.25, 0.25, 0.5])


@pytest.mark.parametrize("function", [cross_entropy, kl_divergence])
def test_shapes_are_not_broadcast(function):
    with pytest.raises(ValueError, match=r"p and q must have the same shape"):
        function([[0.5, 0.5], [1.0, 0.0]], [0.5, 0.5])


@pytest.mark.parametrize("label", REDUCTIONS)
def test_axis_out_of_range_is_rejected(label):
    with pytest.raises(ValueError, match=r"axis=2 is out of range"):
        REDUCTIONS[label]([0.5, 0.5], axis=2)


@pytest.mark.parametrize("label", REDUCTIONS)
def test_non_integer_axis_is_rejected(label):
    with pytest.raises(TypeError, match=r"axis must be an integer"):
        REDUCTIONS[label]([0.5, 0.5], axis=1.0)


ALL_FUNCTIONS = {
    "information_content": lambda **kw: information_content(0.5, **kw),
    "binary_entropy": lambda **kw: binary_entropy(0.5, **kw),
    "entropy": lambda **kw: entropy(GOOD, **kw),
    "cross_entropy": lambda **kw: cross_entropy(GOOD, GOOD, **kw),
    "kl_divergence": lambda **kw: kl_divergence(GOOD, GOOD, **kw),
}


@pytest.mark.parametrize("name", ALL_FUNCTIONS)
@pytest.mark.parametrize(
    "base, problem",
    [
        (1, "must not be 1"),
        (1.0, "must not be 1"),
        (0, "must be positive"),
        (-2.0, "must be positive"),
        (math.nan, "must not be NaN"),
        (math.inf, "must be finite"),
    ],
)
def test_bad_base_is_rejected(name, base, problem):
    with pytest.raises(ValueError, match=rf"^base {problem}"):
        ALL_FUNCTIONS[name](base=base)


@pytest.mark.parametrize("name", ALL_FUNCTIONS)
@pytest.mark.parametrize("base", ["2", True, [2]])
def test_non_numeric_base_is_rejected(name, base):
    with pytest.raises(TypeError, match=r"^base must be a real number"):
        ALL_FUNCTIONS[name](base=base)


@pytest.mark.parametrize("function", [information_content, binary_entropy])
@pytest.mark.parametrize(
    "bad, error, problem",
    [
        (-0.1, ValueError, r"must lie in \[0, 1\]"),
        ([0.5, 1.5], ValueError, r"must lie in \[0, 1\]"),
        (np.nan, ValueError, "NaN"),
        (np.inf, ValueError, "infinite"),
        ("0.5", TypeError, "real numbers"),
    ],
)
def test_elementwise_probability_rejects_bad_values_naming_p(function, bad, error, problem):
    with pytest.raises(error, match=rf"^p .*{problem}"):
        function(bad)
