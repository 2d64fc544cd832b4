"""Time notes' softmax family against scipy.special on the same arrays, in the same run.

Goals, on float64 arrays of shape (1000, 1000) and (100000, 10), along the last axis:
each ratio notes/scipy ≤ 0.5 (at least twice as fast), and each function at most 4 passes
of ``np.exp``: its time divided by that of one ``np.exp`` over the same array, the floor
of any softmax (every entry is exponentiated once). ``make bench`` (``bench.py``) runs it
with the other measurements.
"""

from __future__ import annotations

import timeit
from collections.abc import Callable

import numpy as np
import scipy.special

from notes import activations

GOAL = 0.5
EXP_PASSES_GOAL = 4.0
SHAPES = [(1000, 1000), (100000, 10)]
FUNCTIONS = ["softmax", "log_softmax", "logsumexp"]
# scipy.special.log_softmax takes the log of the rounded 1 + s, s the sum of the terms below
# the maximum: where the result is tiny (at the maximum of a row), it is off by up to about
# u = 1.1e-16 absolutely, which notes.activations.log_softmax avoids (log1p of s).
ATOL = {"log_softmax": 1e-15}


def best_times(calls: dict[str, Callable[[], object]], *, rounds: int = 15, number: int = 5) -> dict[str, float]:
    """Best time of one call of each, in seconds, the calls taking turns round after round:
    the minimum is the least disturbed by other load, and taking turns spreads a burst of
    load over all of them instead of one."""
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(rounds):
        for name, call in calls.items():
            best[name] = min(best[name], timeit.timeit(call, number=number) / number)
    return best


def softmax_ratios() -> list[dict]:
    """One row per function and shape, results checked equal: both times (ms), their ratio,
    and the time in passes of ``np.exp`` over the same array (``exp_ms``, the floor)."""
    rng = np.random.default_rng(0)
    rows = []
    for shape in SHAPES:
        x = rng.normal(scale=5.0, size=shape)
        calls: dict[str, Callable[[], object]] = {"exp": lambda x=x: np.exp(x)}
        for name in FUNCTIONS:
            ours, theirs = getattr(activations, name), getattr(scipy.special, name)
            np.testing.assert_allclose(ours(x), theirs(x, axis=-1), rtol=1e-12, atol=ATOL.get(name, 1e-300))
            calls[f"notes.{name}"] = lambda f=ours, x=x: f(x, axis=-1)
            calls[f"scipy.{name}"] = lambda f=theirs, x=x: f(x, axis=-1)
        times = best_times(calls)
        for name in FUNCTIONS:
            t_ours, t_theirs = times[f"notes.{name}"], times[f"scipy.{name}"]
            rows.append(
                {
                    "function": name,
                    "shape": "×".join(map(str, shape)),
                    "notes_ms": t_ours * 1e3,
                    "scipy_ms": t_theirs * 1e3,
                    "ratio": t_ours / t_theirs,
                    "exp_ms": times["exp"] * 1e3,
                    "exp_passes": t_ours / times["exp"],
                }
            )
    return rows


if __name__ == "__main__":
    for row in softmax_ratios():
        print(
            f"{row['function']:<12} {row['shape']:<11} {row['ratio']:5.2f} of scipy "
            f"({row['notes_ms']:.2f} vs {row['scipy_ms']:.2f} ms), {row['exp_passes']:.2f} exp passes "
            f"(exp {row['exp_ms']:.2f} ms)"
        )
