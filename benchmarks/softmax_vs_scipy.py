"""Time notes' softmax family against scipy.special on the same arrays, in the same run.

Goal (issue: the companion package): each ratio notes/scipy ≤ 0.67, i.e. at least 1.5×
faster, on float64 arrays of shape (1000, 1000) and (100000, 10), along the last axis.
Prints one line per function and shape; exits 1 if any ratio misses the goal.
"""

from __future__ import annotations

import sys
import timeit

import numpy as np
import scipy.special

from notes import activations

GOAL = 0.67
SHAPES = [(1000, 1000), (100000, 10)]
FUNCTIONS = ["softmax", "log_softmax", "logsumexp"]


def best_time(function, x, *, repeat: int = 15, number: int = 5) -> float:
    """Best time of one call, in seconds: the minimum is the least disturbed by other load."""
    return min(timeit.repeat(lambda: function(x, axis=-1), repeat=repeat, number=number)) / number


def main() -> int:
    rng = np.random.default_rng(0)
    missed = 0
    print(f"{'function':<12} {'shape':<12} {'notes ms':>9} {'scipy ms':>9} {'ratio':>6}  goal <= {GOAL}")
    for shape in SHAPES:
        x = rng.normal(scale=5.0, size=shape)
        for name in FUNCTIONS:
            ours, theirs = getattr(activations, name), getattr(scipy.special, name)
            np.testing.assert_allclose(ours(x), theirs(x, axis=-1), rtol=1e-12, atol=1e-300)
            t_ours, t_theirs = best_time(ours, x), best_time(theirs, x)
            ratio = t_ours / t_theirs
            missed += ratio > GOAL
            print(f"{name:<12} {str(shape):<12} {t_ours * 1e3:9.2f} {t_theirs * 1e3:9.2f} {ratio:6.2f}  "
                  f"{'ok' if ratio <= GOAL else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
