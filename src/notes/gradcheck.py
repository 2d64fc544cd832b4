"""Gradient checking: compare an analytic gradient with central differences.

A hand-derived backward pass is easy to get subtly wrong; the cure is to compare it, at a
few random points, with a numerical derivative that needs no derivation at all.

The checker must not lie: a difference quotient that would come out NaN, infinite or 0
only because of the floating-point format (a step below the spacing of the floats at
``x``, a point whose neighbours overflow, a function value that is NaN or infinite) raises
``ValueError`` naming the argument at fault instead of returning a wrong gradient.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ._validation import (
    as_float_array,
    as_returned_scalar,
    as_scalar,
    as_vector,
    check_not_masked,
    check_same_shape,
    check_shape_of,
)

__all__ = ["numerical_gradient", "numerical_hessian", "relative_error", "check_gradient"]


def numerical_gradient(f: Callable[[np.ndarray], float], x: ArrayLike, *, eps: float = 1e-6) -> np.ndarray:
    r"""Central-difference gradient of a scalar function ``f`` at ``x``.

    Derivation: :doc:`/network/gradient-checking`.

    .. math::

       \frac{\partial f}{\partial x_i} \approx
       \frac{f(x + h e_i) - f(x - h e_i)}{2h}

    with the step :math:`h` = ``eps``. The error of the central difference is
    :math:`O(h^2)`, against :math:`O(h)` for the one-sided :math:`(f(x + h e_i) - f(x))/h`;
    rounding adds about :math:`u\,|f|/h` (:math:`u` the unit roundoff), so the best step is
    of the order of :math:`u^{1/3}`, about ``5e-6`` in float64.

    The points :math:`x_i \pm h` are rounded to floats, so the step actually taken can
    differ from :math:`2h` (by up to half the spacing of the floats at :math:`x_i` on each
    side); the quotient divides by the step actually taken,
    :math:`\operatorname{fl}(x_i + h) - \operatorname{fl}(x_i - h)`, not by :math:`2h`.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns a real scalar, finite at every
        :math:`x \pm h e_i`.
    x : array_like
        The point; any shape, finite, not a masked array. It is not modified: ``f`` sees a
        perturbed copy.
    eps : float, default 1e-6
        The step :math:`h`, positive and finite, at least the spacing of the floats at each
        entry of ``x`` (``numpy.spacing(abs(x))``, 2.0 at ``x = 1e16``).

    Returns
    -------
    numpy.ndarray
        Same shape as ``x``; every entry finite. An ``x`` with no entries gives an empty
        array without calling ``f``.

    Raises
    ------
    TypeError
        If ``f`` is not callable or returns something other than one real number, ``x`` is
        not an array of real numbers (or is masked), or ``eps`` is not a real number.
    ValueError
        If ``x`` is not finite; if ``eps`` is not positive and finite, or is below the
        spacing of the floats at some entry of ``x`` (the quotient would be 0); if
        :math:`x_i \pm h` overflows; if ``f`` returns NaN or :math:`\pm\infty`; or if the
        quotient itself overflows.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.gradcheck import numerical_gradient
    >>> x = np.array([1.0, -2.0])
    >>> numerical_gradient(lambda v: float(np.sum(v ** 2)), x).round(6).tolist()  # 2x
    [2.0, -4.0]
    >>> x.tolist()  # unchanged
    [1.0, -2.0]
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")

    def value(v: np.ndarray) -> np.ndarray:
        check_not_masked(result := f(v), "f(x)")
        return np.asarray(as_returned_scalar(result, "f"))

    return _central_differences(value, "f", x, eps)


