"""Exact references for logsumexp and log_softmax, in 80-digit decimal arithmetic.

Independent of NumPy: every float is converted to ``Decimal`` exactly, and ``Decimal``'s
``exp`` and ``ln`` are correctly rounded to the context's 80 digits, which is 63 digits
more than float64 keeps. The error bounds are those stated in the docstrings of
:func:`notes.activations.logsumexp` and :func:`notes.activations.log_softmax`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

DIGITS = 80
# z_j - m exactly: a float is a multiple of 2^-1074 below 2^1024, a decimal number of at
# most 1075 digits after the point and 309 before, so the difference fits in 1400 digits.
EXACT_DIFFERENCE_DIGITS = 1400
U = Decimal(2) ** -53  # unit roundoff of float64
# The relative error of NumPy's exp and log1p: up to 4 ulp (8u) for the AVX-512 (SVML)
# float64 functions NumPy uses where the CPU has them, under one ulp (2u) for glibc's.
# The bound is checked with the larger one, so that it holds on every machine.
EPSILON = 8 * U
# A term exp(z_j - m) or a result below 2^-1022 is subnormal: it carries an absolute error
# of up to 2^-1074 instead of a relative one.
TINY = Decimal(2) ** -1074
# Terms below e^-5000 change no float64 result: leave them out (Decimal would underflow).
NEGLIGIBLE = Decimal(-5000)


def _log1p(s: Decimal) -> Decimal:
    """log(1 + s) for s ≥ 0, to 80 digits also when 1 + s rounds to 1 at 80 digits."""
    if s < Decimal("1e-20"):
        return s - s * s / 2 + s * s * s / 3  # the next term, s⁴/4, is below 1e-80 s
    return (1 + s).ln()


@dataclass(frozen=True)
class ExactRow:
    """One row ``z``: the exact logsumexp, log_softmax, and the parts of their bounds."""

    n: int
    m: Decimal  # the maximum
    d: tuple[Decimal, ...]  # z_j - m, exactly (-1e400 for z_j = -inf)
    s: Decimal  # Σ_{j≠k} e^(z_j - m)
    log1p_s: Decimal  # log(1 + s)
    p: tuple[Decimal, ...]  # softmax(z)

    @property
    def logsumexp(self) -> Decimal:
        with localcontext(prec=DIGITS):
            return self.m + self.log1p_s

    def log_softmax(self, i: int) -> Decimal:
        with localcontext(prec=DIGITS):
            return self.d[i] - self.log1p_s

    def _common_bound(self) -> Decimal:
        """The terms the two bounds share: log1p, the sum and the rounding of z_j - m."""
        with localcontext(prec=DIGITS):
            return self._common_bound_digits()

    def _common_bound_digits(self) -> Decimal:
        one_minus_p_k = self.s / (1 + self.s)
        rounded_differences = sum((p * abs(d) for p, d in zip(self.p, self.d, strict=True)), Decimal(0))
        return (
            EPSILON * self.log1p_s
            + (EPSILON + (self.n - 1) * U) * one_minus_p_k
            + U * rounded_differences
            + (self.n + 1) * TINY
        )

    def logsumexp_bound(self) -> Decimal:
        """First-order bound on the absolute error of the computed logsumexp."""
        with localcontext(prec=DIGITS):
            return U * abs(self.logsumexp) + self._common_bound()

    def log_softmax_bound(self, i: int) -> Decimal:
        """First-order bound on the absolute error of the computed log_softmax, entry i."""
        with localcontext(prec=DIGITS):
            return U * (abs(self.log_softmax(i)) + abs(self.d[i])) + self._common_bound()


def exact_row(z: Sequence[float]) -> ExactRow:
    """The exact quantities of one row of finite floats or ``-inf``, not all ``-inf``."""
    with localcontext(prec=DIGITS):
        values = [float(v) for v in z]
        k = max(range(len(values)), key=lambda j: values[j])  # the first maximum
        if values[k] == -math.inf:
            raise ValueError("every entry is -inf: there is nothing finite to compare")
        m = Decimal(values[k])
        # -inf entries have e^(z_j - m) = 0 and p_j = 0; keep d finite for p_j |d_j|.
        with localcontext(prec=EXACT_DIFFERENCE_DIGITS):
            d = tuple(Decimal(v) - m if v != -math.inf else Decimal(-(10**400)) for v in values)
        terms = [dj.exp() if dj > NEGLIGIBLE else Decimal(0) for dj in d]
        s = sum((t for j, t in enumerate(terms) if j != k), Decimal(0))
        p = tuple(t / (1 + s) for t in terms)
        return ExactRow(n=len(values), m=m, d=d, s=s, log1p_s=_log1p(s), p=p)
