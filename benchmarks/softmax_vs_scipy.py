"""Time notes' softmax family against scipy.special on the same arrays, in the same run.

Goal: each ratio notes/scipy ≤ 0.67, i.e. at least 1.5×
faster, on float64 arrays of shape (1000, 1000) and (100000, 10), along the last axis.
``make bench`` (``bench.py``) runs it with the other measurements.
"""

from __future__ import annotations

import timeit

import numpy as np
import scipy.special

from notes import activations

GOAL = 0.67
SHAPES = [(1000, 1000), (100000, 10)]
FUNCTIONS = ["softmax", "log_softmax", "logsumexp"]
# scipy.special.log_softmax takes the log of the rounded 1 + s, s the sum of the terms below
# the maximum: where the result is tiny (at the maximum of a row), it is off by up to about
# u = 1.1e-16 absolutely, which notes.activations.log_softmax avoids (log1p of s).
ATOL = {"log_softmax": 1e-15}


def best_time(function, x, *, repeat: int = 15, number: int = 5) -> float:
    """Best time of one call, in seconds: the minimum is the least disturbed by other load."""
    return min(timeit.repeat(lambda: function(x, axis=-1), repeat=repeat, number=number)) / number


def softmax_ratios() -> list[dict]:
    """One row per function and shape: both times (ms) and their ratio, results checked equal."""
    rng = np.random.default_rng(0)
    rows = []
    for shape in SHAPES:
        x = rng.normal(scale=5.0, size=shape)
        for name in FUNCTIONS:
            ours, theirs = getattr(activations, name), getattr(scipy.special, name)
            np.testing.assert_allclose(ours(x), theirs(x, axis=-1), rtol=1e-12, atol=ATOL.get(name, 1e-300))
            t_ours, t_theirs = best_time(ours, x), best_time(theirs, x)
            rows.append(
                {
                    "function": name,
                    "shape": "×".join(map(str, shape)),
                    "notes_ms": t_ours * 1e3,
                    "scipy_ms": t_theirs * 1e3,
                    "ratio": t_ours / t_theirs,
                }
            )
    return rows
