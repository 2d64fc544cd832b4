"""Tests for :mod:`notes.init`.

References: the variances as published, written out here (LeCun 1/fan_in; Glorot and
Bengio 2/(fan_in + fan_out), uniform bound sqrt(6/(fan_in + fan_out)); He 2/fan_in), and
the distributions themselves via ``scipy.stats.kstest``. Tolerances on the sample variance
are five standard errors of the sample variance, computed from the fourth moment of each
distribution, on large draws from fixed seeds.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats

from notes.init import he_normal, lecun_normal, xavier_normal, xavier_uniform

FAN_IN, FAN_OUT = 300, 500  # 150 000 weights a draw
INITIALIZERS = [lecun_normal, xavier_uniform, xavier_normal, he_normal]

#: The variance each initializer must have, straight from the papers.
PUBLISHED_VARIANCE = {
    lecun_normal: lambda fan_in, fan_out: 1.0 / fan_in,
    xavier_uniform: lambda fan_in, fan_out: 2.0 / (fan_in + fan_out),
    xavier_normal: lambda fan_in, fan_out: 2.0 / (fan_in + fan_out),
    he_normal: lambda fan_in, fan_out: 2.0 / fan_in,
}
NORMALS = [lecun_normal, xavier_normal, he_normal]


def _variance_standard_error(variance: float, n: int, *, uniform: bool) -> float:
    """Standard error of the sample variance: sqrt((mu4 - sigma^4) / n)."""
    # Fourth central moment: 3 sigma^4 for a Gaussian, r^4/5 = 9 sigma^4 / 5 for U(-r, r).
    fourth_moment = (9.0 / 5.0 if uniform else 3.0) * variance**2
    return math.sqrt((fourth_moment - variance**2) / n)


@pytest.mark.parametrize("initializer", INITIALIZERS)
@pytest.mark.parametrize("fan_in, fan_out", [(1, 1), (3, 7), (64, 10)])
def test_initializer_returns_fan_in_by_fan_out(initializer, fan_in, fan_out):
    W = initializer(fan_in, fan_out, np.random.default_rng(0))
    assert W.shape == (fan_in, fan_out) and W.dtype == np.float64


@pytest.mark.parametrize("initializer", INITIALIZERS)
def test_initializer_sample_variance_matches_the_published_formula(initializer):
    W = initializer(FAN_IN, FAN_OUT, np.random.default_rng(1234))
    expected = PUBLISHED_VARIANCE[initializer](FAN_IN, FAN_OUT)
    tolerance = 5 * _variance_standard_error(expected, W.size, uniform=initializer is xavier_uniform)
    mine = W.var(ddof=1)
    assert abs(mine - expected) < tolerance, f"variance mine {mine:.6g} vs formula {expected:.6g}"


@pytest.mark.parametrize("initializer", INITIALIZERS)
def test_initializer_has_zero_mean(initializer):
    W = initializer(FAN_IN, FAN_OUT, np.random.default_rng(99))
    standard_error = math.sqrt(PUBLISHED_VARIANCE[initializer](FAN_IN, FAN_OUT) / W.size)
    assert abs(W.mean()) < 5 * standard_error, f"mean {W.mean():.3g}"


@pytest.mark.parametrize("initializer", NORMALS)
def test_normal_initializer_draws_from_the_published_gaussian(initializer):
    W = initializer(FAN_IN, FAN_OUT, np.random.default_rng(7))
    std = math.sqrt(PUBLISHED_VARIANCE[initializer](FAN_IN, FAN_OUT))
    result = scipy.stats.kstest(W.ravel(), scipy.stats.norm(loc=0.0, scale=std).cdf)
    assert result.pvalue > 1e-3, f"KS statistic {result.statistic:.4g}, p = {result.pvalue:.3g}"


def test_xavier_uniform_draws_from_the_published_uniform():
    W = xavier_uniform(FAN_IN, FAN_OUT, np.random.default_rng(7))
    bound = math.sqrt(6.0 / (FAN_IN + FAN_OUT))
    result = scipy.stats.kstest(W.ravel(), scipy.stats.uniform(loc=-bound, scale=2 * bound).cdf)
    assert result.pvalue > 1e-3, f"KS statistic {result.statistic:.4g}, p = {result.pvalue:.3g}"


@pytest.mark.parametrize("fan_in, fan_out", [(1, 1), (10, 3), (300, 500)])
def test_xavier_uniform_stays_within_its_bound(fan_in, fan_out):
    W = xavier_uniform(fan_in, fan_out, np.random.default_rng(3))
    bound = math.sqrt(6.0 / (fan_in + fan_out))
    assert np.abs(W).max() <= bound, f"max |W| {np.abs(W).max()} > bound {bound}"


def test_xavier_uniform_fills_its_bound():
    W = xavier_uniform(FAN_IN, FAN_OUT, np.random.default_rng(3))
    bound = math.sqrt(6.0 / (FAN_IN + FAN_OUT))
    assert np.abs(W).max() > 0.999 * bound


@pytest.mark.parametrize("initializer", INITIALIZERS)
def test_initializer_is_reproducible_from_the_generator_seed(initializer):
    first = initializer(4, 5, np.random.default_rng(42))
    np.random.seed(0)  # the legacy global seed must play no part
    second = initializer(4, 5, np.random.default_rng(42))
    np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("initializer", INITIALIZERS)
@pytest.mark.parametrize("rng", [np.random.RandomState(0), 0, None])
def test_initializer_rejects_anything_but_a_generator(initializer, rng):
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        initializer(3, 4, rng)


@pytest.mark.parametrize("initializer", INITIALIZERS)
@pytest.mark.parametrize(
    "fan_in, fan_out, error, message",
    [
        (0, 4, ValueError, "fan_in must be positive"),
        (3, -1, ValueError, "fan_out must be positive"),
        (2.5, 4, TypeError, "fan_in must be an integer"),
        (3, "4", TypeError, "fan_out must be a real number"),
        (True, 4, TypeError, "fan_in must be a real number"),
    ],
)
def test_initializer_rejects_bad_fans_naming_them(initializer, fan_in, fan_out, error, message):
    with pytest.raises(error, match=message):
        initializer(fan_in, fan_out, np.random.default_rng(0))


@pytest.mark.parametrize("init", [lecun_normal, xavier_uniform, xavier_normal, he_normal])
def test_a_shape_too_large_to_allocate_is_refused_naming_the_fans(init):
    with pytest.raises(ValueError, match=r"^fan_in × fan_out asks for an array of shape \(1099511627776, 2\)"):
        init(2**40, 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"^fan_in × fan_out asks for an array"):
        init(3, 10**400, np.random.default_rng(0))  # too large even to convert to a float