def numerical_hessian(grad: Callable[[np.ndarray], ArrayLike], x: ArrayLike, *, eps: float = 1e-6) -> np.ndarray:
    r"""Central-difference Hessian of a function whose gradient ``grad`` is known, at ``x``.

    Derivation: :doc:`/landscapes/taylor-and-convexity`.

    Row :math:`i` is the central-difference gradient of the :math:`i`-th component of
    ``grad``:

    .. math::

       (\nabla^2 f)_{ij} = \frac{\partial^2 f}{\partial x_i \partial x_j} \approx
       \frac{g_i(x + h e_j) - g_i(x - h e_j)}{2h},
       \qquad g = \nabla f,

    with the step :math:`h` = ``eps``, rounded as in :func:`numerical_gradient` (the
    quotient divides by the step actually taken). ``grad`` is called twice per entry of
    ``x``. The result is not symmetrized: its asymmetry, of order :math:`h^2` plus
    rounding, shows how accurate the estimate is.

    Parameters
    ----------
    grad : callable
        Takes a 1-D array like ``x`` and returns the gradient there, an array of the same
        shape, finite at every :math:`x \pm h e_j`.
    x : array_like
        The point, a 1-D array of :math:`n` finite numbers, not masked. It is not modified.
    eps : float, default 1e-6
        The step :math:`h`: positive, finite, at least the spacing of the floats at each
        entry of ``x``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, n)``, every entry finite; ``(0, 0)`` for an empty ``x``.

    Raises
    ------
    TypeError
        If ``grad`` is not callable or returns something that is not an array of real
        numbers (or is masked); if ``x`` or ``eps`` is of the wrong type.
    ValueError
        If ``x`` is not a finite 1-D array; if ``grad`` returns the wrong shape, NaN or
        :math:`\pm\infty`; and every error of :func:`numerical_gradient` about ``eps`` and
        the quotient.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.gradcheck import numerical_hessian
    >>> # f(x, y) = x**2 * y has gradient (2xy, x**2) and Hessian [[2y, 2x], [2x, 0]]
    >>> grad = lambda v: np.array([2 * v[0] * v[1], v[0] ** 2])
    >>> numerical_hessian(grad, [1.0, 3.0]).round(6).tolist()
    [[6.0, 2.0], [2.0, 0.0]]
    """
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {type(grad).__name__}")
    check_not_masked(x, "x")
    point = as_vector(x, "x")

    def value(v: np.ndarray) -> np.ndarray:
        check_not_masked(result := grad(v), "grad(x)")
        return check_shape_of(as_float_array(result, "grad(x)", allow_nan=True), "grad(x)", point.shape, "x")

    # Row j of the differences is d g / d x_j, column j of the Hessian.
    return _central_differences(value, "grad", point, eps).reshape(point.size, point.size).T.copy()


def _central_differences(func: Callable[[np.ndarray], np.ndarray], what: str, x: ArrayLike, eps: object) -> np.ndarray:
    """Central differences of ``func`` (array-valued) at ``x``: shape ``x.shape + value shape``.

    ``what`` names the caller's function in messages. The step is checked against the
    spacing of the floats at each entry, and every value and quotient must be finite.
    """
    check_not_masked(x, "x")
    step = as_scalar(eps, "eps", positive=True, finite=True)
    point = as_float_array(x, "x", allow_inf=False).copy()
    flat_point = point.reshape(-1)
    rows = []
    for i in range(flat_point.size):
        where = _entry(point, i)
        original = float(flat_point[i])
        # Python floats: rounding as NumPy's, but an overflow gives inf without a warning.
        upper, lower = original + step, original - step
        if not (math.isfinite(upper) and math.isfinite(lower)):
            raise ValueError(f"x{where}={original!r} ± eps={step!r} leaves the float range")
        spacing = float(np.spacing(abs(original)))
        if step < spacing:
            raise ValueError(
                f"eps={step!r} is below the spacing of x{where}={original!r} ({spacing!r}); "
                "the difference quotient would be 0"
            )
        flat_point[i] = upper
        f_plus = func(point)
        flat_point[i] = lower
        f_minus = func(point)
        flat_point[i] = original
        for side, values in (("+", f_plus), ("-", f_minus)):
            if not np.isfinite(values).all():
                raise ValueError(f"{what} is not finite at x{where} {side} eps: got {values.tolist()!r}")
        with np.errstate(over="ignore", invalid="ignore"):
            quotient = (f_plus - f_minus) / (upper - lower)
        if not np.isfinite(quotient).all():
            raise ValueError(
                f"the difference quotient of {what} at x{where} overflows the float range "
                f"(its values differ by more than 1.8e308, or eps={step!r} is too small for them)"
            )
        rows.append(quotient)
    return np.array(rows).reshape(point.shape + (np.shape(rows[0]) if rows else ()))


def _entry(arr: np.ndarray, flat_index: int) -> str:
    """``"[3]"`` or ``"[1, 2]"``: the index of entry ``flat_index`` of ``arr``, for messages."""
    index = np.unravel_index(flat_index, arr.shape)
    return "[" + ", ".join(str(int(k)) for k in index) + "]"


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    r"""Largest elementwise relative difference between two arrays.

    Derivation: :doc:`/network/gradient-checking`.

    .. math::

       \max_i \frac{|a_i - b_i|}{\max(|a_i| + |b_i|,\ 10^{-12})}

    One number, the worst entry's. The floor in the denominator keeps the ratio finite
    where both entries are (close to) zero. A rule of thumb, not a guarantee, for float64
    gradients checked with a step of about ``1e-6``: about ``1e-7`` or less is right, around
    ``1e-4`` is suspicious, ``1e-2`` or more is wrong. :func:`check_gradient` fails above
    ``tol = 1e-6`` by default. Because the maximum is taken entry by entry, an entry many
    orders of magnitude smaller than the others can raise a false alarm: the numerical
    estimate of every entry carries an absolute rounding error of about :math:`u\,|f|/h`,
    which is large relative to a tiny entry even when the analytic gradient is right.

    Each ratio is computed after dividing :math:`a_i` and :math:`b_i` by the same power of
    two (an exact scaling) that brings the larger below 1, so :math:`a_i - b_i` and
    :math:`|a_i| + |b_i|` cannot overflow: the result is right to a few rounding errors over
    the whole float range (``relative_error([1e308], [-1e308])`` is 1.0, not NaN).

    Parameters
    ----------
    a, b : array_like
        Arrays of the same shape, finite, not masked.

    Returns
    -------
    float
        In :math:`[0, 1]`; 0.0 for empty arrays.

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not an array of real numbers, or is masked.
    ValueError
        If they differ in shape or contain NaN or :math:`\pm\infty`.

    Examples
    --------
    >>> from notes.gradcheck import relative_error
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> round(relative_error([1.0], [1.1]), 4)
    0.0476
    """
    check_not_masked(a, "a")
    check_not_masked(b, "b")
    left = as_float_array(a, "a", allow_inf=False)
    right = as_float_array(b, "b", allow_inf=False)
    check_same_shape(left, right, "a", "b")
    return _relative_error(left, right)


