"""Assertions shared by the test modules."""

from __future__ import annotations

import numpy as np

from notes.gradcheck import numerical_gradient


def assert_matches_finite_differences(analytic, f, x, what, *, eps=1e-6):
    """Compare ``analytic`` with the central differences of ``f`` at ``x``.

    A central difference carries rounding noise of about ``|f(x)| * 1e-16 / eps``, so the
    absolute tolerance grows with ``|f(x)|``; a large loss cannot fail a zero gradient.
    """
    numeric = numerical_gradient(f, x, eps=eps)
    atol = 1e-8 * max(1.0, abs(float(f(x))))
    np.testing.assert_allclose(
        analytic, numeric, rtol=1e-5, atol=atol, err_msg=f"{what}: mine (actual) vs finite differences (desired)"
    )