#: The floor of the denominator of :func:`relative_error`.
_RELATIVE_ERROR_FLOOR = 1e-12


def _relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """:func:`relative_error` of two finite float64 arrays of one shape, already checked."""
    if a.size == 0:
        return 0.0
    # Scale entry i by 2**-k_i, k_i >= 0 the exponent of max(|a_i|, |b_i|): exact, and it
    # leaves entries below 1 (where nothing can overflow) as they are.
    _, exponent = np.frexp(np.maximum(np.abs(a), np.abs(b)))
    shift = -np.maximum(exponent, 0)
    with np.errstate(under="ignore"):  # a much smaller entry may lose digits it does not need
        a_scaled, b_scaled = np.ldexp(a, shift), np.ldexp(b, shift)
        floor = np.ldexp(_RELATIVE_ERROR_FLOOR, shift)
    ratio = np.abs(a_scaled - b_scaled) / np.maximum(np.abs(a_scaled) + np.abs(b_scaled), floor)
    return float(np.max(ratio))


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad_f: Callable[[np.ndarray], ArrayLike],
    x: ArrayLike,
    *,
    eps: float = 1e-6,
    tol: float = 1e-6,
) -> float:
    r"""Assert that ``grad_f(x)`` matches :func:`numerical_gradient` of ``f`` at ``x``.

    Derivation: :doc:`/network/gradient-checking`.

    Passes when :math:`\operatorname{relative\_error}(\nabla f(x), \hat g(x)) \le \text{tol}`,
    where :math:`\hat g` is the central-difference estimate. The default ``tol = 1e-6`` is
    ten times the ``1e-7`` that the rule of thumb of :func:`relative_error` reads as right;
    a failure caused only by entries much smaller than the rest can be a false alarm (see
    :func:`relative_error`).

    Parameters
    ----------
    f : callable
        Scalar function of an array shaped like ``x``.
    grad_f : callable
        Its claimed gradient, returning a finite array shaped like ``x``.
    x : array_like
        Where to check: finite, not masked.
    eps : float, default 1e-6
        The finite-difference step :math:`h` (see :func:`numerical_gradient`).
    tol : float, default 1e-6
        Largest acceptable :func:`relative_error`, positive and finite.

    Returns
    -------
    float
        The relative error (so a caller can report it).

    Raises
    ------
    AssertionError
        If the relative error exceeds ``tol``; the message shows both gradients.
    TypeError
        If ``f`` or ``grad_f`` is not callable, or ``grad_f`` returns something that is
        not an array of real numbers (or is masked); and every ``TypeError`` of
        :func:`numerical_gradient`.
    ValueError
        If ``tol`` is not positive and finite, ``grad_f(x)`` has the wrong shape or is not
        finite; and every ``ValueError`` of :func:`numerical_gradient` (naming ``f``,
        ``x`` or ``eps``).

    Examples
    --------
    >>> import numpy as np
    >>> from notes.gradcheck import check_gradient
    >>> x = np.array([0.5, -1.5])
    >>> check_gradient(lambda v: float(np.sum(np.sin(v))), np.cos, x) < 1e-8
    True
    """
    tol = as_scalar(tol, "tol", positive=True, finite=True)
    if not callable(grad_f):
        raise TypeError(f"grad_f must be callable, got {type(grad_f).__name__}")
    check_not_masked(x, "x")
    x = as_float_array(x, "x", allow_inf=False)
    numeric = numerical_gradient(f, x, eps=eps)
    check_not_masked(claimed := grad_f(x.copy()), "grad_f(x)")
    analytic = check_shape_of(as_float_array(claimed, "grad_f(x)", allow_inf=False), "grad_f(x)", x.shape, "x")
    error = _relative_error(analytic, numeric)
    if error > tol:
        raise AssertionError(
            f"gradient check failed: relative error {error:.3g} > tol {tol:.3g}\n"
            f"analytic:  {analytic!r}\nnumerical: {numeric!r}"
        )
    return error
